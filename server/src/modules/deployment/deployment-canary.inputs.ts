import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { CANARY_LIMITS, CanaryPolicyInput } from './deployment-canary.types.js';
import { DeploymentIdInput, RedeployDeploymentInput } from './deployment.inputs.js';
import { DeploymentPayload } from './deployment.payloads.js';

const WEIGHT = `Share of requests sent to the canary, in percent (${CANARY_LIMITS.weightPercent.min}–${CANARY_LIMITS.weightPercent.max}).`;

@InputType({
  description:
    'A canary: the next version, built like a redeploy (omitted fields stay), serving beside the current version with a share of the requests.',
})
export class StartCanaryInput extends RedeployDeploymentInput {
  @Field(() => Int, { description: WEIGHT })
  weightPercent!: number;

  @Field(() => CanaryPolicyInput, {
    nullable: true,
    description: 'When to roll the canary back automatically (default: on, with the default margins).',
  })
  autoRollback?: CanaryPolicyInput | null;
}

@InputType({ description: 'A new share of requests for the active canary.' })
export class SetCanaryWeightInput extends DeploymentIdInput {
  @Field(() => Int, { description: WEIGHT })
  weightPercent!: number;
}

@InputType({ description: 'The deployment whose canary becomes its current version.' })
export class PromoteCanaryInput extends DeploymentIdInput {}

@InputType({ description: 'The deployment whose canary to stop.' })
export class RollbackCanaryInput extends DeploymentIdInput {}

@ObjectType({ description: 'Result of startCanary: the deployment with its canary version starting.' })
export class StartCanaryPayload extends DeploymentPayload {}

@ObjectType({ description: 'Result of setCanaryWeight.' })
export class SetCanaryWeightPayload extends DeploymentPayload {}

@ObjectType({ description: 'Result of promoteCanary: the canary is the current version.' })
export class PromoteCanaryPayload extends DeploymentPayload {}

@ObjectType({
  description: 'Result of rollbackCanary: the canary stopped; the current version takes every request.',
})
export class RollbackCanaryPayload extends DeploymentPayload {}
