import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { createLogger, type Logger } from '../core/logger.js';
import { openOrm, type HangarOrm } from '../db/orm.js';
import { createErrorFormatter } from '../graphql/errors.js';
import { assertComplexity, depthLimitRule } from '../graphql/limits.js';
import { createHangarPubSub } from '../graphql/pubsub.js';
import { buildHangarSchema } from '../graphql/schema.js';
import { createGraphqlHttpHandler } from '../http/graphql-http.js';
import { createHttpServer } from '../http/http-server.js';
import { registerDemoModel } from '../modules/demo-model/demo-model.registration.js';
import { createDeploymentCountsLoader } from '../modules/model/model.counts.js';
import type { HangarContext } from '../modules/request-context.js';
import type { Runtime } from '../runtime/runtime.js';
import type { HangarConfig } from './config.js';
import { ENTITIES } from './entities.js';
import { RESOLVER_CLASSES, resolverContainer, roleAuthChecker } from './resolvers.js';
import { createRoutes } from './routes.js';
import { createServices, type Services } from './services.js';

export interface AppOptions {
  logger?: Logger;
  /** Counts SQL statements (tests). */
  onQuery?: (sql: string) => void;
  /** Replaces the runtime chosen by config (the Nomad tests pass one wired to their double). */
  runtime?: Runtime;
}

export interface HangarApp {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  services: Services;
  schema: GraphQLSchema;
  orm: HangarOrm;
  /** The admin token when this start created the first admin. */
  bootstrapToken: string | null;
  close(): Promise<void>;
}

/** Starts one server instance: database, services, GraphQL over HTTP and WebSocket, the HTTP routes. */
export async function createApp(config: HangarConfig, options: AppOptions = {}): Promise<HangarApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const orm = await openOrm({
    entities: ENTITIES,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onQuery: options.onQuery,
  });
  const pubsubHandle = await createHangarPubSub(config.redisUrl);
  let port = config.port;
  const publicUrl = () => config.publicUrl ?? `http://localhost:${port}`;
  const services = await createServices({
    config,
    logger,
    orm,
    pubsub: pubsubHandle.pubsub,
    runtime: options.runtime,
    publicUrl,
  });
  const { runtime, deployments, users, authenticator } = services;

  const bootstrapToken = await users.bootstrapAdmin(orm.em.fork(), config.dataDir);
  if (config.demoModel) await registerDemoModel(orm, join(config.dataDir, 'models'), logger);

  const schema = await buildHangarSchema<HangarContext>({
    resolvers: RESOLVER_CLASSES,
    container: resolverContainer(services),
    authChecker: roleAuthChecker,
    pubSub: pubsubHandle.pubsub,
  });
  const contextFor = async (authorization: string | undefined): Promise<HangarContext> => {
    const em = orm.em.fork();
    let viewer;
    try {
      viewer = await authenticator.authenticate(em, authorization);
    } catch (error) {
      if (error instanceof GraphQLError) {
        throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 401 } } });
      }
      throw error;
    }
    return { em, viewer, loaders: { deploymentCounts: createDeploymentCountsLoader(em) } };
  };

  const apollo = new ApolloServer<HangarContext>({
    schema,
    formatError: createErrorFormatter(logger),
    validationRules: [depthLimitRule(config.maxQueryDepth)],
    introspection: true,
    plugins: [
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ request, document }) {
              assertComplexity(
                schema,
                document,
                request.operationName ?? undefined,
                request.variables,
                config.maxQueryComplexity,
              );
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const graphqlHandler = createGraphqlHttpHandler(apollo, (req) => contextFor(req.headers.authorization));
  const server = createHttpServer(
    createRoutes({ runtimeName: runtime.name, graphqlHandler, services, uiDir: config.uiDir }),
    logger,
  );

  const wsServer = new WebSocketServer({ server, path: '/graphql' });
  const authorizationOf = (ctx: {
    connectionParams?: { authorization?: unknown };
    extra: { request: { headers: { authorization?: string } } };
  }) => {
    const authorization = ctx.connectionParams?.authorization ?? ctx.extra.request.headers.authorization;
    return typeof authorization === 'string' ? authorization : undefined;
  };
  const wsCleanup = useServer<{ authorization?: string }, { context?: HangarContext }>(
    {
      schema,
      context: (ctx) => contextFor(authorizationOf(ctx)),
      onConnect: async (ctx) => {
        try {
          await contextFor(authorizationOf(ctx));
          return true;
        } catch {
          return false;
        }
      },
      onError: (_ctx, _id, _payload, errors) => {
        for (const error of errors) logger.warn({ err: error }, 'GraphQL subscription error');
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  port = (server.address() as AddressInfo).port;
  logger.info({ port, runtime: runtime.name }, `Hangar is listening on http://localhost:${port}/graphql`);
  if (bootstrapToken) {
    // Like Jupyter's token URL: one click signs the dashboard in (the fragment never reaches a server log).
    process.stdout.write(
      `Open the dashboard, signed in as admin: ${publicUrl()}/#token=${bootstrapToken}\n\n`,
    );
  } else {
    // A restart never shows the token again (it may be rotated or deleted); it says where to find one.
    process.stdout.write(
      `Open the dashboard at ${publicUrl()}/ and sign in with an access token ` +
        `(the first admin's was written to ${join(config.dataDir, 'admin-token')}).\n\n`,
    );
  }

  await deployments.reconcile();
  // Operators (and the crash-walk suite) read this line as "the start-up reconciliation is done".
  logger.info('reconciled the runtime with the database');
  deployments.reconcilePeriodically(config.reconcileIntervalSeconds * 1000);

  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    services,
    schema,
    orm,
    bootstrapToken,
    async close() {
      if (closed) return;
      closed = true;
      services.close();
      await wsCleanup.dispose();
      wsServer.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await runtime.close();
      await services.settled();
      await pubsubHandle.close();
      await orm.close(true);
    },
  };
}
