import type { Logger } from 'pino';
import type { ReplicaStatus, RuntimeDeploySpec, RuntimeEvent } from '../runtime.js';
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
}

export interface DeploymentState {
  id: string;
  /** The version serving traffic (announced ready). */
  current?: VersionGroup;
  /** A version starting up that replaces `current` once ready. */
  next?: VersionGroup;
}
