import type { UsageRecord } from './gateway.metrics.js';

/** When a canary is rolled back without anyone asking, compared with the stable version over the same window. */
export interface CanaryPolicy {
  /** Percentage points the canary's error rate may exceed the stable version's. */
  maxErrorRateIncreasePercent: number;
  /** Percent the canary's p95 latency may exceed the stable version's. */
  maxP95IncreasePercent: number;
  windowSeconds: number;
  /** Canary requests within the window before it is judged. */
  minRequests: number;
}

interface Sample {
  at: number;
  version: number;
  failed: boolean;
  latencyMs: number;
}

/**
 * Below this many milliseconds a p95 difference is noise (a fast model answers in 1–3 ms, and "+50 %" of 2 ms is
 * one scheduling hiccup), so latency alone never rolls a canary back for less.
 */
export const MIN_P95_GAP_MS = 25;
/** Samples judged per deployment (the oldest go first): bounds memory whatever the traffic. */
const MAX_SAMPLES = 50_000;
/**
 * The excess is cut in batches this large: cutting one sample per request from a full list moved all 50 000 of the
 * others each time (an O(n) splice per gateway request, ~6 % of the gateway's CPU once a deployment had served
 * that many requests). Samples past MAX_SAMPLES are never judged.
 */
const TRIM_BATCH = 5_000;

/** A failure the version is to blame for: a 5xx answer, or a stream that ended in an error event. */
const isFailure = (record: UsageRecord) =>
  record.status >= 500 || (record.status < 400 && record.error !== undefined);

function p95(latencies: number[]): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The per-version figures automatic rollback judges a canary by: each answered gateway request (with the version
 * of the replica that answered) in a sliding window, kept in memory on this gateway instance. With several
 * instances each judges its own share of the traffic.
 */
export function createCanaryGuard() {
  const samples = new Map<string, Sample[]>();

  function windowOf(deploymentId: string, windowSeconds: number, now: number): Sample[] {
    const list = samples.get(deploymentId) ?? [];
    const since = now - windowSeconds * 1000;
    let first = Math.max(0, list.length - MAX_SAMPLES);
    while (first < list.length && list[first]!.at < since) first++;
    if (first > 0) list.splice(0, first);
    return list;
  }

  return {
    record(record: UsageRecord): void {
      if (record.version === undefined) return;
      let list = samples.get(record.deploymentId);
      if (!list) samples.set(record.deploymentId, (list = []));
      list.push({
        at: record.at.getTime() + record.latencyMs,
        version: record.version,
        failed: isFailure(record),
        latencyMs: record.latencyMs,
      });
      if (list.length >= MAX_SAMPLES + TRIM_BATCH) list.splice(0, list.length - MAX_SAMPLES);
    },

    /** Why the canary must be rolled back now, with the figures (null while it does well enough). */
    verdict(
      deploymentId: string,
      canaryVersion: number,
      policy: CanaryPolicy,
      now = Date.now(),
    ): string | null {
      const window = windowOf(deploymentId, policy.windowSeconds, now);
      const canary = window.filter((s) => s.version === canaryVersion);
      if (canary.length < policy.minRequests) return null;
      const stable = window.filter((s) => s.version !== canaryVersion);
      const over = `over ${policy.windowSeconds} s`;
      const canaryFailed = canary.filter((s) => s.failed).length;
      const stableFailed = stable.filter((s) => s.failed).length;
      const canaryRate = percent(canaryFailed, canary.length);
      const stableRate = percent(stableFailed, stable.length);
      if (canaryRate > stableRate + policy.maxErrorRateIncreasePercent) {
        return (
          `canary error rate ${round(canaryRate)} % (${canaryFailed} of ${canary.length}) > stable ` +
          `${round(stableRate)} % (${stableFailed} of ${stable.length}) + ${policy.maxErrorRateIncreasePercent} points ${over} → rolled back`
        );
      }
      const canaryOk = canary.filter((s) => !s.failed).map((s) => s.latencyMs);
      const stableOk = stable.filter((s) => !s.failed).map((s) => s.latencyMs);
      if (canaryOk.length < policy.minRequests || stableOk.length === 0) return null;
      const canaryP95 = p95(canaryOk);
      const stableP95 = p95(stableOk);
      const limit = stableP95 * (1 + policy.maxP95IncreasePercent / 100);
      if (canaryP95 > limit && canaryP95 - stableP95 >= MIN_P95_GAP_MS) {
        return (
          `canary p95 ${Math.round(canaryP95)} ms > stable ${Math.round(stableP95)} ms + ${policy.maxP95IncreasePercent} % ${over} ` +
          `(${canaryOk.length} canary and ${stableOk.length} stable answers) → rolled back`
        );
      }
      return null;
    },

    forget(deploymentId: string): void {
      samples.delete(deploymentId);
    },
  };
}

export type CanaryGuard = ReturnType<typeof createCanaryGuard>;
