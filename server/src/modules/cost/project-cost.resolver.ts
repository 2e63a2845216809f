import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { MetricsRangeInput } from '../metrics/metrics.range.js';
import { Project } from '../project/project.entity.js';
import type { HangarContext } from '../request-context.js';
import type { CostService } from './cost.service.js';
import { DeploymentCost } from './cost.views.js';

@Resolver(() => Project)
export class ProjectCostResolver {
  constructor(private readonly costService: CostService) {}

  @FieldResolver(() => DeploymentCost, {
    description:
      'The project’s deployments’ cost over a range, together (each priced as `Deployment.cost` prices it). ' +
      'Rejects a range whose start is not before its end (BAD_USER_INPUT).',
  })
  cost(
    @Root() project: Project,
    @Ctx() ctx: HangarContext,
    @Arg('range', () => MetricsRangeInput, { description: 'The time range.' }) range: MetricsRangeInput,
  ): Promise<DeploymentCost> {
    return this.costService.projectCost(ctx.em, project.id, range);
  }
}
