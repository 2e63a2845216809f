import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { WebSocketServer } from 'ws';
import { APP_RESOLVERS } from './app.resolvers.js';
import type { HangarConfig } from './config.js';
import { openOrm, type HangarOrm } from './db/orm.js';
import type { HangarContext, Services } from './graphql/context.js';
import { createErrorFormatter } from './graphql/errors.js';
import { createOperationGuard } from './graphql/operation-limits.js';
import { createHangarPubSub } from './graphql/pubsub.js';
import { buildHangarSchema } from './graphql/schema.js';
import { createGraphqlHttpHandler, GRAPHQL_MAX_BODY_BYTES } from './http/graphql-http.js';
import { createHttpServer, type RouteHandler } from './http/http-server.js';
import { createStaticUiRoute } from './http/static-ui.js';
import { createOriginGuard } from './http/origin-guard.js';
import { createLogger, type Logger } from './core/logger.js';
import { CATALOG, DEMO_CATALOG_ID, DEMO_MODEL_NAME } from './modules/catalog/catalog.data.js';
import { ensureDemoModel } from './modules/demo-model/demo-model.js';
import { DeploymentService } from './modules/deployment/deployment.service.js';
import { loadHardwareProfiles, type HardwareProfile } from './core/hardware-profile.js';
import { createDeploymentCountsLoader } from './modules/model/model.counts.js';
import { Model } from './modules/model/model.entity.js';
import { ModelFormat, ModelKind, ModelSource, ModelStatus } from './modules/model/model.enums.js';
import { ModelService } from './modules/model/model.service.js';
import { Authenticator } from './modules/user/authenticator.js';
import { UserService } from './modules/user/user.service.js';
import { ApiKeyService } from './modules/api-key/api-key.service.js';
import { ReadyNotifier } from './modules/notification/ready-notifier.js';
import { createServing } from './modules/serving/serving.js';
import { LocalRuntime } from './runtime/local/local-runtime.js';
import { ConnectionService } from './modules/connection/connection.service.js';
import { deriveKey, loadSecretKey } from './modules/connection/secret-key.js';
import { HuggingFaceModelSource } from './modules/huggingface/hf-model.source.js';
import { ModelExportService } from './modules/import/export/model-export.service.js';
import { ImportService } from './modules/import/import.service.js';
import { createUploadRoute, UPLOADS_PATH } from './modules/import/upload.route.js';
import { Role } from './modules/user/role.js';
import type { Runtime } from './runtime/runtime.js';

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

/** Wires everything: database, runtime, services, GraphQL over HTTP and WebSocket, and the HTTP routes. */
export async function createApp(config: HangarConfig, options: AppOptions = {}): Promise<HangarApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const orm = await openOrm({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onQuery: options.onQuery,
  });
  const pubsubHandle = await createHangarPubSub(config.redisUrl);
  const hardwareProfiles = loadHardwareProfiles(config.hardwareProfilesFile);
  const modelStoreDir = join(config.dataDir, 'models');
  const runtime = options.runtime ?? (await createRuntime(config, hardwareProfiles, logger));
  let port = config.port;
  const publicUrl = () => config.publicUrl ?? `http://localhost:${port}`;

  const users = new UserService(logger);
  const apiKeys = new ApiKeyService(orm, pubsubHandle.pubsub);
  const secretKey = await loadSecretKey(config.dataDir, config.secretKey);
  const authenticator = new Authenticator(config);
  const origins = createOriginGuard({
    allowedOrigins: config.corsOrigins,
    publicUrl: config.publicUrl,
    paths: ['/graphql', UPLOADS_PATH],
    answersPreflightFor: ['/graphql'],
  });
  const uploads = createUploadRoute({
    orm,
    authenticator,
    directory: join(config.dataDir, 'uploads'),
    maxUploadBytes: config.maxUploadBytes,
    allowedOrigins: origins.allowsCrossOrigin,
    logger,
    onProgress: (uploadId, offset) => imports.onUploadProgress(uploadId, offset),
    onFinished: (uploadId) => imports.onUploadFinished(uploadId),
  });
  const imports = new ImportService({
    orm,
    pubsub: pubsubHandle.pubsub,
    logger,
    modelStoreDir,
    uploads: uploads.store,
  });
  const connections = new ConnectionService(deriveKey(secretKey, 'connection-tokens'));
  const huggingFace = new HuggingFaceModelSource({
    orm,
    pubsub: pubsubHandle.pubsub,
    logger,
    modelStoreDir,
    hubUrl: config.hfEndpoint,
    connections,
  });
  const modelExports = new ModelExportService({
    orm,
    logger,
    modelStoreDir,
    linkKey: deriveKey(secretKey, 'export-links'),
    publicUrl: () => publicUrl(),
  });
  const models = new ModelService({
    pubsub: pubsubHandle.pubsub,
    modelStoreDir,
    cancelImport: (modelId) => imports.cancel(modelId),
  });
  const deployments = new DeploymentService({
    orm,
    runtime,
    pubsub: pubsubHandle.pubsub,
    logger,
    hardwareProfiles,
    modelStoreDir,
    huggingFace,
  });
  const serving = createServing({
    orm,
    pubsub: pubsubHandle.pubsub,
    runtime,
    deployments,
    apiKeys,
    logger,
    publicUrl,
    metricsRefusal:
      config.metricsAccess === 'public'
        ? undefined
        : (req) =>
            authenticator.refusalFor(
              orm.em.fork(),
              req.headers.authorization,
              Role.ADMIN,
              'Reading /metrics',
            ),
    notifier: new ReadyNotifier({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      alwaysTo: config.notifyEmails,
      webhookUrl: config.webhookUrl,
      webhookSecret: config.webhookSecret,
      logger,
    }),
  });
  const services: Services = {
    orm,
    pubsub: pubsubHandle.pubsub,
    logger,
    runtime,
    hardwareProfiles,
    models,
    deployments,
    users,
    apiKeys,
    imports,
    modelExports,
    connections,
    usage: serving.metrics,
    publicUrl,
    extensions: {},
  };

  const bootstrapToken = await users.bootstrapAdmin(orm.em.fork(), config.dataDir);
  if (config.demoModel) await registerDemoModel(orm, modelStoreDir, logger);

  const schema = await buildHangarSchema(APP_RESOLVERS);
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
    return { em, viewer, services, loaders: { deploymentCounts: createDeploymentCountsLoader(em) } };
  };

  const formatError = createErrorFormatter(logger);
  const operations = createOperationGuard(schema, config.operationLimits);
  const apollo = new ApolloServer<HangarContext>({ schema, formatError, ...operations.apollo });
  await apollo.start();
  const graphqlHandler = createGraphqlHttpHandler(apollo, (req) => contextFor(req.headers.authorization));

  const routes: RouteHandler[] = [
    origins.route,
    (req, res) => {
      const path = req.url?.split('?')[0];
      if (path === '/healthz') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: true, runtime: runtime.name }));
        return true;
      }
      return false;
    },
    async (req, res) => {
      if (req.url?.split('?')[0] !== '/graphql') return false;
      await graphqlHandler(req, res);
      return true;
    },
    ...serving.routes,
    uploads.route,
    modelExports.route,
    createStaticUiRoute(config.uiDir),
  ];
  const server = createHttpServer(routes, logger);

  const wsServer = new WebSocketServer({
    server,
    path: '/graphql',
    maxPayload: GRAPHQL_MAX_BODY_BYTES,
    verifyClient: ({ req }: { req: IncomingMessage }) => origins.allowsRequest(req),
  });
  const wsCleanup = useServer<{ authorization?: string }, { context?: HangarContext }>(
    {
      schema,
      context: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization ?? ctx.extra.request.headers.authorization;
        return contextFor(typeof authorization === 'string' ? authorization : undefined);
      },
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization ?? ctx.extra.request.headers.authorization;
        try {
          await contextFor(typeof authorization === 'string' ? authorization : undefined);
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) =>
        operations.checkSubscribe(payload, async () => {
          const authorization =
            ctx.connectionParams?.authorization ?? ctx.extra.request.headers.authorization;
          return (
            (await contextFor(typeof authorization === 'string' ? authorization : undefined)).viewer !== null
          );
        }),
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
  }

  await deployments.reconcile();
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
      serving.close();
      deployments.close();
      imports.close();
      uploads.close();
      await wsCleanup.dispose();
      wsServer.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await runtime.close();
      await deployments.settled();
      await imports.settled();
      await huggingFace.settled();
      await pubsubHandle.close();
      await orm.close(true);
    },
  };
}

async function createRuntime(
  config: HangarConfig,
  hardwareProfiles: HardwareProfile[],
  logger: Logger,
): Promise<Runtime> {
  if (config.runtime === 'nomad') {
    // Loaded only for Nomad: its API client is memory the embedded runtime never needs.
    const { createNomadRuntimeFromEnv } = await import('./runtime/nomad/nomad-runtime.env.js');
    const { addr, token, namespace, region } = config.nomad;
    return createNomadRuntimeFromEnv(
      { NOMAD_ADDR: addr, NOMAD_TOKEN: token, NOMAD_NAMESPACE: namespace, NOMAD_REGION: region },
      hardwareProfiles,
      logger.child({ runtime: 'nomad' }),
    );
  }
  return new LocalRuntime({ logger });
}

/** The demo model is generated on this machine (no download) and listed like any platform-hosted model. */
async function registerDemoModel(orm: HangarOrm, modelStoreDir: string, logger: Logger): Promise<void> {
  const path = await ensureDemoModel(join(modelStoreDir, 'demo'));
  const em = orm.em.fork();
  const entry = CATALOG.find((e) => e.id === DEMO_CATALOG_ID);
  const existing = await em.findOne(Model, { catalogEntryId: DEMO_CATALOG_ID });
  const sizeBytes = (await stat(path)).size;
  const storagePath = relative(modelStoreDir, path);
  if (existing) {
    existing.storagePath = storagePath;
    existing.sizeBytes = sizeBytes;
  } else {
    em.create(Model, {
      name: DEMO_MODEL_NAME,
      description: entry?.description ?? '',
      tags: ['demo', 'llama'],
      source: ModelSource.PLATFORM,
      kind: ModelKind.BASE,
      format: ModelFormat.GGUF,
      sizeBytes,
      status: ModelStatus.READY_TO_DEPLOY,
      catalogEntryId: DEMO_CATALOG_ID,
      storagePath,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    logger.info({ path }, 'registered the demo model');
  }
  await em.flush();
}
