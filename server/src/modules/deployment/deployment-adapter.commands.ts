import type { EntityManager } from '@mikro-orm/core';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { fromGlobalId } from '../../graphql/relay.js';
import type { Runtime } from '../../runtime/runtime.js';
import { recordAudit } from '../audit/audit.service.js';
import { Model } from '../model/model.entity.js';
import { ModelKind, ModelStatus } from '../model/model.enums.js';
import { Role } from '../user/role.js';
import { requireRole, type Viewer } from '../user/viewer.js';
import { findDeployment } from './deployment.commands.js';
import type { Deployment } from './deployment.entity.js';
import { deploymentPayload, type DeploymentPayload } from './deployment.payloads.js';
import type { DeploymentPublisher } from './deployment.publisher.js';
import type { DeploymentSpecBuilder } from './deployment.runtime-spec.js';

export interface DeploymentAdapterInput {
  deploymentId: string;
  adapterModelId: string;
}

export interface DeploymentAdapterCommandsDeps {
  runtime: Runtime;
  publisher: DeploymentPublisher;
  specs: DeploymentSpecBuilder;
}

/** Facts both import paths record (model-facts.ts): compared when both sides know them. */
function factsRefusal(adapter: Model, base: Model): string | null {
  const a = adapter.facts ?? {};
  const b = base.facts ?? {};
  if (a['architecture'] && b['architecture'] && a['architecture'] !== b['architecture']) {
    return `${adapter.name} is for the ${String(a['architecture'])} architecture, but the deployment serves ${base.name} (${String(b['architecture'])}).`;
  }
  if (a['hiddenSize'] && b['hiddenSize'] && a['hiddenSize'] !== b['hiddenSize']) {
    return `${adapter.name} has hidden size ${String(a['hiddenSize'])}, but ${base.name} has ${String(b['hiddenSize'])}.`;
  }
  return null;
}

/**
 * Attaching and detaching LoRA adapters on a deployment of their base model. The list is stored on the
 * deployment (every start serves it) and handed to the running replicas in place, so the base stays loaded.
 */
export class DeploymentAdapterCommands {
  constructor(private readonly deps: DeploymentAdapterCommandsDeps) {}

  async attachAdapter(
    em: EntityManager,
    viewer: Viewer | null,
    input: DeploymentAdapterInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Attaching an adapter');
    const deployment = await findDeployment(
      em,
      input.deploymentId,
      actor,
      Role.DEPLOYER,
      'Attaching an adapter',
    );
    const found = await this.findAdapter(em, input.adapterModelId, deployment.project.id);
    if ('error' in found) return deploymentPayload(null, [found.error]);
    const { adapter } = found;
    const field = ['input', 'adapterModelId'];
    const refuse = (code: UserErrorCode, message: string): DeploymentPayload =>
      deploymentPayload(null, [userError(field, code, message)]);
    if (adapter.kind !== ModelKind.ADAPTER) {
      return refuse(UserErrorCode.INVALID, `${adapter.name} is a base model, not an adapter.`);
    }
    if (adapter.status !== ModelStatus.READY_TO_DEPLOY) {
      return refuse(UserErrorCode.INVALID_STATE, `${adapter.name} is not imported yet (${adapter.status}).`);
    }
    if (deployment.adapterModelIds.includes(adapter.id)) {
      return refuse(UserErrorCode.TAKEN, `${adapter.name} is already attached to this deployment.`);
    }
    const base = await deployment.model.load();
    if (!base) throw new Error(`Deployment ${deployment.deploymentId} has no model.`);
    if (!this.deps.runtime.setAdapters) {
      return refuse(
        UserErrorCode.UNSUPPORTED,
        `The ${this.deps.runtime.name} runtime cannot serve adapters.`,
      );
    }
    const spec = this.deps.specs.specFor(base, deployment.deploymentId, 0, deployment.config);
    const refusal =
      factsRefusal(adapter, base) ??
      (await this.deps.runtime.adapterRefusal?.(spec, this.deps.specs.adapterFor(adapter))) ??
      null;
    if (refusal) {
      return refuse(
        UserErrorCode.UNSUPPORTED,
        `${adapter.name} cannot be attached to ${base.name}: ${refusal}`,
      );
    }
    const failure = await this.apply(em, actor, deployment, [...deployment.adapterModelIds, adapter.id], {
      action: 'attachAdapter',
      adapter,
    });
    return failure ? deploymentPayload(null, [failure]) : deploymentPayload(deployment);
  }

  async detachAdapter(
    em: EntityManager,
    viewer: Viewer | null,
    input: DeploymentAdapterInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Detaching an adapter');
    const deployment = await findDeployment(
      em,
      input.deploymentId,
      actor,
      Role.DEPLOYER,
      'Detaching an adapter',
    );
    const found = await this.findAdapter(em, input.adapterModelId, deployment.project.id);
    if ('error' in found) return deploymentPayload(null, [found.error]);
    const { adapter } = found;
    if (!deployment.adapterModelIds.includes(adapter.id)) {
      return deploymentPayload(null, [
        userError(
          ['input', 'adapterModelId'],
          UserErrorCode.NOT_FOUND,
          `${adapter.name} is not attached to this deployment.`,
        ),
      ]);
    }
    const remaining = deployment.adapterModelIds.filter((id) => id !== adapter.id);
    const failure = await this.apply(em, actor, deployment, remaining, { action: 'detachAdapter', adapter });
    return failure ? deploymentPayload(null, [failure]) : deploymentPayload(deployment);
  }

  /** The attached adapter models, in attach order. */
  async adaptersOf(em: EntityManager, deployment: Deployment): Promise<Model[]> {
    if (deployment.adapterModelIds.length === 0) return [];
    const models = await em.find(Model, { id: { $in: deployment.adapterModelIds } });
    const byId = new Map(models.map((m) => [m.id, m]));
    return deployment.adapterModelIds.map((id) => byId.get(id)).filter((m): m is Model => !!m);
  }

  private async findAdapter(
    em: EntityManager,
    globalId: string,
    projectId: string,
  ): Promise<{ adapter: Model } | { error: UserError }> {
    const notFound = {
      error: userError(['input', 'adapterModelId'], UserErrorCode.NOT_FOUND, 'No model has this id.'),
    };
    let id: string;
    try {
      id = fromGlobalId(globalId, 'Model').id;
    } catch {
      return notFound;
    }
    const adapter = await em.findOne(Model, { id });
    // Another project's adapter (visible to a member of both) is as unknown to this deployment as a missing one.
    return adapter && (!adapter.project || adapter.project.id === projectId) ? { adapter } : notFound;
  }

  /** Running replicas first: the change is stored only once they serve it (else the previous set is restored). */
  private async apply(
    em: EntityManager,
    actor: Viewer,
    deployment: Deployment,
    ids: string[],
    change: { action: 'attachAdapter' | 'detachAdapter'; adapter: Model },
  ): Promise<UserError | null> {
    const previous = deployment.adapterModelIds;
    deployment.adapterModelIds = ids;
    const setAdapters = this.deps.runtime.setAdapters!.bind(this.deps.runtime);
    try {
      await setAdapters(deployment.deploymentId, await this.deps.specs.adaptersOf(deployment));
    } catch (error) {
      deployment.adapterModelIds = previous;
      await setAdapters(deployment.deploymentId, await this.deps.specs.adaptersOf(deployment)).catch(
        () => undefined,
      );
      return userError(
        ['input', 'adapterModelId'],
        UserErrorCode.UNSUPPORTED,
        `The replicas could not load ${change.adapter.name}: ${(error as Error).message}`,
      );
    }
    recordAudit(
      em,
      actor,
      change.action,
      { type: 'Deployment', id: deployment.globalId, project: deployment.project.id },
      { adapter: change.adapter.name, adapterModelId: change.adapter.globalId },
    );
    await em.flush();
    await this.deps.publisher.publishDeployment(deployment);
    return null;
  }
}
