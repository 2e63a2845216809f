import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { createLogger, type Logger } from '../core/logger.js';
import { createLeadership, type Leadership } from '../db/leadership.js';
import { openOrm, type HangarOrm } from '../db/orm.js';
import { createReconcileGate } from '../db/reconcile-gate.js';
import { createErrorFormatter } from '../graphql/errors.js';
import { createOperationGuard } from '../graphql/operation-limits.js';
import { createHangarPubSub } from '../graphql/pubsub.js';
import { buildHangarSchema } from '../graphql/schema.js';
import { createGraphqlHttpHandler, GRAPHQL_MAX_BODY_BYTES } from '../http/graphql-http.js';
import { createHttpServer } from '../http/http-server.js';
import { createOriginGuard } from '../http/origin-guard.js';
import { UPLOADS_PATH } from '../modules/import/upload.route.js';
import { registerDemoModel } from '../modules/demo-model/demo-model.registration.js';
import { createLoaders } from '../modules/loaders.js';
import type { HangarContext } from '../modules/request-context.js';
import type { Runtime } from '../runtime/runtime.js';
import type { HangarConfig } from './config.js';
import { ENTITIES } from './entities.js';
import { RESOLVER_CLASSES, resolverContainer, roleAuthChecker } from './resolvers.js';
import { PROJECT_HEADER, projectHeader } from '../http/project-header.js';
import { scopeToViewer } from '../modules/project/project-scope.js';
import { createLiveServer } from './live.js';
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
  /** Which instance of the fleet leads (db/leadership.ts). */
  leadership: Leadership;
  /** Live subscriptions held now, and the distinct executions they share (tests, benchmarks). */
  live: { readonly subscriberCount: number; readonly groupCount: number };
  /**
   * Graceful stop (SIGTERM): takes no new gateway requests, hands the lead over, finishes what is in flight, closes.
   * `lingerMs`: keep the connections open at least this long after /healthz turned 503, so that load balancers
   * stop sending before a socket they may reuse is closed.
   */
  close(options?: { lingerMs?: number }): Promise<void>;
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
  const pubsubHandle = await createHangarPubSub(config.redisUrl, config.redisPrefix);
  const leadership = await createLeadership({ databaseUrl: config.databaseUrl, logger });
  const reconcileGate = await createReconcileGate(config.databaseUrl);
  let port = config.port;
  let draining = false;
  const publicUrl = () => config.publicUrl ?? `http://localhost:${port}`;
  const origins = createOriginGuard({
    allowedOrigins: config.corsOrigins,
    publicUrl: config.publicUrl,
    paths: ['/graphql', UPLOADS_PATH],
    answersPreflightFor: ['/graphql'],
  });
  const services = await createServices({
    allowsCrossOrigin: origins.allowsCrossOrigin,
    config,
    logger,
    orm,
    pubsub: pubsubHandle.pubsub,
    runtime: options.runtime,
    publicUrl,
    leadership,
    reconcileGate,
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
  const contextFor = async (
    authorization: string | undefined,
    project: string | undefined,
  ): Promise<HangarContext> => {
    const em = orm.em.fork();
    let viewer;
    try {
      viewer = await authenticator.authenticate(em, authorization, project);
    } catch (error) {
      if (error instanceof GraphQLError) {
        throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 401 } } });
      }
      throw error;
    }
    scopeToViewer(em, viewer);
    return { em, viewer, loaders: createLoaders(em, viewer) };
  };

  const operations = createOperationGuard<HangarContext>(schema, config.operationLimits);
  const apollo = new ApolloServer<HangarContext>({
    schema,
    formatError: createErrorFormatter(logger),
    ...operations.apollo,
  });
  await apollo.start();
  const graphqlHandler = createGraphqlHttpHandler(apollo, (req) =>
    contextFor(req.headers.authorization, projectHeader(req.headers[PROJECT_HEADER])),
  );
  const server = createHttpServer(
    createRoutes({
      originGuard: origins.route,
      runtimeName: runtime.name,
      leadership,
      draining: () => draining,
      graphqlHandler,
      services,
      uiDir: config.uiDir,
    }),
    logger,
  );

  const wsServer = new WebSocketServer({
    server,
    path: '/graphql',
    maxPayload: GRAPHQL_MAX_BODY_BYTES,
    verifyClient: ({ req }: { req: IncomingMessage }) => origins.allowsRequest(req),
  });
  const live = createLiveServer({ config, schema, orm, pubsub: pubsubHandle.pubsub, authenticator, logger });
  const wsCleanup = useServer<{ authorization?: string }>(
    {
      schema,
      ...live.options,
      // The same operation limits as over HTTP; the identity was settled once, at connect.
      onSubscribe: (ctx, _id, payload) =>
        operations.checkSubscribe(payload, async () => Boolean(live.identities.identityOf(ctx.extra.socket))),
      onError: (_ctx, _id, _payload, errors) => {
        for (const error of errors) logger.warn({ err: error }, 'GraphQL subscription error');
      },
    },
    wsServer,
  );

  // Before listening: a new upload's data file exists a moment before its record, which would look orphaned.
  await services.importReconciler.reconcileAtStart();
  // Ten sweeps per idle period, between once a second and every 15 minutes.
  const idleMs = config.uploadIdleHours * 3_600_000;
  services.importReconciler.sweepPeriodically(Math.min(Math.max(idleMs / 10, 1_000), 15 * 60_000), () =>
    leadership.isLeader(),
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
  // Other instances' changes arrive only through Redis; without it every change is this instance's own.
  if (config.redisUrl) deployments.reconcileOnChanges();
  // Taking over from a leader that died: what it left half done is put right now, not at the next period.
  const stopFollowingLeadership = leadership.onChange((leading) => {
    if (!leading) return;
    deployments
      .reconcile()
      .then(() => services.followDeployed())
      .then(() => logger.info({ instanceId: leadership.instanceId }, 'reconciled after taking the lead'))
      .catch((error: unknown) => logger.error({ err: error }, 'reconciling after taking the lead failed'));
  });

  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    services,
    schema,
    orm,
    bootstrapToken,
    live: live.fanout,
    leadership,
    async close({ lingerMs = 0 }: { lingerMs?: number } = {}) {
      if (closed) return;
      closed = true;
      draining = true;
      // From now on every answer closes its socket (routes.ts); idle ones are closed only after the linger, when
      // load balancers have stopped sending (closing them now would reset a request sent on one meanwhile).
      stopFollowingLeadership();
      const drained = services.drain(config.drainSeconds * 1000);
      // Hand the lead over at once (a reconciliation under way ends first), not once this instance has closed:
      // from here its reconciliations only observe and its autoscalers decide nothing.
      await deployments.settled();
      await leadership.close();
      await Promise.all([drained, new Promise((resolve) => setTimeout(resolve, lingerMs))]);
      services.close();
      await wsCleanup.dispose();
      await live.close();
      wsServer.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await runtime.close();
      await services.settled();
      await pubsubHandle.close();
      await reconcileGate.close();
      await orm.close(true);
    },
  };
}
