import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/logger.js';
import type { HangarOrm } from '../../db/orm.js';
import type { RouteHandler } from '../../http/http-server.js';
import { LOGIN_STATE_SECONDS, SignInRefused, type OidcSignIn } from './oidc-sign-in.js';

export const AUTH_CONFIG_PATH = '/auth/config';
export const OIDC_LOGIN_PATH = '/auth/oidc/login';
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';
const STATE_COOKIE = 'hangar_oidc_state';

export interface SignInRouteParts {
  /** Null when single sign-on is off: `/auth/config` says so and the two other routes answer 404. */
  signIn: OidcSignIn | null;
  orm: HangarOrm;
  /** The dashboard, where a finished sign-in lands with its token in the fragment. */
  dashboardUrl: () => string;
  logger: Logger;
}

/** What the dashboard asks before showing its sign-in: whether to offer single sign-on, and where it starts. */
export interface AuthConfig {
  sso: boolean;
  providerName?: string;
  loginUrl?: string;
}

/**
 * The dashboard's single sign-on routes. The callback redirects to `<dashboard>/#token=…`: a fragment never
 * reaches a server, a proxy's access log or a Referer, and the dashboard removes it from the address bar.
 */
export function createSignInRoutes({ signIn, orm, dashboardUrl, logger }: SignInRouteParts): RouteHandler[] {
  const secure = () => dashboardUrl().startsWith('https:');
  return [
    (req, res) => {
      if (pathOf(req) !== AUTH_CONFIG_PATH || req.method !== 'GET') return false;
      const config: AuthConfig = signIn
        ? { sso: true, providerName: signIn.providerName, loginUrl: OIDC_LOGIN_PATH }
        : { sso: false };
      res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify(config));
      return true;
    },
    (req, res) => pathOf(req) === OIDC_LOGIN_PATH && req.method === 'GET' && login(req, res),
    (req, res) => pathOf(req) === OIDC_CALLBACK_PATH && req.method === 'GET' && callback(req, res),
  ];

  async function login(req: IncomingMessage, res: ServerResponse): Promise<true> {
    if (!signIn) return notEnabled(res);
    try {
      const { authorizationUrl, state } = await signIn.start(orm.em.fork());
      res
        .writeHead(302, {
          location: authorizationUrl,
          'set-cookie': stateCookie(state, LOGIN_STATE_SECONDS, secure()),
          'cache-control': 'no-store',
        })
        .end();
    } catch (error) {
      refuse(req, res, error, dashboardUrl(), logger);
    }
    return true;
  }

  async function callback(req: IncomingMessage, res: ServerResponse): Promise<true> {
    if (!signIn) return notEnabled(res);
    const query = new URL(req.url ?? '/', 'http://callback').searchParams;
    // The state is single use whatever happens next: the cookie goes with this answer.
    res.setHeader('set-cookie', stateCookie('', 0, secure()));
    res.setHeader('cache-control', 'no-store');
    try {
      const token = await signIn.finish(orm.em.fork(), query, cookieValue(req, STATE_COOKIE));
      // `Referrer-Policy` keeps the callback's code out of the dashboard's first requests.
      res
        .writeHead(302, {
          location: `${dashboardUrl()}#token=${encodeURIComponent(token)}`,
          'referrer-policy': 'no-referrer',
        })
        .end();
    } catch (error) {
      refuse(req, res, error, dashboardUrl(), logger);
    }
    return true;
  }
}

function pathOf(req: IncomingMessage): string {
  return req.url?.split('?')[0] ?? '/';
}

function notEnabled(res: ServerResponse): true {
  res.writeHead(404, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      error: {
        code: 'SSO_OFF',
        message: 'Single sign-on is off: set HANGAR_OIDC_ISSUER and HANGAR_OIDC_CLIENT_ID.',
      },
    }),
  );
  return true;
}

function stateCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  // Lax: the provider's redirect back is a top-level GET from another site, which Lax lets carry the cookie.
  return `${STATE_COOKIE}=${value}; Path=/auth/oidc; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || undefined;
  }
  return undefined;
}

/** A browser gets a page it can read and a way back; a script gets JSON. Nothing was created. */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  error: unknown,
  dashboard: string,
  logger: Logger,
) {
  const refusal =
    error instanceof SignInRefused
      ? error
      : new SignInRefused('PROVIDER_UNREACHABLE', 502, 'The sign-in failed unexpectedly: try again.');
  if (!(error instanceof SignInRefused)) logger.error({ err: error }, 'single sign-on failed');
  else logger.warn({ code: refusal.code, reason: refusal.message }, 'single sign-on refused');
  if ((req.headers.accept ?? '').includes('text/html')) {
    const message = escapeHtml(refusal.message);
    res
      .writeHead(refusal.status, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in refused</title></head>` +
          `<body><main><h1>Sign-in refused</h1><p role="alert" data-code="${refusal.code}">${message}</p>` +
          `<p><a href="${escapeHtml(dashboard)}">Back to the dashboard</a></p></main></body></html>`,
      );
    return;
  }
  res
    .writeHead(refusal.status, { 'content-type': 'application/json' })
    .end(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
