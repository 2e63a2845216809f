import type { HardwareProfile } from '../../core/hardware-profile.js';
import type {
  ReplicaInfo,
  Runtime,
  RuntimeAdapter,
  RuntimeDeploySpec,
  RuntimeExpectedDeployment,
  RuntimeListener,
} from '../runtime.js';
import { SERVING_GROUP, jobVariablePath, servingJobId, type NomadJob } from './nomad-job.common.js';
import {
  NomadHttpError,
  createNomadApi,
  expectOk,
  type NomadApi,
  type NomadConnection,
} from './nomad.client.js';
import { NomadJobQueries } from './nomad-job.queries.js';
import { describePlacementFailure } from './nomad-failure-reasons.js';
import { deleteVariable } from './nomad-variables.client.js';
import {
  NomadDeploymentTracker,
  silentLogger,
  type NomadRuntimeLogger,
  type TrackedDeployment,
} from './nomad-deployment.tracker.js';
import { NomadDeploymentStatus } from './nomad-deployment.status.js';
import { NomadJobWatcher } from './nomad-job.watcher.js';
import { NomadJobSubmitter } from './nomad-job.submitter.js';
import { NomadReconciler, type ReconcileResult } from './nomad.reconciler.js';
import { NomadCanaries } from './nomad-canary.js';
import { vllmAdapterRefusal } from './vllm.job.js';

export type { NomadRuntimeLogger } from './nomad-deployment.tracker.js';
export type { ReconcileResult } from './nomad.reconciler.js';

export interface NomadRuntimeOptions extends NomadConnection {
  hardwareProfiles: HardwareProfile[];
  logger?: NomadRuntimeLogger;
  /** Tuning for tests; production defaults follow Nomad's 30 s heartbeat. */
  eventStream?: { reconnectDelayMs?: number; heartbeatTimeoutMs?: number; resyncAfterGapMs?: number };
  /** How long scale() keeps retrying while a Nomad deployment blocks scaling. */
  scaleRetryTimeoutMs?: number;
  /** How long stop() waits for allocations to stop after the purge. */
  stopTimeoutMs?: number;
}

export interface NomadPlanResult {
  fits: boolean;
  reasons: string[];
}

/**
 * Runs deployments as Nomad jobs; status comes from the event stream (blocking queries when it is refused).
 * Submission (nomad-job.submitter.ts), watching (nomad-job.watcher.ts), status (nomad-deployment.status.ts) and
 * reconciliation (nomad.reconciler.ts) share one tracker; this class holds the per-deployment locks that order them.
 */
export class NomadRuntime implements Runtime {
  readonly name = 'nomad';
  private readonly api: NomadApi;
  private readonly queries: NomadJobQueries;
  private readonly logger: NomadRuntimeLogger;
  private readonly tracker: NomadDeploymentTracker;
  private readonly watcher: NomadJobWatcher;
  private readonly submitter: NomadJobSubmitter;
  private readonly reconciler: NomadReconciler;
  private readonly canaries: NomadCanaries;
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly options: NomadRuntimeOptions) {
    this.api = createNomadApi(options);
    this.queries = new NomadJobQueries(this.api);
    this.logger = options.logger ?? silentLogger;
    this.tracker = new NomadDeploymentTracker(this.logger);
    const { api, queries, tracker, logger } = this;
    const status = new NomadDeploymentStatus({
      connection: options,
      tracker,
      submitServing: (tracked) => this.submitter.submitServing(tracked),
      canaryFailed: (tracked) => this.revertFailedCanary(tracked),
      observeCanary: (tracked) => this.canaries.observe(tracked),
    });
    this.watcher = new NomadJobWatcher({
      api,
      queries,
      connection: options,
      tracker,
      logger,
      eventStream: options.eventStream,
      onChange: (tracked) => status.evaluate(tracked),
    });
    this.submitter = new NomadJobSubmitter({
      api,
      queries,
      connection: options,
      hardwareProfiles: options.hardwareProfiles,
      tracker,
      watcher: this.watcher,
    });
    this.canaries = new NomadCanaries({
      api,
      queries,
      tracker,
      watcher: this.watcher,
      submitter: this.submitter,
      canaryFailed: (tracked) => this.revertFailedCanary(tracked),
    });
    this.reconciler = new NomadReconciler({
      queries,
      tracker,
      canaries: this.canaries,
      watcher: this.watcher,
      submitter: this.submitter,
      logger,
      withLock: (deploymentId, work) => this.withLock(deploymentId, work),
      stop: (deploymentId) => this.stop(deploymentId),
    });
  }

  onEvent(listener: RuntimeListener): () => void {
    return this.tracker.onEvent(listener);
  }

  async deploy(spec: RuntimeDeploySpec): Promise<void> {
    this.submitter.planFor(spec); // refuse at once, before taking the lock
    await this.withLock(spec.deploymentId, () => this.submitter.submit(spec));
  }

  /** A traffic split: the next job version's canaries start beside the serving allocations (nomad-canary.ts). */
  async deployCanary(spec: RuntimeDeploySpec): Promise<void> {
    const refusal = this.canaries.refusal(spec); // refuse at once, before taking the lock
    if (refusal) throw new Error(refusal);
    await this.withLock(spec.deploymentId, () => this.canaries.start(spec));
  }

  async promoteCanary(deploymentId: string, version: number): Promise<void> {
    await this.withLock(deploymentId, () => this.canaries.promote(deploymentId, version));
  }

  async stopCanary(deploymentId: string, version: number): Promise<void> {
    await this.withLock(deploymentId, () => this.canaries.stop(deploymentId, version));
  }

  /** vLLM reads `--lora-modules` at start: the serving job is submitted again with them (a rolling update). */
  async setAdapters(deploymentId: string, adapters: RuntimeAdapter[]): Promise<void> {
    const tracked = this.tracker.get(deploymentId);
    if (tracked) await this.deploy({ ...tracked.spec, adapters });
  }

  /** Only vLLM serves adapters here, PEFT ones from Hugging Face (the cluster cannot read the Hangar server). */
  async adapterRefusal(spec: RuntimeDeploySpec, adapter: RuntimeAdapter): Promise<string | null> {
    if (spec.config.optimization.technique !== 'VLLM') {
      return 'on Nomad only deployments served by vLLM (optimization VLLM) take adapters; redeploy with vLLM first';
    }
    if (adapter.format !== 'ADAPTER')
      return `vLLM serves PEFT adapters; ${adapter.name} is ${adapter.format}`;
    return adapter.huggingFaceRepoId ? null : vllmAdapterRefusal(adapter.name);
  }

  /** Dry run: would the cluster place this deployment now, and if not, why. */
  async plan(spec: RuntimeDeploySpec): Promise<NomadPlanResult> {
    const { profile, plan } = this.submitter.planFor(spec);
    const jobs = [plan.optimization?.job, plan.serving].filter((job): job is NomadJob => job !== undefined);
    const reasons: string[] = [];
    for (const job of jobs) {
      const { data } = await expectOk(
        `plan ${job.ID}`,
        this.api.POST('/job/{jobName}/plan', {
          params: { path: { jobName: job.ID! } },
          body: { Job: job, Diff: false },
        }),
      );
      reasons.push(...describePlacementFailure(data.FailedTGAllocs, profile));
    }
    return { fits: reasons.length === 0, reasons: [...new Set(reasons)] };
  }

  async scale(deploymentId: string, replicas: number): Promise<void> {
    const tracked = this.tracker.get(deploymentId);
    const scaling = tracked?.spec.config.scaling;
    const count = scaling ? Math.min(scaling.maxReplicas, Math.max(scaling.minReplicas, replicas)) : replicas;
    const jobId = servingJobId(deploymentId);
    const deadline = Date.now() + (this.options.scaleRetryTimeoutMs ?? 15 * 60_000);
    for (;;) {
      try {
        await expectOk(
          `scale ${jobId}`,
          this.api.POST('/job/{jobName}/scale', {
            params: { path: { jobName: jobId } },
            body: { Count: count, Target: { Group: SERVING_GROUP }, Message: `Hangar: scale to ${count}` },
          }),
        );
        this.tracker.emit({
          type: 'progress',
          deploymentId,
          version: tracked?.spec.version ?? 0,
          message: `scaling to ${count}`,
        });
        return;
      } catch (error) {
        // Nomad refuses manual scaling while a deployment rolls out; wait for it to finish, then try again.
        const blocked =
          error instanceof NomadHttpError && error.status === 400 && /active deployment/i.test(error.body);
        if (!blocked || Date.now() > deadline) throw error;
        await this.queries.waitForDeploymentToSettle(jobId, deadline);
      }
    }
  }

  async stop(deploymentId: string): Promise<void> {
    await this.withLock(deploymentId, async () => {
      const tracked = this.tracker.get(deploymentId);
      tracked?.stopWatch?.abort();
      this.tracker.delete(deploymentId);
      this.watcher.refreshTopics();
      const owned = await this.queries.listOwnedJobs();
      const jobs = owned.get(deploymentId) ?? [];
      for (const job of jobs) {
        const response = await this.api.DELETE('/job/{jobName}', {
          params: { path: { jobName: job.ID! }, query: { purge: true } },
        });
        if (!response.response.ok && response.response.status !== 404) {
          throw new NomadHttpError(
            `stop ${job.ID}`,
            response.response.status,
            JSON.stringify(response.error),
          );
        }
        await deleteVariable(this.options, jobVariablePath(job.ID!));
      }
      const stopTimeoutMs = this.options.stopTimeoutMs ?? 120_000;
      const stopped = await Promise.all(
        jobs.map((job) => this.queries.waitForAllocationsToStop(job.ID!, stopTimeoutMs)),
      );
      if (stopped.includes(false))
        this.logger.warn({ deploymentId }, 'allocations still running after stop timeout');
      if (tracked) this.tracker.emit({ type: 'replicas', deploymentId, replicas: [] });
    });
  }

  replicas(deploymentId: string): ReplicaInfo[] {
    const tracked = this.tracker.get(deploymentId);
    return tracked ? this.tracker.replicaInfos(tracked) : [];
  }

  async activeDeployments(): Promise<string[]> {
    const owned = await this.queries.listOwnedJobs();
    return [...owned.entries()]
      .filter(([, jobs]) =>
        jobs.some((job) => !job.Stop && (job.Type === 'service' || job.Status !== 'dead')),
      )
      .map(([deploymentId]) => deploymentId);
  }

  /** Makes Nomad match `expected` (what the database says should run); see NomadReconciler. */
  async reconcile(
    expected: RuntimeExpectedDeployment[],
    options: { observeOnly?: boolean } = {},
  ): Promise<ReconcileResult> {
    return this.reconciler.reconcile(expected, options);
  }

  async close(): Promise<void> {
    await this.watcher.close();
  }

  /** A canary that failed leaves the job: Nomad's auto-revert may have taken it back already, else this does. */
  private revertFailedCanary(tracked: TrackedDeployment): void {
    const version = tracked.canary?.spec.version;
    if (version === undefined) return;
    this.stopCanary(tracked.spec.deploymentId, version).catch((error: unknown) =>
      this.logger.error({ err: String(error) }, 'reverting a failed canary failed'),
    );
  }

  /** Serialises operations per deployment so a reconcile and a deploy never submit the same job twice. */
  private async withLock<T>(deploymentId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(deploymentId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.locks.set(deploymentId, next);
    try {
      return await next;
    } finally {
      if (this.locks.get(deploymentId) === next) this.locks.delete(deploymentId);
    }
  }
}
