// Single sign-on against a real OpenID Connect provider (oidc-provider) in this process: the whole redirect dance
// through a cookie-keeping client, the token from the fragment on /graphql and on a WebSocket, the groups claim
// re-read at every sign-in, and each way a callback must be refused without creating anything.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../src/app/config.js';
import { createLogger } from '../src/core/logger.js';
import { OidcLoginState } from '../src/modules/sso/oidc-login-state.entity.js';
import { AccessToken } from '../src/modules/user/access-token.entity.js';
import { User } from '../src/modules/user/user.entity.js';
import { DATABASES, startTestServer, waitFor, type TestServer } from './harness.js';
import { TestBrowser } from './oidc/test-browser.js';
import { startTestProvider, type TestProvider } from './oidc/test-provider.js';

const VIEWER_QUERY = `{ viewer { name email role } }`;

describe.each(DATABASES)('OpenID Connect sign-in (%s)', (db) => {
  let provider: TestProvider;
  let server: TestServer;
  let hangar: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    provider = await startTestProvider();
    provider.accounts.set('alice', { email: 'alice@example.com', name: 'Alice Ng', groups: ['*:DEPLOYER'] });
    provider.accounts.set('bob', { email: 'bob@example.com', name: 'Bob', groups: ['engineering'] });
    const logs = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    server = await startTestServer({
      db,
      env: {
        HANGAR_OIDC_ISSUER: provider.issuer,
        HANGAR_OIDC_CLIENT_ID: provider.clientId,
        HANGAR_OIDC_CLIENT_SECRET: provider.clientSecret,
        HANGAR_OIDC_SCOPES: 'openid email profile groups',
        HANGAR_OIDC_NAME: 'Acme ID',
      },
      appOptions: { logger: createLogger('debug', logs) },
    });
    hangar = server.app.url;
    // The callback is the server's own (no HANGAR_PUBLIC_URL): http://localhost:<port>/auth/oidc/callback.
    provider.register(`http://localhost:${server.app.port}/auth/oidc/callback`);
  });

  afterAll(async () => {
    await server?.cleanup();
    await provider?.close();
  });

  /** Hangar's public URL is http://localhost:<port>; the browser reaches it as 127.0.0.1 in these tests. */
  const local = (url: URL) => new URL(url.href.replace('//localhost:', '//127.0.0.1:'));
  const isCallback = (url: URL) => url.pathname === '/auth/oidc/callback';

  async function counts() {
    const em = server.app.orm.em.fork();
    return { users: await em.count(User, {}), tokens: await em.count(AccessToken, {}) };
  }

  /** Everything up to the provider's redirect back to Hangar, which is returned unfollowed. */
  async function untilCallback(browser: TestBrowser, account: string, start = `${hangar}/auth/oidc/login`) {
    const hop = await browser.walk(start, account, isCallback);
    expect(isCallback(hop.url)).toBe(true);
    return local(hop.url);
  }

  async function signIn(account: string): Promise<string> {
    const browser = new TestBrowser();
    const callback = await untilCallback(browser, account);
    const answer = await browser.request(callback);
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location')!);
    expect(location.pathname).toBe('/');
    expect(location.search).toBe('');
    return decodeURIComponent(/^#token=(.+)$/.exec(location.hash)![1]!);
  }

  it('tells the dashboard that single sign-on is on, with the provider name and where to start', async () => {
    const response = await fetch(`${hangar}/auth/config`);
    expect(await response.json()).toEqual({
      sso: true,
      providerName: 'Acme ID',
      loginUrl: '/auth/oidc/login',
    });
  });

  it('signs in with PKCE and the token in the fragment, which works on /graphql as the user and role of the groups', async () => {
    const browser = new TestBrowser();
    const login = await browser.request(`${hangar}/auth/oidc/login`);
    expect(login.status).toBe(302);
    const authorize = new URL(login.headers.get('location')!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(login.headers.get('set-cookie')).toMatch(
      /^hangar_oidc_state=[\w-]+; Path=\/auth\/oidc; Max-Age=600; HttpOnly; SameSite=Lax$/,
    );

    const pendingBefore = await server.app.orm.em.fork().count(OidcLoginState, {});
    const token = await signIn('alice');
    expect(token).toMatch(/^hgr_pat_/);
    const me = await server.gql<{ viewer: { name: string; email: string; role: string } }>(
      VIEWER_QUERY,
      {},
      token,
    );
    expect(me.data.viewer).toEqual({ name: 'Alice Ng', email: 'alice@example.com', role: 'DEPLOYER' });

    const em = server.app.orm.em.fork();
    const user = await em.findOneOrFail(User, { oidcSubject: 'alice' });
    expect(user.oidcIssuer).toBe(provider.issuer);
    const stored = await em.findOneOrFail(AccessToken, { user: user.id });
    // Hashed at rest like a personal access token, with an end (12 hours by default).
    expect(stored.hash).not.toContain(token);
    expect(stored.expiresAt!.getTime() - Date.now()).toBeGreaterThan(11.9 * 3_600_000);
    expect(stored.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(12 * 3_600_000);
    // The sign-in is spent: nothing of it is left to replay (the one started above to look at is still pending).
    expect(await em.count(OidcLoginState, {})).toBe(pendingBefore);
    expect(logLines.join('')).not.toContain(token);
    expect(logLines.join('')).not.toContain(provider.clientSecret);
  });

  it('re-reads the groups at every sign-in: the same user, the new role', async () => {
    provider.accounts.get('alice')!.groups = ['*:ADMIN', 'acme:VIEWER'];
    const adminToken = await signIn('alice');
    const asAdmin = await server.gql<{ viewer: { role: string } }>(VIEWER_QUERY, {}, adminToken);
    expect(asAdmin.data.viewer.role).toBe('ADMIN');

    provider.accounts.get('alice')!.groups = ['acme:ADMIN', 'staff'];
    const plainToken = await signIn('alice');
    const asViewer = await server.gql<{ viewer: { role: string } }>(VIEWER_QUERY, {}, plainToken);
    // No `*:ROLE` any more: the instance role falls to VIEWER.
    expect(asViewer.data.viewer.role).toBe('VIEWER');
    expect(await server.app.orm.em.fork().count(User, { oidcSubject: 'alice' })).toBe(1);
  });

  it('signs a user into the projects their groups name, with those roles, and out of those they no longer name', async () => {
    const projectsOf = async (token: string) =>
      (
        await server.gql<{ projects: { slug: string; viewerRole: string }[] }>(
          `{ projects { slug viewerRole } }`,
          {},
          token,
        )
      ).data.projects;
    provider.accounts.get('alice')!.groups = ['acme:DEPLOYER', 'globex:viewer', 'staff'];
    const first = await signIn('alice');
    // Projects named for the first time are created, so a new tenant needs no set-up in Hangar.
    expect(await projectsOf(first)).toEqual([
      { slug: 'acme', viewerRole: 'DEPLOYER' },
      { slug: 'globex', viewerRole: 'VIEWER' },
    ]);
    provider.accounts.get('alice')!.groups = ['globex:ADMIN'];
    const second = await signIn('alice');
    expect(await projectsOf(second)).toEqual([{ slug: 'globex', viewerRole: 'ADMIN' }]);
    // Groups naming no project: the default project, with the instance role, as before projects existed.
    provider.accounts.get('alice')!.groups = ['*:DEPLOYER'];
    const third = await signIn('alice');
    expect(await projectsOf(third)).toEqual([{ slug: 'default', viewerRole: 'DEPLOYER' }]);
  });

  it('closes the WebSockets of a user whose sign-in changed their role (4403), so they reconnect under the new one', async () => {
    provider.accounts.get('alice')!.groups = ['*:DEPLOYER'];
    const token = await signIn('alice');
    const client = server.ws(token);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.on('closed', (event) => resolve(event as { code: number; reason: string })),
    );
    const before = server.app.live.subscriberCount;
    client.subscribe(
      { query: `subscription { modelsChanged { kind id } }` },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    await waitFor(async () => server.app.live.subscriberCount === before + 1, 10_000, 'the subscription');
    provider.accounts.get('alice')!.groups = ['*:ADMIN'];
    await signIn('alice');
    expect(await closed).toMatchObject({ code: 4403, reason: 'The user changed: reconnect' });
  });

  it('gives a user without any instance grant the VIEWER role', async () => {
    const token = await signIn('bob');
    const me = await server.gql<{ viewer: { role: string; name: string } }>(VIEWER_QUERY, {}, token);
    expect(me.data.viewer).toMatchObject({ name: 'Bob', role: 'VIEWER' });
  });

  it('answers 401 to an expired session token, and closes a WebSocket opened with one when it expires (4401)', async () => {
    const token = await signIn('bob');
    const em = server.app.orm.em.fork();
    const user = await em.findOneOrFail(User, { oidcSubject: 'bob' });
    const endsAt = Date.now() + 2_000;
    await em.nativeUpdate(AccessToken, { user: user.id, revokedAt: null }, { expiresAt: new Date(endsAt) });

    const client = server.ws(token);
    const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
      client.on('closed', (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolve({ code, reason, at: Date.now() });
      }),
    );
    const before = server.app.live.subscriberCount;
    client.subscribe(
      { query: `subscription { modelsChanged { kind id } }` },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    await waitFor(async () => server.app.live.subscriberCount === before + 1, 10_000, 'the subscription');
    const ended = await closed;
    expect(ended).toMatchObject({ code: 4401, reason: 'The sign-in session expired: sign in again' });
    expect(ended.at).toBeGreaterThanOrEqual(endsAt);

    const after = await server.gql(VIEWER_QUERY, {}, token);
    expect(after.status).toBe(401);
    expect(after.errors?.[0]).toMatchObject({
      message: 'This sign-in session expired: sign in again.',
      extensions: { code: 'UNAUTHENTICATED' },
    });

    // The next sign-in clears the user's expired session tokens.
    await signIn('bob');
    const fresh = server.app.orm.em.fork();
    expect(await fresh.count(AccessToken, { user: user.id, expiresAt: { $lte: new Date() } })).toBe(0);
    expect(await fresh.count(AccessToken, { user: user.id })).toBeGreaterThan(0);
  });

  it('refuses a callback whose state is not the browser cookie’s, or comes without the cookie', async () => {
    const browser = new TestBrowser();
    const callback = await untilCallback(browser, 'alice');
    const before = await counts();

    const forged = new URL(callback);
    forged.searchParams.set('state', 'attacker-chosen-state');
    const wrong = await browser.request(forged);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: 'BAD_STATE' } });

    const cookieless = await fetch(callback, { redirect: 'manual' });
    expect(cookieless.status).toBe(400);
    expect(await cookieless.json()).toMatchObject({ error: { code: 'BAD_STATE' } });
    expect(await counts()).toEqual(before);
  });

  it('refuses a replayed callback: the state works once', async () => {
    const browser = new TestBrowser();
    const callback = await untilCallback(browser, 'alice');
    const cookie = `hangar_oidc_state=${browser.cookie(new URL(hangar).host, 'hangar_oidc_state')}`;
    const first = await fetch(callback, { redirect: 'manual', headers: { cookie } });
    expect(first.status).toBe(302);
    const before = await counts();
    const replay = await fetch(callback, { redirect: 'manual', headers: { cookie } });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: { code: 'REPLAYED_STATE' } });
    expect(await counts()).toEqual(before);
  });

  it('refuses an expired sign-in (the provider took longer than 10 minutes to send the browser back)', async () => {
    const browser = new TestBrowser();
    const callback = await untilCallback(browser, 'alice');
    await server.app.orm.em
      .fork()
      .nativeUpdate(OidcLoginState, {}, { expiresAt: new Date(Date.now() - 1000) });
    const before = await counts();
    const late = await browser.request(callback, { headers: { accept: 'text/html' } });
    expect(late.status).toBe(400);
    // A browser gets a page that says what happened and how to go on.
    const page = await late.text();
    expect(page).toContain('data-code="EXPIRED_STATE"');
    expect(page).toContain('This sign-in took longer than 10 minutes: start again from the dashboard.');
    expect(page).toContain('Back to the dashboard');
    expect(await counts()).toEqual(before);
  });

  it('refuses an id_token whose nonce is not the one of this sign-in', async () => {
    const browser = new TestBrowser();
    const login = await browser.request(`${hangar}/auth/oidc/login`);
    const authorize = new URL(login.headers.get('location')!);
    // Another sign-in's authorization request (its nonce) answered into this browser's session.
    authorize.searchParams.set('nonce', 'nonce-of-another-sign-in');
    const callback = await untilCallback(browser, 'alice', authorize.href);
    const before = await counts();
    const refused = await browser.request(callback);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      error: { code: 'TOKEN_REFUSED', message: expect.stringMatching(/nonce/) },
    });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['audience', { aud: 'another-app' }, /aud/],
    ['issuer', { iss: 'https://evil.example.com' }, /iss/],
  ] as const)(
    'refuses an id_token for another %s, validly signed by the provider',
    async (_what, change, message) => {
      const browser = new TestBrowser();
      const callback = await untilCallback(browser, 'alice');
      const before = await counts();
      provider.tamperIdToken = (claims) => ({ ...claims, ...change });
      try {
        const refused = await browser.request(callback);
        expect(refused.status).toBe(401);
        expect(await refused.json()).toMatchObject({
          error: { code: 'TOKEN_REFUSED', message: expect.stringMatching(message) },
        });
      } finally {
        provider.tamperIdToken = null;
      }
      expect(await counts()).toEqual(before);
    },
  );

  it('refuses the provider’s own error (the user cancelled: access_denied) with its message', async () => {
    const browser = new TestBrowser();
    const hop = await browser.walk(`${hangar}/auth/oidc/login`, 'alice', (next) =>
      /^\/interaction\//.test(next.pathname),
    );
    // The dev login form's "Cancel": the provider redirects back with ?error=access_denied.
    const cancelled = await browser.walk(`${hop.url.href}/abort`, 'alice', isCallback);
    expect(cancelled.url.searchParams.get('error')).toBe('access_denied');
    const before = await counts();
    const refused = await browser.request(local(cancelled.url));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      error: {
        code: 'PROVIDER_ERROR',
        message: expect.stringContaining('Acme ID did not sign you in (access_denied'),
      },
    });
    expect(await counts()).toEqual(before);
  });
});

describe('with a provider that does not answer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      db: 'sqlite',
      // Nothing listens on port 9 (discard) here: discovery fails at once.
      env: { HANGAR_OIDC_ISSUER: 'http://127.0.0.1:9', HANGAR_OIDC_CLIENT_ID: 'hangar' },
    });
  });
  afterAll(async () => server?.cleanup());

  it('answers 502 naming the provider, and starts no sign-in', async () => {
    const login = await fetch(`${server.app.url}/auth/oidc/login`, { redirect: 'manual' });
    expect(login.status).toBe(502);
    expect(await login.json()).toMatchObject({
      error: {
        code: 'PROVIDER_UNREACHABLE',
        message: expect.stringContaining(
          '127.0.0.1:9 (http://127.0.0.1:9) did not answer its discovery document',
        ),
      },
    });
    expect(login.headers.get('set-cookie')).toBeNull();
    expect(await server.app.orm.em.fork().count(OidcLoginState, {})).toBe(0);
  });
});

describe('without single sign-on', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite' });
  });
  afterAll(async () => server?.cleanup());

  it('says so at /auth/config and answers 404 at the sign-in routes', async () => {
    expect(await (await fetch(`${server.app.url}/auth/config`)).json()).toEqual({ sso: false });
    const login = await fetch(`${server.app.url}/auth/oidc/login`, { redirect: 'manual' });
    expect(login.status).toBe(404);
    expect(await login.json()).toMatchObject({ error: { code: 'SSO_OFF' } });
  });
});

describe('single sign-on configuration', () => {
  it('is off without an issuer, needs a client id with one, and fills in the defaults', () => {
    expect(configFromEnv({}).oidc).toBeUndefined();
    expect(() => configFromEnv({ HANGAR_OIDC_ISSUER: 'https://id.acme.test' })).toThrow(
      'HANGAR_OIDC_ISSUER is set: set HANGAR_OIDC_CLIENT_ID too.',
    );
    expect(() => configFromEnv({ HANGAR_OIDC_ISSUER: 'id.acme.test', HANGAR_OIDC_CLIENT_ID: 'h' })).toThrow(
      /must be a URL/,
    );
    expect(
      configFromEnv({ HANGAR_OIDC_ISSUER: 'https://id.acme.test/realms/x', HANGAR_OIDC_CLIENT_ID: 'hangar' })
        .oidc,
    ).toEqual({
      issuer: 'https://id.acme.test/realms/x',
      clientId: 'hangar',
      clientSecret: undefined,
      redirectUrl: undefined,
      groupsClaim: 'groups',
      scopes: ['openid', 'email', 'profile'],
      providerName: 'id.acme.test',
      sessionHours: 12,
    });
    // `openid` is always asked, whatever the list says.
    const custom = configFromEnv({
      HANGAR_OIDC_ISSUER: 'https://id.acme.test',
      HANGAR_OIDC_CLIENT_ID: 'hangar',
      HANGAR_OIDC_SCOPES: 'email, groups',
      HANGAR_OIDC_GROUPS_CLAIM: 'roles',
      HANGAR_OIDC_SESSION_HOURS: '0.5',
    }).oidc;
    expect(custom).toMatchObject({
      scopes: ['openid', 'email', 'groups'],
      groupsClaim: 'roles',
      sessionHours: 0.5,
    });
  });
});
