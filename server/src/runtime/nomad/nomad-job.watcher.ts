import { expectOk, type NomadApi, type NomadConnection } from './nomad.client.js';
import { NomadEventStream, type NomadStreamEvent } from './nomad-event-stream.js';
import type { NomadJobQueries } from './nomad-job.queries.js';
import { describePlacementFailure } from './nomad-failure-reasons.js';
import type {
  NomadDeploymentTracker,
  NomadRuntimeLogger,
  TrackedDeployment,
} from './nomad-deployment.tracker.js';

export interface NomadJobWatcherOptions {
  api: NomadApi;
  queries: NomadJobQueries;
  connection: NomadConnection;
  tracker: NomadDeploymentTracker;
  logger: NomadRuntimeLogger;
  eventStream?: { reconnectDelayMs?: number; heartbeatTimeoutMs?: number; resyncAfterGapMs?: number };
  /** Something Nomad reported about this deployment's jobs changed (its status is to be derived again). */
  onChange(tracked: TrackedDeployment): Promise<void>;
}

/**
 * Follows the tracked deployments' jobs: through the event stream, or blocking queries when the cluster refuses
 * the stream, plus the evaluations (the only place the scheduler says it cannot place a job).
 */
export class NomadJobWatcher {
  private readonly api: NomadApi;
  private readonly tracker: NomadDeploymentTracker;
  private readonly logger: NomadRuntimeLogger;
  private readonly stream: NomadEventStream;
  private streamStarted = false;
  private useBlockingQueries = false;
  private closed = false;

  constructor(private readonly options: NomadJobWatcherOptions) {
    this.api = options.api;
    this.tracker = options.tracker;
    this.logger = options.logger;
    this.stream = new NomadEventStream({
      connection: options.connection,
      ...options.eventStream,
      topics: () => this.tracker.topics(),
      onEvents: (events) => this.handleEvents(events),
      onResync: () => this.resyncAll(),
      onUnavailable: (error) => {
        this.logger.warn(
          { err: error.message },
          'Nomad event stream refused; falling back to blocking queries',
        );
        this.useBlockingQueries = true;
        for (const tracked of this.tracker.all()) this.startBlockingWatch(tracked);
      },
      onError: (error) =>
        this.logger.warn({ err: String(error) }, 'Nomad event stream interrupted; resuming'),
    });
  }

  /** Opens the stream at the cluster's current index, once; later calls only make sure it was opened. */
  async ensureStream(): Promise<void> {
    if (this.streamStarted || this.closed) return;
    this.streamStarted = true;
    const { index } = await expectOk(
      'list jobs',
      this.api.GET('/jobs', { params: { query: { prefix: 'hangar-' } } }),
    );
    this.stream.start(index);
  }

  /** The set of tracked jobs changed: the stream's topics follow. */
  refreshTopics(): void {
    this.stream.refresh();
  }

  /** Starts following a newly tracked deployment. */
  follow(tracked: TrackedDeployment): void {
    this.stream.refresh();
    if (this.useBlockingQueries) this.startBlockingWatch(tracked);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const tracked of this.tracker.all()) tracked.stopWatch?.abort();
    await this.stream.stop();
  }

  private async handleEvents(events: NomadStreamEvent[]): Promise<void> {
    const touched = new Set<TrackedDeployment>();
    for (const event of events) {
      const allocation = event.Payload.Allocation;
      const deployment = event.Payload.Deployment;
      if (allocation) {
        const tracked = this.tracker.findByJob(allocation.JobID);
        if (!tracked) continue;
        const map = allocation.JobID === tracked.jobId ? tracked.allocs : tracked.optimizationAllocs;
        map.set(allocation.ID!, allocation);
        touched.add(tracked);
      } else if (deployment) {
        const tracked = this.tracker.findByJob(deployment.JobID);
        if (!tracked || deployment.JobID !== tracked.jobId) continue;
        tracked.deployment = deployment;
        touched.add(tracked);
      } else if (event.Topic === 'Job') {
        const tracked = this.tracker.findByJob(event.Key);
        if (!tracked) continue;
        // Hangar untracks before it purges, so a deregistration seen here came from outside Hangar.
        if (event.Key === tracked.jobId && (event.Payload.Deleted || event.Type === 'JobDeregistered')) {
          this.tracker.fail(tracked, 'the Nomad job was stopped outside Hangar; redeploy to start it again');
          continue;
        }
        touched.add(tracked);
      }
    }
    for (const tracked of touched) await this.options.onChange(tracked);
  }

  private async resyncAll(): Promise<void> {
    for (const tracked of this.tracker.all()) await this.refreshState(tracked);
  }

  /** Reads allocations and the latest deployment by GET (after adoption, a long stream gap, or in fallback mode). */
  async refreshState(tracked: TrackedDeployment): Promise<void> {
    const { queries } = this.options;
    if (tracked.optimizationJobId) {
      const allocs = await queries.readAllocations(tracked.optimizationJobId);
      tracked.optimizationAllocs = new Map(allocs.map((alloc) => [alloc.ID!, alloc]));
    }
    const allocs = await queries.readAllocations(tracked.jobId);
    tracked.allocs = new Map(allocs.map((alloc) => [alloc.ID!, alloc]));
    const deployment = await this.api.GET('/job/{jobName}/deployment', {
      params: { path: { jobName: tracked.jobId } },
    });
    if (deployment.response.ok && deployment.data) tracked.deployment = deployment.data;
    await this.options.onChange(tracked);
  }

  /**
   * The scheduler reports "cannot place" only on the evaluation, not through Job/Allocation/Deployment events. The
   * reasons fail the tracked version, or go to `onPlacementFailure` (a canary's evaluation).
   */
  watchEvaluation(
    tracked: TrackedDeployment,
    evalId: string | undefined,
    onPlacementFailure = (reason: string) => this.tracker.fail(tracked, reason),
  ): void {
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
        if (reasons.length > 0 && this.tracker.isCurrent(tracked)) onPlacementFailure(reasons.join('; '));
        return;
      }
    })().catch((error: unknown) =>
      this.logger.warn({ err: String(error) }, 'reading Nomad evaluation failed'),
    );
  }

  /** An adopted job's evaluation may have failed before this process started: read the latest one. */
  async checkLatestEvaluation(tracked: TrackedDeployment): Promise<void> {
    const response = await this.api.GET('/job/{jobName}/evaluations', {
      params: { path: { jobName: tracked.jobId } },
    });
    const latest = [...(response.data ?? [])].sort((a, b) => (b.CreateIndex ?? 0) - (a.CreateIndex ?? 0))[0];
    const running = [...tracked.allocs.values()].some((alloc) => alloc.ClientStatus === 'running');
    const reasons = describePlacementFailure(latest?.FailedTGAllocs, tracked.profile);
    if (!running && reasons.length > 0) this.tracker.fail(tracked, reasons.join('; '));
  }

  private startBlockingWatch(tracked: TrackedDeployment): void {
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
}
