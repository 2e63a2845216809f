import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import DataLoader from 'dataloader';
import { Deployment } from '../deployment/deployment.entity.js';
import { ACTIVE_STATUSES, DeploymentStatus } from '../deployment/deployment.enums.js';

/** The model list's columns. */
export interface DeploymentCounts {
  active: number;
  failed: number;
  readyToDeploy: number;
  total: number;
}

const ZERO: DeploymentCounts = { active: 0, failed: 0, readyToDeploy: 0, total: 0 };

/** One GROUP BY for every model on a page: the list costs a constant number of statements, whatever its size. */
export function createDeploymentCountsLoader(em: EntityManager): DataLoader<string, DeploymentCounts> {
  return new DataLoader(async (modelIds) => {
    const query = (em as SqlEntityManager)
      .createQueryBuilder(Deployment, 'd')
      .select(['d.model', 'd.status', raw('count(*) as count')])
      .where({ model: { $in: [...modelIds] } })
      .groupBy(['d.model', 'd.status']);
    // A query builder skips the session's filters unless asked: a shared model counts this viewer's projects only.
    await query.applyFilters();
    const rows: { model_id: string; status: DeploymentStatus; count: string | number }[] =
      await query.execute('all', false);
    const byModel = new Map<string, DeploymentCounts>();
    for (const row of rows) {
      const counts = byModel.get(row.model_id) ?? { ...ZERO };
      const n = Number(row.count);
      counts.total += n;
      if (ACTIVE_STATUSES.includes(row.status)) counts.active += n;
      if (row.status === DeploymentStatus.FAILED) counts.failed += n;
      if (row.status === DeploymentStatus.READY_TO_DEPLOY) counts.readyToDeploy += n;
      byModel.set(row.model_id, counts);
    }
    return modelIds.map((id) => byModel.get(id) ?? ZERO);
  });
}
