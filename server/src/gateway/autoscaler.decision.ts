import type { ScalingConfig } from '../core/deployment-config/deployment-config.js';

/** What the decision remembers between ticks. Start with `{}`. */
export interface AutoscalerState {
  /** When load first exceeded capacity (ms), while it still does. */
  overSince?: number;
  /** When the TTFT p50 first exceeded `targetTtftMs`, while it still does. */
  ttftOverSince?: number;
  /** When a replica's share of tokens/s first exceeded `targetTokensPerSecondPerReplica`, while it still does. */
  tokensOverSince?: number;
  /** When every signal first fell to what one replica fewer could serve (ms), while they still do. */
  underSince?: number;
  /** Highest load seen since `underSince`: scale-down never goes below what this needs. */
  underPeak?: number;
  /** Highest tokens/s seen since `underSince` (with a tokens/s target): the same floor for throughput. */
  underPeakTokensPerSecond?: number;
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
  /** The load's parts (for the reason) and the throughput behind it (the TTFT and tokens/s targets' signals). */
  signals?: ScalingSignals;
  /** Replicas running or starting (what was last asked for, once the runtime has created them). */
  replicas: number;
  /** Concurrent requests one replica serves (the deployment's inference batch size). */
  batchSize: number;
  scaling: ScalingConfig;
  /**
   * The most replicas the deployment's project quota leaves it (below `scaling.maxReplicas`); null or omitted:
   * no quota. It stops scale-ups there and never forces a scale-down.
   */
  cap?: number | null;
}

export interface AutoscalerDecision {
  state: AutoscalerState;
  /** Replica count to scale to, when a change is due. */
  scaleTo?: number;
  /** Human-readable reason, for deploymentEvents. */
  reason?: string;
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/** 2400 → "2 400": figures in reasons read like the README's. */
const figure = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** "load 6 (queue 2, 4 in flight)", and what the replicas produce: the inputs of a decision, in words. */
function describeLoad(load: number, signals: ScalingSignals | undefined): string {
  return signals ? `load ${load} (queue ${signals.queued}, ${signals.inFlight} in flight)` : `load ${load}`;
}

function describeThroughput(signals: ScalingSignals | undefined): string {
  if (!signals) return '';
  const ttft = signals.ttftMs === null ? 'no streamed request' : `TTFT p50 ${figure(signals.ttftMs)} ms`;
  return `; ${signals.tokensPerSecond.toFixed(1)} tokens/s, ${ttft}`;
}

/** A signal that wants more replicas: since when, in words, and how many replicas it asks for. */
interface Pressure {
  since: number;
  words: string;
  replicas: number;
}

/**
 * Every signal that is above its target now (a target of 0 is none): load over capacity, the TTFT p50 over
 * `targetTtftMs`, a replica's share of tokens/s over `targetTokensPerSecondPerReplica`. Without signals (no
 * window) only load counts.
 */
function pressures(
  state: AutoscalerState,
  input: AutoscalerInput,
): Record<'load' | 'ttft' | 'tokens', Pressure | undefined> {
  const { now, load, replicas, batchSize, scaling, signals } = input;
  const capacity = replicas * batchSize;
  const ttft = signals?.ttftMs ?? null;
  const tokens = signals?.tokensPerSecond ?? 0;
  const ttftTarget = scaling.targetTtftMs;
  const tokensTarget = scaling.targetTokensPerSecondPerReplica;
  return {
    load:
      load > capacity
        ? {
            since: state.overSince ?? now,
            words: `${describeLoad(load, signals)} > capacity ${capacity} (${replicas} × batch ${batchSize})`,
            replicas: Math.ceil(load / batchSize),
          }
        : undefined,
    // TTFT says nothing about how many replicas would bring it down: one more at a time.
    ttft:
      ttftTarget > 0 && ttft !== null && ttft > ttftTarget
        ? {
            since: state.ttftOverSince ?? now,
            words: `TTFT p50 ${figure(ttft)} ms > ${figure(ttftTarget)} ms`,
            replicas: replicas + 1,
          }
        : undefined,
    tokens:
      tokensTarget > 0 && tokens > tokensTarget * Math.max(1, replicas)
        ? {
            since: state.tokensOverSince ?? now,
            words: `${(tokens / Math.max(1, replicas)).toFixed(1)} tokens/s per replica (${tokens.toFixed(1)} over ${replicas}) > ${figure(tokensTarget)} tokens/s per replica`,
            replicas: Math.ceil(tokens / tokensTarget),
          }
        : undefined,
  };
}

/**
 * Pure scaling decision on every signal the deployment has a target for. Up: once any signal has stayed above its
 * target for scaleUpDelaySeconds — load over capacity (replicas × batch size), the TTFT p50 over `targetTtftMs`,
 * a replica's share of tokens/s over `targetTokensPerSecondPerReplica` — go to the most replicas the signals that
 * fired need (at least one more), capped at max; the reason names each signal that fired. Down: once every signal
 * has fitted into one replica fewer for scaleDownDelaySeconds (load within (replicas − 1) × batch, the TTFT p50 at
 * most its target or unmeasured, tokens/s within (replicas − 1) × its target), go to what the window's peaks need,
 * floored at min. A project quota's `cap` stops a scale-up below max (the reason says "capped by project quota").
 * After a decision every timer restarts, so the next step waits a full delay (new replicas need
 * time to start).
 */
export function decideScale(state: AutoscalerState, input: AutoscalerInput): AutoscalerDecision {
  const { now, load, replicas, batchSize, scaling, signals } = input;
  const over = pressures(state, input);
  const tokensTarget = scaling.targetTokensPerSecondPerReplica;
  const ttftTarget = scaling.targetTtftMs;
  const capped = input.cap != null && input.cap < scaling.maxReplicas;
  const ceiling = capped ? input.cap! : scaling.maxReplicas;

  if ((over.load || over.ttft || over.tokens) && replicas < ceiling) {
    const overState: AutoscalerState = {
      overSince: over.load?.since,
      ttftOverSince: over.ttft?.since,
      tokensOverSince: over.tokens?.since,
    };
    const fired = [over.load, over.ttft, over.tokens].filter(
      (p): p is Pressure => p !== undefined && now - p.since >= scaling.scaleUpDelaySeconds * 1000,
    );
    if (fired.length === 0) return { state: overState };
    const needed = Math.max(...fired.map((p) => p.replicas));
    const wanted = clamp(Math.max(replicas + 1, needed), scaling.minReplicas, scaling.maxReplicas);
    const scaleTo = Math.min(wanted, ceiling);
    // The load's figures are in the reason already when load fired; otherwise they follow as context.
    const context = over.load && fired.includes(over.load) ? '' : `; ${describeLoad(load, signals)}`;
    const cap = scaleTo < wanted ? ` (capped by project quota: ${wanted} wanted)` : '';
    return {
      state: {},
      scaleTo,
      reason: `${fired.map((p) => p.words).join(' and ')} for ${scaling.scaleUpDelaySeconds} s → ${scaleTo} replicas${cap} (up from ${replicas})${context}${describeThroughput(signals)}`,
    };
  }

  const tokens = signals?.tokensPerSecond ?? 0;
  const fewer = replicas - 1;
  const under =
    replicas > scaling.minReplicas &&
    load <= fewer * batchSize &&
    (tokensTarget === 0 || tokens <= fewer * tokensTarget) &&
    (ttftTarget === 0 || signals?.ttftMs == null || signals.ttftMs <= ttftTarget);
  if (under) {
    const underSince = state.underSince ?? now;
    const underPeak = Math.max(state.underPeak ?? 0, load);
    const peakTokens = Math.max(state.underPeakTokensPerSecond ?? 0, tokens);
    if (now - underSince >= scaling.scaleDownDelaySeconds * 1000) {
      const needed = Math.max(
        Math.ceil(underPeak / batchSize),
        tokensTarget > 0 ? Math.ceil(peakTokens / tokensTarget) : 0,
      );
      const scaleTo = clamp(needed, scaling.minReplicas, fewer);
      const within = [`load ≤ ${underPeak}, within ${fewer} × batch ${batchSize}`];
      if (ttftTarget > 0) within.push(`TTFT p50 within ${figure(ttftTarget)} ms`);
      if (tokensTarget > 0)
        within.push(
          `tokens/s ≤ ${peakTokens.toFixed(1)}, within ${fewer} × ${figure(tokensTarget)} per replica`,
        );
      return {
        state: {},
        scaleTo,
        reason: `${within.join(', ')}, for ${scaling.scaleDownDelaySeconds} s → ${scaleTo} replicas (down from ${replicas}); now ${describeLoad(load, signals)}${describeThroughput(signals)}`,
      };
    }
    return {
      state: {
        underSince,
        underPeak,
        ...(tokensTarget > 0 ? { underPeakTokensPerSecond: peakTokens } : {}),
      },
    };
  }

  return { state: {} };
}
