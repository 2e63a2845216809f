import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  bucketOf,
  BUCKET_COUNT,
  mergeBuckets,
  percentilesOf,
  quantileOf,
} from './latency-buckets.js';

function bucketsOf(latencies: number[]) {
  const buckets = new Map<number, number>();
  for (const latency of latencies) buckets.set(bucketOf(latency), (buckets.get(bucketOf(latency)) ?? 0) + 1);
  return buckets;
}

/** The exact q-quantile by the nearest-rank rule, to compare with. */
function exactQuantile(latencies: number[], q: number): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

describe('latency buckets', () => {
  it('puts every latency inside its bucket bounds, the huge ones in the last bucket', () => {
    for (const latency of [0, 0.5, 1, 1.19, 7, 100, 1234.5, 60_000, 600_000]) {
      const [low, high] = boundsOf(bucketOf(latency));
      expect(latency).toBeGreaterThanOrEqual(low);
      expect(latency).toBeLessThan(high);
    }
    expect(bucketOf(10 * 3_600_000)).toBe(BUCKET_COUNT - 1);
  });

  it('gives p50/p95/p99 within 10% of the exact percentiles of a skewed sample', () => {
    // 1 000 requests: most around 40–80 ms, a tail up to 2.5 s (deterministic, no randomness).
    const latencies = Array.from({ length: 1000 }, (_, i) =>
      i < 900 ? 40 + (i % 40) : 500 + (i - 900) * 20,
    );
    const buckets = bucketsOf(latencies);
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = exactQuantile(latencies, q);
      expect(Math.abs(quantileOf(buckets, q)! - exact) / exact).toBeLessThan(0.1);
    }
  });

  it('merges minutes (and instances) by adding counts: the merged p99 sees the slow minute', () => {
    const fast = bucketsOf(Array.from({ length: 99 }, () => 10));
    const slow = bucketsOf([5000]);
    expect(percentilesOf(fast).p99).toBeLessThan(11);
    const merged = mergeBuckets(mergeBuckets(new Map(), fast), slow);
    expect(quantileOf(merged, 0.5)).toBeCloseTo(quantileOf(fast, 0.5)!);
    // 100 requests, the slowest is the 100th: p99 is still fast, the maximum is slow.
    expect(quantileOf(merged, 0.99)).toBeLessThan(11);
    expect(quantileOf(merged, 1)).toBeGreaterThan(4500);
  });

  it('has no percentiles without requests', () => {
    expect(percentilesOf(new Map())).toEqual({ p50: null, p95: null, p99: null });
  });
});
