import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error.js';
import { Deployment } from './deployment.entity.js';

/** The shape of every mutation that returns a deployment; each mutation has its own payload type. */
@ObjectType()
export class DeploymentPayload {
  @Field(() => Deployment, { nullable: true, description: 'The deployment, when the mutation succeeded.' })
  deployment!: Deployment | null;

  @Field(() => [UserError], { description: 'Why the mutation was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of deployModel: the new deployment at version 1.' })
export class DeployModelPayload extends DeploymentPayload {}

@ObjectType({ description: 'Result of redeployDeployment: the deployment with its next version.' })
export class RedeployDeploymentPayload extends DeploymentPayload {}

@ObjectType({ description: 'Result of rollbackDeployment: the deployment with its next version.' })
export class RollbackDeploymentPayload extends DeploymentPayload {}

@ObjectType({ description: 'Result of retriggerDeployment: the deployment with its next version.' })
export class RetriggerDeploymentPayload extends DeploymentPayload {}

@ObjectType({ description: 'Result of undeployDeployment.' })
export class UndeployDeploymentPayload extends DeploymentPayload {}

@ObjectType({ description: 'Result of updateDeployment.' })
export class UpdateDeploymentPayload extends DeploymentPayload {}

@ObjectType({ description: 'Result of deleteDeployment.' })
export class DeleteDeploymentPayload {
  @Field(() => ID, { nullable: true, description: 'Global ID of the deleted deployment.' })
  deletedDeploymentId!: string | null;

  @Field(() => [UserError], { description: 'Why the deletion was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of planDeployment: whether the runtime would place the deployment now.' })
export class PlanDeploymentPayload {
  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when the runtime can place the deployment now; false with `reasons`; null when the input is invalid (see `userErrors`).',
  })
  fits!: boolean | null;

  @Field(() => [String], {
    description:
      'Why it does not fit, in words (e.g. "no node has a free GPU with ≥ 24 GiB"); empty when it fits.',
  })
  reasons!: string[];

  @Field(() => [UserError], { description: 'Why the input was refused; empty when it could be planned.' })
  userErrors!: UserError[];

  @Field(() => String, {
    nullable: true,
    description:
      "When a quota of the project, not the cluster, stops the deploy: the quota in words (also first in `reasons`, and what deployModel's QUOTA_EXCEEDED userError would say). Null when no quota is in the way.",
  })
  quotaExceeded!: string | null;
}

export function planDeploymentPayload(
  fits: boolean | null,
  reasons: string[],
  userErrors: UserError[] = [],
  quotaExceeded: string | null = null,
): PlanDeploymentPayload {
  return Object.assign(new PlanDeploymentPayload(), { fits, reasons, userErrors, quotaExceeded });
}

export function deploymentPayload(
  deployment: Deployment | null,
  userErrors: UserError[] = [],
): DeploymentPayload {
  return Object.assign(new DeploymentPayload(), {
    deployment: userErrors.length ? null : deployment,
    userErrors,
  });
}
