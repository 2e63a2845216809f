import type { EntityManager } from '@mikro-orm/core';
import type {
  DeploymentConfig,
  ParametersConfig,
  ScalingConfig,
} from '../../core/deployment-config/deployment-config.js';
import { completeStoredConfig } from '../../core/deployment-config/deployment-config.js';
import { userError, UserErrorCode } from '../../graphql/user-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { Role } from '../user/role.js';
import type { Model } from '../model/model.entity.js';
import { requireRole, type Viewer } from '../user/viewer.js';
import { DeploymentVersion } from './deployment-version.entity.js';
import type { Deployment } from './deployment.entity.js';
import { VersionTrigger, type DeploymentStatus } from './deployment.enums.js';
import type {
  DeploymentIdInput,
  RedeployDeploymentInput,
  RollbackDeploymentInput,
} from './deployment.inputs.js';
import { findDeployment, stateRefusals, type DeploymentCommandsDeps } from './deployment.commands.js';
import { deploymentPayload, type DeploymentPayload } from './deployment.payloads.js';
import { CONFIG_QUOTA_FIELDS, quotaFieldsAt, withinQuota, type QuotaFields } from './deployment.quota.js';
import { checkConfig, stripNullish, type DeployCheckContext } from './deployment.rules.js';
import { isServing } from './deployment.serving.js';
import { canaryRefusals } from './deployment-canary.rules.js';
import { commandTransition, transition } from './deployment.transitions.js';

export type DeploymentVersionCommandsDeps = Pick<
  DeploymentCommandsDeps,
  'runtime' | 'hardwareProfiles' | 'publisher' | 'lifecycle' | 'reconciler' | 'quotas'
>;

/** A redeploy's (or a canary's) configuration: the current one with the input's changes. */
export function redeployConfig(stored: DeploymentConfig, input: RedeployDeploymentInput): DeploymentConfig {
  const current = completeStoredConfig(stored);
  return {
    optimization: input.optimization
      ? { technique: input.optimization.technique, quantization: input.optimization.quantization ?? 'NONE' }
      : current.optimization,
    parameters: { ...current.parameters, ...stripNullish<ParametersConfig>(input.parameters ?? {}) },
    hardwareProfileId: input.hardwareProfileId ?? current.hardwareProfileId,
    scaling: { ...current.scaling, ...stripNullish<ScalingConfig>(input.scaling ?? {}) },
  };
}

/** What users ask of a deployment's versions: a new one (redeploy, rollback, retrigger) or none (undeploy). */
export class DeploymentVersionCommands {
  constructor(private readonly deps: DeploymentVersionCommandsDeps) {}

  async redeployDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: RedeployDeploymentInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Redeploying');
    const deployment = await findDeployment(em, input.id, actor, Role.DEPLOYER, 'Redeploying');
    const model = await deployment.model.load();
    const next = transition(deployment.status, 'redeploy');
    const errors = stateRefusals(next);
    errors.push(...canaryRefusals(deployment));
    const config = redeployConfig(deployment.config, input);
    errors.push(...checkConfig(config, this.checkContext(model ?? null), ['input']));
    if (errors.length || !next.allowed) return deploymentPayload(null, errors);
    return this.deps.reconciler.duringLifecycle(() =>
      this.withinQuota(em, deployment, config, CONFIG_QUOTA_FIELDS, () =>
        this.newVersion(
          em,
          actor,
          deployment,
          next.to,
          config,
          VersionTrigger.REDEPLOY,
          'redeployDeployment',
        ),
      ),
    );
  }

  async rollbackDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: RollbackDeploymentInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Rolling back');
    const deployment = await findDeployment(em, input.id, actor, Role.DEPLOYER, 'Rolling back');
    const next = transition(deployment.status, 'rollback');
    const errors = stateRefusals(next);
    errors.push(...canaryRefusals(deployment));
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
      const config = completeStoredConfig(earlier.config);
      errors.push(...checkConfig(config, this.checkContext(model ?? null), ['input', 'version']));
    }
    if (errors.length || !earlier || !next.allowed) return deploymentPayload(null, errors);
    const config = completeStoredConfig(earlier.config);
    return this.deps.reconciler.duringLifecycle(() =>
      this.withinQuota(em, deployment, config, quotaFieldsAt(['input', 'version']), () =>
        this.newVersion(
          em,
          actor,
          deployment,
          next.to,
          config,
          VersionTrigger.ROLLBACK,
          'rollbackDeployment',
          earlier.version,
        ),
      ),
    );
  }

  async retriggerDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: DeploymentIdInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Re-triggering a deployment');
    const deployment = await findDeployment(em, input.id, actor, Role.DEPLOYER, 'Re-triggering a deployment');
    const next = transition(deployment.status, 'retrigger');
    if (!next.allowed) return deploymentPayload(null, stateRefusals(next));
    // A deployment saved with startNow: false has no version yet: its first start is its deploy.
    const trigger = deployment.currentVersion === 0 ? VersionTrigger.DEPLOY : VersionTrigger.RETRIGGER;
    return this.deps.reconciler.duringLifecycle(() =>
      this.withinQuota(em, deployment, deployment.config, quotaFieldsAt(['input', 'id']), () =>
        this.newVersion(em, actor, deployment, next.to, deployment.config, trigger, 'retriggerDeployment'),
      ),
    );
  }

  async undeployDeployment(
    em: EntityManager,
    viewer: Viewer | null,
    input: DeploymentIdInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Undeploying');
    const deployment = await findDeployment(em, input.id, actor, Role.DEPLOYER, 'Undeploying');
    const serving = isServing(this.deps.runtime, deployment.deploymentId);
    const next = commandTransition(deployment.status, 'undeploy', serving);
    if (!next.allowed) return deploymentPayload(null, stateRefusals(next));
    recordAudit(em, actor, 'undeployDeployment', {
      type: 'Deployment',
      id: deployment.globalId,
      project: deployment.project.id,
    });
    await this.deps.reconciler.duringLifecycle(() =>
      this.deps.lifecycle.undeploy(em, deployment, next.to, actor, null),
    );
    return deploymentPayload(deployment);
  }

  private async newVersion(
    em: EntityManager,
    actor: Viewer,
    deployment: Deployment,
    status: DeploymentStatus,
    config: DeploymentConfig,
    trigger: VersionTrigger,
    action: string,
    rolledBackFrom?: number,
  ): Promise<DeploymentPayload> {
    await this.deps.lifecycle.supersedeUnfinished(em, deployment);
    const version = this.deps.lifecycle.addVersion(em, deployment, actor, config, trigger, rolledBackFrom);
    deployment.config = config;
    deployment.status = status;
    deployment.failureReason = null;
    recordAudit(
      em,
      actor,
      action,
      { type: 'Deployment', id: deployment.globalId, project: deployment.project.id },
      {
        version: version.version,
        ...(rolledBackFrom ? { rolledBackFrom } : {}),
      },
    );
    await em.flush();
    await this.deps.publisher.publishDeployment(deployment);
    await this.deps.lifecycle.startVersion(em, deployment, version);
    return deploymentPayload(deployment);
  }

  /** A new version's quota check: only what the new configuration adds to what the deployment holds counts. */
  private async withinQuota(
    em: EntityManager,
    deployment: Deployment,
    next: DeploymentConfig,
    fields: QuotaFields,
    work: () => Promise<DeploymentPayload>,
  ): Promise<DeploymentPayload> {
    const project = await deployment.project.load();
    if (!project) return work();
    const current = { id: deployment.id, status: deployment.status, config: deployment.config };
    return withinQuota(
      this.deps.quotas,
      em,
      { project, next, current, fields },
      (refusals) => deploymentPayload(null, refusals),
      work,
    );
  }

  private checkContext(model: Model | null): DeployCheckContext {
    return { model, runtimeName: this.deps.runtime.name, hardwareProfiles: this.deps.hardwareProfiles };
  }
}
