import { describe, expect, it } from 'vitest';
import type { ReplicaInfo } from '../runtime/runtime.js';
import { createRouter } from './gateway.router.js';

const replica = (id: string): ReplicaInfo => ({
  id,
  version: 1,
  status: 'READY',
  startedAt: new Date(),
  baseUrl: `http://127.0.0.1/${id}`,
});

const BATCH = 4;

describe('cache-aware routing keys', () => {
  it('moves a key off its busy replica while the other is idle, so two keys that settled on one replica spread', () => {
    const router = createRouter({ replicas: () => [replica('r1'), replica('r2')] });
    const take = (keys?: string[]) => router.tryAcquire('dep', BATCH, undefined, keys)!;

    // Key A lands somewhere; key B is first seen while the other replica is busy, so it joins A's replica.
    const first = take(['A']);
    const home = first.replica.id;
    const other = take();
    expect(other.replica.id).not.toBe(home);
    first.release();
    const b = take(['B']);
    expect(b.replica.id).toBe(home);
    b.release();
    other.release();

    // One at a time, both keys stay on their replica.
    for (const key of ['A', 'B', 'A', 'B']) {
      const lease = take([key]);
      expect(lease.replica.id).toBe(home);
      lease.release();
    }

    // A request of A in flight there and the other replica idle: B goes to the idle one, and stays there.
    const a = take(['A']);
    const moved = take(['B']);
    expect(moved.replica.id).not.toBe(home);
    moved.release();
    a.release();
    const again = take(['B']);
    expect(again.replica.id).toBe(moved.replica.id);
    again.release();
    const aHome = take(['A']);
    expect(aHome.replica.id).toBe(home);
    aHome.release();
    router.close();
  });

  it('keeps a key on its busy replica when no replica is idle (its cache outweighs one more in flight)', () => {
    const router = createRouter({ replicas: () => [replica('r1'), replica('r2')] });
    const take = (keys?: string[]) => router.tryAcquire('dep', BATCH, undefined, keys)!;
    const first = take(['A']);
    const home = first.replica.id;
    const busyOther = take();
    expect(busyOther.replica.id).not.toBe(home);
    // Both replicas have one in flight; A's replica has room: A stays.
    const second = take(['A']);
    expect(second.replica.id).toBe(home);
    for (const lease of [first, busyOther, second]) lease.release();
    router.close();
  });

  it('least-in-flight ignores the keys', () => {
    const router = createRouter({
      replicas: () => [replica('r1'), replica('r2')],
      routing: 'least-in-flight',
    });
    const first = router.tryAcquire('dep', BATCH, undefined, ['A'])!;
    first.release();
    const served = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const lease = router.tryAcquire('dep', BATCH, undefined, ['A'])!;
      served.add(lease.replica.id);
      lease.release();
    }
    expect(served).toEqual(new Set(['r1', 'r2']));
    router.close();
  });
});
