import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedLimits, type SharedLimits } from '../src/gateway/gateway.shared-limits.js';
import { createHangarPubSub, type PubSubHandle } from '../src/graphql/pubsub.js';
import { TEST_REDIS_URL, startTestServer, type TestServer } from './harness.js';

/**
 * Two installations on one Redis, told apart by HANGAR_REDIS_PREFIX: two real servers (each its own SQLite) whose
 * events never reach each other, and the gateway's shared limits of each prefix with the very same key, deployment
 * and replica ids (an installation restored from another's backup has them) kept apart. A third party with the
 * same prefix as the first shows that what is kept apart would otherwise be shared.
 */

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const run = Math.random().toString(36).slice(2, 8);
const PREFIX_A = `hangar-test-a-${run}:`;
const PREFIX_B = `hangar-test-b-${run}:`;
const KEY = `key-${run}`;
const DEPLOYMENT = `dep-${run}`;

/** What a pub/sub iterator yields within `ms`. */
async function heard<T>(iterator: AsyncIterator<T>, ms: number): Promise<T[]> {
  const got: T[] = [];
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const next = await Promise.race([
      iterator.next(),
      new Promise<null>((r) => setTimeout(() => r(null), left)),
    ]);
    if (next === null || next.done) break;
    got.push(next.value);
  }
  return got;
}

describe('installations sharing one Redis with different HANGAR_REDIS_PREFIX', () => {
  let a: TestServer;
  let b: TestServer;
  let sameAsA: PubSubHandle;
  let observer: Redis;
  const channels: string[] = [];

  beforeAll(async () => {
    const env = (prefix: string) => ({ HANGAR_REDIS_URL: TEST_REDIS_URL, HANGAR_REDIS_PREFIX: prefix });
    [a, b] = await Promise.all([
      startTestServer({ db: 'sqlite', env: env(PREFIX_A) }),
      startTestServer({ db: 'sqlite', env: env(PREFIX_B) }),
    ]);
    sameAsA = await createHangarPubSub(TEST_REDIS_URL, PREFIX_A);
    observer = new Redis(TEST_REDIS_URL);
    // Every channel a message of this test went out on (other tests may publish on this Redis meanwhile).
    observer.on('pmessage', (_pattern: string, channel: string, message: string) => {
      if (message.includes(run)) channels.push(channel);
    });
    await observer.psubscribe('*');
  }, 120_000);

  afterAll(async () => {
    observer?.disconnect();
    await sameAsA?.close();
    await Promise.all([a?.cleanup(), b?.cleanup()]);
  });

  it('two servers do not hear each other’s events; one with the same prefix does', async () => {
    const onB = b.app.services.pubsub.subscribe('API_KEY_REVOKED')[Symbol.asyncIterator]();
    const onA = a.app.services.pubsub.subscribe('API_KEY_REVOKED')[Symbol.asyncIterator]();
    const onSameAsA = sameAsA.pubsub.subscribe('API_KEY_REVOKED')[Symbol.asyncIterator]();
    // The subscriptions reach Redis asynchronously.
    await new Promise((r) => setTimeout(r, 300));
    const listening = [heard(onB, 1500), heard(onA, 1500), heard(onSameAsA, 1500)];
    await a.app.services.pubsub.publish('API_KEY_REVOKED', { id: `from-a-${run}` });
    await b.app.services.pubsub.publish('API_KEY_REVOKED', { id: `from-b-${run}` });
    const [onBHeard, onAHeard, sameAsAHeard] = await Promise.all(listening);
    await Promise.all([onA, onB, onSameAsA].map((i) => i.return?.()));
    expect(onAHeard).toEqual([{ id: `from-a-${run}` }]);
    expect(onBHeard).toEqual([{ id: `from-b-${run}` }]);
    expect(sameAsAHeard).toEqual([{ id: `from-a-${run}` }]);
    // On the wire, each installation's channel starts with its prefix; nothing went out unprefixed.
    expect([...new Set(channels)].sort()).toEqual([
      `${PREFIX_A}API_KEY_REVOKED`,
      `${PREFIX_B}API_KEY_REVOKED`,
    ]);
  });

  describe('the gateway’s shared limits, with the same key, deployment and replica ids', () => {
    let limitsA: SharedLimits;
    let limitsB: SharedLimits;
    let limitsSameAsA: SharedLimits;

    beforeAll(async () => {
      const open = (prefix: string, instanceId: string) =>
        createSharedLimits({ redisUrl: TEST_REDIS_URL, prefix, instanceId, logger: quiet });
      [limitsA, limitsB, limitsSameAsA] = await Promise.all([
        open(PREFIX_A, `a-${run}`),
        open(PREFIX_B, `b-${run}`),
        open(PREFIX_A, `a2-${run}`),
      ]);
    });

    afterAll(async () => {
      await Promise.all([limitsA, limitsB, limitsSameAsA].map((l) => l?.close()));
      const redis = new Redis(TEST_REDIS_URL);
      for (const prefix of [PREFIX_A, PREFIX_B]) {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
      }
      redis.disconnect();
    });

    it('a key’s budget spent under one prefix is whole under the other', async () => {
      expect([await limitsA.take(KEY, 2), await limitsA.take(KEY, 2)]).toEqual([0, 0]);
      expect(await limitsSameAsA.take(KEY, 2)).toBeGreaterThan(0);
      expect(await limitsB.take(KEY, 2)).toBe(0);
      expect(await limitsB.admitAndAcquire(KEY, 2, DEPLOYMENT, 'r0', 4)).toEqual({ wait: 0, acquired: true });
      await limitsB.releaseSlot(DEPLOYMENT, 'r0');
    });

    it('a replica’s slots and a deployment’s queue taken under one prefix are free under the other', async () => {
      expect(await limitsA.acquireSlot(DEPLOYMENT, 'r0', 1)).toBe(true);
      expect(await limitsSameAsA.acquireSlot(DEPLOYMENT, 'r0', 1)).toBe(false);
      expect(await limitsB.acquireSlot(DEPLOYMENT, 'r0', 1)).toBe(true);
      expect(await limitsA.enqueue(DEPLOYMENT, 1)).toBe(1);
      expect(await limitsSameAsA.enqueue(DEPLOYMENT, 1)).toBe(-1);
      expect(await limitsB.enqueue(DEPLOYMENT, 1)).toBe(1);
      expect(await limitsSameAsA.load(DEPLOYMENT)).toEqual({ inFlight: 1, queued: 1 });
      expect(await limitsB.load(DEPLOYMENT)).toEqual({ inFlight: 1, queued: 1 });
      // Every key is under its installation's prefix.
      const redis = new Redis(TEST_REDIS_URL);
      const keys = await redis.keys(`*${run}*`);
      redis.disconnect();
      expect(keys.filter((k) => !k.startsWith(PREFIX_A) && !k.startsWith(PREFIX_B))).toEqual([]);
    });
  });
});
