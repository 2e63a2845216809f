import type { Redis } from 'ioredis';
import type { GatewayLogger } from './gateway.deps.js';

/**
 * The gateway's counts shared by every instance through Redis (HANGAR_REDIS_URL): per-key rate-limit buckets, and
 * per replica the requests in flight and per deployment those queued. Each is one Lua script (one round trip,
 * atomic); a request with a rate limit takes its budget and its slot in the same script (`admitAndAcquire`). Times come from Redis (`TIME`), so instances whose clocks differ count alike. A count is kept per
 * instance, and an instance that stops beating for `STALE_MS` (killed) has its counts ignored and swept, so a
 * dead instance cannot hold slots forever.
 */
export interface SharedLimits {
  /** Takes one request from the key's budget (the same token bucket as gateway.rate-limit.ts); 0 or seconds to wait. */
  take(keyId: string, perMinute: number): Promise<number>;
  /** Takes one of the replica's `batchSize` slots across the fleet; false when every slot is taken. */
  acquireSlot(deploymentId: string, replicaId: string, batchSize: number): Promise<boolean>;
  releaseSlot(deploymentId: string, replicaId: string): Promise<void>;
  /**
   * `take` and `acquireSlot` in one round trip (one script): the key's budget first, and the slot only when the
   * budget allows the request. `wait` is `take`'s answer; `acquired` is false when refused or every slot is taken.
   */
  admitAndAcquire(
    keyId: string,
    perMinute: number,
    deploymentId: string,
    replicaId: string,
    batchSize: number,
  ): Promise<{ wait: number; acquired: boolean }>;
  /** Joins the deployment's fleet-wide queue unless `maxQueue` already wait; returns the queue length, or -1. */
  enqueue(deploymentId: string, maxQueue: number): Promise<number>;
  dequeue(deploymentId: string): Promise<void>;
  /** The deployment's requests in flight and queued across the fleet (the leader's autoscaler reads it). */
  load(deploymentId: string): Promise<{ inFlight: number; queued: number }>;
  /**
   * Budgets' recent spend (`budget-tracker.ts`): adds `add` to per-minute token counters of budget subjects, and
   * returns the sum of each subject of `read` over the minutes `fromMinute`…`toMinute`, in one round trip.
   */
  exchangeSpend(add: SpendDelta[], read: string[], fromMinute: number, toMinute: number): Promise<number[]>;
  close(): Promise<void>;
}

/** Tokens of one budget subject (`kind:id`) in one minute. */
export interface SpendDelta {
  subject: string;
  minute: number;
  tokens: number;
}

/** Spend counters outlive the few minutes the trackers read from them, never the month. */
const SPEND_TTL_MS = 600_000;

/** An instance whose heartbeat is older than this is gone (killed): its counts no longer count. */
const STALE_MS = 10_000;
const HEARTBEAT_MS = 2_000;

const NOW_MS = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// Mirrors createRateLimiter: burst up to the budget, refilled continuously. Returns 0 or the seconds to wait.
const TAKE_FUNCTION = `local function take(bucket, perMinute)
  local rate = perMinute / 60000
  local b = redis.call('HMGET', bucket, 't', 'u')
  local tokens = tonumber(b[1]) or perMinute
  local updated = tonumber(b[2]) or now
  tokens = math.min(perMinute, tokens + math.max(0, now - updated) * rate)
  local wait = 0
  if tokens >= 1 then tokens = tokens - 1 else wait = math.max(1, math.ceil((1 - tokens) / rate / 1000)) end
  redis.call('HSET', bucket, 't', tostring(tokens), 'u', now)
  redis.call('PEXPIRE', bucket, 120000)
  return wait
end`;

// KEYS[1] bucket · ARGV perMinute.
const TAKE = `${NOW_MS}
${TAKE_FUNCTION}
return take(KEYS[1], tonumber(ARGV[1]))`;

// Sums the fields of hash KEYS[1] that start with ARGV[1] and belong to live instances (zset KEYS[2]); drops the
// dead ones' fields as it goes. Fields are "<scope>|<instance>".
const SUM_LIVE = `${NOW_MS}
local function sumLive(hash, scope)
  local sum = 0
  local all = redis.call('HGETALL', hash)
  for i = 1, #all, 2 do
    local field = all[i]
    if string.sub(field, 1, #scope + 1) == scope .. '|' then
      local instance = string.sub(field, #scope + 2)
      local beat = tonumber(redis.call('ZSCORE', KEYS[2], instance))
      if beat and beat >= now - ${STALE_MS} then sum = sum + tonumber(all[i + 1])
      else redis.call('HDEL', hash, field) end
    end
  end
  return sum
end`;

// Takes one of the replica's slots for the instance unless the live instances hold batchSize; 1 or 0.
const ACQUIRE_FUNCTION = `local function acquire(slots, instances, replicaId, instanceId, batchSize)
  redis.call('ZADD', instances, now, instanceId)
  if sumLive(slots, replicaId) >= batchSize then return 0 end
  redis.call('HINCRBY', slots, replicaId .. '|' .. instanceId, 1)
  return 1
end`;

// KEYS[1] slots hash, KEYS[2] instances · ARGV replicaId, instanceId, batchSize
const ACQUIRE = `${SUM_LIVE}
${ACQUIRE_FUNCTION}
return acquire(KEYS[1], KEYS[2], ARGV[1], ARGV[2], tonumber(ARGV[3]))`;

// KEYS[1] bucket, KEYS[2] slots hash, KEYS[3] instances · ARGV perMinute, replicaId, instanceId, batchSize
// → { wait, acquired }: the slot is asked for only when the budget allows the request, as take-then-acquire did.
const ADMIT = `${SUM_LIVE}
${TAKE_FUNCTION}
${ACQUIRE_FUNCTION}
local wait = take(KEYS[1], tonumber(ARGV[1]))
if wait > 0 then return { wait, 0 } end
return { 0, acquire(KEYS[2], KEYS[3], ARGV[2], ARGV[3], tonumber(ARGV[4])) }`;

// KEYS[1] queue hash, KEYS[2] instances · ARGV instanceId, maxQueue
const ENQUEUE = `${SUM_LIVE}
redis.call('ZADD', KEYS[2], now, ARGV[1])
local queued = sumLive(KEYS[1], 'q')
if queued >= tonumber(ARGV[2]) then return -1 end
redis.call('HINCRBY', KEYS[1], 'q|' .. ARGV[1], 1)
return queued + 1`;

// KEYS[1] slots hash, KEYS[2] instances, KEYS[3] queue hash → { in flight on every replica, queued }
const LOAD = `${SUM_LIVE}
local inFlight = 0
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local instance = string.match(all[i], '|(.*)$')
  local beat = tonumber(redis.call('ZSCORE', KEYS[2], instance))
  if beat and beat >= now - ${STALE_MS} then inFlight = inFlight + tonumber(all[i + 1]) end
end
return { inFlight, sumLive(KEYS[3], 'q') }`;

// KEYS[1] hash · ARGV field. Never below zero, and an emptied field goes.
const DECREMENT = `local left = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if left <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return left`;

// KEYS: the counters added to, then `per` counters for each subject read · ARGV: #added, per, ttl, the tokens.
const EXCHANGE_SPEND = `local added = tonumber(ARGV[1])
local per = tonumber(ARGV[2])
for i = 1, added do
  redis.call('INCRBY', KEYS[i], ARGV[3 + i])
  redis.call('PEXPIRE', KEYS[i], ARGV[3])
end
local sums = {}
for s = 0, (#KEYS - added) / per - 1 do
  local sum = 0
  for m = 1, per do sum = sum + (tonumber(redis.call('GET', KEYS[added + s * per + m])) or 0) end
  sums[s + 1] = sum
end
return sums`;

interface LimitCommands {
  hangarTake(bucket: string, perMinute: number): Promise<number>;
  hangarAcquire(
    slots: string,
    instances: string,
    replicaId: string,
    instanceId: string,
    batchSize: number,
  ): Promise<number>;
  hangarAdmit(
    bucket: string,
    slots: string,
    instances: string,
    perMinute: number,
    replicaId: string,
    instanceId: string,
    batchSize: number,
  ): Promise<[number, number]>;
  hangarEnqueue(queue: string, instances: string, instanceId: string, maxQueue: number): Promise<number>;
  hangarDecrement(hash: string, field: string): Promise<number>;
  hangarLoad(slots: string, instances: string, queue: string): Promise<[number, number]>;
  hangarExchangeSpend(keyCount: number, ...keysThenArgs: (string | number)[]): Promise<number[]>;
}

export async function createSharedLimits(options: {
  redisUrl: string;
  /** The installation's `HANGAR_REDIS_PREFIX`: every key here starts with it, then `gw:`. @default 'hangar:' */
  prefix?: string;
  instanceId: string;
  logger: GatewayLogger;
}): Promise<SharedLimits> {
  // Loaded only when Redis is configured, like the pub/sub's client.
  const { Redis: RedisClient } = await import('ioredis');
  // A request must not hang on a Redis that went away: a command fails after 500 ms and the caller falls back.
  const redis = new RedisClient(options.redisUrl, {
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
  }) as Redis & LimitCommands;
  redis.on('error', () => undefined);
  redis.defineCommand('hangarTake', { numberOfKeys: 1, lua: TAKE });
  redis.defineCommand('hangarAcquire', { numberOfKeys: 2, lua: ACQUIRE });
  redis.defineCommand('hangarAdmit', { numberOfKeys: 3, lua: ADMIT });
  redis.defineCommand('hangarEnqueue', { numberOfKeys: 2, lua: ENQUEUE });
  redis.defineCommand('hangarDecrement', { numberOfKeys: 1, lua: DECREMENT });
  redis.defineCommand('hangarLoad', { numberOfKeys: 3, lua: LOAD });
  // The number of keys varies per call: given first, as EVALSHA takes it.
  redis.defineCommand('hangarExchangeSpend', { lua: EXCHANGE_SPEND });
  const { instanceId } = options;
  const PREFIX = `${options.prefix ?? 'hangar:'}gw:`;
  const instances = `${PREFIX}instances`;
  const beat = () =>
    redis
      .eval(`${NOW_MS} redis.call('ZADD', KEYS[1], now, ARGV[1]) return now`, 1, instances, instanceId)
      .catch((error: unknown) => options.logger.warn({ err: error }, 'gateway heartbeat to Redis failed'));
  await beat();
  const heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
  heartbeat.unref();
  return {
    take: (keyId, perMinute) => redis.hangarTake(`${PREFIX}rate:${keyId}`, perMinute),
    async acquireSlot(deploymentId, replicaId, batchSize) {
      return (
        (await redis.hangarAcquire(
          `${PREFIX}slots:${deploymentId}`,
          instances,
          replicaId,
          instanceId,
          batchSize,
        )) === 1
      );
    },
    async admitAndAcquire(keyId, perMinute, deploymentId, replicaId, batchSize) {
      const [wait, acquired] = await redis.hangarAdmit(
        `${PREFIX}rate:${keyId}`,
        `${PREFIX}slots:${deploymentId}`,
        instances,
        perMinute,
        replicaId,
        instanceId,
        batchSize,
      );
      return { wait, acquired: acquired === 1 };
    },
    async releaseSlot(deploymentId, replicaId) {
      await redis.hangarDecrement(`${PREFIX}slots:${deploymentId}`, `${replicaId}|${instanceId}`);
    },
    enqueue: (deploymentId, maxQueue) =>
      redis.hangarEnqueue(`${PREFIX}queue:${deploymentId}`, instances, instanceId, maxQueue),
    async dequeue(deploymentId) {
      await redis.hangarDecrement(`${PREFIX}queue:${deploymentId}`, `q|${instanceId}`);
    },
    async load(deploymentId) {
      const [inFlight, queued] = await redis.hangarLoad(
        `${PREFIX}slots:${deploymentId}`,
        instances,
        `${PREFIX}queue:${deploymentId}`,
      );
      return { inFlight, queued };
    },
    async exchangeSpend(add, read, fromMinute, toMinute) {
      const counter = (subject: string, minute: number) => `${PREFIX}spend:${subject}:${minute}`;
      const per = toMinute - fromMinute + 1;
      const readKeys = read.flatMap((subject) =>
        Array.from({ length: per }, (_, i) => counter(subject, fromMinute + i)),
      );
      const keys = [...add.map((delta) => counter(delta.subject, delta.minute)), ...readKeys];
      const sums = await redis.hangarExchangeSpend(
        keys.length,
        ...keys,
        add.length,
        per,
        SPEND_TTL_MS,
        ...add.map((delta) => delta.tokens),
      );
      return sums.map(Number);
    },
    async close() {
      clearInterval(heartbeat);
      // Leaving on purpose: the others stop counting this instance at once instead of after STALE_MS.
      await redis.zrem(instances, instanceId).catch(() => undefined);
      redis.disconnect();
    },
  };
}
