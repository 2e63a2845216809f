import { ChangeKind } from '../../graphql/change-kind.js';
import { ref, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { randomBytes } from 'node:crypto';
import { basename, isAbsolute, join } from 'node:path';
import { notFound } from '../../graphql/errors.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { fromGlobalId, toGlobalId, tryFromGlobalId } from '../../graphql/relay.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import type { Logger } from '../../core/logger.js';
import type {
  Runtime,
  RuntimeDeploySpec,
  RuntimeEvent,
  RuntimeExpectedDeployment,
} from '../../runtime/runtime.js';
import { recordAudit } from '../audit/audit.service.js';
import { CATALOG } from '../catalog/catalog.data.js';
import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { HuggingFaceModelSource } from '../huggingface/hf-model.source.js';
import { Model } from '../model/model.entity.js';
import { ModelKind, ModelSource, ModelStatus, ModelFormat } from '../model/model.enums.js';
import { Role } from '../user/role.js';
import { requireRole, type Viewer } from '../user/viewer.js';
import type {
  DeploymentConfig,
  ParametersConfig,
  ScalingConfig,
} from '../../core/deployment-config/deployment-config.js';
import { DeploymentEvent } from './deployment-event.entity.js';
import { DeploymentVersion } from './deployment-version.entity.js';
import { Deployment } from './deployment.entity.js';
import {
  ACTIVE_STATUSES,
  DeploymentStatus,
  EventLevel,
  VersionStatus,
  VersionTrigger,
} from './deployment.enums.js';
import type {
  DeployModelInput,
  DeploymentIdInput,
  PlanDeploymentInput,
  RedeployDeploymentInput,
  RollbackDeploymentInput,
  UpdateDeploymentInput,
} from './deployment.inputs.js';
import {
  deploymentPayload,
  planDeploymentPayload,
  type DeleteDeploymentPayload,
  type DeploymentPayload,
  type PlanDeploymentPayload,
} from './deployment.payloads.js';
import {
  ALLOWED_FROM,
  stripNullish,
  validateDescription,
  validateHardware,
  validateName,
  validateOptimization,
  validateParameters,
  validateScaling,
  validateTags,
  validateTimeout,
  withDefaults,
} from './deployment.rules.js';
import { versionedName } from './versioned-name.js';

export interface DeploymentServiceDeps {
  orm: MikroORM;
  runtime: Runtime;
  pubsub: HangarPubSub;
  logger: Logger;
  hardwareProfiles: HardwareProfile[];
  /** Root of the model store; Model.storagePath is relative to it. */
  modelStoreDir: string;
  /** Deploys from Hugging Face repositories (checks, model record, GGUF download). */
  huggingFace?: HuggingFaceModelSource;
}

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

/** Public deployment ids: `dpl-` + 12 base32 characters (60 bits), readable in URLs and logs. */
function newDeploymentId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  return 'dpl-' + Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Owns the deployment lifecycle: validates and records what users ask (versions, history, audit), hands the work
 * to the runtime, and turns the runtime's events into statuses and live updates.
 */
export class DeploymentService {
  /** Runtime events are applied one at a time per deployment, in arrival order. */
  private readonly eventChains = new Map<string, Promise<void>>();
  private readonly unsubscribeRuntime: () => void;
  private readonly statusListeners = new Set<DeploymentStatusListener>();
  /** Mutations that are recording a version and handing it to the runtime (or stopping it) right now. */
  private readonly lifecycleOps = new Set<Promise<unknown>>();
  private reconciling: Promise<void> | null = null;
  private reconcileTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: DeploymentServiceDeps) {
    this.unsubscribeRuntime = deps.runtime.onEvent((event) => this.enqueueRuntimeEvent(event));
  }

  close(): void {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    this.reconcileTimer = null;
    this.unsubscribeRuntime();
    this.statusListeners.clear();
  }

  /** Hears every status change this instance applies; returns the unsubscribe function. */
  onStatusChange(listener: DeploymentStatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private notifyStatus(deployment: Deployment, version: DeploymentVersion | null): void {
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
        this.deps.logger.error({ err: error }, 'a deployment status listener failed');
      }
    }
  }

  /** Resolves once every queued runtime event has been applied (tests and shutdown). */
  async settled(): Promise<void> {
    await this.reconciling?.catch(() => undefined);
    await Promise.all([...this.eventChains.values()]);
  }

  // ---------------------------------------------------------------- mutations

  async deployModel(
    em: EntityManager,
    viewer: Viewer | null,
    input: DeployModelInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Deploying a model');
    const errors: UserError[] = [];
    const model = await this.resolveModelToDeploy(em, input, errors, actor);
    if (!input.acceptTerms) {
      errors.push(
        userError(
          ['input', 'acceptTerms'],
          UserErrorCode.TERMS_NOT_ACCEPTED,
          'Accept the terms and conditions to deploy.',
        ),
      );
    }
    errors.push(...validateName(input.name, ['input', 'name']));
    errors.push(...validateDescription(input.description ?? '', ['input', 'description']));
    errors.push(...validateTags(input.tags ?? [], ['input', 'tags']));
    const config = this.configFromInput(input, model, errors);
    const timeout = input.endpointTimeoutSeconds ?? 60;
    errors.push(...validateTimeout(timeout, ['input', 'endpointTimeoutSeconds']));
    if (errors.length || !model) return deploymentPayload(null, errors);

    return this.duringLifecycle(() => this.createDeployment(em, actor, input, model, config, timeout));
  }

  private async createDeployment(
    em: EntityManager,
    actor: Viewer,
    input: DeployModelInput,
    model: Model,
    config: DeploymentConfig,
    timeout: number,
  ): Promise<DeploymentPayload> {
    const startNow = input.startNow ?? true;
    const deployment = em.create(Deployment, {
      deploymentId: newDeploymentId(),
      model,
      name: input.name.trim(),
      description: input.description ?? '',
      tags: normalizeTags(input.tags ?? []),
      status: startNow ? DeploymentStatus.DEPLOYING : DeploymentStatus.READY_TO_DEPLOY,
      config,
      endpointTimeoutSeconds: timeout,
      currentVersion: 0,
      createdBy: actor.user,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const version = startNow ? this.addVersion(em, deployment, actor, config, VersionTrigger.DEPLOY) : null;
    recordAudit(
      em,
      actor,
      'deployModel',
      { type: 'Deployment', id: deployment.globalId },
      {
        model: model.name,
        deploymentId: deployment.deploymentId,
        startNow,
      },
    );
    await em.flush();
    await this.publishDeployment(deployment, ChangeKind.CREATED);
    const download = this.deps.huggingFace?.whenDownloaded(model.id);
    if (version && download) void this.startAfterDownload(deployment.id, version.version, download);
    else if (version) await this.startVersion(em, deployment, version);
    return deploymentPayload(deployment);
  }

  /** A Hugging Face model is served once its files are in the store; a failed download fails the version. */
  private async startAfterDownload(
    id: string,
    versionNumber: number,
    download: Promise<void>,
  ): Promise<void> {
    const em = this.deps.orm.em.fork();
    let deployment = await em.findOne(Deployment, { id });
    if (!deployment) return;
    await this.recordEvent(
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
    if (
      !deployment ||
      deployment.currentVersion !== versionNumber ||
      deployment.status === DeploymentStatus.UNDEPLOYED
    ) {
      return;
    }
    if (failure) {
      await this.failVersion(em, deployment, versionNumber, failure);
      return;
    }
    const version = await em.findOne(DeploymentVersion, { deployment, version: versionNumber });
    if (version) await this.startVersion(em, deployment, version);
  }

  async redeployDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: RedeployDeploymentInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Redeploying');
    const deployment = await this.findDeployment(em, input.id);
    const model = await deployment.model.load();
    const errors = this.stateErrors(deployment, 'redeploy');
    const current = deployment.config;
    const config: DeploymentConfig = {
      optimization: input.optimization
        ? { technique: input.optimization.technique, quantization: input.optimization.quantization ?? 'NONE' }
        : current.optimization,
      parameters: { ...current.parameters, ...stripNullish<ParametersConfig>(input.parameters ?? {}) },
      hardwareProfileId: input.hardwareProfileId ?? current.hardwareProfileId,
      scaling: { ...current.scaling, ...stripNullish<ScalingConfig>(input.scaling ?? {}) },
    };
    errors.push(...this.validateConfig(config, model ?? null, ['input']));
    if (errors.length) return deploymentPayload(null, errors);
    return this.duringLifecycle(() =>
      this.newVersion(em, actor, deployment, config, VersionTrigger.REDEPLOY, 'redeployDeployment'),
    );
  }

  async rollbackDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: RollbackDeploymentInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Rolling back');
    const deployment = await this.findDeployment(em, input.id);
    const errors = this.stateErrors(deployment, 'rollback');
    const earlier = await em.findOne(DeploymentVersion, { deployment, version: input.version });
    if (!earlier) {
      errors.push(
        userError(
          ['input', 'version'],
          UserErrorCode.NOT_FOUND,
          `This deployment has no version ${input.version}.`,
        ),
      );
    } else {
      const model = await deployment.model.load();
      errors.push(...this.validateConfig(earlier.config, model ?? null, ['input', 'version']));
    }
    if (errors.length || !earlier) return deploymentPayload(null, errors);
    return this.duringLifecycle(() =>
      this.newVersion(
        em,
        actor,
        deployment,
        earlier.config,
        VersionTrigger.ROLLBACK,
        'rollbackDeployment',
        earlier.version,
      ),
    );
  }

  async retriggerDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: DeploymentIdInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Re-triggering a deployment');
    const deployment = await this.findDeployment(em, input.id);
    const errors = this.stateErrors(deployment, 'retrigger');
    if (errors.length) return deploymentPayload(null, errors);
    const trigger = deployment.currentVersion === 0 ? VersionTrigger.DEPLOY : VersionTrigger.RETRIGGER;
    return this.duringLifecycle(() =>
      this.newVersion(em, actor, deployment, deployment.config, trigger, 'retriggerDeployment'),
    );
  }

  async undeployDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: DeploymentIdInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Undeploying');
    const deployment = await this.findDeployment(em, input.id);
    const errors = this.stateErrors(deployment, 'undeploy');
    if (errors.length) return deploymentPayload(null, errors);
    recordAudit(em, actor, 'undeployDeployment', { type: 'Deployment', id: deployment.globalId });
    await this.duringLifecycle(() => this.undeploy(em, deployment, actor, null));
    return deploymentPayload(deployment);
  }

  async deleteDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: DeploymentIdInput,
  ): Promise<DeleteDeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Deleting a deployment');
    const deployment = await this.findDeployment(em, input.id);
    const errors = this.stateErrors(deployment, 'delete');
    if (errors.length) return { deletedDeploymentId: null, userErrors: errors };
    const globalId = deployment.globalId;
    const modelId = deployment.model.id;
    recordAudit(
      em,
      actor,
      'deleteDeployment',
      { type: 'Deployment', id: globalId },
      { name: deployment.name },
    );
    await em.nativeDelete(DeploymentEvent, { deployment });
    await em.nativeDelete(DeploymentVersion, { deployment });
    em.remove(deployment);
    await em.flush();
    await this.deps.pubsub.publish('DEPLOYMENT_UPDATED', {
      id: deployment.id,
      modelId,
      change: ChangeKind.DELETED,
    });
    await this.deps.pubsub.publish('MODEL_UPDATED', { id: modelId });
    return { deletedDeploymentId: globalId, userErrors: [] };
  }

  async updateDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: UpdateDeploymentInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Editing a deployment');
    const deployment = await this.findDeployment(em, input.id);
    const errors: UserError[] = [];
    if (input.description != null)
      errors.push(...validateDescription(input.description, ['input', 'description']));
    if (input.tags != null) errors.push(...validateTags(input.tags, ['input', 'tags']));
    if (input.endpointTimeoutSeconds != null) {
      errors.push(...validateTimeout(input.endpointTimeoutSeconds, ['input', 'endpointTimeoutSeconds']));
    }
    if (errors.length) return deploymentPayload(null, errors);
    const changes: Record<string, unknown> = {};
    if (input.description != null) deployment.description = changes.description = input.description;
    if (input.tags != null) deployment.tags = (changes.tags = normalizeTags(input.tags)) as string[];
    if (input.endpointTimeoutSeconds != null) {
      deployment.endpointTimeoutSeconds = changes.endpointTimeoutSeconds = input.endpointTimeoutSeconds;
    }
    recordAudit(em, actor, 'updateDeployment', { type: 'Deployment', id: deployment.globalId }, changes);
    await em.flush();
    await this.publishDeployment(deployment);
    return deploymentPayload(deployment);
  }

  /**
   * Dry run of deployModel's configuration: the same validation (as userErrors), then the runtime's verdict on
   * whether it would place it now. Records nothing, not even a catalog entry's model record.
   */
  async planDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: PlanDeploymentInput,
  ): Promise<PlanDeploymentPayload> {
    requireRole(viewer, Role.VIEWER, 'Planning a deployment');
    const errors: UserError[] = [];
    const model = await this.resolveModelToDeploy(em, input, errors, null);
    const config = this.configFromInput(input, model, errors);
    if (errors.length || !model) return planDeploymentPayload(null, [], errors);
    const runtime = this.deps.runtime;
    if (!runtime.plan) return planDeploymentPayload(true, []);
    // A fresh id: the plan is for a new deployment, never compared with an existing job.
    const spec = this.specFor(model, newDeploymentId(), 1, config);
    try {
      const { fits, reasons } = await runtime.plan(spec);
      return planDeploymentPayload(fits, reasons);
    } catch (error) {
      // Like deploy(), a runtime throws for what it refuses at once; the message is meant for users.
      this.deps.logger.warn({ err: error }, 'planning a deployment failed');
      return planDeploymentPayload(false, [error instanceof Error ? error.message : String(error)]);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * On start (and periodically for runtimes that reconcile themselves): active deployments come back up; what the
   * runtime runs without a reason is stopped. Never overlaps a mutation that is starting or stopping a version,
   * so the database it reads and what the runtime runs cannot disagree mid-change (no double submission).
   */
  async reconcile(): Promise<void> {
    for (;;) {
      if (this.reconciling) {
        await this.reconciling.catch(() => undefined);
      } else if (this.lifecycleOps.size > 0) {
        await Promise.allSettled([...this.lifecycleOps]);
      } else {
        break;
      }
    }
    const run: Promise<void> = this.reconcileNow().finally(() => {
      if (this.reconciling === run) this.reconciling = null;
    });
    this.reconciling = run;
    await run;
  }

  /** Re-runs reconcile() every `intervalMs` when the runtime reconciles itself (0 disables). */
  reconcilePeriodically(intervalMs: number): void {
    if (!this.deps.runtime.reconcile || intervalMs <= 0 || this.reconcileTimer) return;
    this.reconcileTimer = setInterval(() => {
      if (this.reconciling) return;
      this.reconcile().catch((error: unknown) =>
        this.deps.logger.error({ err: error }, 'periodic reconciliation failed'),
      );
    }, intervalMs);
    // A pending reconciliation must not keep the process alive.
    this.reconcileTimer.unref();
  }

  /** Runs `work` (which records a version and calls the runtime) after any reconciliation in progress. */
  private async duringLifecycle<T>(work: () => Promise<T>): Promise<T> {
    while (this.reconciling) await this.reconciling.catch(() => undefined);
    const op = work();
    this.lifecycleOps.add(op);
    try {
      return await op;
    } finally {
      this.lifecycleOps.delete(op);
    }
  }

  private async reconcileNow(): Promise<void> {
    if (this.deps.runtime.reconcile) {
      await this.reconcileThroughRuntime(this.deps.runtime.reconcile.bind(this.deps.runtime));
      return;
    }
    const em = this.deps.orm.em.fork();
    const active = await em.find(
      Deployment,
      { status: { $in: [...ACTIVE_STATUSES] } },
      { populate: ['model'] },
    );
    const running = new Set(await this.deps.runtime.activeDeployments());
    for (const deployment of active) {
      if (running.has(deployment.deploymentId)) continue;
      const version = await em.findOne(DeploymentVersion, { deployment, version: deployment.currentVersion });
      if (!version) continue;
      if (deployment.status === DeploymentStatus.DEPLOYED) {
        deployment.status = DeploymentStatus.DEPLOYING;
        await em.flush();
      }
      await this.recordEvent(
        em,
        deployment,
        version.version,
        EventLevel.WARNING,
        'Resuming after a server restart.',
      );
      await this.publishDeployment(deployment);
      await this.startVersion(em, deployment, version);
    }
    const wanted = new Set(active.map((d) => d.deploymentId));
    for (const deploymentId of running) {
      if (!wanted.has(deploymentId)) {
        this.deps.logger.warn({ deploymentId }, 'stopping replicas of a deployment that is not active');
        await this.deps.runtime.stop(deploymentId);
      }
    }
  }

  /** Hands the runtime the whole expected state; it adopts, submits and stops in one pass. */
  private async reconcileThroughRuntime(reconcile: NonNullable<Runtime['reconcile']>): Promise<void> {
    const em = this.deps.orm.em.fork();
    const active = await em.find(
      Deployment,
      { status: { $in: [...ACTIVE_STATUSES] } },
      { populate: ['model'] },
    );
    const expected: RuntimeExpectedDeployment[] = [];
    for (const deployment of active) {
      const version = await em.findOne(DeploymentVersion, { deployment, version: deployment.currentVersion });
      if (!version) continue;
      expected.push({
        deploymentId: deployment.deploymentId,
        spec: await this.buildSpec(deployment, version.version, version.config),
      });
    }
    const result = await reconcile(expected);
    const lines: [string[], EventLevel, string][] = [
      [
        result.submitted,
        EventLevel.WARNING,
        'The runtime was not running this deployment; submitted it again.',
      ],
      [result.adopted, EventLevel.INFO, 'Following the running deployment again after a server restart.'],
    ];
    for (const [deploymentIds, level, message] of lines) {
      for (const deploymentId of deploymentIds) {
        const deployment = active.find((d) => d.deploymentId === deploymentId);
        if (deployment) await this.recordEvent(em, deployment, deployment.currentVersion, level, message);
      }
    }
    for (const deploymentId of result.stopped) {
      this.deps.logger.warn({ deploymentId }, 'stopped a runtime deployment that is not active');
    }
  }

  /** Builds what the runtime needs from a deployment's model and a configuration. */
  async buildSpec(
    deployment: Deployment,
    version: number,
    config: DeploymentConfig,
  ): Promise<RuntimeDeploySpec> {
    const model = await deployment.model.load();
    if (!model) throw new Error(`Deployment ${deployment.deploymentId} has no model.`);
    const spec = this.specFor(model, deployment.deploymentId, version, config);
    // A private Hugging Face repository: runtimes that pull weights themselves need the connection's token.
    const token = await this.deps.huggingFace?.tokenFor(this.deps.orm.em.fork(), model);
    if (token) spec.model.huggingFaceToken = token;
    return spec;
  }

  private specFor(
    model: Model,
    deploymentId: string,
    version: number,
    config: DeploymentConfig,
  ): RuntimeDeploySpec {
    const localPath = model.storagePath
      ? isAbsolute(model.storagePath)
        ? model.storagePath
        : join(this.deps.modelStoreDir, model.storagePath)
      : undefined;
    const huggingFaceRepoId =
      model.huggingFaceRepoId ??
      (model.catalogEntryId && model.source === ModelSource.PLATFORM ? model.catalogEntryId : undefined) ??
      undefined;
    return {
      deploymentId,
      version,
      config,
      model: {
        id: model.id,
        name: model.name,
        source: model.source,
        format: model.format,
        localPath,
        huggingFaceRepoId,
        // A GGUF repo holds one file per quantization: pull the one this model was imported from.
        huggingFaceFile:
          huggingFaceRepoId && localPath && model.format === ModelFormat.GGUF
            ? basename(localPath)
            : undefined,
        artifactDir: join(this.deps.modelStoreDir, 'artifacts', model.id),
      },
    };
  }

  private async newVersion(
    em: EntityManager,
    actor: Viewer,
    deployment: Deployment,
    config: DeploymentConfig,
    trigger: VersionTrigger,
    action: string,
    rolledBackFrom?: number,
  ): Promise<DeploymentPayload> {
    const version = this.addVersion(em, deployment, actor, config, trigger, rolledBackFrom);
    deployment.config = config;
    deployment.status = DeploymentStatus.DEPLOYING;
    deployment.failureReason = null;
    recordAudit(
      em,
      actor,
      action,
      { type: 'Deployment', id: deployment.globalId },
      {
        version: version.version,
        ...(rolledBackFrom ? { rolledBackFrom } : {}),
      },
    );
    await em.flush();
    await this.publishDeployment(deployment);
    await this.startVersion(em, deployment, version);
    return deploymentPayload(deployment);
  }

  private addVersion(
    em: EntityManager,
    deployment: Deployment,
    actor: Viewer,
    config: DeploymentConfig,
    trigger: VersionTrigger,
    rolledBackFrom?: number,
  ): DeploymentVersion {
    deployment.currentVersion += 1;
    return em.create(DeploymentVersion, {
      deployment,
      version: deployment.currentVersion,
      name: versionedName(deployment.name, deployment.currentVersion),
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
  private async startVersion(
    em: EntityManager,
    deployment: Deployment,
    version: DeploymentVersion,
  ): Promise<void> {
    await this.recordEvent(em, deployment, version.version, EventLevel.INFO, `Deploying ${version.name}.`);
    try {
      const spec = await this.buildSpec(deployment, version.version, version.config);
      await this.deps.runtime.deploy(spec);
    } catch (error) {
      await this.failVersion(em, deployment, version.version, (error as Error).message);
    }
  }

  private async undeploy(
    em: EntityManager,
    deployment: Deployment,
    actor: Viewer | null,
    reason: string | null,
  ) {
    const version = await em.findOne(DeploymentVersion, { deployment, version: deployment.currentVersion });
    const now = new Date();
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
    deployment.status = DeploymentStatus.UNDEPLOYED;
    await em.flush();
    await this.publishDeployment(deployment);
    await this.recordEvent(
      em,
      deployment,
      version?.version ?? null,
      EventLevel.INFO,
      'Undeploying: stopping replicas.',
    );
    await this.deps.runtime.stop(deployment.deploymentId);
    if (version) version.undeployEndedAt = new Date();
    await em.flush();
    await this.recordEvent(em, deployment, version?.version ?? null, EventLevel.INFO, 'Undeployed.');
    await this.publishDeployment(deployment);
    this.notifyStatus(deployment, version);
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
    const em = this.deps.orm.em.fork();
    const deployment = await em.findOne(Deployment, { deploymentId: event.deploymentId });
    if (!deployment) return;
    switch (event.type) {
      case 'progress':
        await this.recordEvent(em, deployment, event.version, EventLevel.INFO, event.message);
        return;
      case 'replicas':
        await this.publishDeployment(deployment);
        return;
      case 'optimizing':
        await this.recordEvent(em, deployment, event.version, EventLevel.INFO, event.message);
        if (event.version === deployment.currentVersion && deployment.status === DeploymentStatus.DEPLOYING) {
          deployment.status = DeploymentStatus.OPTIMIZING;
          await em.flush();
          await this.publishDeployment(deployment);
        }
        return;
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
    if (!version || versionNumber !== deployment.currentVersion) return;
    if (deployment.status === DeploymentStatus.UNDEPLOYED) return;
    if (version.status === VersionStatus.DEPLOYING) {
      version.status = VersionStatus.SUCCESS;
      version.endedAt = new Date();
    }
    deployment.status = DeploymentStatus.DEPLOYED;
    deployment.failureReason = null;
    await em.flush();
    await this.recordEvent(em, deployment, versionNumber, EventLevel.INFO, `${version.name} is deployed.`);
    await this.publishDeployment(deployment);
    this.notifyStatus(deployment, version);
  }

  private async failVersion(
    em: EntityManager,
    deployment: Deployment,
    versionNumber: number,
    reason: string,
  ) {
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
    if (versionNumber === deployment.currentVersion && deployment.status !== DeploymentStatus.UNDEPLOYED) {
      deployment.status = DeploymentStatus.FAILED;
      deployment.failureReason = reason;
    }
    await em.flush();
    await this.recordEvent(
      em,
      deployment,
      versionNumber,
      EventLevel.ERROR,
      `${version.name} failed: ${reason}`,
    );
    await this.publishDeployment(deployment);
    this.notifyStatus(deployment, version);
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
      version,
      level,
      message,
      at: event.at.toISOString(),
    });
  }

  async publishDeployment(deployment: Deployment, change?: ChangeKind): Promise<void> {
    const modelId = deployment.model.id;
    await this.deps.pubsub.publish('DEPLOYMENT_UPDATED', { id: deployment.id, modelId, change });
    await this.deps.pubsub.publish('MODEL_UPDATED', { id: modelId });
  }

  // ---------------------------------------------------------------- helpers

  async findDeployment(em: EntityManager, globalId: string): Promise<Deployment> {
    const { id } = fromGlobalId(globalId, 'Deployment');
    const deployment = await em.findOne(Deployment, { id });
    if (!deployment) throw notFound('Deployment', globalId);
    return deployment;
  }

  private stateErrors(deployment: Deployment, action: keyof typeof ALLOWED_FROM): UserError[] {
    if (ALLOWED_FROM[action].includes(deployment.status)) return [];
    return [
      userError(
        ['input', 'id'],
        UserErrorCode.INVALID_STATE,
        `A deployment that is ${deployment.status} cannot be ${ACTION_WORDS[action]}; allowed when ${ALLOWED_FROM[action].join(', ')}.`,
      ),
    ];
  }

  /** The wizard's configuration with defaults, its violations appended to `errors` (deployModel, planDeployment). */
  private configFromInput(
    input: Pick<DeployModelInput, 'optimization' | 'parameters' | 'hardwareProfileId' | 'scaling'>,
    model: Model | null,
    errors: UserError[],
  ): DeploymentConfig {
    const config = withDefaults({
      optimization: input.optimization,
      parameters: input.parameters,
      hardwareProfileId: input.hardwareProfileId,
      scaling: input.scaling,
    });
    errors.push(...this.validateConfig(config, model, ['input']));
    return config;
  }

  private validateConfig(config: DeploymentConfig, model: Model | null, path: string[]): UserError[] {
    const runtimeName = this.deps.runtime.name;
    return [
      ...(model
        ? validateOptimization(config.optimization, model, runtimeName, [...path, 'optimization'])
        : []),
      ...validateParameters(config.parameters, [...path, 'parameters']),
      ...validateHardware(config.hardwareProfileId, this.deps.hardwareProfiles, runtimeName, [
        ...path,
        'hardwareProfileId',
      ]),
      ...validateScaling(config.scaling, [...path, 'scaling']),
    ];
  }

  /**
   * The model a deploy (or plan) names. A catalog entry deployed for the first time gets its model record created
   * for `creator`; without a creator (a dry run) the record is built in memory and never persisted.
   */
  private async resolveModelToDeploy(
    em: EntityManager,
    input: Pick<DeployModelInput, 'modelId' | 'catalogEntryId' | 'huggingFace'>,
    errors: UserError[],
    creator: Viewer | null,
  ): Promise<Model | null> {
    if (input.huggingFace) {
      if (input.modelId || input.catalogEntryId) {
        errors.push(
          userError(
            ['input', 'huggingFace'],
            UserErrorCode.INVALID,
            'Give one source: modelId, catalogEntryId or huggingFace.',
          ),
        );
        return null;
      }
      if (!this.deps.huggingFace || !creator) {
        errors.push(
          userError(
            ['input', 'huggingFace'],
            UserErrorCode.UNSUPPORTED,
            creator
              ? 'Hugging Face deploys are not enabled.'
              : 'Plan a Hugging Face model after it is deployed once.',
          ),
        );
        return null;
      }
      return this.deps.huggingFace.prepare(em, creator, input.huggingFace, this.deps.runtime.name, errors);
    }
    if (input.modelId && input.catalogEntryId) {
      errors.push(
        userError(
          ['input', 'modelId'],
          UserErrorCode.INVALID,
          'Give either modelId or catalogEntryId, not both.',
        ),
      );
      return null;
    }
    if (input.modelId) {
      const id = tryFromGlobalId(input.modelId, 'Model');
      const model = id ? await em.findOne(Model, { id }) : null;
      if (!model) {
        errors.push(
          userError(['input', 'modelId'], UserErrorCode.NOT_FOUND, `No model has the ID "${input.modelId}".`),
        );
        return null;
      }
      if (model.status !== ModelStatus.READY_TO_DEPLOY) {
        errors.push(
          userError(
            ['input', 'modelId'],
            UserErrorCode.INVALID_STATE,
            `The model is ${model.status}; only READY_TO_DEPLOY models can be deployed.`,
          ),
        );
      }
      if (model.kind === ModelKind.ADAPTER) {
        errors.push(
          userError(
            ['input', 'modelId'],
            UserErrorCode.UNSUPPORTED,
            'Adapters are served with their base model; deploying an adapter alone is not supported yet.',
          ),
        );
      }
      return model;
    }
    if (input.catalogEntryId) {
      const entry = CATALOG.find((e) => e.id === input.catalogEntryId);
      if (!entry) {
        errors.push(
          userError(
            ['input', 'catalogEntryId'],
            UserErrorCode.NOT_FOUND,
            `The catalog has no entry "${input.catalogEntryId}".`,
          ),
        );
        return null;
      }
      const existing = await em.findOne(Model, { catalogEntryId: entry.id, source: ModelSource.PLATFORM });
      if (existing) return existing;
      const taken = await em.findOne(Model, { name: entry.name });
      const fields = {
        name: taken ? entry.id.replace('/', '--') : entry.name,
        description: entry.description,
        tags: [entry.family],
        source: ModelSource.PLATFORM,
        kind: ModelKind.BASE,
        format: ModelFormat.HF_SAFETENSORS,
        sizeBytes: 0,
        status: ModelStatus.READY_TO_DEPLOY,
        catalogEntryId: entry.id,
        huggingFaceRepoId: entry.id,
        createdAt: new Date(),
        updatedAt: new Date(),
      };
      if (!creator) return Object.assign(new Model(), fields);
      return em.create(Model, { ...fields, createdBy: creator.user });
    }
    errors.push(
      userError(
        ['input', 'modelId'],
        UserErrorCode.REQUIRED,
        'Choose a model (modelId) or a catalog entry (catalogEntryId).',
      ),
    );
    return null;
  }

  globalIdOf(deployment: Deployment): string {
    return toGlobalId('Deployment', deployment.id);
  }
}

const ACTION_WORDS: Record<keyof typeof ALLOWED_FROM, string> = {
  redeploy: 'redeployed',
  rollback: 'rolled back',
  retrigger: 're-triggered',
  undeploy: 'undeployed',
  delete: 'deleted (undeploy it first)',
};

function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}
