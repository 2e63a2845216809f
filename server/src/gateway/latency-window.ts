/**
 * Latency percentiles over a sliding window (default: the last 10 minutes in 5 slices of 2 minutes), cheap to
 * feed on every request and exact up to sampling: each slice keeps at most `slotsPerSlice` samples, chosen by
 * reservoir sampling once it is full, so memory stays bounded under any request rate.
 *
 * Why not prom-client's Summary: its t-digest costs ~10 µs per observation, which was a measurable share of the
 * gateway's per-request budget; percentiles are read rarely (a GraphQL field), so the sorting is done then.
 */
export interface WindowOptions {
  windowMs?: number;
  slices?: number;
  slotsPerSlice?: number;
  now?: () => number;
}

interface Slice {
  startedAt: number;
  seen: number;
  samples: Float64Array;
}

export class LatencyWindow {
  private readonly sliceMs: number;
  private readonly slices: Slice[] = [];
  private readonly slotsPerSlice: number;
  private readonly maxSlices: number;
  private readonly now: () => number;

  constructor(options: WindowOptions = {}) {
    this.maxSlices = options.slices ?? 5;
    this.sliceMs = (options.windowMs ?? 600_000) / this.maxSlices;
    this.slotsPerSlice = options.slotsPerSlice ?? 2048;
    this.now = options.now ?? Date.now;
  }

  observe(value: number): void {
    const now = this.now();
    let current = this.slices[this.slices.length - 1];
    if (!current || now - current.startedAt >= this.sliceMs) {
      current = { startedAt: now, seen: 0, samples: new Float64Array(this.slotsPerSlice) };
      this.slices.push(current);
      if (this.slices.length > this.maxSlices) this.slices.shift();
    }
    const seen = current.seen++;
    if (seen < this.slotsPerSlice) current.samples[seen] = value;
    else {
      const slot = Math.floor(Math.random() * (seen + 1));
      if (slot < this.slotsPerSlice) current.samples[slot] = value;
    }
  }

  /** The q-quantiles (0 < q ≤ 1) of the requests still inside the window; null for each when there are none. */
  quantiles(qs: readonly number[]): (number | null)[] {
    const oldest = this.now() - this.sliceMs * this.maxSlices;
    const live = this.slices.filter((s) => s.startedAt > oldest && s.seen > 0);
    if (live.length === 0) return qs.map(() => null);
    // A sample stands for seen/kept requests of its slice, so a busy slice weighs more than a quiet one.
    const points: { value: number; weight: number }[] = [];
    let totalWeight = 0;
    for (const s of live) {
      const kept = Math.min(s.seen, this.slotsPerSlice);
      const weight = s.seen / kept;
      for (let i = 0; i < kept; i++) points.push({ value: s.samples[i]!, weight });
      totalWeight += s.seen;
    }
    points.sort((a, b) => a.value - b.value);
    return qs.map((q) => {
      const target = q * totalWeight;
      let cumulative = 0;
      for (const point of points) {
        cumulative += point.weight;
        if (cumulative >= target - 1e-9) return point.value;
      }
      return points[points.length - 1]!.value;
    });
  }
}
