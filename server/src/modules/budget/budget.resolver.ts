import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { notFound } from '../../graphql/errors.js';
import type { HangarEvents } from '../../graphql/pubsub.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import type { HangarContext } from '../request-context.js';
import { Role } from '../user/role.js';
import { requireProjectRole, requireRole } from '../user/viewer.js';
import { apiKeyUsageChangedFilter } from './budget.live.js';
import type { BudgetService } from './budget.service.js';
import { ApiKeyBudget, SetApiKeyBudgetInput, SetApiKeyBudgetPayload } from './budget.views.js';

@Resolver(() => ApiKey)
export class BudgetResolver {
  constructor(private readonly budgetService: BudgetService) {}

  @Mutation(() => SetApiKeyBudgetPayload, {
    description:
      'Sets (or, with null, removes) the monthly token budget of an API key; needs DEPLOYER. Every instance ' +
      'applies it within seconds, this one before answering. A whole number 1–1000000000000, else a userError.',
  })
  setApiKeyBudget(
    @Arg('input', () => SetApiKeyBudgetInput) input: SetApiKeyBudgetInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.budgetService.setApiKeyBudget(ctx.em, ctx.viewer, input);
  }

  @FieldResolver(() => ApiKeyBudget, {
    description: 'The key’s monthly token budget and its use this month (UTC), across every instance.',
  })
  budget(@Root() apiKey: ApiKey, @Ctx() ctx: HangarContext): Promise<ApiKeyBudget> {
    return this.budgetService.budgetOf(ctx.em, apiKey);
  }

  @Subscription(() => ApiKey, {
    description:
      'The keys of one deployment as their usage changes (budget, usage): at most about one event per key and ' +
      'second. Needs DEPLOYER.',
    topics: 'API_KEY_USAGE_CHANGED',
    filter: apiKeyUsageChangedFilter,
  })
  async apiKeyUsageChanged(
    @Root() payload: HangarEvents['API_KEY_USAGE_CHANGED'][0],
    @Ctx() ctx: HangarContext,
    @Arg('deploymentId', () => ID, { description: 'The deployment whose keys to follow.' })
    _deploymentId: string,
  ): Promise<ApiKey> {
    const viewer = requireRole(ctx.viewer, Role.DEPLOYER, 'Following API key usage');
    requireProjectRole(viewer, payload.projectId, Role.DEPLOYER, 'Following API key usage', {
      type: 'ApiKey',
      id: payload.id,
    });
    const apiKey = await ctx.em.findOne(ApiKey, { id: payload.id });
    if (!apiKey) throw notFound('ApiKey', payload.id);
    return apiKey;
  }
}
