import { GraphQLError, getOperationAST, type ExecutionArgs } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { Logger } from '../core/logger.js';
import type { HangarOrm } from '../db/orm.js';
import { LiveFanout } from '../graphql/live-fanout.js';
import type { HangarPubSub } from '../graphql/pubsub.js';
import { SocketIdentities } from '../graphql/socket-identities.js';
import { BUDGET_LIVE_FIELDS, BUDGET_TOPICS } from '../modules/budget/budget.live.js';
import { DEPLOYMENT_LIVE_FIELDS, DEPLOYMENT_TOPICS } from '../modules/deployment/deployment.live.js';
import { createLoaders } from '../modules/loaders.js';
import { MODEL_LIVE_FIELDS, MODEL_TOPICS } from '../modules/model/model.live.js';
import type { HangarContext } from '../modules/request-context.js';
import type { Authenticator } from '../modules/user/authenticator.js';
import {
  connectionCredentials,
  ConnectionIdentityCache,
  identifyConnection,
  liveViewer,
  liveVisibility,
  liveVisibilityKey,
  operationViewer,
  type ConnectionIdentity,
} from '../modules/user/connection-identity.js';
import { PROJECT_HEADER, projectHeader } from '../http/project-header.js';
import { scopeToViewer } from '../modules/project/project-scope.js';
import type { HangarConfig } from './config.js';
import type { GraphQLSchema } from 'graphql';

/** graphql-ws close code when a connection's credential is revoked (graphql-ws's own "Forbidden"). */
export const REVOKED_CLOSE_CODE = 4403;
/** graphql-ws's Unauthorized: the client signs in again (a fresh JWT) and reconnects. */
export const EXPIRED_CLOSE_CODE = 4401;
const EXPIRED_REASON = 'The JWT expired: reconnect with a fresh one';
const SESSION_EXPIRED_REASON = 'The sign-in session expired: sign in again';

export interface LiveParts {
  config: HangarConfig;
  schema: GraphQLSchema;
  orm: HangarOrm;
  pubsub: HangarPubSub;
  authenticator: Authenticator;
  logger: Logger;
}

type SocketContext = WsContext<{ authorization?: string; project?: string }, Extra>;

/**
 * The WebSocket side of GraphQL: authenticate once per connection, serve every subscription through the shared
 * fan-out, and give queries and mutations sent over the socket a request context of their own.
 */
export function createLiveServer(parts: LiveParts) {
  const { config, schema, orm, pubsub, authenticator, logger } = parts;
  const identities = new SocketIdentities<ConnectionIdentity>(connectionCredentials);
  const fanout = new LiveFanout<ConnectionIdentity, HangarContext>({
    schema,
    topics: [...DEPLOYMENT_TOPICS, ...MODEL_TOPICS, ...BUDGET_TOPICS],
    fields: [...DEPLOYMENT_LIVE_FIELDS, ...MODEL_LIVE_FIELDS, ...BUDGET_LIVE_FIELDS],
    subscribe: (topic) => pubsub.subscribe(topic as never),
    visibility: liveVisibility,
    // One scoped session per visibility in a batch: groups that see the same projects share its loaders.
    openBatch: () => {
      const sessions = new Map<string, HangarContext>();
      return {
        contextFor: (identity) => {
          const key = liveVisibilityKey(identity);
          let context = sessions.get(key);
          if (!context) {
            const em = orm.em.fork();
            const viewer = liveViewer(em, identity);
            scopeToViewer(em, viewer);
            context = { em, loaders: createLoaders(em, viewer), viewer };
            sessions.set(key, context);
          }
          return context;
        },
      };
    },
    windowMs: config.liveWindowMs,
    maxBufferedBytes: config.liveMaxBufferedBytes,
    logger,
  });

  // Every instance closes its own sockets of a revoked credential: the events come through the pub/sub.
  const known = new ConnectionIdentityCache((authorization, project) =>
    identifyConnection(authenticator, orm.em.fork(), authorization, project),
  );
  const follow = async (topic: 'ACCESS_TOKEN_REVOKED' | 'USER_CHANGED', prefix: string, reason: string) => {
    for await (const { id } of pubsub.subscribe(topic)) {
      known.forgetAll();
      identities.closeAll(`${prefix}:${id}`, REVOKED_CLOSE_CODE, reason);
    }
  };
  const lost = (error: unknown) => logger.error({ err: error }, 'lost a credential pub/sub subscription');
  follow('ACCESS_TOKEN_REVOKED', 'token', 'The access token was revoked').catch(lost);
  follow('USER_CHANGED', 'user', 'The user changed: reconnect').catch(lost);

  const authorizationOf = (ctx: SocketContext) => {
    const authorization = ctx.connectionParams?.authorization ?? ctx.extra.request.headers.authorization;
    return typeof authorization === 'string' ? authorization : undefined;
  };

  const projectOf = (ctx: SocketContext) =>
    typeof ctx.connectionParams?.project === 'string'
      ? projectHeader(ctx.connectionParams.project)
      : projectHeader(ctx.extra.request.headers[PROJECT_HEADER]);

  return {
    fanout,
    identities,
    /** graphql-ws options. */
    options: {
      onConnect: async (ctx: SocketContext) => {
        try {
          const identity = await known.identityOf(authorizationOf(ctx), projectOf(ctx));
          identities.remember(ctx.extra.socket, identity);
          if (identity?.expiresAt != null)
            identities.closeAt(
              ctx.extra.socket,
              identity.expiresAt,
              EXPIRED_CLOSE_CODE,
              // Only a single sign-on session is an access token with an end; a JWT has no access token id.
              identity.accessTokenId ? SESSION_EXPIRED_REASON : EXPIRED_REASON,
            );
          return true;
        } catch (error) {
          if (!(error instanceof GraphQLError))
            logger.warn({ err: error }, 'WebSocket authentication failed');
          return false;
        }
      },
      context: async (
        ctx: SocketContext,
        id: string,
        payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
        args: ExecutionArgs,
      ) => {
        const identity = identities.identityOf(ctx.extra.socket) ?? null;
        if (getOperationAST(args.document, args.operationName)?.operation === 'subscription')
          return fanout.ticket(ctx.extra.socket, id, identity, payload);
        const em = orm.em.fork();
        const viewer = await operationViewer(em, identity);
        scopeToViewer(em, viewer);
        return { em, viewer, loaders: createLoaders(em, viewer) } satisfies HangarContext;
      },
      subscribe: fanout.subscribe,
    },
    close: () => fanout.close(),
  };
}
