import type { MikroORM } from '@mikro-orm/core';
import { createCanaryGuard } from '../../gateway/canary-guard.js';
import type { GatewayDeployment } from '../../gateway/gateway.deps.js';
import type { UsageRecord } from '../../gateway/gateway.metrics.js';
import type { Logger } from '../../core/logger.js';
import { Deployment } from '../deployment/deployment.entity.js';
import type { DeploymentService } from '../deployment/deployment.service.js';

export interface CanaryWatchDeps {
  orm: MikroORM;
  deployments: DeploymentService;
  lookupDeployment(deploymentId: string): Promise<GatewayDeployment | null>;
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

  async function judge(deploymentId: string): Promise<void> {
    const now = Date.now();
    if (rollingBack.has(deploymentId)) return;
    const wait = (judgedAt.get(deploymentId) ?? 0) + JUDGE_EVERY_MS - now;
    if (wait > 0) {
      if (!trailing.has(deploymentId)) {
        const timer = setTimeout(() => {
          trailing.delete(deploymentId);
          judge(deploymentId).catch((error: unknown) =>
            deps.logger.error({ err: error, deploymentId }, 'could not judge a canary'),
          );
        }, wait);
        timer.unref();
        trailing.set(deploymentId, timer);
      }
      return;
    }
    judgedAt.set(deploymentId, now);
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
      judge(record.deploymentId).catch((error: unknown) =>
        deps.logger.error({ err: error, deploymentId: record.deploymentId }, 'could not judge a canary'),
      );
    },
  };
}
