import { join } from 'node:path';
import type { HardwareProfile } from '../core/hardware-profile.js';
import { loadHardwareProfiles } from '../core/hardware-profile.js';
import type { Logger } from '../core/logger.js';
import type { Leadership } from '../db/leadership.js';
import type { HangarOrm } from '../db/orm.js';
import { createKeyedLock } from '../db/keyed-lock.js';
import type { ReconcileGate } from '../db/reconcile-gate.js';
import type { GatewayMetrics } from '../gateway/gateway.metrics.js';
import { createSharedLimits } from '../gateway/gateway.shared-limits.js';
import type { HangarPubSub } from '../graphql/pubsub.js';
import type { RouteHandler } from '../http/http-server.js';
import { ApiKeyService } from '../modules/api-key/api-key.service.js';
import { createBudgetTracking } from '../modules/budget/budget-tracking.js';
import { createBudgetWarnings } from '../modules/budget/budget-warnings.js';
import { BudgetService } from '../modules/budget/budget.service.js';
import { ProjectBudgetService } from '../modules/budget/project-budget.service.js';
import { CostService } from '../modules/cost/cost.service.js';
import { ConnectionService } from '../modules/connection/connection.service.js';
import { deriveKey, loadSecretKey } from '../modules/connection/secret-key.js';
import { DeploymentService } from '../modules/deployment/deployment.service.js';
import { HuggingFaceModelSource } from '../modules/huggingface/hf-model.source.js';
import { ModelExportService } from '../modules/import/export/model-export.service.js';
import { ImportReconciler } from '../modules/import/import.reconciler.js';
import { ImportService } from '../modules/import/import.service.js';
import { createUploadRoute } from '../modules/import/upload.route.js';
import { MetricsRecorder } from '../modules/metrics/metrics.recorder.js';
import { MetricsService } from '../modules/metrics/metrics.service.js';
import { ModelService } from '../modules/model/model.service.js';
import { ReadyNotifier } from '../modules/notification/ready-notifier.js';
import { createServing } from '../modules/serving/serving.js';
import type { ScalingDecisions } from '../modules/serving/scaling-decisions.js';
import { applyGroupGrants } from '../modules/sso/apply-grants.js';
import { OidcSignIn } from '../modules/sso/oidc-sign-in.js';
import { AccessTokenService } from '../modules/user/access-token.service.js';
import { Authenticator } from '../modules/user/authenticator.js';
import { Role } from '../modules/user/role.js';
import { UserService } from '../modules/user/user.service.js';
import { LocalRuntime } from '../runtime/local/local-runtime.js';
import type { Runtime } from '../runtime/runtime.js';
import type { HangarConfig } from './config.js';
import { ProjectQuotaService } from '../modules/project/project-quota.service.js';
import { ProjectService } from '../modules/project/project.service.js';

/** Gateway usage reaches the database this often (a restart loses at most these last seconds on a crash). */
const METRICS_FLUSH_INTERVAL_MS = 5_000;

/** The long-lived parts of one server instance; resolvers get theirs injected (app/resolvers.ts). */
export interface Services {
  orm: HangarOrm;
  pubsub: HangarPubSub;
  logger: Logger;
  runtime: Runtime;
  hardwareProfiles: HardwareProfile[];
  authenticator: Authenticator;
  models: ModelService;
  deployments: DeploymentService;
  users: UserService;
  /** Single sign-on for the dashboard (OpenID Connect); null when HANGAR_OIDC_ISSUER is not set. */
  signIn: OidcSignIn | null;
  projects: ProjectService;
  /** Quotas per project: set by an instance ADMIN, consulted by the deployment commands and the autoscaler. */
  projectQuotas: ProjectQuotaService;
  /** Listing and revoking personal access tokens. */
  accessTokens: AccessTokenService;
  apiKeys: ApiKeyService;
  /** This instance's Prometheus metrics of the gateway (served at /metrics). */
  usage: GatewayMetrics;
  /** The per-minute rollups of gateway traffic every instance adds to (`Deployment.metrics`, `ApiKey.usage`). */
  metrics: MetricsService;
  /** The autoscalers' last decisions. */
  scalingDecisions: ScalingDecisions;
  /** Monthly token budgets of API keys (`setApiKeyBudget`, `ApiKey.budget`); the gateway enforces them. */
  budgets: BudgetService;
  /** A project's monthly token budget (`setProjectBudget`, `Project.budget`) and its usage (`Project.usage`). */
  projectBudgets: ProjectBudgetService;
  /** Replica time priced per hardware profile (`Deployment.cost`). */
  cost: CostService;
  /** Base URL clients use to reach this server (endpoint URLs and snippets). */
  publicUrl: () => string;
  /** Model imports (tus uploads → validation → model store). */
  imports: ImportService;
  /** Imports a crash interrupted, and uploads left idle (app.ts runs it at start, then periodically). */
  importReconciler: ImportReconciler;
  /** Model exports (zip + deployconfig.json behind a signed link). */
  modelExports: ModelExportService;
  /** Stored Hugging Face tokens (encrypted). */
  connections: ConnectionService;
  huggingFace: HuggingFaceModelSource;
  /** HTTP routes the domains serve besides GraphQL (gateway, uploads, export downloads), in order. */
  domainRoutes: RouteHandler[];
  /** After taking the lead: the autoscalers of deployments another instance followed until now. */
  followDeployed(): Promise<void>;
  /** Graceful stop, first step: the gateway takes no new requests and finishes (at most `timeoutMs`) its own. */
  drain(timeoutMs: number): Promise<void>;
  /** Stops timers and background work, newest first; `settled` waits for work in flight. */
  close(): void;
  settled(): Promise<void>;
}

export interface ServiceParts {
  config: HangarConfig;
  logger: Logger;
  orm: HangarOrm;
  pubsub: HangarPubSub;
  runtime?: Runtime;
  /** The port is known only once the server listens (HANGAR_PORT=0 in tests). */
  publicUrl: () => string;
  /** Whether a browser origin other than the server's own may call (`HANGAR_CORS_ORIGINS`); tus asks it. */
  allowsCrossOrigin: (origin: string) => boolean;
  /** Which instance of the fleet does the work that must happen once (db/leadership.ts). */
  leadership: Leadership;
  reconcileGate: ReconcileGate;
}

/** Builds every service from the configuration: the one place that knows which services exist. */
export async function createServices(parts: ServiceParts): Promise<Services> {
  const { config, logger, orm, pubsub, publicUrl } = parts;
  const hardwareProfiles = loadHardwareProfiles(config.hardwareProfilesFile, config.costCurrency);
  const modelStoreDir = join(config.dataDir, 'models');
  const runtime = parts.runtime ?? (await createRuntime(config, hardwareProfiles, logger));

  const users = new UserService(logger, pubsub);
  const apiKeys = new ApiKeyService(orm, pubsub, { playgroundKeySeconds: config.playgroundKeySeconds });
  const secretKey = await loadSecretKey(config.dataDir, config.secretKey);
  const authenticator = new Authenticator(config);
  const { oidc } = config;
  const signIn = oidc
    ? new OidcSignIn({
        ...oidc,
        redirectUrl: () => oidc.redirectUrl ?? `${publicUrl().replace(/\/+$/, '')}/auth/oidc/callback`,
        // Projects (issue #15) replace this with their sync of `<project>:<ROLE>` grants.
        applyGrants: applyGroupGrants(),
        pubsub,
        logger,
      })
    : null;
  const uploadsDir = join(config.dataDir, 'uploads');
  const uploads = createUploadRoute({
    orm,
    authenticator,
    directory: uploadsDir,
    maxUploadBytes: config.maxUploadBytes,
    allowedOrigins: parts.allowsCrossOrigin,
    logger,
    onProgress: (uploadId, offset) => imports.onUploadProgress(uploadId, offset),
    onFinished: (uploadId) => imports.onUploadFinished(uploadId),
  });
  const imports = new ImportService({ orm, pubsub, logger, modelStoreDir, uploads: uploads.store });
  const importReconciler = new ImportReconciler({
    orm,
    store: uploads.store,
    uploadsDir,
    modelStoreDir,
    logger,
    uploadIdleMs: config.uploadIdleHours * 3_600_000,
    control: imports,
  });
  const connections = new ConnectionService(deriveKey(secretKey, 'connection-tokens'), config.hfEndpoint);
  const huggingFace = new HuggingFaceModelSource({
    orm,
    pubsub,
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
    publicUrl,
  });
  const quotaLock = await createKeyedLock(config.databaseUrl);
  const projectQuotas = new ProjectQuotaService({ hardwareProfiles, lock: quotaLock });
  const models = new ModelService({ pubsub, modelStoreDir, cancelImport: (id) => imports.cancel(id) });
  const deployments = new DeploymentService({
    orm,
    runtime,
    pubsub,
    logger,
    hardwareProfiles,
    modelStoreDir,
    huggingFace,
    quotas: projectQuotas,
    fleet: { isLeader: () => parts.leadership.isLeader(), gate: parts.reconcileGate },
  });
  const metricsRecorder = new MetricsRecorder({
    orm,
    logger,
    runtime,
    flushIntervalMs: METRICS_FLUSH_INTERVAL_MS,
    retentionDays: config.metricsRetentionDays,
    // A shared runtime's replicas are every instance's to see: the leader alone counts their time.
    accruesReplicaTime: runtime.reconcile ? () => parts.leadership.isLeader() : undefined,
  });
  metricsRecorder.start();
  // With Redis the fleet counts rate limits, replica slots and queues together; without it, each process alone.
  const shared = config.redisUrl
    ? await createSharedLimits({
        redisUrl: config.redisUrl,
        prefix: config.redisPrefix,
        instanceId: parts.leadership.instanceId,
        logger,
      })
    : undefined;
  const notifier = new ReadyNotifier({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    alwaysTo: config.notifyEmails,
    webhookUrl: config.webhookUrl,
    webhookSecret: config.webhookSecret,
    logger,
  });
  const budgetTracking = await createBudgetTracking({
    orm,
    pubsub,
    logger,
    shared,
    onWarning: createBudgetWarnings({ orm, deployments, notifier, logger }),
  });
  apiKeys.onBudgetSet(() => budgetTracking.tracker.reload());
  const metrics = new MetricsService(orm, metricsRecorder, config.metricsRetentionDays);
  const serving = createServing({
    onUsage: (record) => {
      metricsRecorder.record(record);
      budgetTracking.record(record);
    },
    budgets: budgetTracking.tracker,
    shared,
    routing: config.routing,
    orm,
    pubsub,
    runtime,
    deployments,
    apiKeys,
    logger,
    publicUrl,
    leads: () => parts.leadership.isLeader(),
    replicaCap: (deploymentRowId) => projectQuotas.replicaCapOf(orm.em.fork(), deploymentRowId),
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
    notifier,
  });

  return {
    orm,
    pubsub,
    logger,
    runtime,
    hardwareProfiles,
    authenticator,
    models,
    deployments,
    users,
    signIn,
    projects: new ProjectService(pubsub),
    projectQuotas,
    accessTokens: new AccessTokenService(pubsub),
    apiKeys,
    imports,
    importReconciler,
    modelExports,
    connections,
    huggingFace,
    usage: serving.metrics,
    metrics,
    scalingDecisions: serving.scalingDecisions,
    budgets: new BudgetService({ orm, pubsub, metrics, tracker: budgetTracking.tracker }),
    projectBudgets: new ProjectBudgetService({ pubsub, metrics, tracker: budgetTracking.tracker }),
    cost: new CostService(orm, metricsRecorder, hardwareProfiles, config.costCurrency),
    publicUrl,
    domainRoutes: [...serving.routes, uploads.route, modelExports.route],
    drain: (timeoutMs) => serving.drain(timeoutMs),
    followDeployed: () => serving.followDeployed(),
    close() {
      serving.close();
      budgetTracking.close();
      metricsRecorder.close();
      void shared?.close();
      deployments.close();
      imports.close();
      void importReconciler.close();
      uploads.close();
      void quotaLock.close();
    },
    async settled() {
      await deployments.settled();
      await importReconciler.close();
      await imports.settled();
      await huggingFace.settled();
      // Last: requests that finished while the server closed are written too.
      await metricsRecorder.settled();
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
    const { createNomadRuntimeFromEnv } = await import('../runtime/nomad/nomad-runtime.env.js');
    const { addr, token, namespace, region } = config.nomad;
    return createNomadRuntimeFromEnv(
      { NOMAD_ADDR: addr, NOMAD_TOKEN: token, NOMAD_NAMESPACE: namespace, NOMAD_REGION: region },
      hardwareProfiles,
      logger.child({ runtime: 'nomad' }),
    );
  }
  const { intervalSeconds, timeoutSeconds, misses } = config.health;
  return new LocalRuntime({
    logger,
    health: { intervalMs: intervalSeconds * 1000, timeoutMs: timeoutSeconds * 1000, misses },
  });
}
