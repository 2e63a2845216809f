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

export interface AutoscalerInput {
  now: number;
  /** In-flight + queued requests. */
  load: number;
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

/**
 * Pure scaling decision. Up: once load has exceeded capacity (replicas × batch size) for scaleUpDelaySeconds,
 * go to the replica count the current load needs (at least one more), capped at max. Down: once load has fitted
 * into one replica fewer for scaleDownDelaySeconds, go to what the window's peak load needs, floored at min.
 * After a decision both timers restart, so the next step waits a full delay (new replicas need time to start).
 */
export function decideScale(state: AutoscalerState, input: AutoscalerInput): AutoscalerDecision {
  const { now, load, replicas, batchSize, scaling } = input;
  const capacity = replicas * batchSize;
  const needed = clamp(Math.ceil(load / batchSize), scaling.minReplicas, scaling.maxReplicas);

  if (load > capacity && replicas < scaling.maxReplicas) {
    const overSince = state.overSince ?? now;
    if (now - overSince >= scaling.scaleUpDelaySeconds * 1000) {
      const scaleTo = Math.max(replicas + 1, needed);
      return {
        state: {},
        scaleTo,
        reason: `load ${load} exceeded capacity ${capacity} for ${scaling.scaleUpDelaySeconds} s: scaling up from ${replicas} to ${scaleTo} replicas`,
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
        reason: `load stayed at or below ${underPeak} (capacity ${capacity}) for ${scaling.scaleDownDelaySeconds} s: scaling down from ${replicas} to ${scaleTo} replicas`,
      };
    }
    return { state: { underSince, underPeak } };
  }

  return { state: {} };
}
