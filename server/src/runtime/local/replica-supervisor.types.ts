import type { Logger } from 'pino';
import type { ReplicaInfo, ReplicaStatus, RuntimeDeploySpec, RuntimeEvent } from '../runtime.js';
import type { ReplicaHealthOptions, ReplicaHealthProbe } from './replica-health.js';
import type { ReplicaProcess } from './replica-process.js';

/** The supervisor's bookkeeping: one slot per replica, grouped by the version it serves. */

export interface ReplicaSupervisorOptions {
  logger?: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  emit(event: RuntimeEvent): void;
  maxRestarts: number;
  restartBackoffMs: number;
  readyTimeoutMs: number;
  stopGraceMs: number;
  contextSize: number;
  health: ReplicaHealthOptions;
  /** Keep one replica process started ahead of need (replica-launcher.ts). */
  spareReplica: boolean;
}

export interface Slot {
  id: string;
  index: number;
  status: ReplicaStatus;
  startedAt: Date;
  process?: ReplicaProcess;
  /** Starts that ended before the replica became ready, since it was last ready. */
  failures: number;
  /** Every restart of this replica (never reset: what ReplicaList shows). */
  restarts: number;
  restartTimer?: NodeJS.Timeout;
  readyTimer?: NodeJS.Timeout;
  removed: boolean;
  /** The current process was killed for not becoming ready in time. */
  timedOut: boolean;
  /** Probes `/health` while the replica is ready. */
  health?: ReplicaHealthProbe;
  /** The current process was killed after this many unanswered health probes. */
  hungAfter?: number;
  /** adaptersKey() of what the current process serves. */
  adapters?: string;
}

export interface VersionGroup {
  spec: RuntimeDeploySpec;
  slots: Slot[];
  nextIndex: number;
  /** `ready` has been emitted for this version. */
  announced: boolean;
  /** `failed` has been emitted; no more restarts. */
  failed: boolean;
  stopping: boolean;
  /** Started by deployCanary(): once ready it serves beside `current` instead of replacing it. */
  canary: boolean;
}

export interface DeploymentState {
  id: string;
  /** The version serving traffic (announced ready). */
  current?: VersionGroup;
  /** A version starting up that replaces `current` once ready. */
  next?: VersionGroup;
  /** A version serving beside `current` (a traffic split) until it is promoted or stopped. */
  canary?: VersionGroup;
}

export const MAX_BACKOFF_MS = 30_000;

/** The groups of a deployment, serving first. */
export function groupsOf(state: DeploymentState): VersionGroup[] {
  return [state.current, state.canary, state.next].filter((g): g is VersionGroup => g !== undefined);
}

/** What the runtime reports of a deployment's replicas (removed ones are gone already). */
export function replicaInfos(state: DeploymentState): ReplicaInfo[] {
  return groupsOf(state).flatMap((group) =>
    group.slots
      .filter((slot) => !slot.removed)
      .map((slot): ReplicaInfo => ({
        id: slot.id,
        version: group.spec.version,
        status: slot.status,
        startedAt: slot.startedAt,
        restarts: slot.restarts,
        baseUrl:
          slot.status === 'READY' && slot.process?.port
            ? `http://127.0.0.1:${slot.process.port}/v1`
            : undefined,
      })),
  );
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
