import type { MikroORM } from '@mikro-orm/core';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { Deployment } from '../deployment/deployment.entity.js';

/** At most one usage event per key in this window: a busy key must not flood the live fan-out. */
export const USAGE_EVENT_INTERVAL_MS = 1_000;

/**
 * Publishes API_KEY_USAGE_CHANGED for keys that served requests on this instance: the first at once, then at most
 * one per key per second (the last change of a burst always goes out, at the window's end).
 */
export function createUsagePublisher(orm: MikroORM, pubsub: HangarPubSub) {
  /**
   * Public deployment id → database id (what the subscription's argument names) and project (what visibility
   * admits by); a deployment never changes either.
   */
  const databaseIds = new Map<string, { id: string; projectId: string }>();
  const lastSent = new Map<string, number>();
  const trailing = new Map<string, NodeJS.Timeout>();
  let closed = false;

  const databaseIdOf = async (deploymentId: string) => {
    let ids = databaseIds.get(deploymentId);
    if (!ids) {
      const deployment = await orm.em
        .fork()
        .findOne(Deployment, { deploymentId }, { fields: ['id', 'project'] });
      if (!deployment) return null;
      databaseIds.set(deploymentId, (ids = { id: deployment.id, projectId: deployment.project.id }));
    }
    return ids;
  };
  const send = async (keyId: string, deploymentId: string) => {
    lastSent.set(keyId, Date.now());
    const ids = await databaseIdOf(deploymentId);
    if (ids && !closed)
      await pubsub.publish('API_KEY_USAGE_CHANGED', {
        id: keyId,
        deploymentId: ids.id,
        projectId: ids.projectId,
      });
  };

  return {
    /** A request of `keyId` on the deployment (public id) finished. */
    changed(keyId: string, deploymentId: string): void {
      if (closed || trailing.has(keyId)) return;
      const wait = (lastSent.get(keyId) ?? 0) + USAGE_EVENT_INTERVAL_MS - Date.now();
      if (wait <= 0) {
        void send(keyId, deploymentId).catch(() => undefined);
        return;
      }
      const timer = setTimeout(() => {
        trailing.delete(keyId);
        void send(keyId, deploymentId).catch(() => undefined);
      }, wait);
      timer.unref();
      trailing.set(keyId, timer);
    },
    close(): void {
      closed = true;
      for (const timer of trailing.values()) clearTimeout(timer);
      trailing.clear();
    },
  };
}
