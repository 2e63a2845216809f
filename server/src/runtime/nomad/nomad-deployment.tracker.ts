import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { ReplicaInfo, RuntimeDeploySpec, RuntimeEvent, RuntimeListener } from '../runtime.js';
import type { NomadJobPlan } from './engine-selection.js';
import type { NomadAllocationStub, NomadDeployment } from './nomad.client.js';
import { replicasFromAllocations } from './nomad-replicas.js';

/** pino-compatible subset. */
export interface NomadRuntimeLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: NomadRuntimeLogger = { info() {}, warn() {}, error() {} };

export type TrackedPhase = 'optimizing' | 'deploying' | 'ready' | 'failed';

/** A traffic split's version: registered as the job's next Nomad version, its canaries beside the serving ones. */
export interface TrackedCanary {
  spec: RuntimeDeploySpec;
  profile: HardwareProfile;
  plan: NomadJobPlan;
  /** Nomad's Version of the serving job that realises the canary. */
  nomadVersion?: number;
  phase: 'deploying' | 'ready' | 'failed';
}

/** What the runtime knows about one deployment's Nomad jobs, as the event stream and reads report it. */
export interface TrackedDeployment {
  spec: RuntimeDeploySpec;
  profile: HardwareProfile;
  plan: NomadJobPlan;
  jobId: string;
  optimizationJobId?: string;
  phase: TrackedPhase;
  /** Nomad's Version of the serving job that realises spec.version. */
  nomadVersion?: number;
  allocs: Map<string, NomadAllocationStub>;
  optimizationAllocs: Map<string, NomadAllocationStub>;
  deployment?: NomadDeployment;
  baseUrls: Map<string, string>;
  restarts: Map<string, number>;
  lastReplicas: string;
  /** Hangar version of the replicas that were serving before this version (a redeploy). */
  previousVersion?: number;
  submittingServing: boolean;
  stopWatch?: AbortController;
  /** The traffic split's canary, while one runs beside spec.version. */
  canary?: TrackedCanary;
  /** Earlier Nomad job version → the Hangar version it serves (the stable one's, re-registered by a revert). */
  aliases: Map<number, number>;
  /** Nomad job version → Hangar version of a canary taken back: its allocations take no requests while they stop. */
  retired: Map<number, number>;
  /** Allocations that passed their checks at least once. */
  wasHealthy: Set<string>;
}

/**
 * The deployments this process follows, one entry each (a redeploy replaces the entry), and the listeners their
 * runtime events go to. Work that finishes after its entry was replaced checks isCurrent() and drops its result.
 */
export class NomadDeploymentTracker {
  private readonly tracked = new Map<string, TrackedDeployment>();
  private readonly listeners = new Set<RuntimeListener>();

  constructor(private readonly logger: NomadRuntimeLogger) {}

  get(deploymentId: string): TrackedDeployment | undefined {
    return this.tracked.get(deploymentId);
  }

  set(tracked: TrackedDeployment): void {
    this.tracked.set(tracked.spec.deploymentId, tracked);
  }

  delete(deploymentId: string): void {
    this.tracked.delete(deploymentId);
  }

  all(): IterableIterator<TrackedDeployment> {
    return this.tracked.values();
  }

  isCurrent(tracked: TrackedDeployment): boolean {
    return this.tracked.get(tracked.spec.deploymentId) === tracked;
  }

  findByJob(jobId: string | undefined): TrackedDeployment | undefined {
    for (const tracked of this.tracked.values()) {
      if (tracked.jobId === jobId || tracked.optimizationJobId === jobId) return tracked;
    }
    return undefined;
  }

  /** Event-stream topics that cover every followed job. */
  topics(): string[] {
    const topics: string[] = [];
    for (const tracked of this.tracked.values()) {
      for (const jobId of [tracked.jobId, tracked.optimizationJobId]) {
        if (jobId) topics.push(`Job:${jobId}`, `Allocation:${jobId}`, `Deployment:${jobId}`);
      }
    }
    return topics;
  }

  replicaInfos(tracked: TrackedDeployment): ReplicaInfo[] {
    return replicasFromAllocations({
      allocations: tracked.allocs.values(),
      baseUrls: tracked.baseUrls,
      nomadVersion: tracked.nomadVersion,
      version: tracked.spec.version,
      previousVersion: tracked.previousVersion,
      canary: tracked.canary && {
        nomadVersion: tracked.canary.nomadVersion,
        version: tracked.canary.spec.version,
      },
      aliases: tracked.aliases,
      retired: tracked.retired,
      wasHealthy: tracked.wasHealthy,
    });
  }

  onEvent(listener: RuntimeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: RuntimeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: String(error) }, 'runtime listener threw');
      }
    }
  }

  /** Reports the version as failed once; later causes of the same failure are not news to users. */
  fail(tracked: TrackedDeployment, reason: string): void {
    if (tracked.phase === 'failed') return;
    tracked.phase = 'failed';
    this.logger.warn({ deploymentId: tracked.spec.deploymentId, reason }, 'Nomad deployment failed');
    this.emit({ type: 'failed', ...ids(tracked), reason });
  }
}

export function ids(tracked: TrackedDeployment): { deploymentId: string; version: number } {
  return { deploymentId: tracked.spec.deploymentId, version: tracked.spec.version };
}
