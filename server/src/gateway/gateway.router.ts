import type { CallSignal } from './call-signal.js';
import type { Awaitable } from '../core/awaitable.js';
import type { ReplicaInfo } from '../runtime/runtime.js';
import type { Admission } from './gateway.admission.js';
import { noReadyReplica, queueFull } from './gateway.errors.js';

export interface RouterOptions {
  /** Current replicas of a deployment (the runtime's view); only READY ones with a baseUrl receive requests. */
  replicas(deploymentId: string): ReplicaInfo[];
  /** Queue bound as a multiple of total capacity (ready replicas × batch size). @default 4 */
  queueFactor?: number;
  /** Fixed queue bound per deployment; overrides queueFactor. */
  maxQueue?: number;
  /** Most affinity keys (session or prompt prefix → replica) remembered; the least recently used go first. @default 10000 */
  maxAffinities?: number;
  /** `least-in-flight` ignores affinity keys (to compare, or for replicas without a prompt cache). @default cache-aware */
  routing?: RoutingPolicy;
}

export type RoutingPolicy = 'cache-aware' | 'least-in-flight';

export interface Lease {
  replica: ReplicaInfo;
  /** Frees the slot; idempotent. */
  release(): void;
}

/** A traffic split: `weightPercent` % of the requests go to the canary version's replicas, the rest to the others. */
export interface SplitRoute {
  canaryVersion: number;
  weightPercent: number;
}

/** Which replicas a request may use (one side of a split). */
type Side = (replica: ReplicaInfo) => boolean;

export interface DeploymentLoad {
  inFlight: number;
  queued: number;
  /** Ready replicas × batch size. */
  capacity: number;
}

interface Waiter {
  batchSize: number;
  exclude: string | undefined;
  affinity: readonly string[] | undefined;
  side: Side | undefined;
  resolve(lease: Lease): void;
  reject(error: unknown): void;
  cleanup(): void;
}

interface Pool {
  inFlight: Map<string, number>;
  total: number;
  queue: Waiter[];
  capacity: number;
  /** Rotates the tie-break among equally loaded replicas so idle traffic spreads. */
  turn: number;
  /** Weighted round-robin credit of a split: every time it reaches 100, the request goes to the canary. */
  splitCredit: number;
}

// While requests wait, replicas may become ready without any release happening (scale-up): look again now and then.
const QUEUE_RECHECK_MS = 100;

const isServing = (r: ReplicaInfo): boolean => r.status === 'READY' && r.baseUrl !== undefined;

/**
 * Cache-aware, least-in-flight routing with at most `batchSize` concurrent requests per replica and a bounded FIFO
 * queue. A request with an affinity key (its session or prompt prefix, `gateway.affinity.ts`) goes to the replica
 * that served that key last, whose KV cache still holds the prefix, unless that replica is full or gone, or busy
 * while another is idle; then the least loaded one takes it (and the key). Counts and keys are per process; a multi-instance gateway would share
 * them through Redis (not needed yet).
 */
export function createRouter(options: RouterOptions) {
  const pools = new Map<string, Pool>();
  const queueFactor = options.queueFactor ?? 4;
  const maxAffinities = options.maxAffinities ?? 10_000;
  const cacheAware = (options.routing ?? 'cache-aware') === 'cache-aware';
  /** `<deploymentId> <key>` → replica id, oldest use first (a Map keeps insertion order: a bounded LRU). */
  const affinities = new Map<string, string>();
  /** The entry set last (the end of the LRU order). */
  let newest: string | undefined;
  let recheckTimer: NodeJS.Timeout | undefined;

  const affinityOf = (deploymentId: string, key: string) => `${deploymentId} ${key}`;
  function remember(deploymentId: string, keys: readonly string[] | undefined, replicaId: string): void {
    if (keys === undefined || !cacheAware) return;
    for (const key of keys) {
      const entry = affinityOf(deploymentId, key);
      // Already the newest use, on this replica (a hot prompt, request after request): nothing moves.
      if (entry === newest && affinities.get(entry) === replicaId) continue;
      affinities.delete(entry);
      affinities.set(entry, replicaId);
      newest = entry;
      if (affinities.size > maxAffinities) affinities.delete(affinities.keys().next().value!);
    }
  }

  const poolOf = (deploymentId: string): Pool => {
    let pool = pools.get(deploymentId);
    if (!pool) {
      pool = { inFlight: new Map(), total: 0, queue: [], capacity: 0, turn: 0, splitCredit: 0 };
      pools.set(deploymentId, pool);
    }
    return pool;
  };

  function pick(
    deploymentId: string,
    pool: Pool,
    ready: ReplicaInfo[],
    batchSize: number,
    exclude?: string,
    affinity?: readonly string[],
  ): ReplicaInfo | undefined {
    // A replica we just failed on is avoided while any other ready replica exists (even a busy one).
    let candidates = ready;
    if (exclude !== undefined && ready.length > 1) candidates = ready.filter((r) => r.id !== exclude);
    // The longest prefix (first key) whose replica is still there decides; a full one sends the request on, and
    // so does a busy one while another replica is idle: keys that settled on one replica (each first seen while
    // the other was busy) would otherwise keep queueing there beside an idle replica. The idle one takes the
    // request and the key, so hot keys spread; one sent at a time never moves.
    const loadOf = (r: ReplicaInfo): number => pool.inFlight.get(r.id) ?? 0;
    for (const key of cacheAware ? (affinity ?? []) : []) {
      const last = affinities.get(affinityOf(deploymentId, key));
      const warm = last === undefined ? undefined : candidates.find((r) => r.id === last);
      if (!warm) continue;
      const load = loadOf(warm);
      if (load < batchSize && (load === 0 || !candidates.some((r) => loadOf(r) === 0))) return warm;
      break;
    }
    let best: ReplicaInfo | undefined;
    let bestLoad = batchSize;
    const n = candidates.length;
    const start = pool.turn++ % n;
    for (let i = 0; i < n; i++) {
      const replica = candidates[(start + i) % n]!;
      const load = loadOf(replica);
      if (load < bestLoad) {
        best = replica;
        bestLoad = load;
        if (load === 0) break;
      }
    }
    return best;
  }

  /**
   * The side of a split this request takes. Counted, not drawn: exactly `weightPercent` of every 100 requests go to
   * the canary, so the share users set is the share they get, even over a few requests. A side without a ready
   * replica (a canary still starting) leaves the request to the other.
   */
  function sideOf(pool: Pool, ready: ReplicaInfo[], split: SplitRoute | undefined): Side | undefined {
    if (!split) return undefined;
    pool.splitCredit += split.weightPercent;
    const toCanary = pool.splitCredit >= 100;
    if (toCanary) pool.splitCredit -= 100;
    const side: Side = toCanary
      ? (r) => r.version === split.canaryVersion
      : (r) => r.version !== split.canaryVersion;
    return ready.some(side) ? side : undefined;
  }

  const onSide = (ready: ReplicaInfo[], side: Side | undefined): ReplicaInfo[] => {
    if (!side) return ready;
    const mine = ready.filter(side);
    return mine.length > 0 ? mine : ready;
  };

  function lease(
    deploymentId: string,
    pool: Pool,
    replica: ReplicaInfo,
    affinity?: readonly string[],
  ): Lease {
    remember(deploymentId, affinity, replica.id);
    pool.inFlight.set(replica.id, (pool.inFlight.get(replica.id) ?? 0) + 1);
    pool.total++;
    let released = false;
    return {
      replica,
      release() {
        if (released) return;
        released = true;
        const left = (pool.inFlight.get(replica.id) ?? 1) - 1;
        if (left <= 0) pool.inFlight.delete(replica.id);
        else pool.inFlight.set(replica.id, left);
        pool.total--;
        if (pool.queue.length > 0) drain(deploymentId);
      },
    };
  }

  function leaseNow(
    deploymentId: string,
    pool: Pool,
    ready: ReplicaInfo[],
    batchSize: number,
    exclude: string | undefined,
    affinity: readonly string[] | undefined,
  ): Lease | null {
    const replica = pick(deploymentId, pool, ready, batchSize, exclude, affinity);
    return replica ? lease(deploymentId, pool, replica, affinity) : null;
  }

  function drain(deploymentId: string): void {
    const pool = pools.get(deploymentId);
    if (!pool) return;
    const ready = options.replicas(deploymentId).filter(isServing);
    while (pool.queue.length > 0 && ready.length > 0) {
      const waiter = pool.queue[0]!;
      const candidates = onSide(ready, waiter.side);
      const replica = pick(deploymentId, pool, candidates, waiter.batchSize, waiter.exclude, waiter.affinity);
      if (!replica) break;
      pool.queue.shift();
      waiter.cleanup();
      waiter.resolve(lease(deploymentId, pool, replica, waiter.affinity));
    }
  }

  function scheduleRecheck(): void {
    if (recheckTimer) return;
    recheckTimer = setInterval(() => {
      let waiting = false;
      for (const [deploymentId, pool] of pools) {
        if (pool.queue.length === 0) continue;
        drain(deploymentId);
        waiting ||= pool.queue.length > 0;
      }
      if (!waiting) {
        clearInterval(recheckTimer);
        recheckTimer = undefined;
      }
    }, QUEUE_RECHECK_MS);
    recheckTimer.unref();
  }

  return {
    /**
     * A replica slot, at once (no promise) when one is free, else a promise of one from the queue (every
     * replica is at `batchSize`). Rejects with 503 when
     * nothing is ready, 429 when the queue is full, or the signal's reason when it aborts while waiting.
     * `affinity` (a session key, or prompt-prefix keys longest first) prefers the replica that served it last, within the side of the
     * `split` the request takes (a retry with `exclude` passes no split: it stays on its replica's version).
     * `admission`, a rate-limit charge still pending, is settled first (429 past the key's budget).
     */
    acquire(
      deploymentId: string,
      batchSize: number,
      signal: CallSignal,
      exclude?: string,
      affinity?: readonly string[],
      split?: SplitRoute,
      admission?: Admission,
    ): Awaitable<Lease> {
      // One instance charges its own bucket before anything else (the fleet's router asks Redis with the slot).
      try {
        admission?.settleLocally();
      } catch (refused) {
        return Promise.reject(refused);
      }
      const pool = poolOf(deploymentId);
      const all = options.replicas(deploymentId).filter(isServing);
      pool.capacity = all.length * batchSize;
      if (all.length === 0) {
        return Promise.reject(noReadyReplica(deploymentId));
      }
      const side = sideOf(pool, all, split);
      const ready = onSide(all, side);
      const now =
        pool.queue.length === 0 ? leaseNow(deploymentId, pool, ready, batchSize, exclude, affinity) : null;
      // A free slot is handed over without a promise (most requests): the caller goes on in the same turn.
      if (now) return now;
      const maxQueue = options.maxQueue ?? queueFactor * pool.capacity;
      if (pool.queue.length >= maxQueue) {
        return Promise.reject(queueFull(deploymentId, pool.total, pool.queue.length));
      }
      return new Promise<Lease>((resolve, reject) => {
        const onAbort = () => {
          const index = pool.queue.indexOf(waiter);
          if (index >= 0) pool.queue.splice(index, 1);
          reject(signal.reason);
        };
        const waiter: Waiter = {
          batchSize,
          exclude,
          affinity,
          side,
          resolve,
          reject,
          cleanup: () => signal.removeEventListener('abort', onAbort),
        };
        if (signal.aborted) return reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        pool.queue.push(waiter);
        scheduleRecheck();
      });
    },

    /**
     * A slot at once, as `acquire` would give it, or null when the request would have to wait (or nothing is ready:
     * `acquire` then says why). The fleet's router uses it to know a slot before asking Redis for it.
     */
    tryAcquire(
      deploymentId: string,
      batchSize: number,
      exclude?: string,
      affinity?: readonly string[],
      split?: SplitRoute,
    ): Lease | null {
      const pool = poolOf(deploymentId);
      const all = options.replicas(deploymentId).filter(isServing);
      pool.capacity = all.length * batchSize;
      if (all.length === 0 || pool.queue.length > 0) return null;
      const ready = onSide(all, sideOf(pool, all, split));
      return leaseNow(deploymentId, pool, ready, batchSize, exclude, affinity);
    },

    load(deploymentId: string): DeploymentLoad {
      const pool = pools.get(deploymentId);
      return { inFlight: pool?.total ?? 0, queued: pool?.queue.length ?? 0, capacity: pool?.capacity ?? 0 };
    },

    /** Call when a deployment's replicas change (runtime 'replicas' event) so queued requests move at once. */
    replicasChanged(deploymentId: string): void {
      drain(deploymentId);
    },

    close(): void {
      if (recheckTimer) clearInterval(recheckTimer);
      recheckTimer = undefined;
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
