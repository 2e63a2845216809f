import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from '../../core/logger.js';
import type { Runtime, RuntimeExpectedDeployment } from '../../runtime/runtime.js';
import { DeploymentVersion } from './deployment-version.entity.js';
import { Deployment } from './deployment.entity.js';
import { ACTIVE_STATUSES, EventLevel } from './deployment.enums.js';
import type { DeploymentLifecycle } from './deployment.lifecycle.js';
import type { DeploymentPublisher } from './deployment.publisher.js';
import type { DeploymentSpecBuilder } from './deployment.runtime-spec.js';
import { transition } from './deployment.transitions.js';

export interface DeploymentReconcilerDeps {
  orm: MikroORM;
  runtime: Runtime;
  logger: Logger;
  publisher: DeploymentPublisher;
  specs: DeploymentSpecBuilder;
  lifecycle: DeploymentLifecycle;
}

/**
 * Makes what the runtime runs match the database: on start (and periodically for runtimes that reconcile
 * themselves) active deployments come back up, and what the runtime runs without a reason is stopped.
 */
export class DeploymentReconciler {
  /** Mutations that are recording a version and handing it to the runtime (or stopping it) right now. */
  private readonly lifecycleOps = new Set<Promise<unknown>>();
  private reconciling: Promise<void> | null = null;
  private reconcileTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: DeploymentReconcilerDeps) {}

  close(): void {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    this.reconcileTimer = null;
  }

  /** Resolves once a reconciliation in progress has ended. */
  async settled(): Promise<void> {
    await this.reconciling?.catch(() => undefined);
  }

  /**
   * Never overlaps a mutation that is starting or stopping a version, so the database it reads and what the
   * runtime runs cannot disagree mid-change (no double submission).
   */
  async reconcile(): Promise<void> {
    for (;;) {
      if (this.reconciling) {
        await this.reconciling.catch(() => undefined);
      } else if (this.lifecycleOps.size > 0) {
        await Promise.allSettled([...this.lifecycleOps]);
      } else {
        break;
      }
    }
    const run: Promise<void> = this.reconcileNow().finally(() => {
      if (this.reconciling === run) this.reconciling = null;
    });
    this.reconciling = run;
    await run;
  }

  /** Re-runs reconcile() every `intervalMs` when the runtime reconciles itself (0 disables). */
  reconcilePeriodically(intervalMs: number): void {
    if (!this.deps.runtime.reconcile || intervalMs <= 0 || this.reconcileTimer) return;
    this.reconcileTimer = setInterval(() => {
      if (this.reconciling) return;
      this.reconcile().catch((error: unknown) =>
        this.deps.logger.error({ err: error }, 'periodic reconciliation failed'),
      );
    }, intervalMs);
    // A pending reconciliation must not keep the process alive.
    this.reconcileTimer.unref();
  }

  /** Runs `work` (which records a version and calls the runtime) after any reconciliation in progress. */
  async duringLifecycle<T>(work: () => Promise<T>): Promise<T> {
    while (this.reconciling) await this.reconciling.catch(() => undefined);
    const op = work();
    this.lifecycleOps.add(op);
    try {
      return await op;
    } finally {
      this.lifecycleOps.delete(op);
    }
  }

  private async reconcileNow(): Promise<void> {
    const { runtime, publisher } = this.deps;
    if (runtime.reconcile) {
      await this.reconcileThroughRuntime(runtime.reconcile.bind(runtime));
      return;
    }
    const em = this.deps.orm.em.fork();
    const active = await em.find(
      Deployment,
      { status: { $in: [...ACTIVE_STATUSES] } },
      { populate: ['model'] },
    );
    const running = new Set(await runtime.activeDeployments());
    for (const deployment of active) {
      if (running.has(deployment.deploymentId)) continue;
      const version = await em.findOne(DeploymentVersion, { deployment, version: deployment.currentVersion });
      if (!version) continue;
      const next = transition(deployment.status, 'resumed');
      if (!next.allowed) continue;
      if (next.to !== deployment.status) {
        deployment.status = next.to;
        await em.flush();
      }
      await publisher.recordEvent(
        em,
        deployment,
        version.version,
        EventLevel.WARNING,
        'Resuming after a server restart.',
      );
      await publisher.publishDeployment(deployment);
      await this.deps.lifecycle.startVersion(em, deployment, version);
    }
    const wanted = new Set(active.map((d) => d.deploymentId));
    for (const deploymentId of running) {
      if (!wanted.has(deploymentId)) {
        this.deps.logger.warn({ deploymentId }, 'stopping replicas of a deployment that is not active');
        await runtime.stop(deploymentId);
      }
    }
  }

  /** Hands the runtime the whole expected state; it adopts, submits and stops in one pass. */
  private async reconcileThroughRuntime(reconcile: NonNullable<Runtime['reconcile']>): Promise<void> {
    const em = this.deps.orm.em.fork();
    const active = await em.find(
      Deployment,
      { status: { $in: [...ACTIVE_STATUSES] } },
      { populate: ['model'] },
    );
    const expected: RuntimeExpectedDeployment[] = [];
    for (const deployment of active) {
      const version = await em.findOne(DeploymentVersion, { deployment, version: deployment.currentVersion });
      if (!version) continue;
      expected.push({
        deploymentId: deployment.deploymentId,
        spec: await this.deps.specs.build(deployment, version.version, version.config),
      });
    }
    const result = await reconcile(expected);
    const lines: [string[], EventLevel, string][] = [
      [
        result.submitted,
        EventLevel.WARNING,
        'The runtime was not running this deployment; submitted it again.',
      ],
      [result.adopted, EventLevel.INFO, 'Following the running deployment again after a server restart.'],
    ];
    for (const [deploymentIds, level, message] of lines) {
      for (const deploymentId of deploymentIds) {
        const deployment = active.find((d) => d.deploymentId === deploymentId);
        if (deployment) {
          await this.deps.publisher.recordEvent(em, deployment, deployment.currentVersion, level, message);
        }
      }
    }
    for (const deploymentId of result.stopped) {
      this.deps.logger.warn({ deploymentId }, 'stopped a runtime deployment that is not active');
    }
  }
}
