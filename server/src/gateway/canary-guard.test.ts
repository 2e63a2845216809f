import { describe, expect, it } from 'vitest';
import { createCanaryGuard, type CanaryPolicy } from './canary-guard.js';
import type { UsageRecord } from './gateway.metrics.js';

const POLICY: CanaryPolicy = {
  maxErrorRateIncreasePercent: 5,
  maxP95IncreasePercent: 50,
  windowSeconds: 60,
  minRequests: 10,
};
const T0 = Date.parse('2026-12-01T10:00:00Z');

function answer(version: number, latencyMs: number, status = 200, atMs = T0): UsageRecord {
  return {
    deploymentId: 'dpl-1',
    keyId: 'k',
    endpoint: 'chat.completions',
    stream: false,
    status,
    ...(status >= 400 ? { error: 'server_error' } : {}),
    promptTokens: 1,
    completionTokens: 1,
    latencyMs,
    at: new Date(atMs),
    version,
  };
}

describe('the canary guard', () => {
  it('judges nothing before the canary has answered minRequests times', () => {
    const guard = createCanaryGuard();
    for (let i = 0; i < 9; i++) guard.record(answer(2, 5, 500));
    guard.record(answer(1, 5));
    expect(guard.verdict('dpl-1', 2, POLICY, T0 + 1000)).toBeNull();
    guard.record(answer(2, 5, 500));
    expect(guard.verdict('dpl-1', 2, POLICY, T0 + 1000)).toBe(
      'canary error rate 100 % (10 of 10) > stable 0 % (0 of 1) + 5 points over 60 s → rolled back',
    );
  });

  it('lets an error rate within the margin pass', () => {
    const guard = createCanaryGuard();
    for (let i = 0; i < 100; i++) guard.record(answer(1, 5, i < 10 ? 500 : 200));
    for (let i = 0; i < 20; i++) guard.record(answer(2, 5, i < 3 ? 500 : 200));
    // 15 % against 10 % + 5 points: not above the margin.
    expect(guard.verdict('dpl-1', 2, POLICY, T0 + 1000)).toBeNull();
  });

  it('rolls back on p95 latency above stable + margin, but never for a few milliseconds of noise', () => {
    const noisy = createCanaryGuard();
    for (let i = 0; i < 20; i++) noisy.record(answer(1, 2));
    for (let i = 0; i < 20; i++) noisy.record(answer(2, 6));
    expect(noisy.verdict('dpl-1', 2, POLICY, T0 + 1000)).toBeNull();

    const slow = createCanaryGuard();
    for (let i = 0; i < 40; i++) slow.record(answer(1, 240));
    for (let i = 0; i < 20; i++) slow.record(answer(2, 812));
    expect(slow.verdict('dpl-1', 2, POLICY, T0 + 1000)).toBe(
      'canary p95 812 ms > stable 240 ms + 50 % over 60 s (20 canary and 40 stable answers) → rolled back',
    );
  });

  it('forgets answers older than the window', () => {
    const guard = createCanaryGuard();
    for (let i = 0; i < 20; i++) guard.record(answer(2, 5, 500));
    expect(guard.verdict('dpl-1', 2, POLICY, T0 + 61_000)).toBeNull();
  });
});
