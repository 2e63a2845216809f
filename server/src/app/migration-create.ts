/**
 * Writes a migration for each dialect from the difference between the entities and the committed migrations.
 * Usage: `npm run migration:create -w server -- <name>`. Needs the local PostgreSQL (trust auth) for the
 * PostgreSQL diff; it uses a throwaway database.
 */
import { MikroORM } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ENTITIES } from './entities.js';
import { POSTGRES_MIGRATIONS } from '../db/migrations/postgresql/index.js';
import { SQLITE_MIGRATIONS } from '../db/migrations/sqlite/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const name = process.argv[2] ?? 'Migration';
const adminUrl = process.env.HANGAR_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function create(dialect: 'sqlite' | 'postgresql'): Promise<void> {
  const folder = join(here, '..', 'db', 'migrations', dialect);
  const tmpDb = `hangar_migration_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  if (dialect === 'postgresql') {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${tmpDb}`);
  }
  const common = {
    entities: ENTITIES,
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true },
  };
  const orm =
    dialect === 'postgresql'
      ? await MikroORM.init({
          ...common,
          driver: PostgreSqlDriver,
          clientUrl: adminUrl.replace(/\/[^/]*$/, `/${tmpDb}`),
          migrations: { migrationsList: POSTGRES_MIGRATIONS, path: folder, emit: 'ts', snapshot: false },
        })
      : await MikroORM.init({
          ...common,
          driver: BetterSqliteDriver,
          dbName: join(mkdtempSync(join(tmpdir(), 'hangar-mig-')), 'db.sqlite'),
          migrations: { migrationsList: SQLITE_MIGRATIONS, path: folder, emit: 'ts', snapshot: false },
        });
  try {
    const migrator = orm.getMigrator();
    await migrator.up();
    const result = await migrator.createMigration(folder, false, false, name);
    if (!result.fileName) {
      console.log(`${dialect}: no changes`);
      return;
    }
    const className = result.fileName.replace(/\.ts$/, '');
    const indexFile = join(folder, 'index.ts');
    const index = readFileSync(indexFile, 'utf8')
      .replace(/^(import type .*\n)/m, `$1import { ${className} } from './${className}.js';\n`)
      .replace(/= \[(.*)\];\s*$/s, (_m, list: string) => {
        const entries = list.trim() ? `  ${list.trim().replace(/,$/, '')},\n` : '';
        return `= [\n${entries}  { name: '${className}', class: ${className} },\n];\n`;
      });
    writeFileSync(indexFile, index);
    console.log(`${dialect}: wrote ${result.fileName}`);
  } finally {
    await orm.close(true);
    if (dialect === 'postgresql') {
      await admin.query(`DROP DATABASE IF EXISTS ${tmpDb}`);
      await admin.end();
    }
  }
}

await create('sqlite');
await create('postgresql');
