import type { MikroORM } from '@mikro-orm/core';
import type { IncomingMessage } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { completeStoredConfig } from '../../core/deployment-config/deployment-config.js';
import { createAutoscaler } from '../../gateway/autoscaler.js';
import { createScalingSignals } from '../../gateway/autoscaler.signals.js';
import { createGateway, type Gateway, type GatewayDeps } from '../../gateway/gateway.handler.js';
import { createGatewayMetrics, type GatewayMetrics } from '../../gateway/gateway.metrics.js';
import type { SharedLimits } from '../../gateway/gateway.shared-limits.js';
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
import { ScalingDecisions } from './scaling-decisions.js';
import { createCanaryWatch } from './canary-watch.js';

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
  /** Whether this instance leads the fleet: only the leader's autoscalers decide. Omitted: always. */
  leads?: () => boolean;
  /** The most replicas a deployment's project quota leaves it (null: none); the autoscaler stops there. */
  replicaCap?: (deploymentRowId: string) => Promise<number | null>;
  /** Rate limits, replica slots and queues shared with the fleet through Redis. */
  shared?: SharedLimits;
  routing?: GatewayDeps['routing'];
  /** Monthly token budgets the gateway checks before forwarding. */
  budgets?: GatewayDeps['budgets'];
  /** Who may read /metrics: null lets the request through, otherwise its refusal. Omitted: anyone. */
  metricsRefusal?: (req: IncomingMessage) => Promise<{ status: number; message: string } | null>;
}

export interface Serving {
  routes: RouteHandler[];
  metrics: GatewayMetrics;
  gateway: Gateway;
  /** The autoscalers' last decisions (Deployment.lastScalingDecision). */
  scalingDecisions: ScalingDecisions;
  /** Starts the autoscalers of DEPLOYED deployments this instance has not followed (after taking the lead). */
  followDeployed(): Promise<void>;
  /** Refuses new gateway requests (503, Retry-After) and waits, at most `timeoutMs`, for those in flight. */
  drain(timeoutMs: number): Promise<void>;
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
  const signals = createScalingSignals();
  const canaryWatch = createCanaryWatch({
    orm: deps.orm,
    deployments: deps.deployments,
    lookupDeployment: lookups.lookupDeployment,
    logger: deps.logger,
  });
  const gateway = createGateway({
    // The autoscaler's signals, the metrics rollups and the canary's guard all read every finished request.
    onUsage: (record) => {
      signals.observe(record);
      deps.onUsage?.(record);
      canaryWatch.record(record);
    },
    lookupDeployment: lookups.lookupDeployment,
    verifyApiKey: lookups.verifyApiKey,
    replicas: (deploymentId) => deps.runtime.replicas(deploymentId),
    logger: deps.logger,
    metrics,
    coldStarter: scaleToZero.coldStarter,
    shared: deps.shared,
    routing: deps.routing,
    budgets: deps.budgets,
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
  const scalingDecisions = new ScalingDecisions();
  const stopAutoscaler = (deploymentId: string) => {
    signals.forget(deploymentId);
    autoscalers.get(deploymentId)?.stop();
    autoscalers.delete(deploymentId);
  };
  const startAutoscaler = (deployment: Deployment) => {
    const { deploymentId } = deployment;
    stopAutoscaler(deploymentId);
    const { scaling, parameters } = completeStoredConfig(deployment.config);
    if (scaling.maxReplicas <= scaling.minReplicas) return;
    const autoscaler = createAutoscaler({
      deploymentId,
      scaling,
      batchSize: parameters.inferenceBatchSize,
      // Zero and the way back are scale to zero's: a late decision must not wake a deployment it put to sleep.
      scale: (id, replicas) =>
        scaleToZero.isAsleep(id) ? Promise.resolve() : deps.runtime.scale(id, replicas),
      // The fleet's load (with Redis): the leader decides for requests that came through every instance.
      getLoad: async (id) => {
        const load = await gateway.fleetLoad(id);
        return load.inFlight + load.queued;
      },
      getSignals: async (id, since) => signals.read(id, await gateway.fleetLoad(id), since),
      mode: scaling.autoscalerMode,
      getReplicaCount: (id) =>
        deps.runtime.replicas(id).filter((r) => r.status === 'STARTING' || r.status === 'READY').length,
      onDecision: (line, decision) => {
        scalingDecisions.record(deploymentId, decision);
        void deps.deployments.logEvent(deploymentId, EventLevel.INFO, line);
      },
      leads: deps.leads,
      getReplicaCap: deps.replicaCap ? () => deps.replicaCap!(deployment.id) : undefined,
    });
    autoscaler.start();
    autoscalers.set(deploymentId, autoscaler);
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
    scaleToZero.follow(change.deploymentId, change.status, completeStoredConfig(deployment.config).scaling);
    startAutoscaler(deployment);
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

  /**
   * Starts the autoscalers of every DEPLOYED deployment that has none here: an instance that takes the lead
   * applied none of their status changes (the leader before it did).
   */
  const followDeployed = async () => {
    const em = deps.orm.em.fork();
    for (const deployment of await em.find(Deployment, { status: DeploymentStatus.DEPLOYED })) {
      if (!autoscalers.has(deployment.deploymentId)) startAutoscaler(deployment);
    }
  };

  return {
    routes: [(req, res) => gateway(req, res), metricsRoute],
    followDeployed,
    metrics,
    gateway,
    scalingDecisions,
    drain: (timeoutMs) => gateway.drain(timeoutMs),
    close() {
      unsubscribeRevoked();
      for (const subscription of subscriptions) subscription.stop();
      unsubscribeRuntime();
      unsubscribeStatus();
      for (const id of [...autoscalers.keys()]) stopAutoscaler(id);
      scaleToZero.close();
      canaryWatch.close();
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
