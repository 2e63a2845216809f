import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteHandler } from '../http/http-server.js';
import { createStaticUiRoute } from '../http/static-ui.js';
import type { Services } from './services.js';

export interface RouteParts {
  /** Refuses cross-origin browser calls that are not allowed, and answers their preflight. */
  originGuard: RouteHandler;
  runtimeName: string;
  graphqlHandler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  services: Services;
  uiDir: string;
}

/** The HTTP routes in the order they are tried: the origin guard, health, GraphQL, the domains' routes, then the dashboard. */
export function createRoutes({
  originGuard,
  runtimeName,
  graphqlHandler,
  services,
  uiDir,
}: RouteParts): RouteHandler[] {
  return [
    originGuard,
    (req, res) => {
      if (req.url?.split('?')[0] !== '/healthz') return false;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, runtime: runtimeName }));
      return true;
    },
    async (req, res) => {
      if (req.url?.split('?')[0] !== '/graphql') return false;
      await graphqlHandler(req, res);
      return true;
    },
    ...services.domainRoutes,
    createStaticUiRoute(uiDir),
  ];
}
