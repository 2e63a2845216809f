import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { ReplicaInfo, Runtime, RuntimeDeploySpec, RuntimeEvent, RuntimeListener } from '../runtime.js';
import { planNomadJobs, type NomadJobPlan } from './engine-selection.js';
import {
  META_VERSION,
  SERVING_GROUP,
  jobVariablePath,
  serviceName,
  servingJobId,
  type NomadJob,
} from './nomad-job.common.js';
import {
  NomadHttpError,
  createNomadApi,
  expectOk,
  type NomadAllocationStub,
  type NomadApi,
  type NomadConnection,
  type NomadDeployment,
  type NomadJobRecord,
} from './nomad.client.js';
import { NomadEventStream, type NomadStreamEvent } from './nomad-event-stream.js';
import { NomadJobQueries, TERMINAL_CLIENT_STATUS as TERMINAL } from './nomad-job.queries.js';
import { describeAllocationFailure, describePlacementFailure } from './nomad-failure-reasons.js';
import { replicasFromAllocations } from './nomad-replicas.js';
import { readServiceRegistrations } from './nomad-services.client.js';
import { deleteVariable, writeVariable } from './nomad-variables.client.js';

/** pino-compatible subset. */
export interface NomadRuntimeLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

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

export interface ReconcileResult {
  adopted: string[];
  submitted: string[];
  stopped: string[];
  /** Expected deployments that could not be submitted (a `failed` event carries the reason). */
  failed: string[];
}

type Allocation = NomadAllocationStub;
type Phase = 'optimizing' | 'deploying' | 'ready' | 'failed';

interface Tracked {
  spec: RuntimeDeploySpec;
  profile: HardwareProfile;
  plan: NomadJobPlan;
  jobId: string;
  optimizationJobId?: string;
  phase: Phase;
  /** Nomad's Version of the serving job that realises spec.version. */
  nomadVersion?: number;
  allocs: Map<string, Allocation>;
  optimizationAllocs: Map<string, Allocation>;
  deployment?: NomadDeployment;
  baseUrls: Map<string, string>;
  restarts: Map<string, number>;
  lastReplicas: string;
  /** Hangar version of the replicas that were serving before this version (a redeploy). */
  previousVersion?: number;
  submittingServing: boolean;
  stopWatch?: AbortController;
}

const silentLogger: NomadRuntimeLogger = { info() {}, warn() {}, error() {} };

/** Runs deployments as Nomad jobs; status comes from the event stream (blocking queries when it is refused). */
export class NomadRuntime implements Runtime {
  readonly name = 'nomad';
  private readonly api: NomadApi;
  private readonly queries: NomadJobQueries;
  private readonly logger: NomadRuntimeLogger;
  private readonly tracked = new Map<string, Tracked>();
  private readonly listeners = new Set<RuntimeListener>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly stream: NomadEventStream;
  private streamStarted = false;
  private useBlockingQueries = false;
  private closed = false;

  constructor(private readonly options: NomadRuntimeOptions) {
    this.api = createNomadApi(options);
    this.queries = new NomadJobQueries(this.api);
    this.logger = options.logger ?? silentLogger;
    this.stream = new NomadEventStream({
      connection: options,
      ...options.eventStream,
      topics: () => this.topics(),
      onEvents: (events) => this.handleEvents(events),
      onResync: () => this.resyncAll(),
      onUnavailable: (error) => {
        this.logger.warn(
          { err: error.message },
          'Nomad event stream refused; falling back to blocking queries',
        );
        this.useBlockingQueries = true;
        for (const tracked of this.tracked.values()) this.startBlockingWatch(tracked);
      },
      onError: (error) =>
        this.logger.warn({ err: String(error) }, 'Nomad event stream interrupted; resuming'),
    });
  }

  onEvent(listener: RuntimeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async deploy(spec: RuntimeDeploySpec): Promise<void> {
    this.planFor(spec); // refuse at once, before taking the lock
    await this.withLock(spec.deploymentId, () => this.deployLocked(spec));
  }

  private async deployLocked(spec: RuntimeDeploySpec): Promise<void> {
    const { profile, plan } = this.planFor(spec);
    await this.ensureStream();
    this.tracked.get(spec.deploymentId)?.stopWatch?.abort();
    const tracked = this.track(spec, profile, plan, plan.optimization ? 'optimizing' : 'deploying');
    await this.writeToken(spec, tracked);
    if (plan.optimization) {
      await this.submitOptimization(tracked);
    } else {
      await this.submitServing(tracked);
    }
  }

  /** Dry run: would the cluster place this deployment now, and if not, why. */
  async plan(spec: RuntimeDeploySpec): Promise<NomadPlanResult> {
    const { profile, plan } = this.planFor(spec);
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
    const tracked = this.tracked.get(deploymentId);
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
        this.emit({
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
      const tracked = this.tracked.get(deploymentId);
      tracked?.stopWatch?.abort();
      this.tracked.delete(deploymentId);
      this.stream.refresh();
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
      if (tracked) this.emit({ type: 'replicas', deploymentId, replicas: [] });
    });
  }

  replicas(deploymentId: string): ReplicaInfo[] {
    const tracked = this.tracked.get(deploymentId);
    return tracked ? this.replicaInfos(tracked) : [];
  }

  async activeDeployments(): Promise<string[]> {
    const owned = await this.queries.listOwnedJobs();
    return [...owned.entries()]
      .filter(([, jobs]) =>
        jobs.some((job) => !job.Stop && (job.Type === 'service' || job.Status !== 'dead')),
      )
      .map(([deploymentId]) => deploymentId);
  }

  /**
   * Makes Nomad match `expected` (what the database says should run): adopts jobs already there, submits the
   * missing ones, purges jobs Hangar owns that are no longer expected. A job already running the expected version
   * is never submitted again, so a restart mid-deploy does not restart the rollout.
   */
  async reconcile(
    expected: Array<{ deploymentId: string; spec: RuntimeDeploySpec }>,
  ): Promise<ReconcileResult> {
    await this.ensureStream();
    const result: ReconcileResult = { adopted: [], submitted: [], stopped: [], failed: [] };
    const owned = await this.queries.listOwnedJobs();
    const wanted = new Set(expected.map((entry) => entry.deploymentId));
    for (const { deploymentId, spec } of expected) {
      // Decide inside the deployment's lock so a deploy running in this process is never duplicated.
      await this.withLock(deploymentId, async () => {
        try {
          // Re-read inside the lock: `owned` may predate a deploy this process just finished.
          const { serving, optimization } = await this.liveJobs(spec);
          const current = this.tracked.get(deploymentId);
          if (current && current.spec.version === spec.version && (serving || optimization)) return;
          if (serving || optimization) {
            await this.adopt(spec, serving, optimization);
            result.adopted.push(deploymentId);
          } else {
            await this.deployLocked(spec);
            result.submitted.push(deploymentId);
          }
        } catch (error) {
          // One deployment that cannot run must not keep the others from being reconciled.
          const reason = error instanceof Error ? error.message : String(error);
          this.logger.error({ deploymentId, reason }, 'reconciling a Nomad deployment failed');
          this.emit({ type: 'failed', deploymentId, version: spec.version, reason });
          result.failed.push(deploymentId);
        }
      });
    }
    for (const deploymentId of owned.keys()) {
      if (wanted.has(deploymentId)) continue;
      await this.stop(deploymentId);
      result.stopped.push(deploymentId);
    }
    this.logger.info({ ...result }, 'Nomad reconciliation done');
    return result;
  }

  /** The serving and optimization jobs that realise exactly this spec version, if Nomad has them. */
  private async liveJobs(
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

  async close(): Promise<void> {
    this.closed = true;
    for (const tracked of this.tracked.values()) tracked.stopWatch?.abort();
    await this.stream.stop();
  }

  // ---- submission ---------------------------------------------------------------------------------------------

  private planFor(spec: RuntimeDeploySpec): { profile: HardwareProfile; plan: NomadJobPlan } {
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

  private track(
    spec: RuntimeDeploySpec,
    profile: HardwareProfile,
    plan: NomadJobPlan,
    phase: Phase,
  ): Tracked {
    const previous = this.tracked.get(spec.deploymentId);
    const tracked: Tracked = {
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
    };
    this.tracked.set(spec.deploymentId, tracked);
    this.stream.refresh();
    if (this.useBlockingQueries) this.startBlockingWatch(tracked);
    return tracked;
  }

  private async writeToken(spec: RuntimeDeploySpec, tracked: Tracked): Promise<void> {
    const token = spec.model.huggingFaceToken;
    if (!token) return;
    for (const jobId of [tracked.optimizationJobId, tracked.jobId]) {
      if (jobId) await writeVariable(this.options, jobVariablePath(jobId), { hf_token: token });
    }
  }

  private async submitOptimization(tracked: Tracked): Promise<void> {
    const job = tracked.plan.optimization!.job;
    const { data } = await expectOk(
      `register ${job.ID}`,
      this.api.POST('/jobs', { params: {}, body: { Job: job } }),
    );
    const kind =
      tracked.plan.optimization!.kind === 'awq' ? 'AWQ quantization' : 'CTranslate2 int8_float16 conversion';
    this.emit({ type: 'optimizing', ...this.ids(tracked), message: `${kind} job ${job.ID} submitted` });
    this.watchEvaluation(tracked, data.EvalID);
  }

  private async submitServing(tracked: Tracked): Promise<void> {
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
    this.emit({
      type: 'progress',
      ...this.ids(tracked),
      message: `job ${job.ID} submitted (Nomad version ${tracked.nomadVersion})`,
    });
    this.watchEvaluation(tracked, data.EvalID);
    await this.refreshState(tracked);
  }

  private async adopt(
    spec: RuntimeDeploySpec,
    serving: NomadJobRecord | undefined,
    optimization: NomadJobRecord | undefined,
  ): Promise<void> {
    const { profile, plan } = this.planFor(spec);
    const tracked = this.track(spec, profile, plan, serving ? 'deploying' : 'optimizing');
    tracked.nomadVersion = serving?.Version;
    tracked.submittingServing = serving !== undefined;
    if (!serving && optimization) {
      this.emit({
        type: 'optimizing',
        ...this.ids(tracked),
        message: `waiting for ${optimization.ID} (adopted)`,
      });
    }
    await this.refreshState(tracked);
    if (serving) await this.checkLatestEvaluation(tracked);
  }

  // ---- state ------------------------------------------------------------------------------------------------------

  private topics(): string[] {
    const topics: string[] = [];
    for (const tracked of this.tracked.values()) {
      for (const jobId of [tracked.jobId, tracked.optimizationJobId]) {
        if (jobId) topics.push(`Job:${jobId}`, `Allocation:${jobId}`, `Deployment:${jobId}`);
      }
    }
    return topics;
  }

  private async ensureStream(): Promise<void> {
    if (this.streamStarted || this.closed) return;
    this.streamStarted = true;
    const { index } = await expectOk(
      'list jobs',
      this.api.GET('/jobs', { params: { query: { prefix: 'hangar-' } } }),
    );
    this.stream.start(index);
  }

  private findByJob(jobId: string | undefined): Tracked | undefined {
    for (const tracked of this.tracked.values()) {
      if (tracked.jobId === jobId || tracked.optimizationJobId === jobId) return tracked;
    }
    return undefined;
  }

  private async handleEvents(events: NomadStreamEvent[]): Promise<void> {
    const touched = new Set<Tracked>();
    for (const event of events) {
      const allocation = event.Payload.Allocation;
      const deployment = event.Payload.Deployment;
      if (allocation) {
        const tracked = this.findByJob(allocation.JobID);
        if (!tracked) continue;
        const map = allocation.JobID === tracked.jobId ? tracked.allocs : tracked.optimizationAllocs;
        map.set(allocation.ID!, allocation);
        touched.add(tracked);
      } else if (deployment) {
        const tracked = this.findByJob(deployment.JobID);
        if (!tracked || deployment.JobID !== tracked.jobId) continue;
        tracked.deployment = deployment;
        touched.add(tracked);
      } else if (event.Topic === 'Job') {
        const tracked = this.findByJob(event.Key);
        if (!tracked) continue;
        // Hangar untracks before it purges, so a deregistration seen here came from outside Hangar.
        if (event.Key === tracked.jobId && (event.Payload.Deleted || event.Type === 'JobDeregistered')) {
          this.fail(tracked, 'the Nomad job was stopped outside Hangar; redeploy to start it again');
          continue;
        }
        touched.add(tracked);
      }
    }
    for (const tracked of touched) await this.evaluate(tracked);
  }

  private async resyncAll(): Promise<void> {
    for (const tracked of this.tracked.values()) await this.refreshState(tracked);
  }

  /** Reads allocations and the latest deployment by GET (after adoption, a long stream gap, or in fallback mode). */
  private async refreshState(tracked: Tracked): Promise<void> {
    if (tracked.optimizationJobId) {
      const allocs = await this.queries.readAllocations(tracked.optimizationJobId);
      tracked.optimizationAllocs = new Map(allocs.map((alloc) => [alloc.ID!, alloc]));
    }
    const allocs = await this.queries.readAllocations(tracked.jobId);
    tracked.allocs = new Map(allocs.map((alloc) => [alloc.ID!, alloc]));
    const deployment = await this.api.GET('/job/{jobName}/deployment', {
      params: { path: { jobName: tracked.jobId } },
    });
    if (deployment.response.ok && deployment.data) tracked.deployment = deployment.data;
    await this.evaluate(tracked);
  }

  /** The scheduler reports "cannot place" only on the evaluation, not through Job/Allocation/Deployment events. */
  private watchEvaluation(tracked: Tracked, evalId: string | undefined): void {
    if (!evalId) return;
    void (async () => {
      let index = 0;
      for (let attempt = 0; attempt < 20 && !this.closed; attempt++) {
        const response = await this.api.GET('/evaluation/{evalID}', {
          params: { path: { evalID: evalId }, query: { wait: '30s' }, header: { index } },
        });
        if (!response.response.ok || !response.data) return;
        const evaluation = response.data;
        if (evaluation.Status === 'pending') {
          index = Number(response.response.headers.get('X-Nomad-Index') ?? 0);
          continue;
        }
        const reasons = describePlacementFailure(evaluation.FailedTGAllocs, tracked.profile);
        if (reasons.length > 0 && this.tracked.get(tracked.spec.deploymentId) === tracked) {
          this.fail(tracked, reasons.join('; '));
        }
        return;
      }
    })().catch((error: unknown) =>
      this.logger.warn({ err: String(error) }, 'reading Nomad evaluation failed'),
    );
  }

  private async checkLatestEvaluation(tracked: Tracked): Promise<void> {
    const response = await this.api.GET('/job/{jobName}/evaluations', {
      params: { path: { jobName: tracked.jobId } },
    });
    const latest = [...(response.data ?? [])].sort((a, b) => (b.CreateIndex ?? 0) - (a.CreateIndex ?? 0))[0];
    const running = [...tracked.allocs.values()].some((alloc) => alloc.ClientStatus === 'running');
    const reasons = describePlacementFailure(latest?.FailedTGAllocs, tracked.profile);
    if (!running && reasons.length > 0) this.fail(tracked, reasons.join('; '));
  }

  /** Derives the deployment's status from what Nomad reported so far, emitting only changes. */
  private async evaluate(tracked: Tracked): Promise<void> {
    if (this.tracked.get(tracked.spec.deploymentId) !== tracked) return;
    if (tracked.phase === 'optimizing') {
      const allocs = [...tracked.optimizationAllocs.values()];
      if (allocs.some((alloc) => alloc.ClientStatus === 'complete')) {
        this.emit({ type: 'progress', ...this.ids(tracked), message: 'optimization finished' });
        try {
          await this.submitServing(tracked);
        } catch (error) {
          tracked.submittingServing = false;
          this.fail(
            tracked,
            `could not submit the serving job: ${error instanceof Error ? error.message : error}`,
          );
        }
        return;
      }
      const failed = allocs.find((alloc) => alloc.ClientStatus === 'failed');
      if (failed && !allocs.some((alloc) => !TERMINAL.has(alloc.ClientStatus ?? ''))) {
        this.fail(tracked, `optimization failed: ${describeAllocationFailure(failed) ?? 'unknown error'}`);
      }
      return;
    }
    // Until the registered version is known, allocations cannot be told apart by version.
    if (tracked.nomadVersion === undefined && tracked.submittingServing) return;
    for (const [allocId, alloc] of tracked.allocs) {
      if (TERMINAL.has(alloc.ClientStatus ?? '')) tracked.baseUrls.delete(allocId);
    }
    await this.refreshServiceAddresses(tracked);
    this.reportRestarts(tracked);
    const replicas = this.replicaInfos(tracked);
    const serialized = JSON.stringify(replicas);
    if (serialized !== tracked.lastReplicas) {
      tracked.lastReplicas = serialized;
      this.emit({ type: 'replicas', deploymentId: tracked.spec.deploymentId, replicas });
    }
    const current = [...tracked.allocs.values()].filter((alloc) => alloc.JobVersion === tracked.nomadVersion);
    const readyCount = replicas.filter(
      (replica) => replica.status === 'READY' && replica.version === tracked.spec.version,
    ).length;
    // From 'failed' too: a blocked placement is retried by Nomad when capacity appears.
    if (tracked.phase !== 'ready' && readyCount >= tracked.spec.config.scaling.minReplicas) {
      tracked.phase = 'ready';
      this.emit({ type: 'ready', ...this.ids(tracked) });
      return;
    }
    const deployment = tracked.deployment;
    if (
      tracked.phase === 'deploying' &&
      deployment?.JobVersion === tracked.nomadVersion &&
      deployment?.Status === 'failed'
    ) {
      const failedAlloc = current.find((alloc) => describeAllocationFailure(alloc));
      this.fail(
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
      this.fail(
        tracked,
        `stopped serving: ${(failedAlloc && describeAllocationFailure(failedAlloc)) ?? 'all replicas stopped'}`,
      );
    }
  }

  private reportRestarts(tracked: Tracked): void {
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
        this.emit({
          type: 'progress',
          ...this.ids(tracked),
          message: `replica ${alloc.ID!.slice(0, 8)} restarted (exit code ${exit?.ExitCode ?? '?'}, restart ${restarts})`,
        });
      }
    }
  }

  private async refreshServiceAddresses(tracked: Tracked): Promise<void> {
    const healthyWithoutUrl = [...tracked.allocs.values()].some(
      (alloc) => alloc.DeploymentStatus?.Healthy && !tracked.baseUrls.has(alloc.ID!),
    );
    if (!healthyWithoutUrl) return;
    const { registrations } = await readServiceRegistrations(
      this.options,
      serviceName(tracked.spec.deploymentId),
    );
    for (const registration of registrations) {
      tracked.baseUrls.set(registration.AllocID!, `http://${registration.Address}:${registration.Port}/v1`);
    }
  }

  private replicaInfos(tracked: Tracked): ReplicaInfo[] {
    return replicasFromAllocations({
      allocations: tracked.allocs.values(),
      baseUrls: tracked.baseUrls,
      nomadVersion: tracked.nomadVersion,
      version: tracked.spec.version,
      previousVersion: tracked.previousVersion,
    });
  }

  private fail(tracked: Tracked, reason: string): void {
    if (tracked.phase === 'failed') return;
    tracked.phase = 'failed';
    this.logger.warn({ deploymentId: tracked.spec.deploymentId, reason }, 'Nomad deployment failed');
    this.emit({ type: 'failed', ...this.ids(tracked), reason });
  }

  // ---- blocking-query fallback -----------------------------------------------------------------------------------

  private startBlockingWatch(tracked: Tracked): void {
    tracked.stopWatch?.abort();
    const controller = new AbortController();
    tracked.stopWatch = controller;
    const watch = async (jobId: () => string | undefined) => {
      let index = 0;
      while (!controller.signal.aborted && !this.closed) {
        const id = jobId();
        if (!id) return;
        const response = await this.api.GET('/job/{jobName}/allocations', {
          params: { path: { jobName: id }, query: { wait: '30s' }, header: { index } },
          signal: controller.signal,
        });
        index = Number(response.response.headers.get('X-Nomad-Index') ?? index);
        if (controller.signal.aborted) return;
        await this.refreshState(tracked);
      }
    };
    const onError = (error: unknown) => {
      if (!controller.signal.aborted) this.logger.warn({ err: String(error) }, 'Nomad blocking query failed');
    };
    void watch(() => tracked.jobId).catch(onError);
    if (tracked.optimizationJobId) void watch(() => tracked.optimizationJobId).catch(onError);
  }

  // ---- helpers ----------------------------------------------------------------------------------------------------

  private ids(tracked: Tracked): { deploymentId: string; version: number } {
    return { deploymentId: tracked.spec.deploymentId, version: tracked.spec.version };
  }

  private emit(event: RuntimeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: String(error) }, 'runtime listener threw');
      }
    }
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
