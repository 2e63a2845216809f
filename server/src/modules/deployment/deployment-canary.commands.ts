import { ref, type EntityManager } from '@mikro-orm/core';
import type { DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Model } from '../model/model.entity.js';
import { Role } from '../user/role.js';
import { requireRole, type Viewer } from '../user/viewer.js';
import type {
  PromoteCanaryInput,
  RollbackCanaryInput,
  SetCanaryWeightInput,
  StartCanaryInput,
} from './deployment-canary.inputs.js';
import { activeCanary, canaryPolicyOf, checkWeight, endedCanary } from './deployment-canary.rules.js';
import { CanaryState, type CanaryPolicy, type CanaryRecord } from './deployment-canary.types.js';
import { DeploymentVersion } from './deployment-version.entity.js';
import { redeployConfig, type DeploymentVersionCommandsDeps } from './deployment-version.commands.js';
import { findDeployment, stateRefusals } from './deployment.commands.js';
import type { Deployment } from './deployment.entity.js';
import { EventLevel, VersionStatus, VersionTrigger } from './deployment.enums.js';
import { deploymentPayload, type DeploymentPayload } from './deployment.payloads.js';
import { CONFIG_QUOTA_FIELDS, withinQuota } from './deployment.quota.js';
import { checkConfig } from './deployment.rules.js';
import { transition, type DeploymentCommand } from './deployment.transitions.js';

/** Who ends a split: a user, or the system with the figures that made it roll the canary back. */
export type CanaryActor = { viewer: Viewer | null } | { system: string };

/**
 * Traffic splits: a canary version beside the current one (the runtime keeps both), its share changed, then
 * promoted (it becomes the current version) or rolled back (its replicas stop), each in one step, recorded in the
 * history, the event lines and the audit log.
 */
export class DeploymentCanaryCommands {
  constructor(private readonly deps: DeploymentVersionCommandsDeps) {}

  async startCanary(
    em: EntityManager,
    viewer: Viewer | null,
    input: StartCanaryInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Starting a canary');
    const deployment = await findDeployment(em, input.id, actor, Role.DEPLOYER, 'Starting a canary');
    const next = transition(deployment.status, 'startCanary');
    const errors = stateRefusals(next);
    const running = activeCanary(deployment);
    if (running) {
      errors.push(
        userError(
          ['input', 'id'],
          UserErrorCode.INVALID_STATE,
          `Version ${running.version} is already a canary; promote it or roll it back first.`,
        ),
      );
    }
    const { runtime } = this.deps;
    if (!runtime.deployCanary) {
      errors.push(
        userError(
          ['input', 'id'],
          UserErrorCode.UNSUPPORTED,
          `The ${runtime.name} runtime does not run traffic splits yet; redeploy instead.`,
        ),
      );
    }
    errors.push(...checkWeight(input.weightPercent, ['input', 'weightPercent']));
    const { policy, errors: policyErrors } = canaryPolicyOf(input.autoRollback, ['input', 'autoRollback']);
    errors.push(...policyErrors);
    const config = redeployConfig(deployment.config, input);
    const model = (await deployment.model.load()) ?? null;
    errors.push(...checkConfig(config, this.checkContext(model), ['input']));
    if (errors.length || !next.allowed) return deploymentPayload(null, errors);
    const project = await deployment.project.load();
    const split = () => this.startSplit(em, actor, deployment, config, input, policy);
    if (!project) return this.deps.reconciler.duringLifecycle(split);
    // The canary's replicas run beside the stable ones: the whole canary counts against the project's quotas.
    const request = { project, next: config, current: null, alongside: true, fields: CONFIG_QUOTA_FIELDS };
    return this.deps.reconciler.duringLifecycle(() =>
      withinQuota(this.deps.quotas, em, request, (refusals) => deploymentPayload(null, refusals), split),
    );
  }

  private async startSplit(
    em: EntityManager,
    actor: Viewer,
    deployment: Deployment,
    config: DeploymentConfig,
    input: StartCanaryInput,
    policy: CanaryPolicy | null,
  ): Promise<DeploymentPayload> {
    const version = this.deps.lifecycle.addVersion(
      em,
      deployment,
      actor,
      config,
      VersionTrigger.CANARY,
      undefined,
      true,
    );
    deployment.canary = {
      version: version.version,
      stableVersion: deployment.currentVersion,
      weightPercent: input.weightPercent,
      state: CanaryState.ACTIVE,
      policy,
      rollbackReason: null,
      rolledBackAutomatically: false,
      startedAt: new Date().toISOString(),
      endedAt: null,
    };
    recordAudit(em, actor, 'startCanary', this.target(deployment), {
      version: version.version,
      weightPercent: input.weightPercent,
    });
    await em.flush();
    await this.deps.publisher.publishDeployment(deployment);
    await this.deps.lifecycle.startCanaryVersion(em, deployment, version);
    return deploymentPayload(deployment);
  }

  async setCanaryWeight(
    em: EntityManager,
    viewer: Viewer | null,
    input: SetCanaryWeightInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Changing a traffic split');
    const deployment = await findDeployment(em, input.id, actor, Role.DEPLOYER, 'Changing a traffic split');
    const { canary, errors } = this.canaryOf(deployment, 'setCanaryWeight');
    errors.push(...checkWeight(input.weightPercent, ['input', 'weightPercent']));
    if (errors.length || !canary) return deploymentPayload(null, errors);
    const from = canary.weightPercent;
    deployment.canary = { ...canary, weightPercent: input.weightPercent };
    recordAudit(em, actor, 'setCanaryWeight', this.target(deployment), {
      version: canary.version,
      weightPercent: input.weightPercent,
    });
    await em.flush();
    await this.deps.publisher.recordEvent(
      em,
      deployment,
      canary.version,
      EventLevel.INFO,
      `Traffic split changed by ${actor.user.name}: canary ${from} % → ${input.weightPercent} %.`,
    );
    await this.deps.publisher.publishDeployment(deployment);
    return deploymentPayload(deployment);
  }

  async promoteCanary(
    em: EntityManager,
    viewer: Viewer | null,
    input: PromoteCanaryInput,
  ): Promise<DeploymentPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Promoting a canary');
    const deployment = await findDeployment(em, input.id, actor, Role.DEPLOYER, 'Promoting a canary');
    const { canary, errors } = this.canaryOf(deployment, 'promoteCanary');
    const version = canary
      ? await em.findOne(DeploymentVersion, { deployment, version: canary.version })
      : null;
    if (canary && version?.status !== VersionStatus.SUCCESS) {
      errors.push(
        userError(
          ['input', 'id'],
          UserErrorCode.INVALID_STATE,
          `Canary version ${canary.version} is not serving yet; wait until it is, or roll it back.`,
        ),
      );
    }
    if (errors.length || !canary || !version) return deploymentPayload(null, errors);
    return this.deps.reconciler.duringLifecycle(async () => {
      await this.deps.runtime.promoteCanary!(deployment.deploymentId, canary.version);
      deployment.currentVersion = canary.version;
      deployment.config = version.config;
      deployment.canary = endedCanary(canary, CanaryState.PROMOTED, null, false);
      recordAudit(em, actor, 'promoteCanary', this.target(deployment), { version: canary.version });
      await em.flush();
      await this.deps.publisher.recordEvent(
        em,
        deployment,
        canary.version,
        EventLevel.INFO,
        `Canary ${version.name} promoted by ${actor.user.name}: it serves every request; version ${canary.stableVersion} stopped.`,
      );
      await this.deps.publisher.publishDeployment(deployment);
      // Like a redeploy that went live: serving follows the new version's scaling, and "endpoint ready" is sent.
      this.deps.publisher.notifyStatus(deployment, version);
      return deploymentPayload(deployment);
    });
  }

  /** A user's rollback (`rollbackCanary`), or the system's with `{ system: reason }` (the canary guard). */
  async rollbackCanary(
    em: EntityManager,
    who: CanaryActor,
    input: RollbackCanaryInput,
  ): Promise<DeploymentPayload> {
    const viewer = 'viewer' in who ? requireRole(who.viewer, Role.DEPLOYER, 'Rolling back a canary') : null;
    const deployment = await findDeployment(em, input.id, viewer, Role.DEPLOYER, 'Rolling back a canary');
    const { canary, errors } = this.canaryOf(deployment, 'rollbackCanary');
    if (errors.length || !canary) return deploymentPayload(null, errors);
    const reason = viewer ? `Rolled back by ${viewer.user.name}.` : (who as { system: string }).system;
    return this.deps.reconciler.duringLifecycle(async () => {
      await this.deps.runtime.stopCanary?.(deployment.deploymentId, canary.version);
      const version = await em.findOne(DeploymentVersion, { deployment, version: canary.version });
      const now = new Date();
      if (version?.status === VersionStatus.DEPLOYING) {
        version.status = VersionStatus.FAILED;
        version.failureReason = 'Rolled back before it was ready.';
        version.endedAt = now;
      }
      if (version) {
        version.undeployedBy = viewer ? ref(viewer.user) : null;
        version.undeployedBySystem = !viewer;
        version.undeployReason = reason;
        version.undeployStartedAt = now;
        version.undeployEndedAt = now;
      }
      deployment.canary = endedCanary(canary, CanaryState.ROLLED_BACK, reason, !viewer);
      recordAudit(em, viewer, 'rollbackCanary', this.target(deployment), {
        version: canary.version,
        reason,
      });
      await em.flush();
      await this.deps.publisher.recordEvent(
        em,
        deployment,
        canary.version,
        viewer ? EventLevel.INFO : EventLevel.WARNING,
        `Canary version ${canary.version} rolled back: ${reason}`,
      );
      await this.deps.publisher.publishDeployment(deployment);
      return deploymentPayload(deployment);
    });
  }

  /** The active split a command needs, or why there is none. */
  private canaryOf(
    deployment: Deployment,
    command: DeploymentCommand,
  ): { canary: CanaryRecord | null; errors: UserError[] } {
    const errors = stateRefusals(transition(deployment.status, command));
    const canary = activeCanary(deployment);
    if (!canary) {
      errors.push(
        userError(
          ['input', 'id'],
          UserErrorCode.INVALID_STATE,
          'This deployment has no canary; start one first.',
        ),
      );
    }
    return { canary, errors };
  }

  private target(deployment: Deployment) {
    return { type: 'Deployment', id: deployment.globalId, project: deployment.project.id };
  }

  private checkContext(model: Model | null) {
    return { model, runtimeName: this.deps.runtime.name, hardwareProfiles: this.deps.hardwareProfiles };
  }
}
