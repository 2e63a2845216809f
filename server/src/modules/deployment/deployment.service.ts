import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { Logger } from '../../core/logger.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { toGlobalId } from '../../graphql/relay.js';
import type { Runtime, RuntimeDeploySpec } from '../../runtime/runtime.js';
import type { HuggingFaceModelSource } from '../huggingface/hf-model.source.js';
import type { ProjectQuotaService } from '../project/project-quota.service.js';
import { Role } from '../user/role.js';
import type { Viewer } from '../user/viewer.js';
import { DeploymentCommands, findDeployment } from './deployment.commands.js';
import type { Deployment } from './deployment.entity.js';
import type { EventLevel } from './deployment.enums.js';
import type {
  DeployModelInput,
  DeploymentIdInput,
  PlanDeploymentInput,
  RedeployDeploymentInput,
  RollbackDeploymentInput,
  UpdateDeploymentInput,
} from './deployment.inputs.js';
import { DeploymentLifecycle } from './deployment.lifecycle.js';
import { DeploymentModelSource } from './deployment.model-source.js';
import type {
  DeleteDeploymentPayload,
  DeploymentPayload,
  PlanDeploymentPayload,
} from './deployment.payloads.js';
import { DeploymentPublisher, type DeploymentStatusListener } from './deployment.publisher.js';
import { DeploymentReconciler, type ReconcilerFleet } from './deployment.reconciler.js';
import { DeploymentSpecBuilder } from './deployment.runtime-spec.js';
import { DeploymentAdapterCommands } from './deployment-adapter.commands.js';
import { DeploymentVersionCommands } from './deployment-version.commands.js';
import { DeploymentVersion } from './deployment-version.entity.js';
import { DeploymentCanaryCommands, type CanaryActor } from './deployment-canary.commands.js';
import type {
  PromoteCanaryInput,
  RollbackCanaryInput,
  SetCanaryWeightInput,
  StartCanaryInput,
} from './deployment-canary.inputs.js';

export type { DeploymentStatusChange, DeploymentStatusListener } from './deployment.publisher.js';

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
  /** Leadership and the reconcile gate when several instances share the database. */
  fleet?: ReconcilerFleet;
  /** The projects' quotas, consulted by deploy, redeploy, rollback and retrigger; omitted, nothing is limited. */
  quotas?: ProjectQuotaService;
}

/**
 * The deployment domain's one entry point for resolvers, serving and the app: it composes the commands, the
 * model source, the lifecycle (runtime events → statuses, by the table in `deployment.transitions.ts`) and the
 * reconciler, so callers need not know how the work is divided.
 */
export class DeploymentService {
  private readonly publisher: DeploymentPublisher;
  private readonly specs: DeploymentSpecBuilder;
  private readonly lifecycle: DeploymentLifecycle;
  private readonly reconciler: DeploymentReconciler;
  private readonly commands: DeploymentCommands;
  private readonly versionCommands: DeploymentVersionCommands;
  private changes: AsyncIterableIterator<unknown> | undefined;
  /** attachAdapter / detachAdapter and the attached list (their own resolver uses them directly). */
  readonly adapters: DeploymentAdapterCommands;
  private readonly canaryCommands: DeploymentCanaryCommands;

  constructor(private readonly deps: DeploymentServiceDeps) {
    const { orm, runtime, pubsub, logger, hardwareProfiles, modelStoreDir, huggingFace } = deps;
    this.publisher = new DeploymentPublisher({ orm, pubsub, logger });
    this.specs = new DeploymentSpecBuilder({ orm, modelStoreDir, huggingFace });
    const { fleet } = deps;
    this.lifecycle = new DeploymentLifecycle({
      orm,
      runtime,
      logger,
      publisher: this.publisher,
      specs: this.specs,
      appliesEvents: fleet && runtime.reconcile ? () => fleet.isLeader() : undefined,
    });
    this.reconciler = new DeploymentReconciler({
      orm,
      runtime,
      logger,
      publisher: this.publisher,
      specs: this.specs,
      lifecycle: this.lifecycle,
      fleet: deps.fleet,
    });
    const parts = {
      runtime,
      pubsub,
      logger,
      hardwareProfiles,
      huggingFace,
      publisher: this.publisher,
      modelSource: new DeploymentModelSource({ runtimeName: runtime.name, huggingFace }),
      specs: this.specs,
      lifecycle: this.lifecycle,
      reconciler: this.reconciler,
      quotas: deps.quotas,
    };
    this.commands = new DeploymentCommands(parts);
    this.versionCommands = new DeploymentVersionCommands(parts);
    this.adapters = new DeploymentAdapterCommands(parts);
    this.canaryCommands = new DeploymentCanaryCommands(parts);
  }

  close(): void {
    void this.changes?.return?.();
    this.reconciler.close();
    this.lifecycle.close();
    this.publisher.clearListeners();
  }

  /** Hears every status change this instance applies; returns the unsubscribe function. */
  onStatusChange(listener: DeploymentStatusListener): () => void {
    return this.publisher.onStatusChange(listener);
  }

  /** Resolves once every queued runtime event has been applied (tests and shutdown). */
  async settled(): Promise<void> {
    await this.reconciler.settled();
    await this.lifecycle.settled();
  }

  // ---------------------------------------------------------------- mutations

  deployModel(em: EntityManager, viewer: Viewer | null, input: DeployModelInput): Promise<DeploymentPayload> {
    return this.commands.deployModel(em, viewer, input);
  }

  redeployDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: RedeployDeploymentInput,
  ): Promise<DeploymentPayload> {
    return this.versionCommands.redeployDeployment(em, viewer, input);
  }

  rollbackDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: RollbackDeploymentInput,
  ): Promise<DeploymentPayload> {
    return this.versionCommands.rollbackDeployment(em, viewer, input);
  }

  retriggerDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: DeploymentIdInput,
  ): Promise<DeploymentPayload> {
    return this.versionCommands.retriggerDeployment(em, viewer, input);
  }

  undeployDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: DeploymentIdInput,
  ): Promise<DeploymentPayload> {
    return this.versionCommands.undeployDeployment(em, viewer, input);
  }

  deleteDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: DeploymentIdInput,
  ): Promise<DeleteDeploymentPayload> {
    return this.commands.deleteDeployment(em, viewer, input);
  }

  updateDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: UpdateDeploymentInput,
  ): Promise<DeploymentPayload> {
    return this.commands.updateDeployment(em, viewer, input);
  }

  startCanary(em: EntityManager, viewer: Viewer | null, input: StartCanaryInput): Promise<DeploymentPayload> {
    return this.canaryCommands.startCanary(em, viewer, input);
  }

  setCanaryWeight(
    em: EntityManager,
    viewer: Viewer | null,
    input: SetCanaryWeightInput,
  ): Promise<DeploymentPayload> {
    return this.canaryCommands.setCanaryWeight(em, viewer, input);
  }

  promoteCanary(
    em: EntityManager,
    viewer: Viewer | null,
    input: PromoteCanaryInput,
  ): Promise<DeploymentPayload> {
    return this.canaryCommands.promoteCanary(em, viewer, input);
  }

  /** A user's rollback, or the system's (`{ system: reason }`: the canary guard, with its figures). */
  rollbackCanary(
    em: EntityManager,
    who: CanaryActor,
    input: RollbackCanaryInput,
  ): Promise<DeploymentPayload> {
    return this.canaryCommands.rollbackCanary(em, who, input);
  }

  /** Dry run of deployModel: its validation, then whether the runtime would place it now. */
  planDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: PlanDeploymentInput,
  ): Promise<PlanDeploymentPayload> {
    return this.commands.planDeployment(em, viewer, input);
  }

  // ---------------------------------------------------------------- reconciliation

  /** On start: active deployments come back up; what the runtime runs without a reason is stopped. */
  reconcile(): Promise<void> {
    return this.reconciler.reconcile();
  }

  /** Re-runs reconcile() every `intervalMs` when the runtime reconciles itself (0 disables). */
  reconcilePeriodically(intervalMs: number): void {
    this.reconciler.reconcilePeriodically(intervalMs);
  }

  /**
   * On a runtime the fleet shares, the leader follows what another instance just deployed (its events are the
   * leader's to apply): a change of any deployment, heard through the pub/sub, brings a reconciliation within a
   * second (changes within that second share it). Nothing to do outside a fleet.
   */
  reconcileOnChanges(): void {
    const { fleet, runtime, pubsub, logger } = this.deps;
    if (!fleet || !runtime.reconcile || this.changes) return;
    const changes = pubsub.subscribe('DEPLOYMENT_UPDATED');
    this.changes = changes;
    let timer: NodeJS.Timeout | undefined;
    (async () => {
      for await (const _change of changes) {
        if (timer || !fleet.isLeader()) continue;
        timer = setTimeout(() => {
          timer = undefined;
          this.reconcile().catch((error: unknown) =>
            logger.error({ err: error }, 'reconciling after a change on another instance failed'),
          );
        }, 1000);
        timer.unref();
      }
    })().catch((error: unknown) => logger.error({ err: error }, 'deployment changes are no longer heard'));
  }

  // ---------------------------------------------------------------- reads and event lines

  /** A read: the request's session sees the viewer's projects only. */
  findDeployment(em: EntityManager, globalId: string, viewer: Viewer | null): Promise<Deployment> {
    return findDeployment(em, globalId, viewer, Role.VIEWER, 'Reading a deployment');
  }

  /** Adds an event line to a deployment by its public id (the autoscaler's decisions). */
  logEvent(deploymentId: string, level: EventLevel, message: string): Promise<void> {
    return this.publisher.logEvent(deploymentId, level, message);
  }

  recordEvent(
    em: EntityManager,
    deployment: Deployment,
    version: number | null,
    level: EventLevel,
    message: string,
  ): Promise<void> {
    return this.publisher.recordEvent(em, deployment, version, level, message);
  }

  publishDeployment(deployment: Deployment): Promise<void> {
    return this.publisher.publishDeployment(deployment);
  }

  /** Builds what the runtime needs from a deployment's model and a configuration. */
  buildSpec(deployment: Deployment, version: number, config: DeploymentConfig): Promise<RuntimeDeploySpec> {
    return this.specs.build(deployment, version, config);
  }

  /**
   * Claims the one "endpoint ready" notification of a version: true for the first caller only, on every instance
   * and across restarts (the claim is a conditional update of `notified_at`). A crash between the claim and the
   * send loses that notification rather than sending it twice.
   */
  async claimReadyNotification(deploymentRowId: string, version: number): Promise<boolean> {
    const claimed = await this.deps.orm.em
      .fork()
      .nativeUpdate(
        DeploymentVersion,
        { deployment: deploymentRowId, version, notifiedAt: null },
        { notifiedAt: new Date() },
      );
    return claimed > 0;
  }

  globalIdOf(deployment: Deployment): string {
    return toGlobalId('Deployment', deployment.id);
  }
}
