import type { ScalingSignals } from './autoscaler.decision.js';
import type { UsageRecord } from './gateway.metrics.js';

/** How far back tokens/s and time to first token look. */
const WINDOW_MS = 60_000;
/** Samples kept per deployment: beyond this the oldest go (the window then spans less than a minute). */
const MAX_SAMPLES = 4096;

interface Sample {
  at: number;
  completionTokens: number;
  firstTokenMs?: number;
}

/**
 * Per deployment, what its answered requests produced over the last minute: completion tokens per second and the
 * median time to the first streamed token. Fed by the gateway's usage records; read by the autoscaler.
 */
export function createScalingSignals(now: () => number = Date.now) {
  const samples = new Map<string, Sample[]>();
  const prune = (list: Sample[], t: number) => {
    let drop = 0;
    while (drop < list.length && t - list[drop]!.at > WINDOW_MS) drop++;
    if (drop > 0) list.splice(0, drop);
  };
  return {
    observe(record: UsageRecord): void {
      if (record.endpoint === 'models' || record.status !== 200) return;
      let list = samples.get(record.deploymentId);
      if (!list) samples.set(record.deploymentId, (list = []));
      list.push({ at: now(), completionTokens: record.completionTokens, firstTokenMs: record.firstTokenMs });
      if (list.length > MAX_SAMPLES) list.shift();
    },
    /** `since` (ms): only requests answered from then on count, e.g. since the last scale (older ones saw fewer replicas). */
    read(deploymentId: string, load: { queued: number; inFlight: number }, since?: number): ScalingSignals {
      const t = now();
      const kept = samples.get(deploymentId) ?? [];
      prune(kept, t);
      const list = since === undefined ? kept : kept.filter((s) => s.at >= since);
      const tokens = list.reduce((sum, s) => sum + s.completionTokens, 0);
      const ttfts = list.flatMap((s) => (s.firstTokenMs === undefined ? [] : [s.firstTokenMs]));
      ttfts.sort((a, b) => a - b);
      return {
        queued: load.queued,
        inFlight: load.inFlight,
        // Over the time the samples span (a minute once traffic has run that long, at least a second).
        tokensPerSecond: tokens / (Math.max(1000, t - (list[0]?.at ?? t)) / 1000),
        ttftMs: ttfts.length ? ttfts[Math.floor(ttfts.length / 2)]! : null,
      };
    },
    forget(deploymentId: string): void {
      samples.delete(deploymentId);
    },
  };
}

export type ScalingSignalsWindow = ReturnType<typeof createScalingSignals>;
