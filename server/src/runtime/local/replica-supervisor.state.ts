import type { RuntimeDeploySpec, ReplicaStatus } from '../runtime.js';
import type { ReplicaHealthProbe } from './replica-health.js';
import type { ReplicaProcess } from './replica-process.js';

/** What the replica supervisor keeps per deployment, version and replica. */

export const MAX_BACKOFF_MS = 30_000;

export interface Slot {
  id: string;
  index: number;
  status: ReplicaStatus;
  startedAt: Date;
  process?: ReplicaProcess;
  /** Starts that ended before the replica became ready, since it was last ready. */
  failures: number;
  restartTimer?: NodeJS.Timeout;
  readyTimer?: NodeJS.Timeout;
  removed: boolean;
  /** The current process was killed for not becoming ready in time. */
  timedOut: boolean;
  /** Probes `/health` while the replica is ready. */
  health?: ReplicaHealthProbe;
  /** The current process was killed after this many unanswered health probes. */
  hungAfter?: number;
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

/** The groups of a deployment, serving first. */
export function groupsOf(state: DeploymentState): VersionGroup[] {
  return [state.current, state.canary, state.next].filter((g): g is VersionGroup => g !== undefined);
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
