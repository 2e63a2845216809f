import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Deployment } from '../deployment/deployment.entity.js';
import { ScalingDecision } from './scaling-decision.view.js';
import type { ScalingDecisions } from './scaling-decisions.js';

@Resolver(() => Deployment)
export class DeploymentScalingResolver {
  constructor(private readonly decisions: ScalingDecisions) {}

  @FieldResolver(() => ScalingDecision, {
    nullable: true,
    description:
      'The autoscaler’s last decision for this deployment since this server started (null before the first, or ' +
      'when min and max replicas are equal). Each decision is also an event line (`events`).',
  })
  lastScalingDecision(@Root() deployment: Deployment): ScalingDecision | null {
    const last = this.decisions.last(deployment.deploymentId);
    return last ? { ...last, error: last.error ?? null } : null;
  }
}
