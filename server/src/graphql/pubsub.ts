import { createPubSub } from '@graphql-yoga/subscription';
import type { ChangeKind } from './change-kind.js';

/**
 * Payloads carry only ids (and, for event lines, the line): each subscriber reloads from its own database
 * session, so a payload published by another server instance through Redis is as good as a local one.
 * `change` is absent for an UPDATED. `projectId` is the object's project (null: a shared platform model): the
 * live fan-out delivers an event only to subscribers who see that project. `status` is the object's status when it was published: the live fan-out
 * never lets a change of status wait out its coalescing window (a short phase like VALIDATING is still seen).
 */
export type HangarEvents = {
  MODEL_UPDATED: [{ id: string; projectId: string | null; change?: ChangeKind; status?: string }];
  DEPLOYMENT_UPDATED: [
    { id: string; modelId: string; projectId: string; change?: ChangeKind; status?: string },
  ];
  /** A key stopped opening its deployment: gateways drop what they cached about it. */
  API_KEY_REVOKED: [{ id: string }];
  /** An API key served requests (at most one event per key and second from each instance). */
  API_KEY_USAGE_CHANGED: [{ id: string; deploymentId: string; projectId: string }];
  /** A budget was set or removed: every instance's budget tracker reads the budgets again. */
  BUDGET_CHANGED: [{ kind: string; id: string }];
  /** A personal access token was revoked: WebSockets opened with it close. */
  ACCESS_TOKEN_REVOKED: [{ id: string }];
  /** A user's role changed (or the user is gone): their WebSockets close and reconnect as they are now. */
  USER_CHANGED: [{ id: string }];
  DEPLOYMENT_EVENT: [
    {
      deploymentId: string;
      projectId: string;
      version: number | null;
      level: string;
      message: string;
      at: string;
    },
  ];
};

export type HangarPubSub = ReturnType<typeof createPubSub<HangarEvents>>;

export interface PubSubHandle {
  pubsub: HangarPubSub;
  close(): Promise<void>;
}

/**
 * The event target with every topic under `prefix` in Redis: installations sharing one Redis (each with its own
 * HANGAR_REDIS_PREFIX) publish and subscribe on channels of their own, while topics inside stay as named here.
 */
function underPrefix(target: EventTarget, prefix: string): EventTarget {
  return {
    addEventListener: (topic, listener, options) =>
      target.addEventListener(prefix + topic, listener, options),
    removeEventListener: (topic, listener, options) =>
      target.removeEventListener(prefix + topic, listener, options),
    dispatchEvent: (event) =>
      target.dispatchEvent(new CustomEvent(prefix + event.type, { detail: (event as CustomEvent).detail })),
  };
}

/** `prefix`: the channels' (HANGAR_REDIS_PREFIX), with Redis only. */
export async function createHangarPubSub(redisUrl?: string, prefix = 'hangar:'): Promise<PubSubHandle> {
  if (!redisUrl) return { pubsub: createPubSub<HangarEvents>(), close: async () => {} };
  // Loaded only when Redis is configured: ioredis costs ~15 MB of memory that a single instance never needs.
  const [{ createRedisEventTarget }, { Redis }] = await Promise.all([
    import('@graphql-yoga/redis-event-target'),
    import('ioredis'),
  ]);
  // A subscribed ioredis connection cannot publish, hence two connections.
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  // No ready check on the subscriber: the gateway subscribes at start, and a SUBSCRIBE queued before the
  // connection is up puts it in subscriber mode before ioredis's INFO check runs, which then fails and drops it.
  const subscribeClient = new Redis(redisUrl, {
    lazyConnect: false,
    maxRetriesPerRequest: 3,
    enableReadyCheck: false,
  });
  const eventTarget = underPrefix(
    createRedisEventTarget({ publishClient, subscribeClient }) as unknown as EventTarget,
    prefix,
  );
  return {
    pubsub: createPubSub<HangarEvents>({ eventTarget: eventTarget as never }),
    close: async () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
