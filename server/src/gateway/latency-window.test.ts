import { describe, expect, it } from 'vitest';
import { LatencyWindow } from './latency-window.js';

describe('LatencyWindow', () => {
  it('gives the percentiles of what it saw', () => {
    const window = new LatencyWindow({ now: () => 0 });
    for (let ms = 1; ms <= 100; ms++) window.observe(ms);
    expect(window.quantiles([0.5, 0.95, 0.99])).toEqual([50, 95, 99]);
  });

  it('answers null when nothing was seen', () => {
    expect(new LatencyWindow().quantiles([0.5])).toEqual([null]);
  });

  it('forgets requests older than the window', () => {
    let now = 0;
    const window = new LatencyWindow({ windowMs: 10_000, slices: 5, now: () => now });
    window.observe(1000);
    now = 5_000;
    window.observe(10);
    expect(window.quantiles([0.99])).toEqual([1000]);
    now = 10_500; // the slice holding 1000 ms started 10.5 s ago
    expect(window.quantiles([0.5, 0.99])).toEqual([10, 10]);
    now = 20_000;
    expect(window.quantiles([0.5])).toEqual([null]);
  });

  it('keeps bounded memory and weighs a busy slice by its request count', () => {
    let now = 0;
    const window = new LatencyWindow({ windowMs: 10_000, slices: 2, slotsPerSlice: 100, now: () => now });
    // 10 000 fast requests in the first slice (only 100 kept), then 100 slow ones in the second.
    for (let i = 0; i < 10_000; i++) window.observe(1);
    now = 6_000;
    for (let i = 0; i < 100; i++) window.observe(500);
    // Slow requests are ~1 % of traffic: the median is fast, the top percentile is slow.
    const [p50, p99, max] = window.quantiles([0.5, 0.99, 1]);
    expect(p50).toBe(1);
    expect(p99).toBe(1);
    expect(max).toBe(500);
  });
});
