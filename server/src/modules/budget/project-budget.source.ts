import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { BudgetSource } from '../../gateway/budget-tracker.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { sumPerSubject } from '../metrics/metrics.store.js';
import { Project } from '../project/project.entity.js';

/** What a project's month is made of: its deployments (public ids) and every key they ever had. */
export interface ProjectSpenders {
  deploymentIds: string[];
  keyIds: string[];
}

/**
 * The deployments and keys of some projects, read through `em` (the gateway's unscoped session, or a request's
 * scoped one): a revoked key's tokens of this month still count, since they were spent.
 */
export async function spendersOf(em: EntityManager, projectIds: readonly string[]) {
  const spenders = new Map<string, ProjectSpenders>(
    projectIds.map((id) => [id, { deploymentIds: [], keyIds: [] }]),
  );
  if (projectIds.length === 0) return spenders;
  const deployments = await em.find(
    Deployment,
    { project: { $in: [...projectIds] } },
    { fields: ['id', 'deploymentId', 'project'] },
  );
  const projectOf = new Map(deployments.map((d) => [d.id, d.project.id]));
  for (const deployment of deployments)
    spenders.get(deployment.project.id)!.deploymentIds.push(deployment.deploymentId);
  const keys = deployments.length
    ? await em.find(ApiKey, { deployment: { $in: [...projectOf.keys()] } }, { fields: ['id', 'deployment'] })
    : [];
  for (const key of keys) spenders.get(projectOf.get(key.deployment.id)!)!.keyIds.push(key.id);
  return spenders;
}

/** The project of each key (the local recent spend's seed charges the keys' last minutes to their projects too). */
export async function projectsOfKeys(orm: MikroORM, keyIds: readonly string[]): Promise<Map<string, string>> {
  if (keyIds.length === 0) return new Map();
  const keys = await orm.em.fork().find(ApiKey, { id: { $in: [...keyIds] } }, { populate: ['deployment'] });
  return new Map(keys.map((key) => [key.id, key.deployment.getEntity().project.id]));
}

/**
 * Budgets per project: every key of the project's deployments counts toward its month (the rollups' `key` scope,
 * summed per project). A request finds its project from memory by its deployment, mapped at each load for every
 * deployment, budgeted or not: the recent spend then holds each project's last minutes already when a budget is
 * set, as it does a key's. A new deployment is mapped by the load its creation triggers (budget-tracking.ts).
 */
export function projectBudgetSource(orm: MikroORM): BudgetSource {
  let projectOfDeployment = new Map<string, string>();
  return {
    kind: 'project',
    label: 'This project',
    subjectOf: (request) => projectOfDeployment.get(request.deploymentId) ?? null,
    async load(period, beforeMinute) {
      const em = orm.em.fork();
      const projects = await em.find(
        Project,
        { monthlyTokenBudget: { $ne: null } },
        { fields: ['id', 'monthlyTokenBudget'] },
      );
      const deployments = await em.find(Deployment, {}, { fields: ['deploymentId', 'project'] });
      projectOfDeployment = new Map(deployments.map((d) => [d.deploymentId, d.project.id]));
      const spenders = await spendersOf(
        em,
        projects.map((project) => project.id),
      );
      const keyIds = [...spenders.values()].flatMap((s) => s.keyIds);
      const used = await sumPerSubject(orm, 'key', 'tokens', keyIds, period.startMinute, beforeMinute);
      return projects.map((project) => ({
        id: project.id,
        limit: project.monthlyTokenBudget!,
        used: spenders.get(project.id)!.keyIds.reduce((sum, id) => sum + (used.get(id) ?? 0), 0),
      }));
    },
  };
}
