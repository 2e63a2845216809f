import type { MikroORM } from '@mikro-orm/core';
import type { IncomingMessage } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createAutoscaler } from '../../gateway/autoscaler.js';
import { createGateway, type Gateway, type GatewayDeps } from '../../gateway/gateway.handler.js';
import { createGatewayMetrics, type GatewayMetrics } from '../../gateway/gateway.metrics.js';
import type { RouteHandler } from '../../http/http-server.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import type { Logger } from '../../core/logger.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { ApiKeyService } from '../api-key/api-key.service.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { DeploymentStatus, EventLevel } from '../deployment/deployment.enums.js';
import type { DeploymentService, DeploymentStatusChange } from '../deployment/deployment.service.js';
import { endpointOf } from '../deployment/endpoint-snippets.js';
import type { ReadyNotifier } from '../notification/ready-notifier.js';
import { User } from '../user/user.entity.js';
import { GatewayLookups } from './gateway-lookups.js';
import { createScaleToZero } from './scale-to-zero.js';
import { createCanaryWatch } from './canary-watch.js';
import { completeStoredConfig } from '../../core/deployment-config/deployment-config.js';

export interface ServingDeps {
  orm: MikroORM;
  pubsub: HangarPubSub;
  runtime: Runtime;
  deployments: DeploymentService;
  apiKeys: ApiKeyService;
  logger: Logger;
  publicUrl: () => string;
  notifier: ReadyNotifier;
  /** Every finished gateway request (the metrics module rolls them up). */
  onUsage?: GatewayDeps['onUsage'];
  /** Who may read /metrics: null lets the request through, otherwise its refusal. Omitted: anyone. */
  metricsRefusal?: (req: IncomingMessage) => Promise<{ status: number; message: string } | null>;
}

export interface Serving {
  routes: RouteHandler[];
  metrics: GatewayMetrics;
  gateway: Gateway;
  close(): void;
}

/**
 * Puts the gateway in front of every replica and keeps what serving needs running: one autoscaler per deployed
 * deployment, the "endpoint ready" notification, and the Prometheus endpoint.
 */
export function createServing(deps: ServingDeps): Serving {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hangar_' });
  const metrics = createGatewayMetrics(registry);
  const lookups = new GatewayLookups({ orm: deps.orm, apiKeys: deps.apiKeys });
  // Scale to zero reads the gateway's idle clock and the gateway wakes through it: each reaches the other lazily.
  const scaleToZero = createScaleToZero({
    runtime: deps.runtime,
    gateway: { load: (id) => gateway.load(id), lastActivity: (id) => gateway.lastActivity(id) },
    deployments: deps.deployments,
    logger: deps.logger,
  });
  const canaryWatch = createCanaryWatch({
    orm: deps.orm,
    deployments: deps.deployments,
    lookupDeployment: lookups.lookupDeployment,
    logger: deps.logger,
  });
  const gateway = createGateway({
    lookupDeployment: lookups.lookupDeployment,
    verifyApiKey: lookups.verifyApiKey,
    replicas: (deploymentId) => deps.runtime.replicas(deploymentId),
    logger: deps.logger,
    metrics,
    onUsage: (record) => {
      deps.onUsage?.(record);
      canaryWatch.record(record);
    },
    coldStarter: scaleToZero.coldStarter,
  });
  // Changes on this instance clear the lookups at once; the pub/sub carries changes made on other instances.
  const unsubscribeRevoked = deps.apiKeys.onRevoked(() => lookups.forgetKeys());
  // Without these events other instances' changes reach this one only after the lookups' 10 s backstop.
  const lost = (error: unknown) =>
    deps.logger.error({ err: error }, 'the gateway stopped hearing about changes on other instances');
  const subscriptions = [
    follow(deps.pubsub.subscribe('API_KEY_REVOKED'), () => lookups.forgetKeys(), lost),
    follow(deps.pubsub.subscribe('DEPLOYMENT_UPDATED'), () => lookups.forgetDeployments(), lost),
  ];
  const unsubscribeRuntime = deps.runtime.onEvent((event) => {
    if (event.type === 'replicas') gateway.replicasChanged(event.deploymentId);
  });

  const autoscalers = new Map<string, { stop(): void }>();
  const stopAutoscaler = (deploymentId: string) => {
    autoscalers.get(deploymentId)?.stop();
    autoscalers.delete(deploymentId);
  };
  const onStatus = async (change: DeploymentStatusChange) => {
    if (change.status !== DeploymentStatus.DEPLOYED) {
      stopAutoscaler(change.deploymentId);
      scaleToZero.forget(change.deploymentId);
      return;
    }
    const em = deps.orm.em.fork();
    const deployment = await em.findOne(Deployment, { id: change.id }, { populate: ['model'] });
    if (!deployment) return;
    // A redeploy may change the scaling bounds: replace the autoscaler with one for the new configuration.
    stopAutoscaler(change.deploymentId);
    const { scaling, parameters } = completeStoredConfig(deployment.config);
    scaleToZero.follow(change.deploymentId, change.status, scaling);
    if (scaling.maxReplicas > scaling.minReplicas) {
      const autoscaler = createAutoscaler({
        deploymentId: change.deploymentId,
        scaling,
        batchSize: parameters.inferenceBatchSize,
        // Zero and the way back are scale to zero's: a late decision must not wake a deployment it put to sleep.
        scale: (id, replicas) =>
          scaleToZero.isAsleep(id) ? Promise.resolve() : deps.runtime.scale(id, replicas),
        getLoad: (id) => {
          const load = gateway.load(id);
          return load.inFlight + load.queued;
        },
        getReplicaCount: (id) =>
          deps.runtime.replicas(id).filter((r) => r.status === 'STARTING' || r.status === 'READY').length,
        onDecision: (line) => void deps.deployments.logEvent(change.deploymentId, EventLevel.INFO, line),
      });
      autoscaler.start();
      autoscalers.set(change.deploymentId, autoscaler);
    }
    // A restart (or a reconcile) brings deployments back to DEPLOYED: only a version's first time is news.
    if (!(await deps.deployments.claimReadyNotification(change.id, change.version))) return;
    const user = change.deployedByUserId ? await em.findOne(User, { id: change.deployedByUserId }) : null;
    const endpoint = endpointOf(deps.publicUrl(), change.deploymentId, deployment.endpointTimeoutSeconds);
    await deps.notifier.notify({
      event: 'deployment.ready',
      deploymentId: change.deploymentId,
      deploymentName: deployment.name,
      versionName: change.versionName,
      modelName: deployment.model.getEntity().name,
      endpointUrl: endpoint.url,
      curl: endpoint.curl,
      at: new Date().toISOString(),
      recipient: user?.email ?? null,
    });
  };
  const unsubscribeStatus = deps.deployments.onStatusChange((change) => {
    lookups.forgetDeployments();
    onStatus(change).catch((error: unknown) =>
      deps.logger.error({ err: error }, 'serving could not follow a status change'),
    );
  });

  const metricsRoute: RouteHandler = async (req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') return false;
    const refusal = await deps.metricsRefusal?.(req);
    if (refusal) {
      res
        .writeHead(refusal.status, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' })
        .end(JSON.stringify({ error: { message: refusal.message } }));
      return true;
    }
    res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
    return true;
  };

  return {
    routes: [(req, res) => gateway(req, res), metricsRoute],
    metrics,
    gateway,
    close() {
      unsubscribeRevoked();
      for (const subscription of subscriptions) subscription.stop();
      unsubscribeRuntime();
      unsubscribeStatus();
      for (const id of [...autoscalers.keys()]) stopAutoscaler(id);
      scaleToZero.close();
      gateway.close();
      deps.notifier.close();
    },
  };
}

/** Runs `onEvent` for every event of a pub/sub subscription until `stop`. */
function follow(
  events: AsyncIterableIterator<unknown>,
  onEvent: () => void,
  onError: (error: unknown) => void,
): { stop(): void } {
  (async () => {
    for await (const _event of events) onEvent();
  })().catch(onError);
  return { stop: () => void events.return?.() };
}
