import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { MetricsRangeInput } from '../metrics/metrics.range.js';
import { UsageStats } from '../metrics/metrics.views.js';
import { Project } from '../project/project.entity.js';
import type { HangarContext } from '../request-context.js';
import { ApiKeyBudget } from './budget.views.js';
import type { ProjectBudgetService } from './project-budget.service.js';
import { SetProjectBudgetInput, SetProjectBudgetPayload } from './project-budget.views.js';

@Resolver(() => Project)
export class ProjectBudgetResolver {
  constructor(private readonly projectBudgets: ProjectBudgetService) {}

  @Mutation(() => SetProjectBudgetPayload, {
    description:
      'Sets (or, with null, removes) the monthly token budget of a project, shared by every key of its ' +
      'deployments; instance ADMIN only. Every instance applies it within seconds, this one before answering. A ' +
      'whole number 1–1000000000000, else a userError.',
  })
  setProjectBudget(
    @Arg('input', () => SetProjectBudgetInput) input: SetProjectBudgetInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.projectBudgets.setProjectBudget(ctx.em, ctx.viewer, input);
  }

  @FieldResolver(() => ApiKeyBudget, {
    description:
      'The project’s monthly token budget and the use of all its keys this month (UTC), across every instance.',
  })
  budget(@Root() project: Project, @Ctx() ctx: HangarContext): Promise<ApiKeyBudget> {
    return this.projectBudgets.budgetOf(ctx.em, project);
  }

  @FieldResolver(() => UsageStats, {
    description:
      'Requests to the project’s deployments over a range, summed (default: everything kept). Rejects a range ' +
      'whose start is not before its end (BAD_USER_INPUT).',
  })
  usage(
    @Root() project: Project,
    @Ctx() ctx: HangarContext,
    @Arg('range', () => MetricsRangeInput, { nullable: true, description: 'The time range.' })
    range: MetricsRangeInput | null | undefined,
  ): Promise<UsageStats> {
    return this.projectBudgets.usageOf(ctx.em, project, range);
  }
}
