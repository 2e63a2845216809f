import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from '../../core/logger.js';
import type { Runtime, RuntimeExpectedDeployment } from '../../runtime/runtime.js';
import { DeploymentVersion } from './deployment-version.entity.js';
import { Deployment } from './deployment.entity.js';
import { ACTIVE_STATUSES, DeploymentStatus, EventLevel, VersionStatus } from './deployment.enums.js';
import type { DeploymentLifecycle } from './deployment.lifecycle.js';
import type { DeploymentPublisher } from './deployment.publisher.js';
import type { DeploymentSpecBuilder } from './deployment.runtime-spec.js';
import { transition } from './deployment.transitions.js';
import { activeCanary, endedCanary } from './deployment-canary.rules.js';
import { CanaryState } from './deployment-canary.types.js';

/** An undeploy still open after this long has lost the process that ran it. */
const UNDEPLOY_GIVEN_UP_MS = 10 * 60_000;

export interface DeploymentReconcilerDeps {
  orm: MikroORM;
  runtime: Runtime;
  logger: Logger;
  publisher: DeploymentPublisher;
  specs: DeploymentSpecBuilder;
  lifecycle: DeploymentLifecycle;
  /** Several instances (db/leadership.ts, db/reconcile-gate.ts); omitted: this process is the only one. */
  fleet?: ReconcilerFleet;
}

/** What the reconciler needs to know about the fleet it is part of. */
export interface ReconcilerFleet {
  isLeader(): boolean;
  /** Orders commands and reconciliations across instances when the runtime is shared (Nomad). */
  gate: {
    command<T>(work: () => Promise<T>): Promise<T>;
    reconcile<T>(work: () => Promise<T>): Promise<T>;
  };
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
  /** The first reconciliation of this process is the one after a (re)start; later ones are periodic. */
  private reconciledOnce = false;
  private readonly startedAt = new Date();

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
    const run: Promise<void> = this.reconcileOnce().finally(() => {
      if (this.reconciling === run) this.reconciling = null;
    });
    this.reconciling = run;
    await run;
  }

  /**
   * Re-runs reconcile() every `intervalMs` (0 disables), for every runtime: a local replica group that gave up, or
   * a row a crash left half-written, is put right without waiting for the next restart.
   */
  reconcilePeriodically(intervalMs: number): void {
    if (intervalMs <= 0 || this.reconcileTimer) return;
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
    // On a shared runtime the leader's reconciliation on another instance must not overlap this either.
    const { fleet, runtime } = this.deps;
    const op = fleet && runtime.reconcile ? fleet.gate.command(work) : work();
    this.lifecycleOps.add(op);
    try {
      return await op;
    } finally {
      this.lifecycleOps.delete(op);
    }
  }

  /** Whether this instance does the work that must happen once (always, outside a fleet). */
  private leads(): boolean {
    return this.deps.fleet?.isLeader() ?? true;
  }

  /**
   * A runtime shared by the fleet (Nomad) is reconciled by the leader alone, under the gate's exclusive lock;
   * the others only adopt what runs, so their gateways can route to it. Local replicas are each process's own, so
   * every instance reconciles those; rows a crash left open are closed by the leader.
   */
  private reconcileOnce(): Promise<void> {
    const { fleet, runtime } = this.deps;
    if (fleet && runtime.reconcile && this.leads()) return fleet.gate.reconcile(() => this.reconcileNow());
    return this.reconcileNow();
  }

  private async reconcileNow(): Promise<void> {
    const { runtime } = this.deps;
    // Runtime events already received are applied first, so a version that just failed is not started again.
    await this.deps.lifecycle.settled();
    const afterRestart = !this.reconciledOnce;
    this.reconciledOnce = true;
    const leads = this.leads();
    if (runtime.reconcile) {
      await this.reconcileThroughRuntime(runtime.reconcile.bind(runtime), !leads, afterRestart);
    } else await this.reconcileThroughDeployAndStop(afterRestart);
    if (leads) {
      await this.closeLostCanaries();
      await this.closeInterruptedRows(afterRestart);
    }
  }

  private async reconcileThroughDeployAndStop(afterRestart: boolean): Promise<void> {
    const { runtime, publisher, lifecycle } = this.deps;
    const em = this.deps.orm.em.fork();
    const active = await em.find(
      Deployment,
      { status: { $in: [...ACTIVE_STATUSES] } },
      { populate: ['model'] },
    );
    const running = new Set(await runtime.activeDeployments());
    for (const deployment of active) {
      // A Hugging Face download in progress starts its version when it ends.
      if (running.has(deployment.deploymentId) || lifecycle.isDownloading(deployment.id)) continue;
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
        afterRestart
          ? 'Resuming after a server restart.'
          : 'The runtime was not running this deployment; starting it again.',
      );
      await publisher.publishDeployment(deployment);
      await lifecycle.startVersion(em, deployment, version);
    }
    // A FAILED redeploy leaves its previous version serving: stopping that is the user's undeploy, not ours.
    const failed = await em.find(
      Deployment,
      { status: DeploymentStatus.FAILED },
      { fields: ['deploymentId'] },
    );
    const wanted = new Set([...active, ...failed].map((d) => d.deploymentId));
    for (const deploymentId of running) {
      if (!wanted.has(deploymentId)) {
        this.deps.logger.warn({ deploymentId }, 'stopping replicas of a deployment that is not active');
        await runtime.stop(deploymentId);
      }
    }
  }

  /**
   * Closes what a crash (or a superseding command on an older server) left open: a version still DEPLOYING that
   * nothing will finish (not the current version of an active deployment), and an undeploy whose end was never
   * written. Runs after the runtime has been made to match, so what such an undeploy waited for is stopped.
   */
  private async closeInterruptedRows(afterRestart: boolean): Promise<void> {
    const em = this.deps.orm.em.fork();
    const now = new Date();
    // An undeploy in progress (here it never overlaps a reconciliation; on another instance it may) takes
    // seconds: one that began before this process started, or long ago, was interrupted.
    const undeployOpenSince = afterRestart ? this.startedAt : new Date(now.getTime() - UNDEPLOY_GIVEN_UP_MS);
    const open = await em.find(
      DeploymentVersion,
      {
        $or: [
          { status: VersionStatus.DEPLOYING },
          { undeployStartedAt: { $ne: null }, undeployEndedAt: null },
        ],
      },
      { populate: ['deployment'] },
    );
    const lines: [Deployment, number, string][] = [];
    for (const version of open) {
      const deployment = version.deployment.getEntity();
      const resumable =
        ACTIVE_STATUSES.includes(deployment.status) &&
        (version.version === deployment.currentVersion ||
          activeCanary(deployment)?.version === version.version);
      if (version.status === VersionStatus.DEPLOYING && !resumable) {
        version.status = VersionStatus.FAILED;
        version.endedAt = now;
        version.failureReason =
          version.version < deployment.currentVersion
            ? `Superseded by version ${deployment.currentVersion} before it was ready.`
            : 'Interrupted before it was ready (the server stopped).';
        lines.push([deployment, version.version, `${version.name} failed: ${version.failureReason}`]);
      }
      if (
        version.undeployStartedAt &&
        !version.undeployEndedAt &&
        version.undeployStartedAt < undeployOpenSince
      ) {
        version.undeployEndedAt = now;
        lines.push([
          deployment,
          version.version,
          `${version.name}: undeploy completed after an interruption.`,
        ]);
      }
    }
    if (lines.length === 0) return;
    await em.flush();
    for (const [deployment, versionNumber, message] of lines) {
      await this.deps.publisher.recordEvent(em, deployment, versionNumber, EventLevel.WARNING, message);
      await this.deps.publisher.publishDeployment(deployment);
    }
  }

  /**
   * A split whose canary the runtime no longer runs (the local runtime does not resume canaries after a restart;
   * Nomad's are followed again while their allocations exist) ends as rolled back by the system, so the history,
   * the dashboard and the gateway agree that only the stable version serves.
   */
  private async closeLostCanaries(): Promise<void> {
    const em = this.deps.orm.em.fork();
    const deployments = await em.find(Deployment, { canary: { $ne: null } });
    for (const deployment of deployments) {
      const canary = activeCanary(deployment);
      if (!canary) continue;
      if (this.deps.runtime.replicas(deployment.deploymentId).some((r) => r.version === canary.version))
        continue;
      const reason =
        'The canary’s replicas were gone after a server restart; start a new canary to try again.';
      deployment.canary = endedCanary(canary, CanaryState.ROLLED_BACK, reason, true);
      const version = await em.findOne(DeploymentVersion, { deployment, version: canary.version });
      if (version) {
        const now = new Date();
        if (version.status === VersionStatus.DEPLOYING) {
          version.status = VersionStatus.FAILED;
          version.failureReason = 'Interrupted before it was ready (the server stopped).';
          version.endedAt = now;
        } else {
          version.undeployedBySystem = true;
          version.undeployReason = reason;
          version.undeployStartedAt = now;
          version.undeployEndedAt = now;
        }
      }
      await em.flush();
      const message = `Canary version ${canary.version} rolled back: ${reason}`;
      await this.deps.publisher.recordEvent(em, deployment, canary.version, EventLevel.WARNING, message);
      await this.deps.publisher.publishDeployment(deployment);
    }
  }

  /**
   * Hands the runtime the whole expected state; it adopts, submits and stops in one pass (only adopts when
   * `observeOnly`: a follower in the fleet).
   */
  private async reconcileThroughRuntime(
    reconcile: NonNullable<Runtime['reconcile']>,
    observeOnly: boolean,
    afterRestart: boolean,
  ): Promise<void> {
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
      // An active split's canary runs beside the current version (a runtime that shares its state follows it).
      const split = activeCanary(deployment);
      const canary = split
        ? await em.findOne(DeploymentVersion, { deployment, version: split.version })
        : null;
      expected.push({
        deploymentId: deployment.deploymentId,
        spec: await this.deps.specs.build(deployment, version.version, version.config),
        ...(canary && canary.status !== VersionStatus.FAILED
          ? { canary: await this.deps.specs.build(deployment, canary.version, canary.config) }
          : {}),
      });
    }
    const result = await reconcile(expected, { observeOnly });
    // A follower says nothing: the leader writes what the fleet did.
    if (observeOnly) return;
    const lines: [string[], EventLevel, string][] = [
      [
        result.submitted,
        EventLevel.WARNING,
        'The runtime was not running this deployment; submitted it again.',
      ],
      [
        result.adopted,
        EventLevel.INFO,
        afterRestart
          ? 'Following the running deployment again after a server restart.'
          : 'Following the running deployment (started by another instance, or before this one led).',
      ],
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
