import type { EntityManager } from '@mikro-orm/core';
import type DataLoader from 'dataloader';
import type { DeploymentEvent } from './deployment/deployment-event.entity.js';
import type { DeploymentVersion } from './deployment/deployment-version.entity.js';
import type { Deployment } from './deployment/deployment.entity.js';
import type { DeploymentCounts } from './model/model.counts.js';
import type { Model } from './model/model.entity.js';
import type { Viewer } from './user/viewer.js';

/**
 * What every resolver gets per request (or per subscription operation): a fresh EntityManager fork, the viewer,
 * and the batched loaders. Long-lived services are injected into resolvers by the roof (app/resolvers.ts), so the
 * context stays small and holds nothing shared between requests.
 */
export interface HangarContext {
  em: EntityManager;
  viewer: Viewer | null;
  loaders: HangarLoaders;
}

/** Batched loads, one set per request: N parents cost one query per field, not N. */
export interface HangarLoaders {
  deploymentCounts: DataLoader<string, DeploymentCounts>;
  /** By database id; null when deleted. */
  deployment: DataLoader<string, Deployment | null>;
  model: DataLoader<string, Model | null>;
  /** Deployment.versions, newest first. */
  versions: DataLoader<string, DeploymentVersion[]>;
  /** Deployment.events(last), oldest first. */
  events: DataLoader<{ deploymentId: string; last: number }, DeploymentEvent[], string>;
  /** Model.deployments, newest first. */
  modelDeployments: DataLoader<string, Deployment[]>;
}
