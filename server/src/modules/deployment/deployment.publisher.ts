import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Logger } from '../../core/logger.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import type { ChangeKind } from '../../graphql/change-kind.js';
import { DeploymentEvent } from './deployment-event.entity.js';
import type { DeploymentVersion } from './deployment-version.entity.js';
import { Deployment } from './deployment.entity.js';
import type { DeploymentStatus, EventLevel } from './deployment.enums.js';
import { versionedName } from './versioned-name.js';

/** What other modules hear when a deployment's status changes (notifications, autoscaling). */
export interface DeploymentStatusChange {
  /** Primary key of the Deployment row. */
  id: string;
  deploymentId: string;
  status: DeploymentStatus;
  version: number;
  versionName: string;
  /** Who deployed the version (null for the system). */
  deployedByUserId: string | null;
}

export type DeploymentStatusListener = (change: DeploymentStatusChange) => void;

/** Tells everyone what happened to a deployment: its event lines, live updates, and in-process status listeners. */
export class DeploymentPublisher {
  private readonly statusListeners = new Set<DeploymentStatusListener>();

  constructor(private readonly deps: { orm: MikroORM; pubsub: HangarPubSub; logger: Logger }) {}

  onStatusChange(listener: DeploymentStatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  clearListeners(): void {
    this.statusListeners.clear();
  }

  notifyStatus(deployment: Deployment, version: DeploymentVersion | null): void {
    const change: DeploymentStatusChange = {
      id: deployment.id,
      deploymentId: deployment.deploymentId,
      status: deployment.status,
      version: version?.version ?? deployment.currentVersion,
      versionName: version?.name ?? versionedName(deployment.name, deployment.currentVersion),
      deployedByUserId: version?.deployedBy?.id ?? null,
    };
    for (const listener of this.statusListeners) {
      try {
        listener(change);
      } catch (error) {
        // One broken listener (e.g. the mailer) must not keep the others from hearing the change.
        this.deps.logger.error({ err: error }, 'a deployment status listener failed');
      }
    }
  }

  /** Adds an event line to a deployment by its public id (the autoscaler's decisions). */
  async logEvent(deploymentId: string, level: EventLevel, message: string): Promise<void> {
    const em = this.deps.orm.em.fork();
    const deployment = await em.findOne(Deployment, { deploymentId });
    if (deployment) await this.recordEvent(em, deployment, deployment.currentVersion, level, message);
  }

  async recordEvent(
    em: EntityManager,
    deployment: Deployment,
    version: number | null,
    level: EventLevel,
    message: string,
  ): Promise<void> {
    const event = em.create(DeploymentEvent, { deployment, version, level, message, at: new Date() });
    await em.flush();
    await this.deps.pubsub.publish('DEPLOYMENT_EVENT', {
      deploymentId: deployment.id,
      projectId: deployment.project.id,
      version,
      level,
      message,
      at: event.at.toISOString(),
    });
  }

  async publishDeployment(deployment: Deployment, change?: ChangeKind): Promise<void> {
    const modelId = deployment.model.id;
    const projectId = deployment.project.id;
    await this.deps.pubsub.publish('DEPLOYMENT_UPDATED', {
      id: deployment.id,
      modelId,
      projectId,
      change,
      status: deployment.status,
    });
    // The model's deployment counts changed in this project only (a shared platform model's too).
    await this.deps.pubsub.publish('MODEL_UPDATED', { id: modelId, projectId });
  }
}
