import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from '../../core/logger.js';
import type { BudgetUsage } from '../../gateway/budget-tracker.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { recordAudit } from '../audit/audit.service.js';
import { EventLevel } from '../deployment/deployment.enums.js';
import type { DeploymentService } from '../deployment/deployment.service.js';
import type { ReadyNotifier } from '../notification/ready-notifier.js';
import { claimBudgetWarning } from './budget-warning.claim.js';
import { warnProject } from './project-budget-warning.js';

export interface BudgetWarningDeps {
  orm: MikroORM;
  deployments: Pick<DeploymentService, 'logEvent'>;
  notifier: Pick<ReadyNotifier, 'notifyBudgetWarning'>;
  logger: Logger;
}

/**
 * The 80 % warning: the instance whose insert of the month's `budget_warnings` row succeeds writes the event line,
 * the audit line and the webhook; every other instance that saw the budget cross loses the insert and stays quiet.
 * A project's warning is `warnProject`'s (an event line on each of its deployments).
 */
export function createBudgetWarnings(deps: BudgetWarningDeps) {
  return async function warn(usage: BudgetUsage): Promise<void> {
    if (usage.subject.kind === 'project') return warnProject(deps, usage);
    const em = deps.orm.em.fork();
    const apiKey = await em.findOne(ApiKey, { id: usage.subject.id }, { populate: ['deployment'] });
    if (!apiKey) return;
    const used = Math.round(usage.used);
    if (!(await claimBudgetWarning(em, usage))) return;
    const deployment = apiKey.deployment.getEntity();
    const percent = Math.floor((used / usage.limit) * 100);
    await deps.deployments.logEvent(
      deployment.deploymentId,
      EventLevel.WARNING,
      `API key "${apiKey.name}" (${apiKey.prefix}…) has used ${used} of its ${usage.limit} monthly tokens ` +
        `(${percent} %); it is refused with 429 once they are spent, until ${usage.period.end.toISOString()}.`,
    );
    recordAudit(
      em,
      null,
      'budgetWarning',
      { type: 'ApiKey', id: apiKey.globalId, project: deployment.project.id },
      { usedTokens: used, monthlyTokenBudget: usage.limit, periodStart: usage.period.start.toISOString() },
    );
    await em.flush();
    await deps.notifier.notifyBudgetWarning({
      event: 'budget.warning',
      subject: { kind: 'apiKey', id: apiKey.globalId, name: apiKey.name, prefix: apiKey.prefix },
      deploymentId: deployment.deploymentId,
      usedTokens: used,
      monthlyTokenBudget: usage.limit,
      periodStart: usage.period.start.toISOString(),
      periodEnd: usage.period.end.toISOString(),
      at: new Date().toISOString(),
    });
  };
}
