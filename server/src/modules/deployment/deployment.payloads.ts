import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error.js';
import { Deployment } from './deployment.entity.js';

@ObjectType({ description: 'Result of a mutation that returns a deployment.' })
export class DeploymentPayload {
  @Field(() => Deployment, { nullable: true, description: 'The deployment, when the mutation succeeded.' })
  deployment!: Deployment | null;

  @Field(() => [UserError], { description: 'Why the mutation was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of deleteDeployment.' })
export class DeleteDeploymentPayload {
  @Field(() => ID, { nullable: true, description: 'Global ID of the deleted deployment.' })
  deletedDeploymentId!: string | null;

  @Field(() => [UserError], { description: 'Why the deletion was refused; empty on success.' })
  userErrors!: UserError[];
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
