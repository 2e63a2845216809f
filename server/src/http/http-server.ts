import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';

/** A route handler returns true when it answered the request. Modules register theirs in order. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

export function createHttpServer(routes: RouteHandler[], logger: Logger): Server {
  return createServer((req, res) => {
    void (async () => {
      try {
        for (const route of routes) {
          if (await route(req, res)) return;
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
