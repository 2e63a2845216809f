import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import { Deployment } from '../deployment/deployment.entity.js';
import { MetricsRangeInput } from '../metrics/metrics.range.js';
import type { CostService } from './cost.service.js';
import { DeploymentCost } from './cost.views.js';

@Resolver(() => Deployment)
export class DeploymentCostResolver {
  constructor(private readonly costService: CostService) {}

  @FieldResolver(() => DeploymentCost, {
    description:
      'Replica hours, GPU hours and their price over a range (the current hardware profile’s price per replica ' +
      'hour). Rejects a range whose start is not before its end (BAD_USER_INPUT).',
  })
  cost(
    @Root() deployment: Deployment,
    @Arg('range', () => MetricsRangeInput, { description: 'The time range.' }) range: MetricsRangeInput,
  ): Promise<DeploymentCost> {
    const { deploymentId } = deployment;
    return this.costService.costOf(
      [{ deploymentId, hardwareProfileId: deployment.config.hardwareProfileId }],
      range,
    );
  }
}
