import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components } from '../../src/runtime/nomad/generated/nomad-api.js';
import { sharedNomadSpecValidator } from './openapi-validator.js';

type Job = components['schemas']['Job'];
/** The 1.4-era spec's Allocation lacks JobVersion, which Nomad sends (and AllocationListStub has). */
type Allocation = components['schemas']['Allocation'] & { JobVersion?: number };
type Deployment = components['schemas']['Deployment'];
type Evaluation = components['schemas']['Evaluation'];
type AllocationMetric = components['schemas']['AllocationMetric'];
type TaskEvent = components['schemas']['TaskEvent'];
type ServiceRegistration = components['schemas']['ServiceRegistration'];
type Variable = components['schemas']['Variable'];

interface StreamEvent {
  Topic: string;
  Type: string;
  Key: string;
  Namespace: string;
  FilterKeys: string[] | null;
  Index: number;
  Payload: Record<string, unknown>;
}
interface Frame {
  Index: number;
  Events: StreamEvent[];
}
interface Subscriber {
  topics: Array<{ topic: string; key: string }>;
  response: ServerResponse;
  record: StreamRecord;
}

/** One `/v1/event/stream` request as the double saw it. */
export interface StreamRecord {
  query: URLSearchParams;
  /** Index of the last frame written to this connection (0 = none). */
  lastSentIndex: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body?: unknown;
}

export interface NomadDoubleOptions {
  /** `{}` heartbeat period on event streams (Nomad: 30 s). */
  heartbeatMs?: number;
  /** How many frames the event buffer keeps (Nomad: 100). */
  eventBufferSize?: number;
  /** Upper bound for blocking-query waits so tests stay quick. */
  maxBlockingWaitMs?: number;
  /** When set, every request must carry it as X-Nomad-Token (403 otherwise, like an ACL-enabled cluster). */
  aclToken?: string;
  /** When set, every request must name this namespace (`?namespace=`). */
  namespace?: string;
  /**
   * Where healthy allocations' services are registered (a replica the test serves), or a choice per allocation and
   * the job version it runs (a stable and a canary replica); default a node address.
   */
  serviceAddress?:
    { address: string; port: number } | ((alloc: Allocation, job: Job) => { address: string; port: number });
}

const NODE = { ID: 'node-gpu-1', Name: 'gpu-1', Address: '10.0.0.7' };

/**
 * An in-process Nomad agent for tests: jobs, evaluations, allocations, deployments, native services, variables,
 * blocking queries and the NDJSON event stream. Every request body and response is checked against the official
 * OpenAPI spec; violations are collected in `violations` (tests assert it stays empty). Tests drive the "cluster"
 * with the control methods (markHealthy, crashAllocation, failImagePull, failNextPlacement, completeBatch, cutStreams).
 */
export class NomadDouble {
  readonly violations: string[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly streams: StreamRecord[] = [];
  /** Respond 404 on /v1/event/stream to exercise the blocking-query fallback. */
  eventStreamDisabled = false;

  private readonly validator = sharedNomadSpecValidator();
  private readonly server: Server;
  private index = 1;
  private readonly jobs = new Map<string, Job>();
  private readonly submitted = new Map<string, string>();
  /** Every version of every job, as stored (`/versions` is not served; revert reads it). */
  private readonly history = new Map<string, Array<{ job: Job; submitted: string }>>();
  private readonly allocs = new Map<string, Allocation>();
  private readonly deployments = new Map<string, Deployment>();
  private readonly evals = new Map<string, Evaluation>();
  private readonly services = new Map<string, ServiceRegistration>();
  private readonly variables = new Map<string, Variable>();
  private readonly frames: Frame[] = [];
  private readonly subscribers = new Set<Subscriber>();
  private waiters: Array<() => void> = [];
  private pendingPlacementFailure?: Record<string, AllocationMetric>;
  private nextPort = 21000;

  constructor(private readonly options: NomadDoubleOptions = {}) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.violations.push(`double crashed on ${request.method} ${request.url}: ${String(error)}`);
        if (!response.headersSent) response.writeHead(500);
        response.end(String(error));
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.cutStreams();
    for (const wake of this.waiters) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- test controls ---------------------------------------------------------------------------------------------

  job(jobId: string): Job | undefined {
    return this.jobs.get(jobId);
  }

  allocationsOf(jobId: string): Allocation[] {
    return [...this.allocs.values()].filter((alloc) => alloc.JobID === jobId);
  }

  variable(path: string): Variable | undefined {
    return this.variables.get(path);
  }

  registrations(jobId: string): RecordedRequest[] {
    return this.requests.filter(
      (request) =>
        (request.method === 'POST' || request.method === 'PUT') &&
        (request.path === '/v1/jobs' || request.path === `/v1/job/${jobId}`) &&
        (request.body as { Job?: Job } | undefined)?.Job?.ID === jobId,
    );
  }

  /** The next job registration finds no node: the evaluation carries FailedTGAllocs and nothing is placed. */
  failNextPlacement(metric: AllocationMetric): void {
    this.pendingPlacementFailure = { server: metric };
  }

  /**
   * Allocations of the job's newest version start and pass their checks, one frame per step like a real client. A
   * deployment with canaries then waits for its promotion; any other completes and stops the older allocations.
   */
  markHealthy(jobId: string): void {
    const job = this.jobs.get(jobId)!;
    const fresh = this.allocationsOf(jobId).filter(
      (alloc) =>
        alloc.JobVersion === job.Version &&
        alloc.DesiredStatus === 'run' &&
        alloc.ClientStatus !== 'failed' &&
        !alloc.DeploymentStatus?.Healthy,
    );
    const taskName = job.TaskGroups![0]!.Tasks![0]!.Name!;
    this.commit(
      fresh.map((alloc) => {
        alloc.ClientStatus = 'running';
        alloc.ClientDescription = 'Tasks are running';
        alloc.TaskStates ??= {
          [taskName]: {
            State: 'running',
            Failed: false,
            Restarts: 0,
            Events: [taskEvent('Started', 'Task started by client')],
          },
        };
        return this.allocEvent(alloc, 'AllocationUpdated');
      }),
    );
    const events: StreamEvent[] = [];
    for (const alloc of fresh) {
      alloc.DeploymentStatus = {
        Healthy: true,
        Canary: alloc.DeploymentStatus?.Canary ?? false,
        Timestamp: new Date().toISOString(),
        ModifyIndex: this.index + 1,
      };
      const service = job.TaskGroups![0]!.Services?.[0];
      // An allocation updated in place kept running: its registration stays.
      const registered = [...this.services.values()].some((r) => r.AllocID === alloc.ID);
      if (service && !registered) {
        const configured = this.options.serviceAddress;
        const at = typeof configured === 'function' ? configured(alloc, job) : configured;
        const registration: ServiceRegistration = {
          ID: `_nomad-task-${alloc.ID}-${service.Name}`,
          ServiceName: service.Name,
          Namespace: 'default',
          NodeID: NODE.ID,
          Datacenter: 'dc1',
          JobID: jobId,
          AllocID: alloc.ID,
          Tags: service.Tags ?? [],
          Address: at?.address ?? NODE.Address,
          Port: at?.port ?? this.nextPort++,
        };
        this.services.set(registration.ID!, registration);
      }
      events.push(this.allocEvent(alloc, 'AllocationUpdated'));
    }
    this.commit(events);
    const deployment = this.latestDeployment(jobId);
    if (deployment && deployment.Status === 'running') {
      const state = deployment.TaskGroups!.server ?? Object.values(deployment.TaskGroups!)[0]!;
      state.HealthyAllocs = this.allocationsOf(jobId).filter(
        (alloc) =>
          alloc.JobVersion === job.Version &&
          alloc.DesiredStatus === 'run' &&
          alloc.DeploymentStatus?.Healthy,
      ).length;
      const awaitingPromotion = (state.DesiredCanaries ?? 0) > 0 && !state.Promoted;
      if (awaitingPromotion && state.HealthyAllocs >= state.DesiredCanaries!) {
        deployment.StatusDescription = 'Deployment is running but requires manual promotion';
      }
      const stopping =
        !awaitingPromotion && state.HealthyAllocs >= (state.DesiredTotal ?? 0)
          ? this.completeDeployment(job, deployment)
          : [];
      this.commit([this.deploymentEvent(deployment, 'DeploymentAllocHealth'), ...stopping]);
    }
    job.Status = 'running';
    this.commit([this.jobEvent(job, 'JobRegistered')]);
  }

  /** The rollout is done: the version becomes stable and replicas of older versions are stopped. */
  private completeDeployment(job: Job, deployment: Deployment): StreamEvent[] {
    deployment.Status = 'successful';
    deployment.StatusDescription = 'Deployment completed successfully';
    job.Stable = true;
    const stable = this.history.get(job.ID!)?.find((entry) => entry.job.Version === job.Version);
    if (stable) stable.job.Stable = true;
    return this.stopAllocations(
      this.allocationsOf(job.ID!).filter((alloc) => alloc.JobVersion !== job.Version),
    );
  }

  /** Stops the allocations still meant to run (one event each); their services are deregistered. */
  private stopAllocations(allocs: Allocation[]): StreamEvent[] {
    const events: StreamEvent[] = [];
    for (const alloc of allocs) {
      if (alloc.DesiredStatus !== 'run') continue;
      alloc.DesiredStatus = 'stop';
      alloc.ClientStatus = 'complete';
      this.dropServices(alloc.ID!);
      events.push(this.allocEvent(alloc, 'AllocationUpdateDesiredStatus'));
    }
    return events;
  }

  /** The task exits `restarts` times and is restarted, then exits once more and Nomad gives up. */
  crashAllocation(allocId: string, options: { exitCode: number; restarts: number }): void {
    const alloc = this.allocs.get(allocId)!;
    const [taskName, state] = Object.entries(alloc.TaskStates ?? {})[0]!;
    for (let attempt = 1; attempt <= options.restarts; attempt++) {
      state.Restarts = attempt;
      state.Events = [
        ...(state.Events ?? []),
        { ...taskEvent('Terminated', `Exit Code: ${options.exitCode}`), ExitCode: options.exitCode },
        taskEvent('Restarting', 'Task restarting in 30s'),
        taskEvent('Started', 'Task started by client'),
      ].slice(-10);
      this.commit([this.allocEvent(alloc, 'AllocationUpdated')]);
    }
    state.State = 'dead';
    state.Failed = true;
    state.Events = [
      ...(state.Events ?? []),
      { ...taskEvent('Terminated', `Exit Code: ${options.exitCode}`), ExitCode: options.exitCode },
      { ...taskEvent('Not Restarting', 'Exceeded allowed attempts 2 in interval 30m0s'), FailsTask: true },
    ].slice(-10);
    alloc.TaskStates = { [taskName]: state };
    this.failAllocation(alloc, 'Failed tasks');
  }

  /** The docker driver cannot pull the image: the allocation fails without ever running. */
  failImagePull(jobId: string, message: string): void {
    const job = this.jobs.get(jobId)!;
    const taskName = job.TaskGroups![0]!.Tasks![0]!.Name!;
    for (const alloc of this.allocationsOf(jobId).filter(
      (a) => a.JobVersion === job.Version && a.DesiredStatus === 'run',
    )) {
      alloc.TaskStates = {
        [taskName]: {
          State: 'dead',
          Failed: true,
          Restarts: 0,
          Events: [
            taskEvent('Received', 'Task received by client'),
            { ...taskEvent('Driver', 'Downloading image'), DriverMessage: 'Downloading image' },
            { ...taskEvent('Driver Failure', message), DriverError: message, FailsTask: true },
          ],
        },
      };
      this.failAllocation(alloc, 'Failed tasks');
    }
  }

  /** A batch job's allocation runs to completion (or fails with `exitCode`). */
  completeBatch(jobId: string, exitCode = 0): void {
    const job = this.jobs.get(jobId)!;
    const taskName = job.TaskGroups![0]!.Tasks![0]!.Name!;
    for (const alloc of this.allocationsOf(jobId).filter((a) => a.DesiredStatus === 'run')) {
      alloc.ClientStatus = exitCode === 0 ? 'complete' : 'failed';
      alloc.TaskStates = {
        [taskName]: {
          State: 'dead',
          Failed: exitCode !== 0,
          Restarts: 0,
          Events: [
            taskEvent('Started', 'Task started'),
            { ...taskEvent('Terminated', `Exit Code: ${exitCode}`), ExitCode: exitCode },
          ],
        },
      };
      this.commit([this.allocEvent(alloc, 'AllocationUpdated')]);
    }
    job.Status = 'dead';
    this.commit([this.jobEvent(job, 'JobRegistered')]);
  }

  /** Drops every open event stream, as a load balancer timeout or agent restart would. */
  cutStreams(): void {
    for (const subscriber of this.subscribers) subscriber.response.destroy();
    this.subscribers.clear();
  }

  openStreams(): number {
    return this.subscribers.size;
  }

  currentIndex(): number {
    return this.index;
  }

  // ---- state changes ---------------------------------------------------------------------------------------------

  private failAllocation(alloc: Allocation, description: string): void {
    alloc.ClientStatus = 'failed';
    alloc.ClientDescription = description;
    alloc.DeploymentStatus = {
      Healthy: false,
      Canary: alloc.DeploymentStatus?.Canary ?? false,
      Timestamp: new Date().toISOString(),
      ModifyIndex: this.index + 1,
    };
    this.dropServices(alloc.ID!);
    this.commit([this.allocEvent(alloc, 'AllocationUpdated')]);
    const deployment = this.latestDeployment(alloc.JobID!);
    if (deployment && deployment.Status === 'running' && deployment.JobVersion === alloc.JobVersion) {
      deployment.Status = 'failed';
      deployment.StatusDescription = 'Failed due to unhealthy allocations';
      const state = Object.values(deployment.TaskGroups!)[0]!;
      state.UnhealthyAllocs = (state.UnhealthyAllocs ?? 0) + 1;
      this.commit([this.deploymentEvent(deployment, 'DeploymentAllocHealth')]);
    }
  }

  private register(job: Job, preserveCounts: boolean): { evalId: string; modifyIndex: number } {
    const id = job.ID!;
    const existing = this.jobs.get(id);
    const submittedJson = JSON.stringify(job);
    const unchanged = existing && !existing.Stop && this.submitted.get(id) === submittedJson;
    const stored: Job = structuredClone(job);
    if (preserveCounts && existing && !existing.Stop) {
      for (const group of stored.TaskGroups ?? []) {
        const before = existing.TaskGroups?.find((candidate) => candidate.Name === group.Name);
        if (before) group.Count = before.Count;
      }
    }
    return this.store(stored, submittedJson, !!unchanged);
  }

  /** Makes `stored` the job's current version (a new one unless `unchanged`), evaluates and schedules it. */
  private store(
    stored: Job,
    submittedJson: string,
    unchanged: boolean,
  ): { evalId: string; modifyIndex: number } {
    const id = stored.ID!;
    const existing = this.jobs.get(id);
    this.submitted.set(id, submittedJson);
    const modifyIndex = this.bump();
    Object.assign(stored, {
      Namespace: 'default',
      Region: 'global',
      Status: 'pending',
      Stop: false,
      Stable: false,
      Version: existing ? (unchanged ? existing.Version : (existing.Version ?? 0) + 1) : 0,
      CreateIndex: existing?.CreateIndex ?? modifyIndex,
      ModifyIndex: modifyIndex,
      JobModifyIndex: modifyIndex,
      SubmitTime: Date.now() * 1e6,
    });
    if (unchanged && existing) stored.Stable = existing.Stable;
    this.jobs.set(id, stored);
    const versions = (this.history.get(id) ?? []).filter((entry) => entry.job.Version !== stored.Version);
    this.history.set(id, [...versions, { job: structuredClone(stored), submitted: submittedJson }]);
    this.commit([this.jobEvent(stored, 'JobRegistered')]);
    const evaluation = this.createEvaluation(stored);
    if (!unchanged) this.schedule(stored, evaluation);
    return { evalId: evaluation.ID!, modifyIndex };
  }

  private createEvaluation(job: Job): Evaluation {
    const evaluation: Evaluation = {
      ID: randomUUID(),
      Namespace: 'default',
      Priority: 50,
      Type: job.Type,
      TriggeredBy: 'job-register',
      JobID: job.ID,
      JobModifyIndex: job.JobModifyIndex,
      Status: 'complete',
      CreateIndex: this.index,
      ModifyIndex: this.index,
      CreateTime: Date.now() * 1e6,
      ModifyTime: Date.now() * 1e6,
    };
    this.evals.set(evaluation.ID!, evaluation);
    return evaluation;
  }

  /**
   * Places the new version. Like Nomad's reconciler: an older deployment still running is cancelled and its
   * unpromoted canaries stop; allocations whose job version has the same spec are updated in place (they keep
   * running; their deployment health is cleared until the client reports it again); with `Update.Canary` and
   * `AutoPromote: false` the other allocations keep running beside `Canary` canaries until the deployment is
   * promoted; otherwise `Count` new allocations are placed (auto-promoted canaries are not modelled: a plain rollout).
   */
  private schedule(job: Job, evaluation: Evaluation): void {
    if (this.pendingPlacementFailure) {
      evaluation.FailedTGAllocs = this.pendingPlacementFailure;
      evaluation.BlockedEval = randomUUID();
      this.pendingPlacementFailure = undefined;
      this.wake();
      return;
    }
    const group = job.TaskGroups![0]!;
    const events: StreamEvent[] = this.cancelOlderDeployments(job);
    const live = this.allocationsOf(job.ID!).filter(
      (alloc) =>
        alloc.DesiredStatus === 'run' && alloc.ClientStatus !== 'failed' && alloc.ClientStatus !== 'complete',
    );
    const key = specKey(job);
    const inPlace = live.filter((alloc) => {
      const ran = this.history.get(job.ID!)?.find((entry) => entry.job.Version === alloc.JobVersion);
      return ran !== undefined && specKey(ran.job) === key;
    });
    const destructive = live.filter((alloc) => !inPlace.includes(alloc));
    const canaries =
      group.Update?.AutoPromote === false && destructive.length > 0 ? (group.Update.Canary ?? 0) : 0;
    const count = group.Count ?? 1;
    const placements = canaries > 0 ? canaries : Math.max(0, count - inPlace.length);
    let deployment: Deployment | undefined;
    if (job.Type === 'service') {
      deployment = {
        ID: randomUUID(),
        Namespace: 'default',
        JobID: job.ID,
        JobVersion: job.Version,
        JobModifyIndex: job.JobModifyIndex,
        JobCreateIndex: job.CreateIndex,
        Status: 'running',
        StatusDescription: 'Deployment is running',
        TaskGroups: {
          [group.Name!]: {
            AutoRevert: group.Update?.AutoRevert ?? true,
            DesiredTotal: count,
            PlacedAllocs: placements + inPlace.length,
            HealthyAllocs: 0,
            UnhealthyAllocs: 0,
            ProgressDeadline: group.Update?.ProgressDeadline,
            ...(canaries > 0 ? { DesiredCanaries: canaries, PlacedCanaries: [], Promoted: false } : {}),
          },
        },
        CreateIndex: this.index + 1,
        ModifyIndex: this.index + 1,
      };
      this.deployments.set(deployment.ID!, deployment);
    }
    for (const alloc of inPlace) {
      alloc.JobVersion = job.Version;
      alloc.EvalID = evaluation.ID;
      if (deployment && alloc.DeploymentID !== deployment.ID) {
        alloc.DeploymentID = deployment.ID;
        delete alloc.DeploymentStatus;
      }
      events.push(this.allocEvent(alloc, 'PlanResult'));
    }
    const state = deployment && Object.values(deployment.TaskGroups!)[0]!;
    for (let i = 0; i < placements; i++) {
      const alloc = this.place(job, inPlace.length + i, evaluation, deployment);
      if (canaries > 0) {
        alloc.DeploymentStatus = { Canary: true, ModifyIndex: this.index + 1 };
        state!.PlacedCanaries!.push(alloc.ID!);
      }
      events.push(this.allocEvent(alloc, 'PlanResult'));
    }
    if (deployment) events.push(this.deploymentEvent(deployment, 'PlanResult'));
    this.commit(events);
  }

  /**
   * Promotes the canaries of `groups` (all when undefined), refused unless every one of them is healthy. The
   * canaries count towards the group's total: the older allocations stop and the rest of the count is placed.
   */
  private promote(deployment: Deployment, groups: string[] | undefined): string | undefined {
    if (deployment.Status !== 'running') return `can't promote terminal deployment`;
    const job = this.jobs.get(deployment.JobID!)!;
    const promoted = Object.entries(deployment.TaskGroups ?? {}).filter(
      ([name, state]) => (groups === undefined || groups.includes(name)) && (state.DesiredCanaries ?? 0) > 0,
    );
    if (promoted.length === 0) return 'no canaries to promote';
    for (const [name, state] of promoted) {
      const healthy = (state.PlacedCanaries ?? []).filter(
        (id) => this.allocs.get(id)?.DeploymentStatus?.Healthy,
      );
      if (healthy.length < state.DesiredCanaries!)
        return `Task group "${name}" has ${healthy.length}/${state.DesiredCanaries} healthy allocations`;
    }
    const evaluation = this.createEvaluation(job);
    const events: StreamEvent[] = [];
    for (const [, state] of promoted) {
      state.Promoted = true;
      events.push(
        ...this.stopAllocations(
          this.allocationsOf(job.ID!).filter((alloc) => alloc.JobVersion !== deployment.JobVersion),
        ),
      );
      const current = this.allocationsOf(job.ID!).filter(
        (alloc) => alloc.JobVersion === deployment.JobVersion && alloc.DesiredStatus === 'run',
      );
      for (let slot = current.length; slot < (state.DesiredTotal ?? 0); slot++) {
        events.push(this.allocEvent(this.place(job, slot, evaluation, deployment), 'PlanResult'));
        state.PlacedAllocs = (state.PlacedAllocs ?? 0) + 1;
      }
    }
    const done = promoted.every(([, state]) => (state.HealthyAllocs ?? 0) >= (state.DesiredTotal ?? 0));
    if (done) events.push(...this.completeDeployment(job, deployment));
    else deployment.StatusDescription = 'Deployment is running';
    this.commit([this.deploymentEvent(deployment, 'DeploymentPromotion'), ...events]);
    return undefined;
  }

  /** A newer job version cancels the running deployment of an older one; its unpromoted canaries stop. */
  private cancelOlderDeployments(job: Job): StreamEvent[] {
    const events: StreamEvent[] = [];
    for (const deployment of this.deployments.values()) {
      if (
        deployment.JobID !== job.ID ||
        deployment.Status !== 'running' ||
        deployment.JobVersion === job.Version
      )
        continue;
      deployment.Status = 'cancelled';
      deployment.StatusDescription = 'Cancelled due to newer version of job';
      events.push(this.deploymentEvent(deployment, 'DeploymentStatusUpdate'));
      const canaries = Object.values(deployment.TaskGroups ?? {})
        .filter((state) => !state.Promoted)
        .flatMap((state) => state.PlacedCanaries ?? []);
      events.push(...this.stopAllocations(canaries.map((id) => this.allocs.get(id)!)));
    }
    return events;
  }

  private place(job: Job, slot: number, evaluation: Evaluation, deployment?: Deployment): Allocation {
    const group = job.TaskGroups![0]!;
    const alloc: Allocation = {
      ID: randomUUID(),
      Namespace: 'default',
      EvalID: evaluation.ID,
      Name: `${job.ID}.${group.Name}[${slot}]`,
      NodeID: NODE.ID,
      NodeName: NODE.Name,
      JobID: job.ID,
      TaskGroup: group.Name,
      DesiredStatus: 'run',
      ClientStatus: 'pending',
      ClientDescription: 'No tasks have started',
      DeploymentID: deployment?.ID,
      CreateIndex: this.index + 1,
      ModifyIndex: this.index + 1,
      CreateTime: Date.now() * 1e6,
      ModifyTime: Date.now() * 1e6,
      JobVersion: job.Version,
    };
    this.allocs.set(alloc.ID!, alloc);
    return alloc;
  }

  private scale(job: Job, count: number): void {
    const group = job.TaskGroups![0]!;
    const running = this.allocationsOf(job.ID!).filter(
      (alloc) => alloc.DesiredStatus === 'run' && alloc.ClientStatus !== 'failed',
    );
    group.Count = count;
    const version = this.history.get(job.ID!)?.find((entry) => entry.job.Version === job.Version);
    if (version) version.job.TaskGroups![0]!.Count = count;
    job.JobModifyIndex = this.bump();
    const evaluation = this.createEvaluation(job);
    const events: StreamEvent[] = [this.jobEvent(job, 'JobRegistered')];
    for (let slot = running.length; slot < count; slot++)
      events.push(this.allocEvent(this.place(job, slot, evaluation), 'PlanResult'));
    for (const alloc of running.slice(count)) {
      alloc.DesiredStatus = 'stop';
      alloc.ClientStatus = 'complete';
      this.dropServices(alloc.ID!);
      events.push(this.allocEvent(alloc, 'AllocationUpdateDesiredStatus'));
    }
    this.commit(events);
  }

  private purge(jobId: string): void {
    const job = this.jobs.get(jobId)!;
    const events: StreamEvent[] = [];
    for (const alloc of this.allocationsOf(jobId)) {
      if (alloc.ClientStatus === 'complete' || alloc.ClientStatus === 'failed') continue;
      alloc.DesiredStatus = 'stop';
      alloc.ClientStatus = 'complete';
      this.dropServices(alloc.ID!);
      events.push(this.allocEvent(alloc, 'AllocationUpdateDesiredStatus'));
    }
    this.jobs.delete(jobId);
    this.submitted.delete(jobId);
    events.push({ ...this.jobEvent(job, 'JobDeregistered'), Payload: { Job: job, Deleted: true } });
    this.commit(events);
  }

  private dropServices(allocId: string): void {
    for (const [id, registration] of this.services)
      if (registration.AllocID === allocId) this.services.delete(id);
  }

  private latestDeployment(jobId: string): Deployment | undefined {
    return [...this.deployments.values()]
      .filter((deployment) => deployment.JobID === jobId)
      .sort((a, b) => (b.CreateIndex ?? 0) - (a.CreateIndex ?? 0))[0];
  }

  private bump(): number {
    this.index += 1;
    return this.index;
  }

  /** Publishes one raft index worth of events to streams and wakes blocking queries. */
  private commit(events: StreamEvent[]): void {
    if (events.length === 0) return;
    const index = this.bump();
    const frame: Frame = { Index: index, Events: events.map((event) => ({ ...event, Index: index })) };
    for (const event of frame.Events) {
      for (const [name, payload] of Object.entries(event.Payload)) {
        if (name === 'Deleted') continue;
        this.expect(this.validator.check('response', name, payload), `event ${event.Topic}/${event.Type}`);
      }
      if (event.Topic === 'Allocation') (event.Payload.Allocation as Allocation).ModifyIndex = index;
    }
    this.frames.push(structuredClone(frame));
    while (this.frames.length > (this.options.eventBufferSize ?? 100)) this.frames.shift();
    for (const subscriber of this.subscribers) this.send(subscriber, frame);
    this.wake();
  }

  private allocEvent(alloc: Allocation, type: string): StreamEvent {
    return {
      Topic: 'Allocation',
      Type: type,
      Key: alloc.ID!,
      Namespace: 'default',
      FilterKeys: [alloc.JobID!, alloc.DeploymentID ?? ''].filter(Boolean),
      Index: 0,
      // The real payload has DeploymentStatus/TaskStates null until the client reports them.
      Payload: { Allocation: { DeploymentStatus: null, TaskStates: null, ...structuredClone(alloc) } },
    };
  }

  private deploymentEvent(deployment: Deployment, type: string): StreamEvent {
    return {
      Topic: 'Deployment',
      Type: type,
      Key: deployment.ID!,
      Namespace: 'default',
      FilterKeys: [deployment.JobID!],
      Index: 0,
      Payload: { Deployment: structuredClone(deployment) },
    };
  }

  private jobEvent(job: Job, type: string): StreamEvent {
    return {
      Topic: 'Job',
      Type: type,
      Key: job.ID!,
      Namespace: 'default',
      FilterKeys: null,
      Index: 0,
      Payload: { Job: structuredClone(job) },
    };
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  // ---- HTTP ------------------------------------------------------------------------------------------------------

  private expect(violations: string[], context: string): void {
    for (const violation of violations) this.violations.push(`${context}: ${violation}`);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url!, 'http://nomad');
    const method = request.method!;
    const raw = await readBody(request);
    const body = raw ? (JSON.parse(raw) as unknown) : undefined;
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body });
    if (request.headers.index !== undefined)
      this.violations.push(`${method} ${url.pathname}: index sent as a header`);
    const path = url.pathname.replace(/^\/v1/, '');
    const segments = path.split('/').filter(Boolean);

    if (path === '/event/stream' && method === 'GET') return this.stream(url, response);

    // Blocking queries: answer once the state index passes ?index, or after ?wait.
    const minIndex = Number(url.searchParams.get('index') ?? 0);
    if (method === 'GET' && minIndex > 0 && minIndex >= this.index) {
      const wait = Math.min(
        parseDuration(url.searchParams.get('wait') ?? '5m'),
        this.options.maxBlockingWaitMs ?? 2000,
      );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }

    const reply = (status: number, schema: string | undefined, value: unknown) => {
      if (schema && status === 200 && value !== null)
        this.expect(this.validator.check('response', schema, value), `${method} ${path}`);
      response.writeHead(status, { 'Content-Type': 'application/json', 'X-Nomad-Index': String(this.index) });
      response.end(typeof value === 'string' ? value : JSON.stringify(value));
    };
    const requestBody = (schema: string) =>
      this.expect(this.validator.check('request', schema, body), `${method} ${path} body`);

    if (path === '/jobs' && method === 'GET') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const stubs = [...this.jobs.values()]
        .filter((job) => job.ID!.startsWith(prefix))
        .map((job) => ({
          ID: job.ID,
          Name: job.Name,
          Namespace: 'default',
          Type: job.Type,
          Status: job.Status,
          Stop: job.Stop,
          Priority: 50,
          Datacenters: job.Datacenters,
          CreateIndex: job.CreateIndex,
          ModifyIndex: job.ModifyIndex,
          JobModifyIndex: job.JobModifyIndex,
          SubmitTime: job.SubmitTime,
        }));
      return reply(200, 'JobListStub[]', stubs);
    }
    if (
      (path === '/jobs' && (method === 'POST' || method === 'PUT')) ||
      (segments[0] === 'job' && segments.length === 2 && method === 'POST')
    ) {
      requestBody('JobRegisterRequest');
      const register = body as { Job: Job; PreserveCounts?: boolean };
      const { evalId, modifyIndex } = this.register(register.Job, register.PreserveCounts ?? false);
      return reply(200, 'JobRegisterResponse', {
        EvalID: evalId,
        EvalCreateIndex: modifyIndex,
        JobModifyIndex: modifyIndex,
        Warnings: '',
      });
    }
    if (segments[0] === 'job' && segments[1]) {
      const jobId = decodeURIComponent(segments[1]);
      const job = this.jobs.get(jobId);
      const sub = segments[2];
      if (!sub && method === 'GET')
        return job ? reply(200, 'Job', job) : reply(404, undefined, 'job not found');
      if (!sub && method === 'DELETE') {
        if (!job) return reply(404, undefined, 'job not found');
        if (url.searchParams.get('purge') === 'true') this.purge(jobId);
        else {
          job.Stop = true;
          job.Status = 'dead';
          this.commit([this.jobEvent(job, 'JobDeregistered')]);
        }
        return reply(200, 'JobDeregisterResponse', {
          EvalID: randomUUID(),
          EvalCreateIndex: this.index,
          JobModifyIndex: this.index,
        });
      }
      if (sub === 'allocations' && method === 'GET')
        return reply(200, 'AllocationListStub[]', this.allocationsOf(jobId).map(toStub));
      if (sub === 'deployment' && method === 'GET')
        return reply(200, 'Deployment', this.latestDeployment(jobId) ?? null);
      if (sub === 'evaluations' && method === 'GET') {
        return reply(
          200,
          'Evaluation[]',
          [...this.evals.values()].filter((evaluation) => evaluation.JobID === jobId),
        );
      }
      if (sub === 'plan' && method === 'POST') {
        requestBody('JobPlanRequest');
        const failed = this.pendingPlacementFailure;
        return reply(200, 'JobPlanResponse', {
          JobModifyIndex: job?.JobModifyIndex ?? 0,
          Annotations: { DesiredTGUpdates: { server: { Place: failed ? 0 : 1 } } },
          ...(failed ? { FailedTGAllocs: failed } : {}),
          Warnings: '',
        });
      }
      if (sub === 'revert' && method === 'POST') {
        requestBody('JobRevertRequest');
        if (!job) return reply(404, undefined, 'job not found');
        const revert = body as { JobID?: string; JobVersion?: number; EnforcePriorVersion?: number };
        if (revert.JobID !== jobId) this.violations.push(`revert body JobID ${revert.JobID} ≠ URL ${jobId}`);
        if (revert.EnforcePriorVersion !== undefined && revert.EnforcePriorVersion !== job.Version) {
          return reply(
            400,
            undefined,
            `current job has version ${job.Version}; enforcing version ${revert.EnforcePriorVersion}`,
          );
        }
        if (revert.JobVersion === job.Version)
          return reply(400, undefined, `can't revert to current version`);
        const target = this.history.get(jobId)?.find((entry) => entry.job.Version === revert.JobVersion);
        if (!target) return reply(400, undefined, `job ${jobId} at version ${revert.JobVersion} not found`);
        const { evalId, modifyIndex } = this.store(structuredClone(target.job), target.submitted, false);
        return reply(200, 'JobRegisterResponse', {
          EvalID: evalId,
          EvalCreateIndex: modifyIndex,
          JobModifyIndex: modifyIndex,
          Warnings: '',
        });
      }
      if (sub === 'scale' && method === 'POST') {
        requestBody('ScalingRequest');
        if (!job) return reply(404, undefined, 'job not found');
        const scaling = body as { Count: number };
        if (this.latestDeployment(jobId)?.Status === 'running') {
          return reply(400, undefined, 'job scaling blocked due to active deployment');
        }
        const policy = job.TaskGroups![0]!.Scaling;
        if (policy && (scaling.Count < (policy.Min ?? 0) || scaling.Count > (policy.Max ?? Infinity))) {
          return reply(
            400,
            undefined,
            `group count was greater than scaling policy maximum: ${scaling.Count} > ${policy.Max}`,
          );
        }
        this.scale(job, scaling.Count);
        return reply(200, 'JobRegisterResponse', {
          EvalID: randomUUID(),
          EvalCreateIndex: this.index,
          JobModifyIndex: this.index,
        });
      }
    }
    if (segments[0] === 'deployment' && segments[1] === 'promote' && segments[2] && method === 'POST') {
      requestBody('DeploymentPromoteRequest');
      const id = decodeURIComponent(segments[2]);
      const promote = body as { DeploymentID?: string; All?: boolean; Groups?: string[] };
      if (promote.DeploymentID !== id) this.violations.push(`promote body DeploymentID ≠ URL ${id}`);
      const deployment = this.deployments.get(id);
      if (!deployment) return reply(404, undefined, `deployment ${id} not found`);
      const refusal = this.promote(deployment, promote.All ? undefined : (promote.Groups ?? []));
      if (refusal) return reply(400, undefined, refusal);
      return reply(200, 'DeploymentUpdateResponse', {
        EvalID: randomUUID(),
        EvalCreateIndex: this.index,
        DeploymentModifyIndex: this.index,
      });
    }
    if (segments[0] === 'evaluation' && segments[1] && method === 'GET') {
      const evaluation = this.evals.get(segments[1]);
      return evaluation ? reply(200, 'Evaluation', evaluation) : reply(404, undefined, 'eval not found');
    }
    if (segments[0] === 'service' && segments[1] && method === 'GET') {
      const name = decodeURIComponent(segments[1]);
      return reply(
        200,
        'ServiceRegistration[]',
        [...this.services.values()].filter((service) => service.ServiceName === name),
      );
    }
    if (segments[0] === 'var' && segments.length > 1) {
      const varPath = segments.slice(1).join('/');
      if (method === 'PUT' || method === 'POST') {
        requestBody('Variable');
        const variable = {
          ...(body as Variable),
          CreateIndex: this.bump(),
          ModifyIndex: this.index,
          CreateTime: Date.now() * 1e6,
          ModifyTime: Date.now() * 1e6,
        };
        if (variable.Path !== varPath)
          this.violations.push(`variable body Path ${variable.Path} ≠ URL ${varPath}`);
        this.variables.set(varPath, variable);
        return reply(200, 'Variable', variable);
      }
      if (method === 'DELETE') {
        this.variables.delete(varPath);
        response.writeHead(200, { 'X-Nomad-Index': String(this.bump()) });
        return void response.end();
      }
    }
    this.violations.push(`unsupported request ${method} ${url.pathname}`);
    reply(404, undefined, `no handler for ${method} ${url.pathname}`);
  }

  private stream(url: URL, response: ServerResponse): void {
    const record: StreamRecord = { query: url.searchParams, lastSentIndex: 0 };
    this.streams.push(record);
    if (this.eventStreamDisabled) {
      response.writeHead(404);
      return void response.end('Invalid URL path: event stream disabled');
    }
    const topics = url.searchParams.getAll('topic').map((filter) => {
      const [topic, key = '*'] = filter.split(':');
      return { topic: topic!, key };
    });
    const subscriber: Subscriber = { topics, response, record };
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write('{}\n');
    // `index` is inclusive; an index older than the buffer starts at the oldest buffered frame.
    const from = Number(url.searchParams.get('index') ?? 0);
    for (const frame of this.frames) if (frame.Index >= from) this.send(subscriber, frame);
    this.subscribers.add(subscriber);
    const heartbeat = setInterval(() => response.write('{}\n'), this.options.heartbeatMs ?? 30_000);
    response.on('close', () => {
      clearInterval(heartbeat);
      this.subscribers.delete(subscriber);
    });
  }

  private send(subscriber: Subscriber, frame: Frame): void {
    const events = frame.Events.filter((event) =>
      subscriber.topics.some(
        ({ topic, key }) =>
          (topic === '*' || topic === event.Topic) &&
          (key === '*' || key === event.Key || (event.FilterKeys ?? []).includes(key)),
      ),
    );
    if (events.length === 0) return;
    subscriber.response.write(`${JSON.stringify({ Index: frame.Index, Events: events })}\n`);
    subscriber.record.lastSentIndex = frame.Index;
  }
}

/** What decides whether two job versions run the same thing (bookkeeping fields left out). */
function specKey(job: Job): string {
  const {
    Version: _version,
    Status: _status,
    Stable: _stable,
    Stop: _stop,
    CreateIndex: _create,
    ModifyIndex: _modify,
    JobModifyIndex: _jobModify,
    SubmitTime: _submit,
    ...spec
  } = job;
  // A count change is not an update of the allocations (Nomad scales without replacing them).
  const groups = (spec.TaskGroups ?? []).map(({ Count: _count, ...group }) => group);
  return JSON.stringify({ ...spec, TaskGroups: groups });
}

function taskEvent(type: string, message: string): TaskEvent {
  return { Type: type, Time: Date.now() * 1e6, DisplayMessage: message, Message: '', Details: {} };
}

const STUB_KEYS = [
  'ID',
  'Namespace',
  'EvalID',
  'Name',
  'NodeID',
  'NodeName',
  'JobID',
  'JobVersion',
  'TaskGroup',
  'DesiredStatus',
  'ClientStatus',
  'ClientDescription',
  'DeploymentStatus',
  'TaskStates',
  'CreateIndex',
  'ModifyIndex',
  'CreateTime',
  'ModifyTime',
];

function toStub(alloc: Allocation): Record<string, unknown> {
  const record = alloc as Record<string, unknown>;
  return Object.fromEntries(
    STUB_KEYS.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]),
  );
}

function parseDuration(value: string): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(value);
  if (!match) return 5 * 60_000;
  const amount = Number(match[1]);
  return match[2] === 'ms' ? amount : match[2] === 'm' ? amount * 60_000 : amount * 1000;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
