/**
 * Per-key requests-per-minute limit as a token bucket: a key may burst up to its per-minute budget, then gets one
 * request every 60/limit seconds. In-memory, per gateway process; with Redis the fleet shares the same bucket
 * (gateway.shared-limits.ts).
 */
export function createRateLimiter(now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; updatedAt: number }>();
  return {
    /** Takes one request from the key's budget; returns 0 if allowed, else the seconds to wait (Retry-After). */
    take(keyId: string, perMinute: number): number {
      const t = now();
      const ratePerMs = perMinute / 60_000;
      let bucket = buckets.get(keyId);
      if (!bucket) {
        bucket = { tokens: perMinute, updatedAt: t };
        buckets.set(keyId, bucket);
      }
      bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.updatedAt) * ratePerMs);
      bucket.updatedAt = t;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
    },
  };
}
