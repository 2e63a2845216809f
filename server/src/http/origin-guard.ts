import type { IncomingMessage } from 'node:http';
import type { RouteHandler } from './http-server.js';
import { PROJECT_HEADER } from './project-header.js';

export interface OriginGuardOptions {
  /** Origins (`https://app.example.com`) allowed besides the server's own (HANGAR_CORS_ORIGINS). */
  allowedOrigins: string[];
  /** HANGAR_PUBLIC_URL: its origin is the server's own too (behind a proxy that rewrites Host). */
  publicUrl?: string;
  /** Path prefixes the guard covers (`/graphql`, `/uploads`). */
  paths: string[];
  /** Paths whose preflight (OPTIONS) the guard answers itself; the others answer their own (tus does). */
  answersPreflightFor: string[];
}

export interface OriginGuard {
  /** First route: refuses a foreign origin with 403, adds CORS headers for an allowed one. */
  route: RouteHandler;
  /** For a handler that writes its own CORS headers (tus's `allowedOrigins`). */
  allowsCrossOrigin(origin: string): boolean;
  /** For the WebSocket upgrade (browsers send Origin there too, and no preflight protects it). */
  allowsRequest(req: IncomingMessage): boolean;
}

const ALLOWED_HEADERS = `authorization, content-type, apollo-require-preflight, x-apollo-operation-name, ${PROJECT_HEADER}`;

/**
 * Same-origin by default: a browser page of another origin gets 403 unless HANGAR_CORS_ORIGINS lists it. Requests
 * without an Origin header (curl, SDKs, servers) are not browsers' cross-origin requests and pass.
 */
export function createOriginGuard(options: OriginGuardOptions): OriginGuard {
  const allowed = new Set(options.allowedOrigins);
  const publicHost = options.publicUrl ? new URL(options.publicUrl).host : null;
  const covers = (path: string, prefixes: string[]) =>
    prefixes.some((p) => path === p || path.startsWith(`${p}/`));
  // A browser cannot forge X-Forwarded-Host: a custom header needs a preflight, which this guard refuses.
  const sameOrigin = (origin: string, req: IncomingMessage) => {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false;
    }
    const forwarded = req.headers['x-forwarded-host'];
    return (
      host === req.headers.host ||
      host === publicHost ||
      (typeof forwarded === 'string' && forwarded.split(',').some((h) => h.trim() === host))
    );
  };
  const allowsRequest = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    return !origin || sameOrigin(origin, req) || allowed.has(origin);
  };

  const route: RouteHandler = (req, res) => {
    const path = req.url?.split('?')[0] ?? '/';
    const origin = req.headers.origin;
    if (!origin || !covers(path, options.paths) || sameOrigin(origin, req)) return false;
    if (!allowed.has(origin)) {
      res.writeHead(403, { 'content-type': 'application/json', vary: 'Origin' }).end(
        JSON.stringify({
          error: { message: `Requests from ${origin} are not allowed; add it to HANGAR_CORS_ORIGINS.` },
        }),
      );
      return true;
    }
    if (!covers(path, options.answersPreflightFor)) return false;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    if (req.method === 'OPTIONS') {
      res
        .writeHead(204, {
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': ALLOWED_HEADERS,
          'access-control-max-age': '600',
        })
        .end();
      return true;
    }
    return false;
  };

  return { route, allowsCrossOrigin: (origin) => allowed.has(origin), allowsRequest };
}
