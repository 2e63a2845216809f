import { serviceName } from './nomad-job.common.js';
import type { NomadConnection } from './nomad.client.js';
import { TERMINAL_CLIENT_STATUS as TERMINAL } from './nomad-job.queries.js';
import { describeAllocationFailure } from './nomad-failure-reasons.js';
import { readServiceRegistrations } from './nomad-services.client.js';
import { ids, type NomadDeploymentTracker, type TrackedDeployment } from './nomad-deployment.tracker.js';
import type { ReplicaInfo } from '../runtime.js';

export interface NomadDeploymentStatusOptions {
  connection: NomadConnection;
  tracker: NomadDeploymentTracker;
  /** Called once the optimization job has completed: the serving job comes next. */
  submitServing(tracked: TrackedDeployment): Promise<void>;
  /** A traffic split's canary failed (reported already): the job goes back to the serving version. */
  canaryFailed(tracked: TrackedDeployment): void;
  /** Brings a followed canary in step with a promotion or revert decided elsewhere (nomad-canary.ts). */
  observeCanary(tracked: TrackedDeployment): Promise<void>;
}

/** Turns what Nomad reported so far about a deployment's jobs into runtime events, emitting only changes. */
export class NomadDeploymentStatus {
  private readonly tracker: NomadDeploymentTracker;

  constructor(private readonly options: NomadDeploymentStatusOptions) {
    this.tracker = options.tracker;
  }

  async evaluate(tracked: TrackedDeployment): Promise<void> {
    if (!this.tracker.isCurrent(tracked)) return;
    if (tracked.phase === 'optimizing') {
      await this.evaluateOptimization(tracked);
      return;
    }
    // Until the registered version is known, allocations cannot be told apart by version.
    if (tracked.nomadVersion === undefined && tracked.submittingServing) return;
    if (tracked.canary && tracked.canary.nomadVersion === undefined) return;
    if (tracked.canary) await this.options.observeCanary(tracked);
    for (const [allocId, alloc] of tracked.allocs) {
      if (TERMINAL.has(alloc.ClientStatus ?? '')) {
        tracked.baseUrls.delete(allocId);
        tracked.wasHealthy.delete(allocId);
      } else if (alloc.DeploymentStatus?.Healthy) tracked.wasHealthy.add(allocId);
    }
    await this.refreshServiceAddresses(tracked);
    this.reportRestarts(tracked);
    const replicas = this.tracker.replicaInfos(tracked);
    const serialized = JSON.stringify(replicas);
    if (serialized !== tracked.lastReplicas) {
      tracked.lastReplicas = serialized;
      this.tracker.emit({ type: 'replicas', deploymentId: tracked.spec.deploymentId, replicas });
    }
    if (tracked.canary) this.evaluateCanary(tracked, replicas);
    const current = [...tracked.allocs.values()].filter((alloc) => alloc.JobVersion === tracked.nomadVersion);
    const readyCount = replicas.filter(
      (replica) => replica.status === 'READY' && replica.version === tracked.spec.version,
    ).length;
    // From 'failed' too: a blocked placement is retried by Nomad when capacity appears.
    if (tracked.phase !== 'ready' && readyCount >= tracked.spec.config.scaling.minReplicas) {
      tracked.phase = 'ready';
      this.tracker.emit({ type: 'ready', ...ids(tracked) });
      return;
    }
    const deployment = tracked.deployment;
    if (
      tracked.phase === 'deploying' &&
      deployment?.JobVersion === tracked.nomadVersion &&
      deployment?.Status === 'failed'
    ) {
      const failedAlloc = current.find((alloc) => describeAllocationFailure(alloc));
      this.tracker.fail(
        tracked,
        (failedAlloc && describeAllocationFailure(failedAlloc)) ??
          deployment.StatusDescription ??
          'deployment failed',
      );
      return;
    }
    if (
      tracked.phase === 'ready' &&
      current.length > 0 &&
      current.every((alloc) => TERMINAL.has(alloc.ClientStatus ?? ''))
    ) {
      const failedAlloc = current.find((alloc) => alloc.ClientStatus === 'failed');
      this.tracker.fail(
        tracked,
        `stopped serving: ${(failedAlloc && describeAllocationFailure(failedAlloc)) ?? 'all replicas stopped'}`,
      );
    }
  }

  /**
   * A traffic split's canary is ready once its minReplicas serve; it failed when its Nomad deployment failed (an
   * allocation failed its checks) or all its allocations ended with a failure. Either is reported once.
   */
  private evaluateCanary(tracked: TrackedDeployment, replicas: ReplicaInfo[]): void {
    const canary = tracked.canary!;
    const event = { deploymentId: tracked.spec.deploymentId, version: canary.spec.version };
    if (canary.phase === 'deploying') {
      const ready = replicas.filter((r) => r.status === 'READY' && r.version === canary.spec.version);
      if (ready.length >= canary.spec.config.scaling.minReplicas) {
        canary.phase = 'ready';
        const message = `canary version ${canary.spec.version} ready: serving beside version ${tracked.spec.version}`;
        this.tracker.emit({ type: 'progress', ...event, message });
        this.tracker.emit({ type: 'ready', ...event });
        return;
      }
    }
    if (canary.phase === 'failed') return;
    const allocs = [...tracked.allocs.values()].filter((alloc) => alloc.JobVersion === canary.nomadVersion);
    const deployment = tracked.deployment;
    const deploymentFailed =
      deployment?.JobVersion === canary.nomadVersion && deployment?.Status === 'failed';
    const allEnded =
      allocs.length > 0 &&
      allocs.every((alloc) => TERMINAL.has(alloc.ClientStatus ?? '')) &&
      allocs.some((alloc) => alloc.ClientStatus === 'failed');
    if (!deploymentFailed && !allEnded) return;
    canary.phase = 'failed';
    const failedAlloc = allocs.find((alloc) => describeAllocationFailure(alloc));
    const reason =
      (failedAlloc && describeAllocationFailure(failedAlloc)) ??
      deployment?.StatusDescription ??
      'the canary stopped';
    this.tracker.emit({ type: 'failed', ...event, reason });
    this.options.canaryFailed(tracked);
  }

  private async evaluateOptimization(tracked: TrackedDeployment): Promise<void> {
    const allocs = [...tracked.optimizationAllocs.values()];
    if (allocs.some((alloc) => alloc.ClientStatus === 'complete')) {
      this.tracker.emit({ type: 'progress', ...ids(tracked), message: 'optimization finished' });
      try {
        await this.options.submitServing(tracked);
      } catch (error) {
        tracked.submittingServing = false;
        this.tracker.fail(
          tracked,
          `could not submit the serving job: ${error instanceof Error ? error.message : error}`,
        );
      }
      return;
    }
    const failed = allocs.find((alloc) => alloc.ClientStatus === 'failed');
    if (failed && !allocs.some((alloc) => !TERMINAL.has(alloc.ClientStatus ?? ''))) {
      this.tracker.fail(
        tracked,
        `optimization failed: ${describeAllocationFailure(failed) ?? 'unknown error'}`,
      );
    }
  }

  private reportRestarts(tracked: TrackedDeployment): void {
    for (const alloc of tracked.allocs.values()) {
      const restarts = Object.values(alloc.TaskStates ?? {}).reduce(
        (sum, state) => sum + (state.Restarts ?? 0),
        0,
      );
      const seen = tracked.restarts.get(alloc.ID!) ?? 0;
      if (restarts > seen) {
        tracked.restarts.set(alloc.ID!, restarts);
        const exit = Object.values(alloc.TaskStates ?? {})
          .flatMap((state) => state.Events ?? [])
          .filter((event) => event.Type === 'Terminated')
          .pop();
        this.tracker.emit({
          type: 'progress',
          ...ids(tracked),
          message: `replica ${alloc.ID!.slice(0, 8)} restarted (exit code ${exit?.ExitCode ?? '?'}, restart ${restarts})`,
        });
      }
    }
  }

  /** A replica's address comes from native service discovery, read only when a healthy one lacks it. */
  private async refreshServiceAddresses(tracked: TrackedDeployment): Promise<void> {
    const healthyWithoutUrl = [...tracked.allocs.values()].some(
      (alloc) => alloc.DeploymentStatus?.Healthy && !tracked.baseUrls.has(alloc.ID!),
    );
    if (!healthyWithoutUrl) return;
    const { registrations } = await readServiceRegistrations(
      this.options.connection,
      serviceName(tracked.spec.deploymentId),
    );
    for (const registration of registrations) {
      tracked.baseUrls.set(registration.AllocID!, `http://${registration.Address}:${registration.Port}/v1`);
    }
  }
}
