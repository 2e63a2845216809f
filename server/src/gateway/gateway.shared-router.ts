import type { CallSignal } from './call-signal.js';
import type { ReplicaInfo } from '../runtime/runtime.js';
import type { Admission } from './gateway.admission.js';
import type { GatewayLogger } from './gateway.deps.js';
import { queueFull } from './gateway.errors.js';
import type { Lease, Router, SplitRoute } from './gateway.router.js';
import type { SharedLimits } from './gateway.shared-limits.js';

export interface SharedRouterOptions {
  shared: SharedLimits;
  replicas(deploymentId: string): ReplicaInfo[];
  logger: GatewayLogger;
  /** The same queue bound as the router's, counted across the fleet. @default 4 */
  queueFactor?: number;
  maxQueue?: number;
}

/** Which replicas a request may take: the router's `exclude`, `affinity` and `split`, passed through. */
interface Route {
  exclude: string | undefined;
  affinity: readonly string[] | undefined;
  split: SplitRoute | undefined;
}

/** How often a request that found every slot taken elsewhere looks again (a release there is not signalled here). */
const RETRY_MS = 20;

const sleep = (ms: number, signal: CallSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Resolves with `promise`, or rejects with the signal's reason if it aborts first. */
const untilAborted = (promise: Promise<void>, signal: CallSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, reject);
  });

/**
 * The router of this instance, bounded by the fleet's counts: a replica slot picked here is taken only when the
 * replica has fewer than `batchSize` requests in flight across every instance, and a request that must wait joins
 * the deployment's fleet-wide queue (429 past `queueFactor` × capacity, as on one instance). When Redis cannot be
 * reached the instance's own counts still bound it, and the failure is logged.
 */
export function shareRouter(router: Router, options: SharedRouterOptions): Router {
  const { shared, logger } = options;
  const queueFactor = options.queueFactor ?? 4;
  const waiting = new Map<string, number>();
  /** Per deployment, the end of this instance's line of waiting requests. */
  const lines = new Map<string, Promise<void>>();
  const addWaiting = (deploymentId: string, delta: number) =>
    waiting.set(deploymentId, (waiting.get(deploymentId) ?? 0) + delta);

  function sharedLease(deploymentId: string, lease: Lease): Lease {
    let released = false;
    return {
      replica: lease.replica,
      release() {
        if (released) return;
        released = true;
        lease.release();
        shared
          .releaseSlot(deploymentId, lease.replica.id)
          .catch((error: unknown) =>
            logger.warn({ err: error, deploymentId }, 'releasing a shared slot failed'),
          );
      },
    };
  }

  /** Keeps `lease` only if the fleet has a slot free on its replica (Redis unreachable: this instance's alone). */
  async function confirm(deploymentId: string, batchSize: number, lease: Lease): Promise<Lease | null> {
    try {
      if (await shared.acquireSlot(deploymentId, lease.replica.id, batchSize))
        return sharedLease(deploymentId, lease);
    } catch (error) {
      logger.warn({ err: error, deploymentId }, 'shared slots unreachable; counting this instance only');
      return lease;
    }
    lease.release();
    return null;
  }

  /**
   * The common case in one round trip: this instance has a slot at once, and the key's budget and the fleet's
   * slot are asked for together. Null when this instance has no slot at once (the caller settles the budget alone
   * and waits as before) or the fleet's slots are taken (the budget is charged: the request queues).
   */
  async function admitAndConfirm(
    deploymentId: string,
    batchSize: number,
    admission: Admission,
    route: Route,
  ): Promise<Lease | null> {
    const lease = router.tryAcquire(deploymentId, batchSize, route.exclude, route.affinity, route.split);
    if (!lease) return null;
    let verdict: { wait: number; acquired: boolean };
    try {
      verdict = await shared.admitAndAcquire(
        admission.keyId,
        admission.perMinute,
        deploymentId,
        lease.replica.id,
        batchSize,
      );
    } catch (error) {
      logger.warn(
        { err: error, deploymentId },
        'shared limits unreachable; limiting and counting this instance only',
      );
      try {
        admission.settleLocally();
      } catch (refused) {
        lease.release();
        throw refused;
      }
      return lease;
    }
    if (verdict.acquired) {
      admission.apply(0);
      return sharedLease(deploymentId, lease);
    }
    lease.release();
    admission.apply(verdict.wait);
    return null;
  }

  /** One attempt: a slot picked by this instance's router, kept only if the fleet has one free on that replica. */
  async function attempt(
    deploymentId: string,
    batchSize: number,
    signal: CallSignal,
    route: Route,
  ): Promise<Lease | null> {
    const lease = await router.acquire(
      deploymentId,
      batchSize,
      signal,
      route.exclude,
      route.affinity,
      route.split,
    );
    return confirm(deploymentId, batchSize, lease);
  }

  async function acquire(
    deploymentId: string,
    batchSize: number,
    signal: CallSignal,
    exclude?: string,
    affinity?: readonly string[],
    split?: SplitRoute,
    admission?: Admission,
  ): Promise<Lease> {
    const route: Route = { exclude, affinity, split };
    // Nobody waits here: try at once. Otherwise join the line, so that arrivals never overtake waiters.
    if (!waiting.get(deploymentId)) {
      let fleetFull = false;
      if (admission && !admission.settled) {
        const lease = await admitAndConfirm(deploymentId, batchSize, admission, route);
        if (lease) return lease;
        // Settled: the budget allowed it and the fleet's slots were taken. Pending: no slot here at once.
        fleetFull = admission.settled;
      }
      // The budget before any wait, as on one instance (a refused request never waits).
      await admission?.settle();
      if (!fleetFull) {
        const lease = await attempt(deploymentId, batchSize, signal, route);
        if (lease) return lease;
      }
    } else {
      await admission?.settle();
    }
    const ready = options.replicas(deploymentId).filter((r) => r.status === 'READY').length;
    const maxQueue = options.maxQueue ?? queueFactor * ready * batchSize;
    const position = await shared.enqueue(deploymentId, maxQueue).catch(() => 0);
    if (position < 0) throw queueFull(deploymentId, ready * batchSize, maxQueue);
    addWaiting(deploymentId, 1);
    // Only the head of this instance's line asks Redis again (every RETRY_MS): a long queue costs no more calls.
    const previous = lines.get(deploymentId) ?? Promise.resolve();
    let leave!: () => void;
    const mine = new Promise<void>((resolve) => (leave = resolve));
    const line = previous.then(() => mine);
    lines.set(deploymentId, line);
    try {
      await untilAborted(previous, signal);
      for (;;) {
        const lease = await attempt(deploymentId, batchSize, signal, route);
        if (lease) return lease;
        await sleep(RETRY_MS, signal);
      }
    } finally {
      leave();
      if (lines.get(deploymentId) === line) lines.delete(deploymentId);
      addWaiting(deploymentId, -1);
      shared.dequeue(deploymentId).catch(() => undefined);
    }
  }

  return {
    ...router,
    acquire,
    load(deploymentId) {
      const load = router.load(deploymentId);
      return { ...load, queued: load.queued + (waiting.get(deploymentId) ?? 0) };
    },
  };
}
