import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { RuntimeDeploySpec } from '../runtime.js';
import { planNomadJobs, type NomadJobPlan } from './engine-selection.js';
import { META_VERSION, jobVariablePath } from './nomad-job.common.js';
import { expectOk, type NomadApi, type NomadConnection, type NomadJobRecord } from './nomad.client.js';
import type { NomadJobQueries } from './nomad-job.queries.js';
import { writeVariable } from './nomad-variables.client.js';
import {
  ids,
  type NomadDeploymentTracker,
  type TrackedDeployment,
  type TrackedPhase,
} from './nomad-deployment.tracker.js';
import type { NomadJobWatcher } from './nomad-job.watcher.js';

export interface NomadJobSubmitterOptions {
  api: NomadApi;
  queries: NomadJobQueries;
  connection: NomadConnection;
  hardwareProfiles: HardwareProfile[];
  tracker: NomadDeploymentTracker;
  watcher: NomadJobWatcher;
}

/**
 * Registers a deployment's jobs with Nomad (the optimization batch job first when one is needed, then the serving
 * job), or adopts the jobs a previous server process registered. Callers hold the deployment's lock.
 */
export class NomadJobSubmitter {
  private readonly api: NomadApi;
  private readonly queries: NomadJobQueries;
  private readonly tracker: NomadDeploymentTracker;
  private readonly watcher: NomadJobWatcher;

  constructor(private readonly options: NomadJobSubmitterOptions) {
    this.api = options.api;
    this.queries = options.queries;
    this.tracker = options.tracker;
    this.watcher = options.watcher;
  }

  /** The hardware profile and jobs for `spec`; throws a message for users when the spec cannot run on Nomad. */
  planFor(spec: RuntimeDeploySpec): { profile: HardwareProfile; plan: NomadJobPlan } {
    const profileId = spec.config.hardwareProfileId;
    const profile = this.options.hardwareProfiles.find((candidate) => candidate.id === profileId);
    if (!profile) throw new Error(`Unknown hardware profile "${profileId}".`);
    if (profile.runtime !== 'nomad') {
      throw new Error(
        `Hardware profile "${profile.name}" runs on the ${profile.runtime} runtime, not on Nomad.`,
      );
    }
    return { profile, plan: planNomadJobs(spec, profile) };
  }

  async submit(spec: RuntimeDeploySpec): Promise<void> {
    const { profile, plan } = this.planFor(spec);
    await this.watcher.ensureStream();
    this.tracker.get(spec.deploymentId)?.stopWatch?.abort();
    const tracked = this.track(spec, profile, plan, plan.optimization ? 'optimizing' : 'deploying');
    await this.writeToken(spec, [tracked.optimizationJobId, tracked.jobId]);
    if (plan.optimization) {
      await this.submitOptimization(tracked);
    } else {
      await this.submitServing(tracked);
    }
  }

  async submitServing(tracked: TrackedDeployment): Promise<void> {
    if (tracked.submittingServing) return;
    tracked.submittingServing = true;
    tracked.phase = 'deploying';
    const job = structuredClone(tracked.plan.serving);
    const existing = await this.queries.readJob(tracked.jobId);
    // Re-submitting an identical spec makes no new version; a retrigger after failure must roll out again.
    if (existing && !existing.Stop && existing.Meta?.[META_VERSION] === String(tracked.spec.version)) {
      job.Meta = { ...job.Meta, hangar_retriggered_at: new Date().toISOString() };
    }
    const { data } = await expectOk(
      `register ${job.ID}`,
      this.api.POST('/jobs', { params: {}, body: { Job: job, PreserveCounts: true } }),
    );
    const registered = await this.queries.readJob(tracked.jobId);
    tracked.nomadVersion = registered?.Version;
    tracked.deployment = undefined;
    this.tracker.emit({
      type: 'progress',
      ...ids(tracked),
      message: `job ${job.ID} submitted (Nomad version ${tracked.nomadVersion})`,
    });
    this.watcher.watchEvaluation(tracked, data.EvalID);
    await this.watcher.refreshState(tracked);
  }

  /** The serving and optimization jobs that realise exactly this spec version, if Nomad has them. */
  async liveJobs(
    spec: RuntimeDeploySpec,
  ): Promise<{ serving?: NomadJobRecord; optimization?: NomadJobRecord }> {
    const { plan } = this.planFor(spec);
    const version = String(spec.version);
    const live = (job: NomadJobRecord | undefined) =>
      job && !job.Stop && job.Meta?.[META_VERSION] === version ? job : undefined;
    return {
      serving: live(await this.queries.readJob(plan.serving.ID!)),
      optimization: plan.optimization
        ? live(await this.queries.readJob(plan.optimization.job.ID!))
        : undefined,
    };
  }

  /**
   * Follows jobs that already run this spec version without registering them again. With `canary`, the serving job
   * is a traffic split's version: spec's allocations are those of `stableNomadVersion`, the canary's the job's own.
   */
  async adopt(
    spec: RuntimeDeploySpec,
    serving: NomadJobRecord | undefined,
    optimization: NomadJobRecord | undefined,
    canary?: { spec: RuntimeDeploySpec; stableNomadVersion: number },
  ): Promise<void> {
    const { profile, plan } = this.planFor(spec);
    const tracked = this.track(spec, profile, plan, serving ? 'deploying' : 'optimizing');
    tracked.nomadVersion = canary ? canary.stableNomadVersion : serving?.Version;
    tracked.submittingServing = serving !== undefined;
    if (canary) {
      const planned = this.planFor(canary.spec);
      tracked.canary = { ...planned, spec: canary.spec, nomadVersion: serving?.Version, phase: 'deploying' };
    }
    if (!serving && optimization) {
      this.tracker.emit({
        type: 'optimizing',
        ...ids(tracked),
        message: `waiting for ${optimization.ID} (adopted)`,
      });
    }
    await this.watcher.refreshState(tracked);
    if (serving) await this.watcher.checkLatestEvaluation(tracked);
  }

  /** The Hugging Face token goes into each job's variable, never into a job spec. */
  async writeToken(spec: RuntimeDeploySpec, jobIds: Array<string | undefined>): Promise<void> {
    const token = spec.model.huggingFaceToken;
    if (!token) return;
    for (const jobId of jobIds) {
      if (jobId) await writeVariable(this.options.connection, jobVariablePath(jobId), { hf_token: token });
    }
  }

  private track(
    spec: RuntimeDeploySpec,
    profile: HardwareProfile,
    plan: NomadJobPlan,
    phase: TrackedPhase,
  ): TrackedDeployment {
    const previous = this.tracker.get(spec.deploymentId);
    const tracked: TrackedDeployment = {
      spec,
      profile,
      plan,
      jobId: plan.serving.ID!,
      optimizationJobId: plan.optimization?.job.ID,
      phase,
      // Replicas of the previous version keep serving during a redeploy.
      allocs: previous?.allocs ?? new Map(),
      optimizationAllocs: new Map(),
      baseUrls: previous?.baseUrls ?? new Map(),
      restarts: previous?.restarts ?? new Map(),
      lastReplicas: previous?.lastReplicas ?? '[]',
      previousVersion: previous?.spec.version,
      submittingServing: false,
      aliases: new Map(),
      retired: previous?.retired ?? new Map(),
      wasHealthy: previous?.wasHealthy ?? new Set(),
    };
    this.tracker.set(tracked);
    this.watcher.follow(tracked);
    return tracked;
  }

  private async submitOptimization(tracked: TrackedDeployment): Promise<void> {
    const job = tracked.plan.optimization!.job;
    const { data } = await expectOk(
      `register ${job.ID}`,
      this.api.POST('/jobs', { params: {}, body: { Job: job } }),
    );
    const kind =
      tracked.plan.optimization!.kind === 'awq' ? 'AWQ quantization' : 'CTranslate2 int8_float16 conversion';
    this.tracker.emit({ type: 'optimizing', ...ids(tracked), message: `${kind} job ${job.ID} submitted` });
    this.watcher.watchEvaluation(tracked, data.EvalID);
  }
}
