import type { BudgetUsage } from '../../gateway/budget-tracker.js';
import { recordAudit } from '../audit/audit.service.js';
import { EventLevel } from '../deployment/deployment.enums.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { Project } from '../project/project.entity.js';
import { claimBudgetWarning } from './budget-warning.claim.js';
import type { BudgetWarningDeps } from './budget-warnings.js';

/**
 * A project's 80 % warning, once per project and month (the same claim as a key's, subject kind `project`): an
 * event line on every deployment of the project, since that is where its members look and where a key's warning
 * appears; one audit line on the project; one webhook naming the project and its deployments.
 */
export async function warnProject(deps: BudgetWarningDeps, usage: BudgetUsage): Promise<void> {
  const em = deps.orm.em.fork();
  const project = await em.findOne(Project, { id: usage.subject.id });
  if (!project) return;
  if (!(await claimBudgetWarning(em, usage))) return;
  const used = Math.round(usage.used);
  const percent = Math.floor((used / usage.limit) * 100);
  const deployments = await em.find(
    Deployment,
    { project: project.id },
    { fields: ['deploymentId'], orderBy: { deploymentId: 'asc' } },
  );
  const message =
    `Project "${project.name}" has used ${used} of its ${usage.limit} monthly tokens (${percent} %); every key ` +
    `of its deployments is refused with 429 once they are spent, until ${usage.period.end.toISOString()}.`;
  for (const deployment of deployments)
    await deps.deployments.logEvent(deployment.deploymentId, EventLevel.WARNING, message);
  recordAudit(
    em,
    null,
    'budgetWarning',
    { type: 'Project', id: project.globalId, project: project.id },
    { usedTokens: used, monthlyTokenBudget: usage.limit, periodStart: usage.period.start.toISOString() },
  );
  await em.flush();
  await deps.notifier.notifyBudgetWarning({
    event: 'budget.warning',
    subject: { kind: 'project', id: project.globalId, name: project.name },
    deploymentIds: deployments.map((deployment) => deployment.deploymentId),
    usedTokens: used,
    monthlyTokenBudget: usage.limit,
    periodStart: usage.period.start.toISOString(),
    periodEnd: usage.period.end.toISOString(),
    at: new Date().toISOString(),
  });
}
