// How this host app authenticates: its own bearer token, never baked into the build.
const STORAGE_KEY = 'acme-console.hangar-token';

/**
 * A sign-in link (the server prints `/#token=…` on first start, like Jupyter) is stored and then removed from the
 * address bar so it does not linger in history; the fragment form never reaches a server log. `?token=` works
 * too. Later visits read the stored token.
 */
export function readToken(): string | null {
  const url = new URL(window.location.href);
  const fromHash = new URLSearchParams(url.hash.replace(/^#/, '')).get('token');
  const fromUrl = fromHash ?? url.searchParams.get('token');
  if (fromUrl) {
    localStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    if (fromHash) url.hash = '#/models';
    window.history.replaceState(null, '', url);
    return fromUrl;
  }
  return localStorage.getItem(STORAGE_KEY);
}

export function saveToken(token: string): void {
  localStorage.setItem(STORAGE_KEY, token);
}

export function forgetToken(): void {
  localStorage.removeItem(STORAGE_KEY);
}
