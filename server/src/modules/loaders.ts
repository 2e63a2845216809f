import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { Deployment } from './deployment/deployment.entity.js';
import {
  createEventsLoader,
  createModelDeploymentsLoader,
  createVersionsLoader,
} from './deployment/deployment.loaders.js';
import { createDeploymentCountsLoader } from './model/model.counts.js';
import { Model } from './model/model.entity.js';
import type { HangarLoaders } from './request-context.js';
import type { Viewer } from './user/viewer.js';

/** Model.deployments lists at most this many, newest first. */
export const MODEL_DEPLOYMENTS_LIMIT = 100;

/** One `WHERE id IN (…)` for every id asked in the same tick; missing rows come back as null. */
function byId<T extends { id: string }>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await em.find(entity as never, { id: { $in: [...ids] } } as never);
    const found = new Map((rows as T[]).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/**
 * The loaders of one request, or of one live batch's visibility. `viewer`: whose projects the raw-SQL loaders
 * keep (the others read through the session, which scopeToViewer already narrowed).
 */
export function createLoaders(em: EntityManager, viewer: Viewer | null): HangarLoaders {
  return {
    deploymentCounts: createDeploymentCountsLoader(em),
    deployment: byId(em, Deployment),
    model: byId(em, Model),
    versions: createVersionsLoader(em),
    events: createEventsLoader(em),
    modelDeployments: createModelDeploymentsLoader(
      em,
      MODEL_DEPLOYMENTS_LIMIT,
      viewer ? [...viewer.projectRoles.keys()] : [],
    ),
  };
}
