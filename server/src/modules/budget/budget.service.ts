import type { EntityManager, MikroORM } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { budgetPeriodOf } from '../../core/budget-period.js';
import type { BudgetTracker } from '../../gateway/budget-tracker.js';
import { notFound } from '../../graphql/errors.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { tryFromGlobalId } from '../../graphql/relay.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MetricsService } from '../metrics/metrics.service.js';
import { Role } from '../user/role.js';
import { requireProjectRole, requireRole, type Viewer } from '../user/viewer.js';
import { BudgetWarning } from './budget-warning.entity.js';
import { checkMonthlyTokenBudget } from './budget.rules.js';
import type { ApiKeyBudget, SetApiKeyBudgetInput } from './budget.views.js';

export interface BudgetServiceDeps {
  orm: MikroORM;
  pubsub: HangarPubSub;
  metrics: MetricsService;
  tracker: Pick<BudgetTracker, 'usage' | 'reload'>;
}

/** Sets API keys' monthly token budgets and reports them (`ApiKey.budget`). */
export class BudgetService {
  /** One loader per request (keyed by its EntityManager): a page of keys reads its warnings in one statement. */
  private readonly warnedLoaders = new WeakMap<object, DataLoader<string, boolean>>();

  constructor(private readonly deps: BudgetServiceDeps) {}

  async setApiKeyBudget(
    em: EntityManager,
    viewer: Viewer | null,
    input: SetApiKeyBudgetInput,
  ): Promise<{ apiKey: ApiKey | null; userErrors: UserError[] }> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Setting API key budgets');
    const id = tryFromGlobalId(input.apiKeyId, 'ApiKey');
    const apiKey = id ? await em.findOne(ApiKey, { id }, { populate: ['deployment'] }) : null;
    if (!apiKey) throw notFound('ApiKey', input.apiKeyId);
    const projectId = apiKey.deployment.getEntity().project.id;
    requireProjectRole(actor, projectId, Role.DEPLOYER, 'Setting API key budgets', {
      type: 'ApiKey',
      id: input.apiKeyId,
    });
    const invalid = checkMonthlyTokenBudget(input.monthlyTokenBudget, ['input', 'monthlyTokenBudget']);
    if (invalid) return { apiKey: null, userErrors: [invalid] };
    if (apiKey.revokedAt)
      return {
        apiKey: null,
        userErrors: [userError(['input', 'apiKeyId'], UserErrorCode.INVALID_STATE, 'This key is revoked.')],
      };
    const previous = apiKey.monthlyTokenBudget ?? null;
    apiKey.monthlyTokenBudget = input.monthlyTokenBudget ?? null;
    recordAudit(
      em,
      actor,
      'setApiKeyBudget',
      { type: 'ApiKey', id: apiKey.globalId, project: projectId },
      { prefix: apiKey.prefix, from: previous, to: apiKey.monthlyTokenBudget },
    );
    await em.flush();
    // This instance's gateway applies it before the mutation answers; the others when they hear the event.
    await this.deps.tracker.reload();
    await this.deps.pubsub.publish('BUDGET_CHANGED', { kind: 'apiKey', id: apiKey.id });
    const deploymentId = apiKey.deployment.id;
    await this.deps.pubsub.publish('API_KEY_USAGE_CHANGED', { id: apiKey.id, deploymentId, projectId });
    return { apiKey, userErrors: [] };
  }

  /**
   * A key's budget this month. A key with a budget is read from the tracker the gateway checks (the fleet's spend
   * within a second); one without, from the rollups (every instance's flushed minutes, this one's included).
   */
  async budgetOf(request: EntityManager, apiKey: ApiKey): Promise<ApiKeyBudget> {
    const period = budgetPeriodOf(Date.now());
    const limit = apiKey.monthlyTokenBudget ?? null;
    const tracked = limit === null ? null : this.deps.tracker.usage({ kind: 'apiKey', id: apiKey.id });
    const used: number = tracked
      ? tracked.used
      : await this.deps.metrics
          .keyUsage(request, apiKey.id, { from: period.start, to: period.end })
          .then((usage) => usage.promptTokens + usage.completionTokens);
    // The stored budget, which another instance may have changed a moment before this tracker re-reads it.
    return {
      monthlyTokenBudget: limit,
      usedTokens: used,
      remainingTokens: limit === null ? null : Math.max(0, limit - used),
      periodStart: period.start,
      periodEnd: period.end,
      warned: await this.warnedLoaderOf(request).load(apiKey.id),
    };
  }

  private warnedLoaderOf(request: EntityManager): DataLoader<string, boolean> {
    let loader = this.warnedLoaders.get(request);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const periodStart = budgetPeriodOf(Date.now()).startMinute;
        const rows = await request.find(
          BudgetWarning,
          { subjectKind: 'apiKey', subjectId: { $in: [...ids] }, periodStart },
          { fields: ['subjectId'] },
        );
        const warned = new Set(rows.map((row) => row.subjectId));
        return ids.map((id) => warned.has(id));
      });
      this.warnedLoaders.set(request, loader);
    }
    return loader;
  }
}
