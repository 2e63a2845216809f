import type { ScalingConfig } from '../core/deployment-config/deployment-config.js';

/** What the decision remembers between ticks. Start with `{}`. */
export interface AutoscalerState {
  /** When load first exceeded capacity (ms), while it still does. */
  overSince?: number;
  /** When load first fell to what one replica fewer could serve (ms), while it still does. */
  underSince?: number;
  /** Highest load seen since `underSince`: scale-down never goes below what this needs. */
  underPeak?: number;
}

/** What the gateway measured for a deployment, written into every decision's reason. */
export interface ScalingSignals {
  /** Requests waiting for a replica slot (across the fleet with Redis). */
  queued: number;
  /** Requests being answered. */
  inFlight: number;
  /** Completion tokens per second over the last minute. */
  tokensPerSecond: number;
  /** Median time to the first streamed token over the last minute (null without streamed requests). */
  ttftMs: number | null;
}

export interface AutoscalerInput {
  now: number;
  /** In-flight + queued requests. */
  load: number;
  /** The load's parts and the throughput behind it, for the reason; the decision itself is on `load`. */
  signals?: ScalingSignals;
  /** Replicas running or starting (what was last asked for, once the runtime has created them). */
  replicas: number;
  /** Concurrent requests one replica serves (the deployment's inference batch size). */
  batchSize: number;
  scaling: ScalingConfig;
}

export interface AutoscalerDecision {
  state: AutoscalerState;
  /** Replica count to scale to, when a change is due. */
  scaleTo?: number;
  /** Human-readable reason, for deploymentEvents. */
  reason?: string;
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/** "load 6 (queue 2, 4 in flight)", and what the replicas produce: the inputs of a decision, in words. */
function describeLoad(load: number, signals: ScalingSignals | undefined): string {
  return signals ? `load ${load} (queue ${signals.queued}, ${signals.inFlight} in flight)` : `load ${load}`;
}

function describeThroughput(signals: ScalingSignals | undefined): string {
  if (!signals) return '';
  const ttft = signals.ttftMs === null ? 'no streamed request' : `TTFT p50 ${Math.round(signals.ttftMs)} ms`;
  return `; ${signals.tokensPerSecond.toFixed(1)} tokens/s, ${ttft}`;
}

/**
 * Pure scaling decision. Up: once load has exceeded capacity (replicas × batch size) for scaleUpDelaySeconds,
 * go to the replica count the current load needs (at least one more), capped at max. Down: once load has fitted
 * into one replica fewer for scaleDownDelaySeconds, go to what the window's peak load needs, floored at min.
 * After a decision both timers restart, so the next step waits a full delay (new replicas need time to start).
 */
export function decideScale(state: AutoscalerState, input: AutoscalerInput): AutoscalerDecision {
  const { now, load, replicas, batchSize, scaling, signals } = input;
  const capacity = replicas * batchSize;
  const needed = clamp(Math.ceil(load / batchSize), scaling.minReplicas, scaling.maxReplicas);

  if (load > capacity && replicas < scaling.maxReplicas) {
    const overSince = state.overSince ?? now;
    if (now - overSince >= scaling.scaleUpDelaySeconds * 1000) {
      const scaleTo = Math.max(replicas + 1, needed);
      return {
        state: {},
        scaleTo,
        reason: `${describeLoad(load, signals)} > capacity ${capacity} (${replicas} × batch ${batchSize}) for ${scaling.scaleUpDelaySeconds} s → ${scaleTo} replicas (up from ${replicas})${describeThroughput(signals)}`,
      };
    }
    return { state: { overSince } };
  }

  if (replicas > scaling.minReplicas && load <= (replicas - 1) * batchSize) {
    const underSince = state.underSince ?? now;
    const underPeak = Math.max(state.underPeak ?? 0, load);
    if (now - underSince >= scaling.scaleDownDelaySeconds * 1000) {
      const scaleTo = clamp(Math.ceil(underPeak / batchSize), scaling.minReplicas, replicas - 1);
      return {
        state: {},
        scaleTo,
        reason: `load ≤ ${underPeak}, within ${replicas - 1} × batch ${batchSize}, for ${scaling.scaleDownDelaySeconds} s → ${scaleTo} replicas (down from ${replicas}); now ${describeLoad(load, signals)}${describeThroughput(signals)}`,
      };
    }
    return { state: { underSince, underPeak } };
  }

  return { state: {} };
}
