import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { HangarContext } from '../request-context.js';
import type { ProjectQuotaService } from './project-quota.service.js';
import {
  ProjectQuotas,
  ProjectQuotaUsageView,
  SetProjectQuotasInput,
  SetProjectQuotasPayload,
} from './project-quota.types.js';
import { Project } from './project.entity.js';

@Resolver(() => Project)
export class ProjectQuotaResolver {
  constructor(private readonly quotaService: ProjectQuotaService) {}

  @Mutation(() => SetProjectQuotasPayload, {
    description:
      "Sets a project's quotas (instance ADMIN): replicas, concurrent deployments, GPUs by hardware profile; null is unlimited. Deploys, redeploys, scale-ups and the autoscaler keep within them.",
  })
  setProjectQuotas(
    @Arg('input', () => SetProjectQuotasInput) input: SetProjectQuotasInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.quotaService.setQuotas(ctx.em, ctx.viewer, input);
  }

  @FieldResolver(() => ProjectQuotas, { description: 'What the project may run (set by an instance ADMIN).' })
  quotas(@Root() project: Project, @Ctx() ctx: HangarContext): Promise<ProjectQuotas> {
    return this.quotaService.quotasOf(ctx.em, project);
  }

  @FieldResolver(() => ProjectQuotaUsageView, {
    description: 'What the project holds now, counted as its quotas count it.',
  })
  quotaUsage(@Root() project: Project, @Ctx() ctx: HangarContext): Promise<ProjectQuotaUsageView> {
    return this.quotaService.usageView(ctx.em, project);
  }
}
