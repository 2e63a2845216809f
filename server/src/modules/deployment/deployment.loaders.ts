import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import DataLoader from 'dataloader';
import { DeploymentEvent } from './deployment-event.entity.js';
import { DeploymentVersion } from './deployment-version.entity.js';
import { Deployment } from './deployment.entity.js';

/** Groups rows by their parent's id, keeping the query's order; parents without rows get []. */
function byParent<T>(ids: readonly string[], rows: T[], parentOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(parentOf(row))?.push(row);
  return ids.map((id) => groups.get(id)!);
}

/** Deployment.versions for a whole page: one query, newest version first per deployment. */
export function createVersionsLoader(em: EntityManager): DataLoader<string, DeploymentVersion[]> {
  return new DataLoader(async (ids) => {
    const rows = await em.find(
      DeploymentVersion,
      { deployment: { $in: [...ids] } },
      { orderBy: { deployment: 'asc', version: 'desc' } },
    );
    return byParent(ids, rows, (row) => row.deployment.id);
  });
}

/**
 * The latest `limit` rows per parent in one statement (a window function, which SQLite ≥ 3.25 and PostgreSQL
 * both have), mapped back to entities. `table`/`parentColumn`/`orderColumn` are the entity's own column names.
 */
async function latestPerParent<T extends object>(
  em: EntityManager,
  entity: new () => T,
  table: string,
  parentColumn: string,
  orderColumn: string,
  parentIds: readonly string[],
  limit: number,
  projectIds?: readonly string[],
): Promise<T[]> {
  const sql = em as SqlEntityManager;
  const knex = sql.getKnex();
  const ranked = knex(table)
    .select(
      '*',
      knex.raw('row_number() over (partition by ?? order by ?? desc) as hangar_rank', [
        parentColumn,
        orderColumn,
      ]),
    )
    .whereIn(parentColumn, [...parentIds]);
  // Raw SQL skips the session's filters: the rows' own project column scopes them.
  if (projectIds) ranked.whereIn('project_id', [...projectIds]);
  const rows: Record<string, unknown>[] = await sql.execute(
    knex.select('*').from(ranked.as('ranked')).where('hangar_rank', '<=', limit).orderBy(orderColumn, 'desc'),
  );
  return rows.map(({ hangar_rank: _rank, ...row }) => em.map(entity, row));
}

/** Deployment.events(last) for a whole page: one statement per distinct `last`, however many deployments. */
export function createEventsLoader(
  em: EntityManager,
): DataLoader<{ deploymentId: string; last: number }, DeploymentEvent[], string> {
  return new DataLoader(
    async (keys) => {
      const byLimit = new Map<number, string[]>();
      for (const { deploymentId, last } of keys)
        byLimit.set(last, [...(byLimit.get(last) ?? []), deploymentId]);
      const results = new Map<string, DeploymentEvent[]>();
      for (const [last, ids] of byLimit) {
        const rows = await latestPerParent(
          em,
          DeploymentEvent,
          'deployment_events',
          'deployment_id',
          'at',
          ids,
          last,
        );
        // Newest first from the query; the field lists them oldest first.
        const groups = byParent(ids, rows, (row) => row.deployment.id);
        ids.forEach((id, i) => results.set(`${id}:${last}`, groups[i]!.reverse()));
      }
      return keys.map((k) => results.get(`${k.deploymentId}:${k.last}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.deploymentId}:${k.last}` },
  );
}

/**
 * Model.deployments for a whole page: the newest `limit` per model in one statement, of `projectIds` only (a
 * shared platform model has deployments in every project); null for the system's unscoped reads.
 */
export function createModelDeploymentsLoader(
  em: EntityManager,
  limit: number,
  projectIds: readonly string[] | null,
): DataLoader<string, Deployment[]> {
  return new DataLoader(async (modelIds) => {
    const rows = await latestPerParent(
      em,
      Deployment,
      'deployments',
      'model_id',
      'created_at',
      modelIds,
      limit,
      projectIds ?? undefined,
    );
    return byParent(modelIds, rows, (row) => row.model.id);
  });
}
