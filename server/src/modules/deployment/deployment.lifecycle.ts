import { ref, type EntityManager, type MikroORM } from '@mikro-orm/core';
import type { Logger } from '../../core/logger.js';
import type { Runtime, RuntimeEvent } from '../../runtime/runtime.js';
import type { DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import type { Viewer } from '../user/viewer.js';
import { DeploymentVersion } from './deployment-version.entity.js';
import { Deployment } from './deployment.entity.js';
import { EventLevel, VersionStatus, type DeploymentStatus, type VersionTrigger } from './deployment.enums.js';
import type { DeploymentPublisher } from './deployment.publisher.js';
import type { DeploymentSpecBuilder } from './deployment.runtime-spec.js';
import { signalTransition } from './deployment.transitions.js';
import { versionedName } from './versioned-name.js';
import { activeCanary, endedCanary } from './deployment-canary.rules.js';
import { CanaryState } from './deployment-canary.types.js';

export interface DeploymentLifecycleDeps {
  orm: MikroORM;
  runtime: Runtime;
  logger: Logger;
  publisher: DeploymentPublisher;
  specs: DeploymentSpecBuilder;
  /**
   * Whether this instance applies the runtime's events. A runtime shared by the fleet (Nomad) reports the same
   * events to every instance that follows a job: only the leader writes them, or every line would appear twice.
   */
  appliesEvents?: () => boolean;
}

/**
 * Moves versions through the runtime: starts and stops them, and turns the runtime's events into version records
 * and deployment statuses, as `deployment.transitions.ts` allows.
 */
export class DeploymentLifecycle {
  /** Runtime events are applied one at a time per deployment, in arrival order. */
  private readonly eventChains = new Map<string, Promise<void>>();
  private readonly unsubscribeRuntime: () => void;
  /** Deployments (row ids) whose current version waits for a Hugging Face download before it starts. */
  private readonly downloading = new Set<string>();

  constructor(private readonly deps: DeploymentLifecycleDeps) {
    this.unsubscribeRuntime = deps.runtime.onEvent((event) => {
      if (deps.appliesEvents && !deps.appliesEvents()) return;
      this.enqueueRuntimeEvent(event);
    });
  }

  close(): void {
    this.unsubscribeRuntime();
  }

  /** Resolves once every queued runtime event has been applied. */
  async settled(): Promise<void> {
    await Promise.all([...this.eventChains.values()]);
  }

  /**
   * Closes the current version when a new one replaces it before it was ready (a redeploy while it is still
   * DEPLOYING): nothing will report on it any more. The caller flushes.
   */
  async supersedeUnfinished(em: EntityManager, deployment: Deployment): Promise<void> {
    const previous = await em.findOne(DeploymentVersion, {
      deployment,
      version: deployment.currentVersion,
      status: VersionStatus.DEPLOYING,
    });
    if (!previous) return;
    previous.status = VersionStatus.FAILED;
    previous.failureReason = `Superseded by version ${deployment.currentVersion + 1} before it was ready.`;
    previous.endedAt = new Date();
  }

  /** Records the deployment's next version, still DEPLOYING; the caller flushes and starts it. */
  addVersion(
    em: EntityManager,
    deployment: Deployment,
    actor: Viewer,
    config: DeploymentConfig,
    trigger: VersionTrigger,
    rolledBackFrom?: number,
    canary = false,
  ): DeploymentVersion {
    // A canary is numbered in the history at once but becomes current only when promoted; numbers never repeat.
    const number = Math.max(deployment.currentVersion, deployment.canary?.version ?? 0) + 1;
    if (!canary) deployment.currentVersion = number;
    return em.create(DeploymentVersion, {
      deployment,
      version: number,
      name: versionedName(deployment.name, number),
      trigger,
      rolledBackFrom: rolledBackFrom ?? null,
      config,
      description: deployment.description,
      tags: deployment.tags,
      deployedBy: actor.user,
      startedAt: new Date(),
      status: VersionStatus.DEPLOYING,
      undeployedBySystem: false,
    });
  }

  /** Hands a version to the runtime; an immediate refusal fails the version with the runtime's reason. */
  async startVersion(em: EntityManager, deployment: Deployment, version: DeploymentVersion): Promise<void> {
    await this.deps.publisher.recordEvent(
      em,
      deployment,
      version.version,
      EventLevel.INFO,
      `Deploying ${version.name}.`,
    );
    try {
      const spec = await this.deps.specs.build(deployment, version.version, version.config);
      await this.deps.runtime.deploy(spec);
    } catch (error) {
      await this.failVersion(em, deployment, version.version, (error as Error).message);
    }
  }

  /** Hands a canary version to the runtime beside the current one; a refusal rolls the canary back at once. */
  async startCanaryVersion(
    em: EntityManager,
    deployment: Deployment,
    version: DeploymentVersion,
  ): Promise<void> {
    await this.deps.publisher.recordEvent(
      em,
      deployment,
      version.version,
      EventLevel.INFO,
      `Starting ${version.name} as a canary for ${deployment.canary?.weightPercent ?? 0} % of the requests.`,
    );
    try {
      const spec = await this.deps.specs.build(deployment, version.version, version.config);
      if (!this.deps.runtime.deployCanary)
        throw new Error(`The ${this.deps.runtime.name} runtime runs no canaries.`);
      await this.deps.runtime.deployCanary(spec);
    } catch (error) {
      await this.failVersion(em, deployment, version.version, (error as Error).message);
    }
  }

  /** Whether a version of this deployment waits for its download (the reconciler must not start it early). */
  isDownloading(id: string): boolean {
    return this.downloading.has(id);
  }

  /** A Hugging Face model is served once its files are in the store; a failed download fails the version. */
  async startAfterDownload(id: string, versionNumber: number, download: Promise<void>): Promise<void> {
    this.downloading.add(id);
    try {
      await this.startWhenDownloaded(id, versionNumber, download);
    } finally {
      this.downloading.delete(id);
    }
  }

  private async startWhenDownloaded(
    id: string,
    versionNumber: number,
    download: Promise<void>,
  ): Promise<void> {
    const em = this.deps.orm.em.fork();
    let deployment = await em.findOne(Deployment, { id });
    if (!deployment) return;
    await this.deps.publisher.recordEvent(
      em,
      deployment,
      versionNumber,
      EventLevel.INFO,
      'Downloading the model from Hugging Face.',
    );
    let failure: string | null = null;
    await download.catch((error: unknown) => (failure = (error as Error).message));
    em.clear();
    deployment = await em.findOne(Deployment, { id });
    if (!deployment) return;
    const current = deployment.currentVersion === versionNumber;
    if (!signalTransition(deployment.status, 'downloaded', current).allowed) return;
    if (failure) {
      await this.failVersion(em, deployment, versionNumber, failure);
      return;
    }
    const version = await em.findOne(DeploymentVersion, { deployment, version: versionNumber });
    if (version) await this.startVersion(em, deployment, version);
  }

  /** Stops the current version's replicas; `actor` null means the system stopped it. */
  async undeploy(
    em: EntityManager,
    deployment: Deployment,
    to: DeploymentStatus,
    actor: Viewer | null,
    reason: string | null,
  ): Promise<void> {
    const { publisher } = this.deps;
    const version = await em.findOne(DeploymentVersion, { deployment, version: deployment.currentVersion });
    const now = new Date();
    const canary = activeCanary(deployment);
    // The runtime stops the canary's replicas with the rest.
    if (canary)
      deployment.canary = endedCanary(
        canary,
        CanaryState.ROLLED_BACK,
        'The deployment was undeployed.',
        !actor,
      );
    if (version) {
      if (version.status === VersionStatus.DEPLOYING) {
        version.status = VersionStatus.FAILED;
        version.failureReason = 'Undeployed before it was ready.';
        version.endedAt = now;
      }
      version.undeployedBy = actor ? ref(actor.user) : null;
      version.undeployedBySystem = !actor;
      version.undeployReason = reason;
      version.undeployStartedAt = now;
    }
    deployment.status = to;
    await em.flush();
    await publisher.publishDeployment(deployment);
    const versionNumber = version?.version ?? null;
    await publisher.recordEvent(
      em,
      deployment,
      versionNumber,
      EventLevel.INFO,
      'Undeploying: stopping replicas.',
    );
    await this.deps.runtime.stop(deployment.deploymentId);
    if (version) version.undeployEndedAt = new Date();
    await em.flush();
    await publisher.recordEvent(em, deployment, versionNumber, EventLevel.INFO, 'Undeployed.');
    await publisher.publishDeployment(deployment);
    publisher.notifyStatus(deployment, version);
  }

  private enqueueRuntimeEvent(event: RuntimeEvent): void {
    const key = event.deploymentId;
    const previous = this.eventChains.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => this.applyRuntimeEvent(event))
      .catch((error: unknown) =>
        this.deps.logger.error({ err: error, event }, 'could not apply a runtime event'),
      );
    this.eventChains.set(key, next);
    void next.then(() => {
      if (this.eventChains.get(key) === next) this.eventChains.delete(key);
    });
  }

  private async applyRuntimeEvent(event: RuntimeEvent): Promise<void> {
    const { publisher } = this.deps;
    const em = this.deps.orm.em.fork();
    const deployment = await em.findOne(Deployment, { deploymentId: event.deploymentId });
    if (!deployment) return;
    switch (event.type) {
      case 'progress': {
        const level = event.level === 'warning' ? EventLevel.WARNING : EventLevel.INFO;
        await publisher.recordEvent(em, deployment, event.version, level, event.message);
        return;
      }
      case 'replicas':
        await publisher.publishDeployment(deployment);
        return;
      case 'optimizing': {
        await publisher.recordEvent(em, deployment, event.version, EventLevel.INFO, event.message);
        const current = event.version === deployment.currentVersion;
        const next = signalTransition(deployment.status, 'optimizing', current);
        if (next.allowed) {
          deployment.status = next.to;
          await em.flush();
          await publisher.publishDeployment(deployment);
        }
        return;
      }
      case 'ready':
        await this.markReady(em, deployment, event.version);
        return;
      case 'failed':
        await this.failVersion(em, deployment, event.version, event.reason);
        return;
    }
  }

  private async markReady(em: EntityManager, deployment: Deployment, versionNumber: number): Promise<void> {
    const version = await em.findOne(DeploymentVersion, { deployment, version: versionNumber });
    if (!version) return;
    if (activeCanary(deployment)?.version === versionNumber)
      return this.markCanaryReady(em, deployment, version);
    const next = signalTransition(deployment.status, 'ready', versionNumber === deployment.currentVersion);
    if (!next.allowed) return;
    if (version.status === VersionStatus.DEPLOYING) {
      version.status = VersionStatus.SUCCESS;
      version.endedAt = new Date();
    }
    deployment.status = next.to;
    deployment.failureReason = null;
    await em.flush();
    const { publisher } = this.deps;
    await publisher.recordEvent(
      em,
      deployment,
      versionNumber,
      EventLevel.INFO,
      `${version.name} is deployed.`,
    );
    await publisher.publishDeployment(deployment);
    publisher.notifyStatus(deployment, version);
  }

  private async markCanaryReady(
    em: EntityManager,
    deployment: Deployment,
    version: DeploymentVersion,
  ): Promise<void> {
    if (version.status !== VersionStatus.DEPLOYING) return;
    version.status = VersionStatus.SUCCESS;
    version.endedAt = new Date();
    await em.flush();
    const share = deployment.canary?.weightPercent ?? 0;
    const message = `${version.name} is serving ${share} % of the requests as a canary.`;
    await this.deps.publisher.recordEvent(em, deployment, version.version, EventLevel.INFO, message);
    await this.deps.publisher.publishDeployment(deployment);
  }

  async failVersion(
    em: EntityManager,
    deployment: Deployment,
    versionNumber: number,
    reason: string,
  ): Promise<void> {
    const version = await em.findOne(DeploymentVersion, { deployment, version: versionNumber });
    if (!version) return;
    const now = new Date();
    if (version.status === VersionStatus.DEPLOYING) {
      version.status = VersionStatus.FAILED;
      version.failureReason = reason;
      version.endedAt = now;
    } else if (version.status === VersionStatus.SUCCESS && !version.undeployStartedAt) {
      // It had served, then stopped on its own: the history shows an automatic un-deployment.
      version.undeployedBySystem = true;
      version.undeployReason = reason;
      version.undeployStartedAt = now;
      version.undeployEndedAt = now;
    }
    const next = signalTransition(deployment.status, 'failed', versionNumber === deployment.currentVersion);
    if (next.allowed) {
      deployment.status = next.to;
      deployment.failureReason = reason;
    }
    const canary = activeCanary(deployment);
    if (canary?.version === versionNumber) {
      // A canary that cannot serve leaves the split: the current version takes every request again.
      deployment.canary = endedCanary(canary, CanaryState.ROLLED_BACK, `The canary failed: ${reason}`, true);
    }
    await em.flush();
    const { publisher } = this.deps;
    await publisher.recordEvent(
      em,
      deployment,
      versionNumber,
      EventLevel.ERROR,
      `${version.name} failed: ${reason}`,
    );
    await publisher.publishDeployment(deployment);
    publisher.notifyStatus(deployment, version);
  }
}
