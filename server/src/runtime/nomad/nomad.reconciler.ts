import type { RuntimeDeploySpec, RuntimeExpectedDeployment } from '../runtime.js';
import type { NomadJobQueries } from './nomad-job.queries.js';
import type { NomadDeploymentTracker, NomadRuntimeLogger } from './nomad-deployment.tracker.js';
import type { NomadJobSubmitter } from './nomad-job.submitter.js';
import type { NomadJobWatcher } from './nomad-job.watcher.js';
import type { NomadCanaries } from './nomad-canary.js';

export interface ReconcileResult {
  adopted: string[];
  submitted: string[];
  stopped: string[];
  /** Expected deployments that could not be submitted (a `failed` event carries the reason). */
  failed: string[];
}

export interface NomadReconcilerOptions {
  queries: NomadJobQueries;
  tracker: NomadDeploymentTracker;
  watcher: NomadJobWatcher;
  submitter: NomadJobSubmitter;
  canaries: NomadCanaries;
  logger: NomadRuntimeLogger;
  /** The runtime's per-deployment lock, shared with deploy() and stop(). */
  withLock<T>(deploymentId: string, work: () => Promise<T>): Promise<T>;
  /** The runtime's stop(), which takes the lock itself. */
  stop(deploymentId: string): Promise<void>;
}

/** Brings what Hangar owns on the cluster in line with what the database says should run. */
export class NomadReconciler {
  constructor(private readonly options: NomadReconcilerOptions) {}

  /**
   * Adopts jobs already there, submits the missing ones, purges jobs Hangar owns that are no longer expected. A job
   * already running the expected version is never submitted again, so a restart mid-deploy does not restart the
   * rollout. `observeOnly` (an instance that does not lead the fleet) only follows serving jobs that already run
   * the expected version, so its gateway can route to them; the leader submits, purges and follows optimizations.
   */
  async reconcile(
    expected: RuntimeExpectedDeployment[],
    { observeOnly = false }: { observeOnly?: boolean } = {},
  ): Promise<ReconcileResult> {
    const { queries, tracker, watcher, logger } = this.options;
    await watcher.ensureStream();
    const result: ReconcileResult = { adopted: [], submitted: [], stopped: [], failed: [] };
    const owned = await queries.listOwnedJobs();
    const wanted = new Set(expected.map((entry) => entry.deploymentId));
    for (const { deploymentId, spec, canary } of expected) {
      // Decide inside the deployment's lock so a deploy running in this process is never duplicated.
      await this.options.withLock(deploymentId, async () => {
        try {
          await this.reconcileOne(spec, canary, result, observeOnly);
        } catch (error) {
          // One deployment that cannot run must not keep the others from being reconciled.
          const reason = error instanceof Error ? error.message : String(error);
          logger.error({ deploymentId, reason }, 'reconciling a Nomad deployment failed');
          // Failing a deployment is a decision, and decisions are the leader's.
          if (observeOnly) return;
          tracker.emit({ type: 'failed', deploymentId, version: spec.version, reason });
          result.failed.push(deploymentId);
        }
      });
    }
    for (const deploymentId of owned.keys()) {
      if (wanted.has(deploymentId) || observeOnly) continue;
      await this.options.stop(deploymentId);
      result.stopped.push(deploymentId);
    }
    logger.info({ ...result, observeOnly }, 'Nomad reconciliation done');
    return result;
  }

  private async reconcileOne(
    spec: RuntimeDeploySpec,
    canary: RuntimeDeploySpec | undefined,
    result: ReconcileResult,
    observeOnly: boolean,
  ): Promise<void> {
    const { tracker, submitter } = this.options;
    const { deploymentId } = spec;
    // A split's canary job is the stable version's too: followed, never registered over (that would end the split).
    const split = await this.options.canaries.follow(spec, canary);
    if (split === 'adopted') result.adopted.push(deploymentId);
    if (split) return;
    // Re-read inside the lock: the list of owned jobs may predate a deploy this process just finished.
    const { serving, optimization } = await submitter.liveJobs(spec);
    const current = tracker.get(deploymentId);
    if (current && current.spec.version === spec.version && (serving || optimization)) return;
    // An optimization's end submits the serving job: that is the leader's to do.
    if (observeOnly) {
      if (serving) {
        await submitter.adopt(spec, serving, undefined);
        result.adopted.push(deploymentId);
      }
      return;
    }
    if (serving || optimization) {
      await submitter.adopt(spec, serving, optimization);
      result.adopted.push(deploymentId);
    } else {
      await submitter.submit(spec);
      result.submitted.push(deploymentId);
    }
  }
}
