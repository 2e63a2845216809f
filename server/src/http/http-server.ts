import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';

/**
 * A route handler returns true when it answered the request. Modules register theirs in order; one that does not
 * match returns false synchronously (not a promise of it), which the chain skips without waiting a turn.
 */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

export function createHttpServer(routes: RouteHandler[], logger: Logger): Server {
  return createServer((req, res) => {
    void (async () => {
      try {
        const path = req.url?.split('?')[0] ?? '/';
        if (!decodesAsUri(path)) {
          // Routes decode paths (the dashboard's files, tus ids); refusing here keeps a URIError from any of them.
          res
            .writeHead(400, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { message: 'The request path has invalid percent-encoding.' } }));
          return;
        }
        for (const route of routes) {
          // Routes that do not match answer false at once: awaiting that would cost a turn per route on every
          // request (the gateway's come after six routes).
          const answered = route(req, res);
          if (answered === true || (answered !== false && (await answered))) return;
        }
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(
            JSON.stringify({ error: { message: `No route for ${req.method} ${req.url?.split('?')[0]}` } }),
          );
      } catch (error) {
        logger.error(
          { err: error, method: req.method, path: req.url?.split('?')[0] },
          'unhandled error in an HTTP route',
        );
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'Unexpected error.' } }));
      }
    })();
  });
}

function decodesAsUri(path: string): boolean {
  if (!path.includes('%')) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
