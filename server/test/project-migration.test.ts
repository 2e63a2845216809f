import { MikroORM, type MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/app/entities.js';
import { POSTGRES_MIGRATIONS } from '../src/db/migrations/postgresql/index.js';
import { SQLITE_MIGRATIONS } from '../src/db/migrations/sqlite/index.js';
import { openOrm } from '../src/db/orm.js';
import { ProjectMember } from '../src/modules/project/project-member.entity.js';
import { DEFAULT_PROJECT_ID, Project } from '../src/modules/project/project.entity.js';
import { createPostgresDatabase, DATABASES, type Database } from './harness.js';

const PROJECTS_MIGRATION = 'Migration20261202140000_Projects';

/** Brings a database to the schema just before projects existed, with the migrator, then closes it. */
async function migrateToBeforeProjects(db: Database, where: { dataDir: string; url?: string }) {
  const list: MigrationObject[] = db === 'postgresql' ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS;
  const before = list.slice(
    0,
    list.findIndex((m) => m.name === PROJECTS_MIGRATION),
  );
  const common = {
    entities: [...ENTITIES],
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    migrations: { migrationsList: before, transactional: true, snapshot: false },
    allowGlobalContext: true,
    logger: () => undefined,
  };
  const orm =
    db === 'postgresql'
      ? await MikroORM.init({
          ...common,
          driver: (await import('@mikro-orm/postgresql')).PostgreSqlDriver,
          clientUrl: where.url,
        })
      : await MikroORM.init({
          ...common,
          driver: (await import('@mikro-orm/better-sqlite')).BetterSqliteDriver,
          dbName: join(where.dataDir, 'hangar.db'),
        });
  await orm.getMigrator().up();
  return orm;
}

/** Rows of every kind the projects migration moves, written in the old schema's own SQL. */
async function insertOldRows(orm: MikroORM, db: Database): Promise<void> {
  const connection = orm.em.getConnection();
  const now = db === 'postgresql' ? new Date().toISOString() : Date.now();
  const json = (value: unknown) => JSON.stringify(value);
  const run = (sql: string, params: unknown[]) => connection.execute(sql, params, 'run');
  const users = [
    ['00000000-0000-4000-8000-0000000000a1', 'ada', 'ADMIN'],
    ['00000000-0000-4000-8000-0000000000a2', 'dev', 'DEPLOYER'],
    ['00000000-0000-4000-8000-0000000000a3', 'viewer', 'VIEWER'],
  ];
  for (const [id, name, role] of users)
    await run('insert into users (id, name, role, created_at) values (?, ?, ?, ?)', [id, name, role, now]);
  const models = [
    ['00000000-0000-4000-8000-0000000000b1', 'uploaded', 'FILE'],
    ['00000000-0000-4000-8000-0000000000b2', 'from-hub', 'HUGGING_FACE'],
    ['00000000-0000-4000-8000-0000000000b3', 'catalog', 'PLATFORM'],
  ];
  for (const [id, name, source] of models)
    await run(
      'insert into models (id, name, tags, source, created_at, updated_at) values (?, ?, ?, ?, ?, ?)',
      [id, name, json([]), source, now, now],
    );
  for (let i = 1; i <= 3; i++) {
    const id = `00000000-0000-4000-8000-0000000000c${i}`;
    await run(
      'insert into deployments (id, deployment_id, model_id, name, tags, status, config, created_by_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        id,
        `dpl-migration${i}`,
        models[i - 1]![0],
        `old ${i}`,
        json([]),
        'UNDEPLOYED',
        json({}),
        users[1]![0],
        now,
        now,
      ],
    );
    await run(
      'insert into deployment_versions (id, deployment_id, version, name, trigger, config, tags, started_at, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        `00000000-0000-4000-8000-0000000000d${i}`,
        id,
        1,
        `old ${i}_v1`,
        'DEPLOY',
        json({}),
        json([]),
        now,
        'UNDEPLOYED',
      ],
    );
    await run(
      'insert into deployment_events (id, deployment_id, version, level, message, at) values (?, ?, ?, ?, ?, ?)',
      [`00000000-0000-4000-8000-0000000000e${i}`, id, 1, 'INFO', `line ${i}`, now],
    );
    await run(
      'insert into api_keys (id, deployment_id, name, prefix, hash, created_at) values (?, ?, ?, ?, ?, ?)',
      [`00000000-0000-4000-8000-0000000000f${i}`, id, `key ${i}`, 'hgr_sk_x', `hash-${i}`, now],
    );
  }
  await run(
    'insert into connections (id, name, encrypted_token, token_hint, created_at) values (?, ?, ?, ?, ?)',
    ['00000000-0000-4000-8000-000000000101', 'hub', 'v1:x:y:z', 'abcd', now],
  );
  for (let i = 1; i <= 2; i++)
    await run('insert into audit_events (id, actor_name, action, target_type, at) values (?, ?, ?, ?, ?)', [
      `00000000-0000-4000-8000-00000000020${i}`,
      'ada',
      'deployModel',
      'Deployment',
      now,
    ]);
}

describe.each(DATABASES)('the projects migration on %s', (db) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('moves every existing row and user into the "default" project, losing nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hangar-migration-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    let url: string | undefined;
    if (db === 'postgresql') {
      const created = await createPostgresDatabase();
      url = created.url;
      cleanups.push(created.drop);
    }
    const old = await migrateToBeforeProjects(db, { dataDir, url });
    await insertOldRows(old, db);
    await old.close(true);

    // The server's own path: openOrm applies what is pending (on SQLite with foreign keys off around it).
    const orm = await openOrm({ entities: ENTITIES, databaseUrl: url, dataDir });
    cleanups.unshift(() => orm.close(true));
    const sql = orm.em.getConnection();
    const rows = async (query: string) => sql.execute<Record<string, unknown>[]>(query);
    const count = async (table: string) => Number((await rows(`select count(*) as n from ${table}`))[0]!.n);

    const em = orm.em.fork();
    const project = await em.findOneOrFail(Project, { id: DEFAULT_PROJECT_ID });
    expect(project.slug).toBe('default');
    expect(Math.abs(project.createdAt.getTime() - Date.now())).toBeLessThan(120_000);

    // Nothing lost: a table rebuilt with foreign keys on would have cascaded into these.
    expect(await count('deployments')).toBe(3);
    expect(await count('deployment_versions')).toBe(3);
    expect(await count('deployment_events')).toBe(3);
    expect(await count('api_keys')).toBe(3);
    expect(await count('connections')).toBe(1);
    expect(await count('audit_events')).toBe(2);
    expect(await count('models')).toBe(3);

    expect(await rows('select project_id from deployments')).toEqual(
      Array(3).fill({ project_id: DEFAULT_PROJECT_ID }),
    );
    expect(await rows('select project_id from connections')).toEqual([{ project_id: DEFAULT_PROJECT_ID }]);
    expect(await rows('select project_id from audit_events')).toEqual(
      Array(2).fill({ project_id: DEFAULT_PROJECT_ID }),
    );
    // Imported and Hugging Face models move; the catalog's platform model stays shared (no project).
    expect(await rows('select name, project_id from models order by name')).toEqual([
      { name: 'catalog', project_id: null },
      { name: 'from-hub', project_id: DEFAULT_PROJECT_ID },
      { name: 'uploaded', project_id: DEFAULT_PROJECT_ID },
    ]);
    // Versions, events and keys belong through their deployment, which is in the default project.
    for (const table of ['deployment_versions', 'deployment_events', 'api_keys'])
      expect(
        await rows(
          `select d.project_id from ${table} t join deployments d on d.id = t.deployment_id group by d.project_id`,
        ),
      ).toEqual([{ project_id: DEFAULT_PROJECT_ID }]);

    const members = await em.find(
      ProjectMember,
      {},
      { populate: ['user'], orderBy: { user: { name: 'asc' } } },
    );
    expect(members.map((m) => [m.project.id, m.user.getEntity().name, m.role])).toEqual([
      [DEFAULT_PROJECT_ID, 'ada', 'ADMIN'],
      [DEFAULT_PROJECT_ID, 'dev', 'DEPLOYER'],
      [DEFAULT_PROJECT_ID, 'viewer', 'VIEWER'],
    ]);
    if (db === 'sqlite') expect(await rows('pragma foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });
});
