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
  /** The load's parts, tokens/s and time to first token, written into each decision's reason. */
  getSignals?(deploymentId: string): ScalingSignals | Promise<ScalingSignals>;
  /** SHADOW: every decision is recorded ("would scale …") and nothing is changed. @default ACTIVE */
  mode?: 'ACTIVE' | 'SHADOW';
  /** Replicas running or starting, from the runtime (not FAILED/STOPPING). */
  getReplicaCount(deploymentId: string): number;
  /** One line per decision or failure; the lead wires it to deploymentEvents. */
  onDecision(line: string): void;
  /** Whether this instance leads the fleet; a follower's autoscaler samples nothing and decides nothing. */
  leads?: () => boolean;
  /** How often load is sampled. @default 1000 */
  tickMs?: number;
  now?: () => number;
}

/** Samples a deployment's load on a timer and asks the runtime for more or fewer replicas. */
export function createAutoscaler(options: AutoscalerOptions) {
  const now = options.now ?? Date.now;
  let state: AutoscalerState = {};
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
      options.getSignals?.(options.deploymentId),
    ]);
    const decision = decideScale(state, {
      now: now(),
      load,
      signals,
      replicas: options.getReplicaCount(options.deploymentId),
      batchSize: options.batchSize,
      scaling: options.scaling,
    });
    state = decision.state;
    if (decision.scaleTo === undefined) return;
    if (options.mode === 'SHADOW') {
      // The timers restarted with the decision, so the recommendation repeats once per delay while it holds.
      options.onDecision(`Autoscaler (shadow mode, nothing changed): would scale: ${decision.reason}`);
      return;
    }
    options.onDecision(`Autoscaler: ${decision.reason}`);
    try {
      await options.scale(options.deploymentId, decision.scaleTo);
    } catch (error) {
      options.onDecision(
        `Autoscaler: scaling to ${decision.scaleTo} replicas failed: ${(error as Error).message}`,
      );
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
