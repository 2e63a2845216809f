import type { EntityManager } from '@mikro-orm/core';
import { randomBytes } from 'node:crypto';
import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { Logger } from '../../core/logger.js';
import type { DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import { escapeLike, likeCondition } from '../../db/json-filters.js';
import { ChangeKind } from '../../graphql/change-kind.js';
import { notFound } from '../../graphql/errors.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { fromGlobalId, toGlobalId, tryFromGlobalId } from '../../graphql/relay.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import type { Runtime } from '../../runtime/runtime.js';
import { recordAudit } from '../audit/audit.service.js';
import type { HuggingFaceModelSource } from '../huggingface/hf-model.source.js';
import { Model } from '../model/model.entity.js';
import { chooseProject } from '../project/project-choice.js';
import type { ProjectQuotaService } from '../project/project-quota.service.js';
import type { Project } from '../project/project.entity.js';
import { Role } from '../user/role.js';
import { requireProjectRole, requireRole, type Viewer } from '../user/viewer.js';
import { DeploymentEvent } from './deployment-event.entity.js';
import { DeploymentVersion } from './deployment-version.entity.js';
import { Deployment } from './deployment.entity.js';
import { VersionTrigger } from './deployment.enums.js';
import type {
  DeployModelInput,
  DeploymentIdInput,
  PlanDeploymentInput,
  UpdateDeploymentInput,
} from './deployment.inputs.js';
import type { DeploymentLifecycle } from './deployment.lifecycle.js';
import type { DeploymentModelSource } from './deployment.model-source.js';
import {
  deploymentPayload,
  planDeploymentPayload,
  type DeleteDeploymentPayload,
  type DeploymentPayload,
  type PlanDeploymentPayload,
} from './deployment.payloads.js';
import type { DeploymentPublisher } from './deployment.publisher.js';
import { CONFIG_QUOTA_FIELDS, withinQuota } from './deployment.quota.js';
import type { DeploymentReconciler } from './deployment.reconciler.js';
import {
  checkDeployInput,
  validateDescription,
  validateTags,
  validateTimeout,
  type DeployCheckContext,
} from './deployment.rules.js';
import type { DeploymentSpecBuilder } from './deployment.runtime-spec.js';
import { isServing } from './deployment.serving.js';
import {
  commandTransition,
  statusOfNewDeployment,
  transition,
  type Transition,
} from './deployment.transitions.js';

export interface DeploymentCommandsDeps {
  runtime: Runtime;
  pubsub: HangarPubSub;
  logger: Logger;
  hardwareProfiles: HardwareProfile[];
  huggingFace?: HuggingFaceModelSource;
  publisher: DeploymentPublisher;
  modelSource: DeploymentModelSource;
  specs: DeploymentSpecBuilder;
  lifecycle: DeploymentLifecycle;
  reconciler: DeploymentReconciler;
  /** The projects' quotas; omitted, nothing is limited. */
  quotas?: ProjectQuotaService;
}

/** Public deployment ids: `dpl-` + 12 base32 characters (60 bits), readable in URLs and logs. */
function newDeploymentId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  return 'dpl-' + Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

/**
 * The deployment a command acts on, through the request's scoped session (another project's is NOT_FOUND), with
 * the actor's role checked in its project. A null actor is the system (the canary guard).
 */
export async function findDeployment(
  em: EntityManager,
  globalId: string,
  actor: Viewer | null,
  required: Role = Role.DEPLOYER,
  action = 'This change',
): Promise<Deployment> {
  const { id } = fromGlobalId(globalId, 'Deployment');
  const deployment = await em.findOne(Deployment, { id });
  if (!deployment) throw notFound('Deployment', globalId);
  if (actor)
    requireProjectRole(actor, deployment.project.id, required, action, { type: 'Deployment', id: globalId });
  return deployment;
}

/** The state machine's refusal of a command as a userError on the deployment's id (none when allowed). */
export function stateRefusals(next: Transition): UserError[] {
  return next.allowed ? [] : [userError(['input', 'id'], UserErrorCode[next.code], next.message)];
}

/** What users ask: checks who asks and what the status allows, records versions, history and audit. */
export class DeploymentCommands {
  constructor(private readonly deps: DeploymentCommandsDeps) {}

  async deployModel(
    em: EntityManager,
    viewer: Viewer | null,
    input: DeployModelInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Deploying a model');
    const errors: UserError[] = [];
    const project = await chooseProject(
      em,
      actor,
      input.projectId ?? (await projectOfModel(em, input.modelId)),
      Role.DEPLOYER,
      'Deploying a model',
      errors,
    );
    if (!project) return deploymentPayload(null, errors);
    const model = await this.deps.modelSource.resolve(em, input, errors, actor, project);
    if (model?.project && model.project.id !== project.id) {
      // A model is deployed in its own project: to another, it does not exist.
      errors.push(
        userError(['input', 'modelId'], UserErrorCode.NOT_FOUND, `No model has the ID "${input.modelId}".`),
      );
    }
    const checked = checkDeployInput(input, this.checkContext(model), 'deploy');
    errors.push(...checked.errors);
    if (!errors.some((e) => e.field?.join('.') === 'input.name')) {
      const taken = await deploymentNamed(em, project.id, input.name.trim());
      if (taken) {
        const message = `A deployment named "${taken.name}" exists already (names are compared without regard to case): choose another name, or redeploy that one.`;
        errors.push(userError(['input', 'name'], UserErrorCode.TAKEN, message));
      }
    }
    const { config, endpointTimeoutSeconds: timeout } = checked;
    if (errors.length || !model) return deploymentPayload(null, errors);

    const create = () => this.createDeployment(em, actor, input, model, project, config, timeout);
    // A deployment saved without starting holds nothing yet: its quota is checked when it starts (retrigger).
    if (input.startNow === false) return this.deps.reconciler.duringLifecycle(create);
    return this.deps.reconciler.duringLifecycle(() =>
      withinQuota(
        this.deps.quotas,
        em,
        { project, next: config, current: null, fields: CONFIG_QUOTA_FIELDS },
        (refusals) => deploymentPayload(null, refusals),
        create,
      ),
    );
  }

  private async createDeployment(
    em: EntityManager,
    actor: Viewer,
    input: DeployModelInput,
    model: Model,
    project: Project,
    config: DeploymentConfig,
    timeout: number,
  ): Promise<DeploymentPayload> {
    const startNow = input.startNow ?? true;
    const deployment = em.create(Deployment, {
      deploymentId: newDeploymentId(),
      model,
      project,
      name: input.name.trim(),
      description: input.description ?? '',
      tags: normalizeTags(input.tags ?? []),
      status: statusOfNewDeployment(startNow),
      config,
      endpointTimeoutSeconds: timeout,
      currentVersion: 0,
      createdBy: actor.user,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const { lifecycle } = this.deps;
    const version = startNow
      ? lifecycle.addVersion(em, deployment, actor, config, VersionTrigger.DEPLOY)
      : null;
    recordAudit(
      em,
      actor,
      'deployModel',
      { type: 'Deployment', id: deployment.globalId, project: project.id },
      {
        model: model.name,
        deploymentId: deployment.deploymentId,
        startNow,
      },
    );
    await em.flush();
    await this.deps.publisher.publishDeployment(deployment, ChangeKind.CREATED);
    const download = this.deps.huggingFace?.whenDownloaded(model.id);
    if (version && download) void lifecycle.startAfterDownload(deployment.id, version.version, download);
    else if (version) await lifecycle.startVersion(em, deployment, version);
    return deploymentPayload(deployment);
  }

  async deleteDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: DeploymentIdInput,
  ): Promise<DeleteDeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Deleting a deployment');
    const deployment = await findDeployment(em, input.id, actor, Role.DEPLOYER, 'Deleting a deployment');
    const serving = isServing(this.deps.runtime, deployment.deploymentId);
    const errors = stateRefusals(commandTransition(deployment.status, 'delete', serving));
    if (errors.length) return { deletedDeploymentId: null, userErrors: errors };
    const globalId = deployment.globalId;
    const modelId = deployment.model.id;
    recordAudit(
      em,
      actor,
      'deleteDeployment',
      { type: 'Deployment', id: globalId, project: deployment.project.id },
      { name: deployment.name },
    );
    await em.nativeDelete(DeploymentEvent, { deployment });
    await em.nativeDelete(DeploymentVersion, { deployment });
    em.remove(deployment);
    await em.flush();
    // Lists drop the row, and gateways drop what they kept of it, on every instance.
    await this.deps.pubsub.publish('DEPLOYMENT_UPDATED', {
      id: deployment.id,
      modelId,
      projectId: deployment.project.id,
      change: ChangeKind.DELETED,
    });
    await this.deps.pubsub.publish('MODEL_UPDATED', { id: modelId, projectId: deployment.project.id });
    return { deletedDeploymentId: globalId, userErrors: [] };
  }

  async updateDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: UpdateDeploymentInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Editing a deployment');
    const deployment = await findDeployment(em, input.id, actor, Role.DEPLOYER, 'Editing a deployment');
    const errors = stateRefusals(transition(deployment.status, 'update'));
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
    recordAudit(
      em,
      actor,
      'updateDeployment',
      { type: 'Deployment', id: deployment.globalId, project: deployment.project.id },
      changes,
    );
    await em.flush();
    await this.deps.publisher.publishDeployment(deployment);
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
    const actor = requireRole(viewer, Role.VIEWER, 'Planning a deployment');
    const errors: UserError[] = [];
    const model = await this.deps.modelSource.resolve(em, input, errors, null, null);
    const { config, errors: configErrors } = checkDeployInput(input, this.checkContext(model), 'plan');
    errors.push(...configErrors);
    // The project whose quotas apply, chosen as deployModel would; a plan that cannot tell checks none.
    const project = await chooseProject(
      em,
      actor,
      input.projectId ?? (await projectOfModel(em, input.modelId)),
      Role.VIEWER,
      'Planning a deployment',
      input.projectId ? errors : [],
    );
    if (errors.length || !model) return planDeploymentPayload(null, [], errors);
    const quota = project && (await this.deps.quotas?.exceeded(em, project, config, null));
    const { fits, reasons } = await this.runtimeVerdict(model, config);
    if (!quota) return planDeploymentPayload(fits, reasons);
    // The quota's reason first: it is what stops the deploy whatever the cluster has free.
    return planDeploymentPayload(false, [quota.message, ...reasons], [], quota.message);
  }

  /** Whether the runtime would place the configuration now (every runtime without `plan` says yes). */
  private async runtimeVerdict(
    model: Model,
    config: DeploymentConfig,
  ): Promise<{ fits: boolean; reasons: string[] }> {
    const runtime = this.deps.runtime;
    if (!runtime.plan) return { fits: true, reasons: [] };
    // A fresh id: the plan is for a new deployment, never compared with an existing job.
    const spec = this.deps.specs.specFor(model, newDeploymentId(), 1, config);
    try {
      return await runtime.plan(spec);
    } catch (error) {
      // Like deploy(), a runtime throws for what it refuses at once; the message is meant for users.
      this.deps.logger.warn({ err: error }, 'planning a deployment failed');
      return { fits: false, reasons: [error instanceof Error ? error.message : String(error)] };
    }
  }

  private checkContext(model: Model | null): DeployCheckContext {
    return { model, runtimeName: this.deps.runtime.name, hardwareProfiles: this.deps.hardwareProfiles };
  }
}

/**
 * The deployment already called `name`, compared trimmed and without regard to case: "Demo" and "demo" would both
 * show versions as `Demo_v1`. Checked here rather than by a unique index, which existing installations holding
 * duplicates could not take.
 */
async function deploymentNamed(
  em: EntityManager,
  projectId: string,
  name: string,
): Promise<{ name: string } | null> {
  // Per project: a name another project uses is free here, and saying otherwise would reveal it exists.
  return em.findOne(
    Deployment,
    { $and: [{ project: projectId }, likeCondition('name', escapeLike(name), { caseInsensitive: true })] },
    { fields: ['name'] },
  );
}

/** The project of the model a deploy names by id, when it has one (platform models have none). */
async function projectOfModel(em: EntityManager, modelId: string | null | undefined): Promise<string | null> {
  const id = modelId ? tryFromGlobalId(modelId, 'Model') : null;
  const model = id ? await em.findOne(Model, { id }) : null;
  return model?.project ? toGlobalId('Project', model.project.id) : null;
}
