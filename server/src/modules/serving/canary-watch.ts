import type { MikroORM } from '@mikro-orm/core';
import type { Awaitable } from '../../core/awaitable.js';
import { createCanaryGuard } from '../../gateway/canary-guard.js';
import type { GatewayDeployment } from '../../gateway/gateway.deps.js';
import type { UsageRecord } from '../../gateway/gateway.metrics.js';
import type { Logger } from '../../core/logger.js';
import { Deployment } from '../deployment/deployment.entity.js';
import type { DeploymentService } from '../deployment/deployment.service.js';

export interface CanaryWatchDeps {
  orm: MikroORM;
  deployments: DeploymentService;
  lookupDeployment(deploymentId: string): Awaitable<GatewayDeployment | null>;
  logger: Logger;
}

/** A canary is judged at most this often per deployment: each verdict sorts the window's latencies. */
const JUDGE_EVERY_MS = 250;

/**
 * Automatic rollback: every answered gateway request goes into the canary guard's per-version window; a
 * deployment with an active split and a policy is judged after its requests, and rolled back by the system with
 * the figures that failed it (history, event line, audit). The window is this instance's memory.
 */
export function createCanaryWatch(deps: CanaryWatchDeps) {
  const guard = createCanaryGuard();
  const judgedAt = new Map<string, number>();
  const rollingBack = new Set<string>();

  /** Deployments with a judgement due at the end of the throttle (a burst shorter than it is still judged). */
  const trailing = new Map<string, NodeJS.Timeout>();

  /**
   * Judges the deployment now if its throttle allows, else once at the throttle's end. Synchronous until a verdict
   * is due: it runs after every gateway request, and most of them only find the throttle closed.
   */
  function judgeSoon(deploymentId: string): void {
    const now = Date.now();
    if (rollingBack.has(deploymentId)) return;
    const wait = (judgedAt.get(deploymentId) ?? 0) + JUDGE_EVERY_MS - now;
    if (wait > 0) {
      if (!trailing.has(deploymentId)) {
        const timer = setTimeout(() => {
          trailing.delete(deploymentId);
          judgeSoon(deploymentId);
        }, wait);
        timer.unref();
        trailing.set(deploymentId, timer);
      }
      return;
    }
    judgedAt.set(deploymentId, now);
    judge(deploymentId, now).catch((error: unknown) =>
      deps.logger.error({ err: error, deploymentId }, 'could not judge a canary'),
    );
  }

  async function judge(deploymentId: string, now: number): Promise<void> {
    const split = (await deps.lookupDeployment(deploymentId))?.split;
    if (!split?.autoRollback) return;
    const reason = guard.verdict(deploymentId, split.canaryVersion, split.autoRollback, now);
    if (!reason) return;
    rollingBack.add(deploymentId);
    try {
      const em = deps.orm.em.fork();
      const deployment = await em.findOne(Deployment, { deploymentId });
      if (!deployment) return;
      deps.logger.warn({ deploymentId, reason }, 'canary rolled back automatically');
      await deps.deployments.rollbackCanary(em, { system: reason }, { id: deployment.globalId });
      guard.forget(deploymentId);
    } finally {
      rollingBack.delete(deploymentId);
    }
  }

  return {
    close(): void {
      for (const timer of trailing.values()) clearTimeout(timer);
      trailing.clear();
    },
    record(record: UsageRecord): void {
      guard.record(record);
      judgeSoon(record.deploymentId);
    },
  };
}
