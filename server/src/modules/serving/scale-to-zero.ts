import type { ScalingConfig } from '../../core/deployment-config/deployment-config.js';
import type { ColdStarter, ColdStartPhase } from '../../gateway/cold-start.js';
import { noReadyReplica, replicaFailed } from '../../gateway/gateway.errors.js';
import type { Gateway } from '../../gateway/gateway.handler.js';
import { dueToScaleToZero } from '../../gateway/idle-policy.js';
import type { Logger } from '../../core/logger.js';
import type { ReplicaInfo, Runtime } from '../../runtime/runtime.js';
import { EventLevel, type DeploymentStatus } from '../deployment/deployment.enums.js';
import type { DeploymentService } from '../deployment/deployment.service.js';
import { transition } from '../deployment/deployment.transitions.js';

export interface ScaleToZeroDeps {
  runtime: Runtime;
  gateway: Pick<Gateway, 'load' | 'lastActivity'>;
  deployments: Pick<DeploymentService, 'logEvent'>;
  logger: Logger;
  /** How often idleness is checked. @default 1000 */
  tickMs?: number;
}

interface Followed {
  status: DeploymentStatus;
  scaling: ScalingConfig;
  /** When it went live: the idle clock of a deployment that never had a request. */
  since: number;
}

interface Waking {
  /** Settles when the replica is ready, or rejects when it cannot start: every held request hears which. */
  promise: Promise<void>;
  ready(): void;
  failed(error: unknown): void;
  phases: ColdStartPhase[];
  listeners: Set<(phase: ColdStartPhase) => void>;
}

const isUp = (r: ReplicaInfo) => r.status === 'STARTING' || r.status === 'READY';

/**
 * Scale to zero for the deployments that allow it: puts a DEPLOYED deployment to zero replicas once its idle time
 * passed without a request (`gateway/idle-policy.ts` decides), and wakes it with one replica when a request comes
 * (the gateway's `ColdStarter`), telling the held callers which phase the replica is in. The runtime's `replicas`
 * events publish the change (the lifecycle's `publishDeployment`), so dashboards see `idle` flip live.
 */
export function createScaleToZero(deps: ScaleToZeroDeps) {
  const followed = new Map<string, Followed>();
  const waking = new Map<string, Waking>();
  const upCount = (id: string) => deps.runtime.replicas(id).filter(isUp).length;
  const log = (id: string, line: string) =>
    void deps.deployments.logEvent(id, EventLevel.INFO, line).catch((error: unknown) => {
      deps.logger.error({ err: error, deploymentId: id }, 'could not record a scale-to-zero event');
    });

  function phase(id: string, next: ColdStartPhase): void {
    const wake = waking.get(id);
    if (!wake || wake.phases.includes(next)) return;
    wake.phases.push(next);
    for (const listener of wake.listeners) listener(next);
  }

  const unsubscribe = deps.runtime.onEvent((event) => {
    if (!waking.has(event.deploymentId)) return;
    // The local runtime's replica reports "loading model" once its process runs; that is the next phase.
    if (event.type === 'progress' && event.message.endsWith('loading model'))
      phase(event.deploymentId, 'loading model');
    const wake = waking.get(event.deploymentId)!;
    if (event.type === 'replicas' && event.replicas.some((r) => r.status === 'READY')) {
      waking.delete(event.deploymentId);
      wake.ready();
    }
    if (event.type === 'failed') {
      waking.delete(event.deploymentId);
      wake.failed(replicaFailed(`no replica could start after scaling from zero (${event.reason})`));
    }
  });

  async function sleepIfIdle(id: string, entry: Followed): Promise<void> {
    const load = deps.gateway.load(id);
    const due = dueToScaleToZero({
      now: Date.now(),
      lastActivityAt: Math.max(deps.gateway.lastActivity(id) ?? 0, entry.since),
      load: load.inFlight + load.queued,
      replicas: upCount(id),
      scaleToZeroAfterSeconds: entry.scaling.scaleToZeroAfterSeconds,
    });
    if (!due || waking.has(id) || !transition(entry.status, 'idled').allowed) return;
    log(
      id,
      `No request for ${entry.scaling.scaleToZeroAfterSeconds} s: scaling to zero replicas; the next request starts one.`,
    );
    await deps.runtime.scale(id, 0);
  }

  const timer = setInterval(() => {
    for (const [id, entry] of followed) {
      sleepIfIdle(id, entry).catch((error: unknown) =>
        deps.logger.error({ err: error, deploymentId: id }, 'could not scale a deployment to zero'),
      );
    }
  }, deps.tickMs ?? 1000);
  timer.unref();

  const coldStarter: ColdStarter = {
    wake(id) {
      const current = waking.get(id);
      if (current) return current.promise;
      const entry = followed.get(id);
      if (!entry || !transition(entry.status, 'woken').allowed) {
        // Not DEPLOYED (a first deploy or a restart still starting): its replica is on the way, or nothing is.
        const starting = deps.runtime.replicas(id).some((r) => r.status === 'STARTING');
        return starting ? Promise.resolve() : Promise.reject(noReadyReplica(id));
      }
      if (upCount(id) > 0) return Promise.resolve();
      const wake: Waking = {
        promise: Promise.resolve(),
        ready: () => {},
        failed: () => {},
        phases: [],
        listeners: new Set(),
      };
      wake.promise = new Promise<void>((resolve, reject) => {
        wake.ready = resolve;
        wake.failed = reject;
      });
      // Held requests also watch the replicas themselves; a rejection nobody awaits must not crash the server.
      wake.promise.catch(() => {});
      waking.set(id, wake);
      phase(id, 'starting replica');
      log(id, 'A request arrived while scaled to zero: starting one replica.');
      deps.runtime.scale(id, 1).catch((error: unknown) => {
        waking.delete(id);
        deps.logger.error({ err: error, deploymentId: id }, 'could not wake a deployment scaled to zero');
        wake.failed(noReadyReplica(id));
      });
      return wake.promise;
    },
    onPhase(id, listener) {
      const wake = waking.get(id);
      if (!wake) return () => {};
      for (const past of wake.phases) listener(past);
      wake.listeners.add(listener);
      return () => wake.listeners.delete(listener);
    },
  };

  return {
    coldStarter,
    /**
     * Follows a deployment whose status the lifecycle table lets idle, when its scaling allows zero; forgets it
     * otherwise (undeployed, failed, redeploying, or the option turned off).
     */
    follow(id: string, status: DeploymentStatus, scaling: ScalingConfig): void {
      if (scaling.scaleToZeroAfterSeconds > 0 && transition(status, 'idled').allowed) {
        followed.set(id, { status, scaling, since: Date.now() });
      } else {
        followed.delete(id);
      }
    },
    forget(id: string): void {
      followed.delete(id);
      // Undeployed or failed while waking: the held requests end now rather than at their timeout.
      waking.get(id)?.failed(noReadyReplica(id));
      waking.delete(id);
    },
    /** Scaled to zero (or waking from it): the autoscaler leaves such a deployment alone. */
    isAsleep(id: string): boolean {
      return followed.has(id) && (upCount(id) === 0 || waking.has(id));
    },
    close(): void {
      clearInterval(timer);
      unsubscribe();
    },
  };
}

export type ScaleToZero = ReturnType<typeof createScaleToZero>;
