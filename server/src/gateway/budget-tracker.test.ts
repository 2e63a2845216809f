import { describe, expect, it } from 'vitest';
import { budgetPeriodOf } from '../core/budget-period.js';
import {
  createBudgetTracker,
  createLocalRecentSpend,
  type BudgetSource,
  type BudgetUsage,
} from './budget-tracker.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const request = { keyId: 'k1', deploymentId: 'd1' };

/** One key with a budget; `stored` is what the rollups would hold before the cutoff. */
function keySource(limit: number, stored = 0): BudgetSource & { cutoffs: number[] } {
  const cutoffs: number[] = [];
  return {
    kind: 'apiKey',
    label: 'This API key',
    subjectOf: (r) => r.keyId,
    cutoffs,
    async load(_period, beforeMinute) {
      cutoffs.push(beforeMinute);
      return [{ id: 'k1', limit, used: stored }];
    },
  };
}

describe('budget tracker', () => {
  it('refuses from memory once local spend reaches the budget, naming the limit and the reset', async () => {
    const tracker = createBudgetTracker({
      sources: [keySource(100)],
      recent: createLocalRecentSpend(),
      logger: silent,
    });
    await tracker.reload();
    expect(tracker.refusal(request)).toBeNull();
    tracker.record(request, 60, new Date());
    expect(tracker.refusal(request)).toBeNull();
    tracker.record(request, 40, new Date());
    const refusal = tracker.refusal(request);
    expect(refusal?.status).toBe(429);
    expect(refusal?.code).toBe('insufficient_quota');
    expect(refusal?.shouldRetry).toBe(false);
    expect(refusal?.message).toBe(
      `This API key's monthly token budget of 100 tokens is spent; resets at ${budgetPeriodOf(Date.now()).end.toISOString()}.`,
    );
    // Other keys are not concerned.
    expect(tracker.refusal({ keyId: 'k2', deploymentId: 'd1' })).toBeNull();
    tracker.close();
  });

  it('a reload asked while another is reading reads again after it, so a budget set meanwhile applies at once', async () => {
    let limit: number | null = null;
    let release = () => {};
    const source: BudgetSource = {
      kind: 'apiKey',
      label: 'This API key',
      subjectOf: (r) => r.keyId,
      async load() {
        const read = limit; // what the database held when this load read it
        await new Promise<void>((resolve) => (release = resolve));
        return read === null ? [] : [{ id: 'k1', limit: read, used: 0 }];
      },
    };
    const tracker = createBudgetTracker({
      sources: [source],
      recent: createLocalRecentSpend(),
      logger: silent,
    });
    const first = tracker.reload(); // e.g. the periodic load, reading before the budget exists
    limit = 10; // the budget is set, and its change asks for a reload while the first still reads
    const second = tracker.reload();
    release();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await second;
    tracker.record(request, 10, new Date());
    expect(tracker.refusal(request)?.code).toBe('insufficient_quota');
    tracker.close();
  });

  it('counts what the rollups hold, and keeps counting spend across an exchange without doubling it', async () => {
    const tracker = createBudgetTracker({
      sources: [keySource(100, 70)],
      recent: createLocalRecentSpend(),
      logger: silent,
    });
    await tracker.reload();
    tracker.record(request, 10, new Date());
    expect(tracker.usage({ kind: 'apiKey', id: 'k1' })?.used).toBe(80);
    await tracker.exchange();
    expect(tracker.usage({ kind: 'apiKey', id: 'k1' })?.used).toBe(80);
    await tracker.exchange();
    expect(tracker.usage({ kind: 'apiKey', id: 'k1' })?.used).toBe(80);
    tracker.record(request, 20, new Date());
    expect(tracker.refusal(request)?.code).toBe('insufficient_quota');
    tracker.close();
  });

  it('warns once per subject and month at 80 %', async () => {
    const warnings: BudgetUsage[] = [];
    const tracker = createBudgetTracker({
      sources: [keySource(100)],
      recent: createLocalRecentSpend(),
      logger: silent,
      onWarning: (usage) => warnings.push(usage),
    });
    await tracker.reload();
    tracker.record(request, 79, new Date());
    expect(warnings).toHaveLength(0);
    tracker.record(request, 1, new Date());
    tracker.record(request, 30, new Date());
    await tracker.exchange();
    await tracker.reload();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ subject: { kind: 'apiKey', id: 'k1' }, limit: 100, used: 80 });
    tracker.close();
  });

  it('shares spend between two trackers through one recent store (as Redis does for instances)', async () => {
    const recent = createLocalRecentSpend();
    const a = createBudgetTracker({ sources: [keySource(50)], recent, logger: silent });
    const b = createBudgetTracker({ sources: [keySource(50)], recent, logger: silent });
    await Promise.all([a.reload(), b.reload()]);
    a.record(request, 50, new Date());
    expect(b.refusal(request)).toBeNull();
    await a.exchange();
    await b.exchange();
    expect(b.refusal(request)?.code).toBe('insufficient_quota');
    a.close();
    b.close();
  });

  it('reads the rollups up to two minutes back and the recent counters from there', async () => {
    const source = keySource(100);
    const now = Date.UTC(2026, 11, 15, 12, 30, 20);
    const tracker = createBudgetTracker({
      sources: [source],
      recent: createLocalRecentSpend(),
      logger: silent,
      now: () => now,
    });
    await tracker.reload();
    expect(source.cutoffs).toEqual([Math.floor(now / 60_000) - 2]);
    tracker.close();
    // On the first minutes of a month the cutoff is the month's start: nothing of last month counts.
    const early = Date.UTC(2026, 11, 1, 0, 0, 30);
    const first = keySource(100);
    const atStart = createBudgetTracker({
      sources: [first],
      recent: createLocalRecentSpend(),
      logger: silent,
      now: () => early,
    });
    await atStart.reload();
    expect(first.cutoffs).toEqual([budgetPeriodOf(early).startMinute]);
    atStart.close();
  });

  it('forgets last month at the turn of the month (UTC)', async () => {
    let now = Date.UTC(2026, 10, 30, 23, 59, 50);
    const tracker = createBudgetTracker({
      sources: [keySource(10)],
      recent: createLocalRecentSpend(),
      logger: silent,
      now: () => now,
    });
    await tracker.reload();
    tracker.record(request, 10, new Date(now));
    expect(tracker.refusal(request)?.message).toMatch(/resets at 2026-12-01T00:00:00.000Z/);
    now = Date.UTC(2026, 11, 1, 0, 0, 5);
    expect(tracker.refusal(request)).toBeNull();
    await tracker.reload();
    // The rollups of the new month hold nothing yet; last month's minutes are before its start.
    expect(tracker.usage({ kind: 'apiKey', id: 'k1' })).toMatchObject({ used: 0, limit: 10 });
    tracker.close();
  });

  it('keeps counting spend while the shared store cannot answer, and sends it once it can', async () => {
    const store = createLocalRecentSpend();
    let down = true;
    const flaky = {
      exchange: (...args: Parameters<typeof store.exchange>) =>
        down ? Promise.reject(new Error('Redis is away')) : store.exchange(...args),
    };
    const tracker = createBudgetTracker({ sources: [keySource(100)], recent: flaky, logger: silent });
    await tracker.reload();
    tracker.record(request, 100, new Date());
    await tracker.exchange();
    expect(tracker.refusal(request)?.code).toBe('insufficient_quota');
    down = false;
    await tracker.exchange();
    expect(tracker.usage({ kind: 'apiKey', id: 'k1' })?.used).toBe(100);
    const other = createBudgetTracker({ sources: [keySource(100)], recent: store, logger: silent });
    await other.reload();
    expect(other.refusal(request)?.code).toBe('insufficient_quota');
    tracker.close();
    other.close();
  });

  it('charges a request to every source that claims it: two keys share their project’s budget, either refuses', async () => {
    const projectOf = new Map([
      ['d1', 'p1'],
      ['d2', 'p1'],
    ]);
    const projectSource: BudgetSource = {
      kind: 'project',
      label: 'This project',
      subjectOf: (r) => projectOf.get(r.deploymentId) ?? null,
      load: async () => [{ id: 'p1', limit: 100, used: 0 }],
    };
    const warnings: BudgetUsage[] = [];
    const tracker = createBudgetTracker({
      sources: [keySource(1_000), projectSource],
      recent: createLocalRecentSpend(),
      logger: silent,
      onWarning: (usage) => warnings.push(usage),
    });
    await tracker.reload();
    const other = { keyId: 'k2', deploymentId: 'd2' };
    tracker.record(request, 50, new Date());
    tracker.record(other, 45, new Date());
    expect(tracker.usage({ kind: 'project', id: 'p1' })?.used).toBe(95);
    expect(warnings.map((w) => w.subject)).toEqual([{ kind: 'project', id: 'p1' }]);
    expect(tracker.refusal(other)).toBeNull();
    tracker.record(other, 5, new Date());
    // The key k1 has 950 of its own left; its project's month is spent.
    expect(tracker.refusal(request)?.message).toMatch(/^This project's monthly token budget of 100 tokens/);
    expect(tracker.refusal(other)?.code).toBe('insufficient_quota');
    // A deployment of another project is not concerned.
    expect(tracker.refusal({ keyId: 'k3', deploymentId: 'd3' })).toBeNull();
    await tracker.exchange();
    expect(tracker.usage({ kind: 'project', id: 'p1' })?.used).toBe(100);
    expect(tracker.usage({ kind: 'apiKey', id: 'k1' })?.used).toBe(50);
    tracker.close();
  });
});
