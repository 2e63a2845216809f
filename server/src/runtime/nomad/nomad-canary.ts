import type { RuntimeDeploySpec } from '../runtime.js';
import {
  META_CANARY_OF,
  META_STABLE_JOB_VERSION,
  META_VERSION,
  asTrafficSplitCanary,
  servingJobId,
} from './nomad-job.common.js';
import {
  NomadHttpError,
  expectOk,
  type NomadApi,
  type NomadDeployment,
  type NomadJobRecord,
} from './nomad.client.js';
import type { NomadJobQueries } from './nomad-job.queries.js';
import type { NomadDeploymentTracker, TrackedDeployment } from './nomad-deployment.tracker.js';
import type { NomadJobSubmitter } from './nomad-job.submitter.js';
import type { NomadJobWatcher } from './nomad-job.watcher.js';

export interface NomadCanariesOptions {
  api: NomadApi;
  queries: NomadJobQueries;
  tracker: NomadDeploymentTracker;
  watcher: NomadJobWatcher;
  submitter: NomadJobSubmitter;
  /** The canary failed (reported already): the job is to go back to the stable version. */
  canaryFailed(tracked: TrackedDeployment): void;
}

/**
 * Traffic splits on Nomad. The canary is the serving job's next version, registered with `Update.Canary` = its
 * minReplicas and `AutoPromote: false`: Nomad starts that many canary allocations beside the running ones and waits.
 * The gateway's existing weight split does the rest, because each allocation's Nomad job version says which Hangar
 * version it serves (nomad-replicas.ts). Promotion promotes the Nomad deployment; a rollback reverts the job.
 * Callers hold the deployment's lock.
 */
export class NomadCanaries {
  constructor(private readonly options: NomadCanariesOptions) {}

  /** Why `spec` cannot be a canary on Nomad, known before anything is submitted; null when it can. */
  refusal(spec: RuntimeDeploySpec): string | null {
    const { plan } = this.options.submitter.planFor(spec);
    // The optimization job's end submits the serving job as a plain rollout, which would replace the stable version.
    return plan.optimization
      ? 'A canary cannot be optimized first on Nomad (AWQ, CTranslate2); redeploy to optimize.'
      : null;
  }

  async start(spec: RuntimeDeploySpec): Promise<void> {
    const { tracker, submitter, watcher } = this.options;
    const tracked = tracker.get(spec.deploymentId);
    if (!tracked || tracked.phase !== 'ready' || tracked.nomadVersion === undefined) {
      throw new Error('The deployment is not serving on Nomad yet; a canary runs beside a serving version.');
    }
    if (tracked.canary?.spec.version === spec.version && tracked.canary.phase !== 'failed') return;
    const { profile, plan } = submitter.planFor(spec);
    const job = asTrafficSplitCanary(plan.serving, spec.config.scaling.minReplicas, {
      version: tracked.spec.version,
      nomadVersion: tracked.nomadVersion,
    });
    // Known before the registration so that no allocation of the new version is taken for the stable one's.
    tracked.canary = { spec, profile, plan, phase: 'deploying' };
    let evalId: string | undefined;
    try {
      await submitter.writeToken(spec, [tracked.jobId]);
      // PreserveCounts: the stable version keeps its replicas; only the canaries are added.
      const { data } = await expectOk(
        `register canary ${job.ID}`,
        this.options.api.POST('/jobs', { params: {}, body: { Job: job, PreserveCounts: true } }),
      );
      evalId = data.EvalID;
      const registered = await this.options.queries.readJob(tracked.jobId);
      tracked.canary.nomadVersion = registered?.Version;
    } catch (error) {
      tracked.canary = undefined;
      throw error;
    }
    tracker.emit({
      type: 'progress',
      deploymentId: spec.deploymentId,
      version: spec.version,
      message: `canary job ${job.ID} submitted (Nomad version ${tracked.canary.nomadVersion}): ${spec.config.scaling.minReplicas} canary allocation(s) beside version ${tracked.spec.version}`,
    });
    const canary = tracked.canary;
    watcher.watchEvaluation(tracked, evalId, (reason) => {
      if (tracked.canary !== canary || canary.phase === 'failed') return;
      canary.phase = 'failed';
      tracker.emit({ type: 'failed', deploymentId: spec.deploymentId, version: spec.version, reason });
      // A blocked placement would place the canaries once capacity appears: the job goes back now.
      this.options.canaryFailed(tracked);
    });
    await watcher.refreshState(tracked);
  }

  /**
   * Promotes the canary's Nomad deployment (`All`): Nomad then stops the stable allocations and places the rest of
   * the count from the canary's version, which from now on is the one this deployment follows. The job's meta says
   * which version is the canary, so an instance that has not followed the canary yet promotes it too.
   */
  async promote(deploymentId: string, version: number): Promise<void> {
    const { tracker, watcher } = this.options;
    const job = await this.canaryJob(deploymentId, version);
    if (!job) throw new Error(`Version ${version} of ${deploymentId} is not a running canary`);
    const deployment = await this.deploymentOf(job.ID!, job.Version!);
    if (!deployment) throw new Error(`Nomad has no deployment of canary version ${version}`);
    const promoted = Object.values(deployment.TaskGroups ?? {}).every((group) => group.Promoted);
    if (!promoted) {
      await expectOk(
        `promote ${deployment.ID}`,
        this.options.api.POST('/deployment/promote/{deploymentID}', {
          params: { path: { deploymentID: deployment.ID! } },
          body: { DeploymentID: deployment.ID, All: true },
        }),
      );
    }
    const tracked = tracker.get(deploymentId);
    if (!tracked) return;
    this.becomeServing(tracked, version, job.Version!);
    await watcher.refreshState(tracked);
  }

  /**
   * Keeps a followed canary in step with what Nomad did to it, wherever that was decided: its deployment promoted
   * (by another instance) makes it the serving version; a newer job version (a revert from another instance, or
   * Nomad's auto-revert) takes it back.
   */
  async observe(tracked: TrackedDeployment): Promise<void> {
    const canary = tracked.canary;
    const deployment = tracked.deployment;
    if (canary?.nomadVersion === undefined || deployment?.JobVersion === undefined) return;
    if (deployment.JobVersion === canary.nomadVersion) {
      const groups = Object.values(deployment.TaskGroups ?? {});
      if (groups.length > 0 && groups.every((group) => group.Promoted))
        this.becomeServing(tracked, canary.spec.version, canary.nomadVersion);
    } else if (deployment.JobVersion > canary.nomadVersion) {
      tracked.retired.set(canary.nomadVersion, canary.spec.version);
      tracked.canary = undefined;
      this.followRevert(tracked, await this.options.queries.readJob(tracked.jobId));
    }
  }

  /** The promoted canary `version` (Nomad job version `jobVersion`) is the one the deployment follows now. */
  private becomeServing(tracked: TrackedDeployment, version: number, jobVersion: number): void {
    const stable = tracked.spec.version;
    const canary = tracked.canary?.spec.version === version ? tracked.canary : undefined;
    tracked.previousVersion = stable;
    // Without the canary's spec (not followed here yet), only its version: the next reconciliation brings the rest.
    tracked.spec = canary?.spec ?? { ...tracked.spec, version };
    if (canary) {
      tracked.profile = canary.profile;
      tracked.plan = canary.plan;
    }
    tracked.nomadVersion = jobVersion;
    tracked.canary = undefined;
    tracked.phase = 'ready';
    this.options.tracker.emit({
      type: 'progress',
      deploymentId: tracked.spec.deploymentId,
      version,
      message: `canary promoted: Nomad replaces version ${stable}'s allocations`,
    });
  }

  /**
   * Takes the canary back; idempotent, and from any instance (the job's meta names the stable Nomad version). The
   * job is reverted to that version with `EnforcePriorVersion` = the canary's (refused if the job moved on). The
   * revert re-registers exactly the stable spec: Nomad cancels the canary's deployment, stops its unpromoted
   * canaries, and updates the stable allocations in place (same spec: no restart). Failing the deployment instead
   * (`/deployment/fail`) would stop the canaries but leave the job at the canary's spec (what the next reschedule or
   * scaling would place) unless Nomad's auto-revert picked its latest stable version, and it is refused once the
   * deployment ended (a failed canary), so it could not be the one idempotent step.
   */
  async stop(deploymentId: string, version: number): Promise<void> {
    const { tracker, watcher, queries } = this.options;
    const tracked = tracker.get(deploymentId);
    const canary = tracked?.canary?.spec.version === version ? tracked.canary : undefined;
    const job = await this.canaryJob(deploymentId, version);
    if (!canary && !job) return;
    // A promoted canary is the serving version (a promotion won the race): nothing to take back.
    const deployment = job && (await this.deploymentOf(job.ID!, job.Version!));
    const groups = Object.values(deployment?.TaskGroups ?? {});
    if (groups.length > 0 && groups.every((group) => group.Promoted)) return;
    const canaryNomadVersion = canary?.nomadVersion ?? job?.Version;
    // Its allocations take no request from now on, while Nomad stops them.
    if (tracked && canaryNomadVersion !== undefined) tracked.retired.set(canaryNomadVersion, version);
    if (job) {
      try {
        await expectOk(
          `revert ${job.ID}`,
          this.options.api.POST('/job/{jobName}/revert', {
            params: { path: { jobName: job.ID! } },
            body: {
              JobID: job.ID,
              JobVersion: Number(job.Meta![META_STABLE_JOB_VERSION]),
              EnforcePriorVersion: job.Version,
            },
          }),
        );
      } catch (error) {
        // Nomad moved the job on meanwhile (its own auto-revert): what it runs now is read below.
        if (!(error instanceof NomadHttpError && error.status === 400)) throw error;
      }
    }
    if (!tracked) return;
    this.followRevert(tracked, await queries.readJob(tracked.jobId));
    if (canary) tracked.canary = undefined;
    tracker.emit({
      type: 'progress',
      deploymentId,
      version,
      message: `canary version ${version} rolled back: the job runs version ${tracked.spec.version} again (Nomad version ${tracked.nomadVersion})`,
    });
    await watcher.refreshState(tracked);
  }

  /** The serving job when Nomad runs it as the traffic split's canary `version` (its meta says so). */
  private async canaryJob(deploymentId: string, version: number): Promise<NomadJobRecord | undefined> {
    const job = await this.options.queries.readJob(servingJobId(deploymentId));
    const meta = job?.Meta ?? {};
    const isCanary = job && !job.Stop && job.Version !== undefined && meta[META_VERSION] === String(version);
    return isCanary && meta[META_CANARY_OF] && meta[META_STABLE_JOB_VERSION] ? job : undefined;
  }

  /**
   * Reconciliation with a split the database still has: follows a canary job Nomad already runs (after a restart,
   * or on an instance that did not start it) instead of registering the stable version over it. Returns whether the
   * deployment is followed now ('kept': it already was), or undefined when the job is not that canary.
   */
  async follow(
    spec: RuntimeDeploySpec,
    canary: RuntimeDeploySpec | undefined,
  ): Promise<'kept' | 'adopted' | undefined> {
    const { tracker, queries, submitter } = this.options;
    const current = tracker.get(spec.deploymentId);
    const job = await queries.readJob(servingJobId(spec.deploymentId));
    if (!canary) {
      // The split ended elsewhere (another instance rolled it back): stop labelling its allocations as the canary.
      if (current?.canary && current.spec.version === spec.version) {
        if (current.canary.nomadVersion !== undefined)
          current.retired.set(current.canary.nomadVersion, current.canary.spec.version);
        current.canary = undefined;
        this.followRevert(current, job);
      }
      return undefined;
    }
    const meta = job?.Meta ?? {};
    if (!job || job.Stop || meta[META_VERSION] !== String(canary.version)) return undefined;
    if (meta[META_CANARY_OF] !== String(spec.version) || !meta[META_STABLE_JOB_VERSION]) return undefined;
    if (current?.spec.version === spec.version && current.canary?.spec.version === canary.version)
      return 'kept';
    await submitter.adopt(spec, job, undefined, {
      spec: canary,
      stableNomadVersion: Number(meta[META_STABLE_JOB_VERSION]),
    });
    return 'adopted';
  }

  /** A revert registered the stable spec as a new Nomad version: allocations of the old one still serve it. */
  private followRevert(tracked: TrackedDeployment, job: NomadJobRecord | undefined): void {
    if (!job || job.Version === undefined || tracked.nomadVersion === undefined) return;
    if (job.Meta?.[META_VERSION] !== String(tracked.spec.version) || job.Version === tracked.nomadVersion)
      return;
    tracked.aliases.set(tracked.nomadVersion, tracked.spec.version);
    tracked.nomadVersion = job.Version;
  }

  /** The job's latest Nomad deployment when it is the one of `jobVersion`. */
  private async deploymentOf(jobId: string, jobVersion: number): Promise<NomadDeployment | undefined> {
    const response = await this.options.api.GET('/job/{jobName}/deployment', {
      params: { path: { jobName: jobId } },
    });
    if (!response.response.ok) {
      throw new NomadHttpError(
        `deployment of ${jobId}`,
        response.response.status,
        JSON.stringify(response.error),
      );
    }
    return response.data?.JobVersion === jobVersion ? response.data : undefined;
  }
}
