import type { EntityManager } from '@mikro-orm/core';
import { budgetPeriodOf } from '../../core/budget-period.js';
import type { BudgetTracker } from '../../gateway/budget-tracker.js';
import { notFound } from '../../graphql/errors.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { tryFromGlobalId } from '../../graphql/relay.js';
import type { UserError } from '../../graphql/user-error.js';
import { recordAudit } from '../audit/audit.service.js';
import type { MetricsService } from '../metrics/metrics.service.js';
import type { MetricsRangeInput } from '../metrics/metrics.range.js';
import type { UsageStats } from '../metrics/metrics.views.js';
import { Project } from '../project/project.entity.js';
import { requireInstanceAdmin, type Viewer } from '../user/viewer.js';
import { BudgetWarning } from './budget-warning.entity.js';
import { checkMonthlyTokenBudget } from './budget.rules.js';
import type { ApiKeyBudget } from './budget.views.js';
import { spendersOf } from './project-budget.source.js';
import type { SetProjectBudgetInput } from './project-budget.views.js';

export interface ProjectBudgetServiceDeps {
  pubsub: HangarPubSub;
  metrics: MetricsService;
  tracker: Pick<BudgetTracker, 'usage' | 'reload'>;
}

/**
 * A project's monthly token budget (every key of its deployments together) and its usage. Reads go through the
 * request's scoped session: a project the viewer is not in is NOT_FOUND, and so are its deployments and keys.
 */
export class ProjectBudgetService {
  constructor(private readonly deps: ProjectBudgetServiceDeps) {}

  /** Instance ADMIN only: a budget caps what a tenant may spend, so its own ADMIN does not set it. */
  async setProjectBudget(
    em: EntityManager,
    viewer: Viewer | null,
    input: SetProjectBudgetInput,
  ): Promise<{ project: Project | null; userErrors: UserError[] }> {
    const actor = requireInstanceAdmin(viewer, 'Setting a project budget');
    const id = tryFromGlobalId(input.projectId, 'Project');
    // Through the scoped session: narrowed to another project, this one is NOT_FOUND like a missing one.
    const project = id ? await em.findOne(Project, { id }) : null;
    if (!project) throw notFound('Project', input.projectId);
    const invalid = checkMonthlyTokenBudget(input.monthlyTokenBudget, ['input', 'monthlyTokenBudget']);
    if (invalid) return { project: null, userErrors: [invalid] };
    const previous = project.monthlyTokenBudget ?? null;
    project.monthlyTokenBudget = input.monthlyTokenBudget ?? null;
    recordAudit(
      em,
      actor,
      'setProjectBudget',
      { type: 'Project', id: project.globalId, project: project.id },
      { from: previous, to: project.monthlyTokenBudget },
    );
    await em.flush();
    // This instance's gateway applies it before the mutation answers; the others when they hear the event.
    await this.deps.tracker.reload();
    await this.deps.pubsub.publish('BUDGET_CHANGED', { kind: 'project', id: project.id });
    return { project, userErrors: [] };
  }

  /**
   * The project's budget this month: with a budget, from the tracker the gateway checks (the fleet within a
   * second); without, the rollups' sum over every key of its deployments.
   */
  async budgetOf(em: EntityManager, project: Project): Promise<ApiKeyBudget> {
    const period = budgetPeriodOf(Date.now());
    const limit = project.monthlyTokenBudget ?? null;
    const tracked = limit === null ? null : this.deps.tracker.usage({ kind: 'project', id: project.id });
    let used = tracked?.used;
    if (used === undefined) {
      const { keyIds } = (await spendersOf(em, [project.id])).get(project.id)!;
      const usages = await Promise.all(
        keyIds.map((id) => this.deps.metrics.keyUsage(em, id, { from: period.start, to: period.end })),
      );
      used = usages.reduce((sum, usage) => sum + usage.promptTokens + usage.completionTokens, 0);
    }
    const warned = await em.count(BudgetWarning, {
      subjectKind: 'project',
      subjectId: project.id,
      periodStart: period.startMinute,
    });
    return {
      monthlyTokenBudget: limit,
      usedTokens: used,
      remainingTokens: limit === null ? null : Math.max(0, limit - used),
      periodStart: period.start,
      periodEnd: period.end,
      warned: warned > 0,
    };
  }

  /** Requests and tokens of the project's deployments together over `range` (default: everything kept). */
  async usageOf(em: EntityManager, project: Project, range?: MetricsRangeInput | null): Promise<UsageStats> {
    const { deploymentIds } = (await spendersOf(em, [project.id])).get(project.id)!;
    return this.deps.metrics.deploymentsUsage(em, deploymentIds, range);
  }
}
