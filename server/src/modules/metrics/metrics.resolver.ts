import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { HangarContext } from '../request-context.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { MetricsRangeInput, RANGE_RULES } from './metrics.range.js';
import type { MetricsService } from './metrics.service.js';
import { DeploymentMetrics, UsageStats } from './metrics.views.js';

@Resolver(() => Deployment)
export class DeploymentMetricsResolver {
  constructor(private readonly metricsService: MetricsService) {}

  @FieldResolver(() => DeploymentMetrics, {
    description: `Requests to this deployment through the gateway, per step over a range (every instance counted). Rejects a bad range or step with BAD_USER_INPUT: ${RANGE_RULES}`,
  })
  metrics(
    @Root() deployment: Deployment,
    @Arg('range', () => MetricsRangeInput, { description: 'The time range.' }) range: MetricsRangeInput,
    @Arg('step', () => Int, { description: 'Seconds per point (a multiple of 60).' }) step: number,
    @Ctx() ctx: HangarContext,
  ): Promise<DeploymentMetrics> {
    return this.metricsService.deploymentMetrics(ctx.em, deployment.deploymentId, range, step);
  }
}

@Resolver(() => ApiKey)
export class ApiKeyUsageResolver {
  constructor(private readonly metricsService: MetricsService) {}

  @FieldResolver(() => UsageStats, {
    description:
      'Requests made with this key over a range (default: everything kept, 30 days unless HANGAR_METRICS_RETENTION_DAYS says otherwise). Rejects a range whose start is not before its end (BAD_USER_INPUT).',
  })
  usage(
    @Root() apiKey: ApiKey,
    @Arg('range', () => MetricsRangeInput, { nullable: true, description: 'The time range.' })
    range: MetricsRangeInput | null | undefined,
    @Ctx() ctx: HangarContext,
  ): Promise<UsageStats> {
    return this.metricsService.keyUsage(ctx.em, apiKey.id, range);
  }
}
