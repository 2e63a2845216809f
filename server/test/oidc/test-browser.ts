// A browser as far as a sign-in needs one: cookies per host (path and expiry honoured, Max-Age=0 deletes), redirects
// followed by hand so that a test sees every hop, and the provider's dev login form filled in.

interface StoredCookie {
  value: string;
  path: string;
}

export interface Hop {
  url: URL;
  response: Response;
}

export class TestBrowser {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();

  /** One request, no redirect followed; cookies sent and stored like a browser would. */
  async request(url: URL | string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const cookie = this.cookieHeader(target);
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of response.headers.getSetCookie()) this.store(target, line);
    return response;
  }

  /**
   * Follows redirects from `start`, signing in as `account` at the provider's login form, until an answer that is
   * not a redirect or a redirect for `stopAt` to look at (which returns that hop without following it).
   */
  async walk(start: string, account: string, stopAt: (next: URL) => boolean = () => false): Promise<Hop> {
    let url = new URL(start);
    let response = await this.request(url);
    for (let hops = 0; hops < 20; hops++) {
      if (response.status >= 300 && response.status < 400) {
        const next = new URL(response.headers.get('location')!, url);
        if (stopAt(next) || next.hash.startsWith('#token=')) return { url: next, response };
        url = next;
        response = await this.request(url);
        continue;
      }
      if (response.status === 200 && /^\/interaction\/[^/]+$/.test(url.pathname)) {
        await response.text();
        response = await this.request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ prompt: 'login', login: account, password: 'any' }).toString(),
        });
        continue;
      }
      return { url, response };
    }
    throw new Error(`too many redirects from ${start}`);
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name)?.value;
  }

  private cookieHeader(url: URL): string {
    const cookies = this.jar.get(url.host);
    if (!cookies) return '';
    return [...cookies]
      .filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.replace(/\/?$/, '/')))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private store(url: URL, line: string): void {
    const [pair, ...attributes] = line.split(';').map((p) => p.trim());
    const index = pair!.indexOf('=');
    const name = pair!.slice(0, index);
    const value = pair!.slice(index + 1);
    const attribute = (key: string) =>
      attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const cookies = this.jar.get(url.host) ?? new Map<string, StoredCookie>();
    this.jar.set(url.host, cookies);
    const expires = attribute('expires');
    if (attribute('max-age') === '0' || (expires && new Date(expires).getTime() <= Date.now()) || !value) {
      cookies.delete(name);
      return;
    }
    cookies.set(name, { value, path: attribute('path') ?? '/' });
  }
}
