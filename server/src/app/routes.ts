import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Leadership } from '../db/leadership.js';
import type { RouteHandler } from '../http/http-server.js';
import { createStaticUiRoute } from '../http/static-ui.js';
import { createSignInRoutes } from '../modules/sso/oidc.routes.js';
import type { Services } from './services.js';

export interface RouteParts {
  /** Refuses cross-origin browser calls that are not allowed, and answers their preflight. */
  originGuard: RouteHandler;
  runtimeName: string;
  leadership: Leadership;
  /** True once the instance is stopping: /healthz answers 503 so a load balancer sends nothing new. */
  draining: () => boolean;
  graphqlHandler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  services: Services;
  uiDir: string;
}

/** The HTTP routes in the order they are tried: the origin guard, health, GraphQL, the domains' routes, then the dashboard. */
export function createRoutes({
  originGuard,
  runtimeName,
  leadership,
  draining,
  graphqlHandler,
  services,
  uiDir,
}: RouteParts): RouteHandler[] {
  /** Who leads, as the database sees it; a database that cannot answer leaves it null rather than failing. */
  async function answerHealth(res: ServerResponse): Promise<true> {
    const leader = await leadership.leader().catch(() => null);
    res.writeHead(draining() ? 503 : 200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        ok: !draining(),
        draining: draining(),
        runtime: runtimeName,
        instance: leadership.instanceId,
        leader: leadership.isLeader(),
        leaderInstance: leader,
      }),
    );
    return true;
  }

  return [
    // While draining, every answer closes its connection: no keep-alive socket stays idle for a client to reuse
    // at the moment the instance closes it (that request would be reset instead of refused).
    (_req, res) => {
      if (draining()) res.setHeader('connection', 'close');
      return false;
    },
    originGuard,
    (req, res) => req.url?.split('?')[0] === '/healthz' && answerHealth(res),
    (req, res) => req.url?.split('?')[0] === '/graphql' && graphqlHandler(req, res).then(() => true),
    // /auth/config, /auth/oidc/login and /auth/oidc/callback: the dashboard's single sign-on.
    ...createSignInRoutes({
      signIn: services.signIn,
      orm: services.orm,
      dashboardUrl: () => `${services.publicUrl().replace(/\/+$/, '')}/`,
      logger: services.logger,
    }),
    ...services.domainRoutes,
    createStaticUiRoute(uiDir),
  ];
}
