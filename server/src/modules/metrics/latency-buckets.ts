/**
 * Fixed, log-spaced latency buckets. Every instance and every minute uses the same bounds, so buckets add: the
 * percentiles of any range (and of several instances) come from summing counts per bucket, never from averaging
 * percentiles (which is wrong). Four buckets per doubling keep a percentile within ~9% of the true value.
 *
 * Bucket 0 holds [0, 1 ms); bucket i ≥ 1 holds [2^((i-1)/4), 2^(i/4)) ms; the last one also holds everything
 * above (2^(79/4) ms ≈ 14.6 minutes, longer than any endpoint timeout).
 */
export const BUCKETS_PER_DOUBLING = 4;
export const BUCKET_COUNT = 80;

/** The bucket a latency (milliseconds) falls in. */
export function bucketOf(latencyMs: number): number {
  if (!(latencyMs >= 1)) return 0;
  const index = Math.floor(Math.log2(latencyMs) * BUCKETS_PER_DOUBLING) + 1;
  return Math.min(index, BUCKET_COUNT - 1);
}

/** Lower and upper bound (milliseconds) of a bucket. */
export function boundsOf(bucket: number): [number, number] {
  if (bucket <= 0) return [0, 1];
  return [2 ** ((bucket - 1) / BUCKETS_PER_DOUBLING), 2 ** (bucket / BUCKETS_PER_DOUBLING)];
}

/** Counts by bucket index; absent buckets are empty. */
export type BucketCounts = Map<number, number>;

/** Adds `from` into `into` (the same operation the database's upsert does per row). */
export function mergeBuckets(into: BucketCounts, from: Iterable<[number, number]>): BucketCounts {
  for (const [bucket, count] of from) into.set(bucket, (into.get(bucket) ?? 0) + count);
  return into;
}

/**
 * The q-quantile (0 < q ≤ 1) of the requests counted in `buckets`, in milliseconds, or null when there are none.
 * The answer is the geometric middle of the bucket the quantile falls in (the arithmetic one for bucket 0).
 */
export function quantileOf(buckets: BucketCounts, q: number): number | null {
  let total = 0;
  for (const count of buckets.values()) total += count;
  if (total === 0) return null;
  const target = q * total;
  let cumulative = 0;
  const ordered = [...buckets.entries()].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
  for (const [bucket, count] of ordered) {
    cumulative += count;
    if (cumulative >= target - 1e-9) return middleOf(bucket);
  }
  return middleOf(ordered[ordered.length - 1]![0]);
}

function middleOf(bucket: number): number {
  const [low, high] = boundsOf(bucket);
  return bucket === 0 ? high / 2 : Math.sqrt(low * high);
}

export interface LatencyPercentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export function percentilesOf(buckets: BucketCounts): LatencyPercentiles {
  return { p50: quantileOf(buckets, 0.5), p95: quantileOf(buckets, 0.95), p99: quantileOf(buckets, 0.99) };
}
