import type { ScalingConfig } from '../core/deployment-config/deployment-config.js';
import { decideScale, type AutoscalerState, type ScalingSignals } from './autoscaler.decision.js';

export interface AutoscalerOptions {
  deploymentId: string;
  scaling: ScalingConfig;
  batchSize: number;
  /** The runtime's `scale`. */
  scale(deploymentId: string, replicas: number): Promise<void>;
  /** In-flight + queued requests, from the gateway (`gateway.load(id)`). */
  getLoad(deploymentId: string): number | Promise<number>;
  /**
   * The load's parts, tokens/s and time to first token (the TTFT and tokens/s targets' signals, and every reason's
   * figures), from requests answered since `since` (the last decision) when given.
   */
  getSignals?(deploymentId: string, since?: number): ScalingSignals | Promise<ScalingSignals>;
  /** SHADOW: every decision is recorded ("would scale …") and nothing is changed. @default ACTIVE */
  mode?: 'ACTIVE' | 'SHADOW';
  /** Replicas running or starting, from the runtime (not FAILED/STOPPING). */
  getReplicaCount(deploymentId: string): number;
  /**
   * One line per decision or failure (the lead wires it to deploymentEvents), with the decision itself (the API's
   * last one; a shadow-mode recommendation says so in its reason).
   */
  onDecision(line: string, decision: ScalingDecisionRecord): void;
  /**
   * The most replicas the project's quota leaves the deployment (null: none), asked only when a scale-up is due.
   */
  getReplicaCap?(deploymentId: string): Promise<number | null>;
  /** Whether this instance leads the fleet; a follower's autoscaler samples nothing and decides nothing. */
  leads?: () => boolean;
  /** How often load is sampled. @default 1000 */
  tickMs?: number;
  now?: () => number;
}

/** A scale the autoscaler asked for: from how many replicas to how many, why, and whether the runtime refused. */
export interface ScalingDecisionRecord {
  at: Date;
  fromReplicas: number;
  toReplicas: number;
  reason: string;
  /** The runtime's refusal, when scaling failed. */
  error?: string;
}

/** Samples a deployment's load on a timer and asks the runtime for more or fewer replicas. */
export function createAutoscaler(options: AutoscalerOptions) {
  const now = options.now ?? Date.now;
  let state: AutoscalerState = {};
  /**
   * When the last decision was taken: the TTFT and tokens/s window starts there, so a minute of answers from
   * before a scale-up (slow first tokens with fewer replicas) does not ask for another replica a delay later.
   */
  let decidedAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let busy = false;

  async function tick(): Promise<void> {
    // A tick in progress (sampling, or a scale call that makes the replica count stale) is not overlapped.
    if (busy) return;
    // Two instances deciding on their own load would fight over the replica count; the leader decides alone.
    if (options.leads && !options.leads()) {
      state = {};
      return;
    }
    busy = true;
    try {
      await decide();
    } finally {
      busy = false;
    }
  }

  async function decide(): Promise<void> {
    const [load, signals] = await Promise.all([
      options.getLoad(options.deploymentId),
      options.getSignals?.(options.deploymentId, decidedAt),
    ]);
    const replicas = options.getReplicaCount(options.deploymentId);
    const at = now();
    const input = {
      now: at,
      load,
      signals,
      replicas,
      batchSize: options.batchSize,
      scaling: options.scaling,
    };
    let decision = decideScale(state, input);
    // The quota costs a database read: asked only when the decision would add replicas, then decided again.
    if (decision.scaleTo !== undefined && decision.scaleTo > replicas && options.getReplicaCap) {
      const cap = await options.getReplicaCap(options.deploymentId);
      if (cap != null) decision = decideScale(state, { ...input, cap });
    }
    state = decision.state;
    if (decision.scaleTo === undefined) return;
    // Shadow mode too: its recommendations are the ones active mode would make.
    decidedAt = at;
    const record: ScalingDecisionRecord = {
      at: new Date(at),
      fromReplicas: replicas,
      toReplicas: decision.scaleTo,
      reason: decision.reason ?? '',
    };
    if (options.mode === 'SHADOW') {
      // The timers restarted with the decision, so the recommendation repeats once per delay while it holds.
      const reason = `(shadow mode, nothing changed): would scale: ${record.reason}`;
      options.onDecision(`Autoscaler ${reason}`, { ...record, reason });
      return;
    }
    options.onDecision(`Autoscaler: ${record.reason}`, record);
    try {
      await options.scale(options.deploymentId, decision.scaleTo);
    } catch (error) {
      const message = (error as Error).message;
      options.onDecision(`Autoscaler: scaling to ${decision.scaleTo} replicas failed: ${message}`, {
        ...record,
        error: message,
      });
    }
  }

  return {
    tick,
    start(): void {
      if (timer) return;
      timer = setInterval(() => void tick(), options.tickMs ?? 1000);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
