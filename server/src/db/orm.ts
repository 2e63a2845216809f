import {
  DataloaderType,
  DefaultLogger,
  MikroORM,
  type LoggerOptions,
  type LogContext,
} from '@mikro-orm/core';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type HangarOrm = MikroORM;

/** An entity class, as MikroORM's `entities` option takes it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EntityClass = new (...args: any[]) => object;

export interface OrmOptions {
  /** Every entity class (the roof lists them: app/entities.ts). */
  entities: readonly EntityClass[];
  /** postgres://… or undefined for SQLite. */
  databaseUrl?: string;
  /** Folder of the SQLite file (hangar.db). */
  dataDir: string;
  /** Called with every SQL statement (the N+1 test counts them). */
  onQuery?: (sql: string) => void;
}

export function dialectOf(databaseUrl: string | undefined): 'postgresql' | 'sqlite' {
  return databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgresql' : 'sqlite';
}

/** Opens the database and applies pending migrations (committed under db/migrations/<dialect>). */
export async function openOrm(options: OrmOptions): Promise<HangarOrm> {
  const dialect = dialectOf(options.databaseUrl);
  const onQuery = options.onQuery;
  class QueryLogger extends DefaultLogger {
    constructor(loggerOptions: LoggerOptions) {
      super(loggerOptions);
    }
    override logQuery(context: { query: string } & LogContext): void {
      onQuery?.(context.query);
    }
    override log(): void {}
  }
  const common = {
    entities: [...options.entities],
    dataloader: DataloaderType.ALL,
    debug: onQuery ? (['query'] as const).slice() : false,
    loggerFactory: (loggerOptions: LoggerOptions) => new QueryLogger(loggerOptions),
    forceUtcTimezone: true,
    allowGlobalContext: false,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
  };
  let orm: MikroORM;
  // Only the dialect in use is loaded: each driver (with knex and pg or better-sqlite3) costs ~15–25 MB of memory.
  if (dialect === 'postgresql') {
    const { PostgreSqlDriver } = await import('@mikro-orm/postgresql');
    orm = await MikroORM.init({
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: options.databaseUrl,
    });
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    const { BetterSqliteDriver } = await import('@mikro-orm/better-sqlite');
    orm = await MikroORM.init({
      ...common,
      driver: BetterSqliteDriver,
      dbName: join(options.dataDir, 'hangar.db'),
    });
  }
  if (await migrationsPending(orm, dialect)) await migrate(orm, dialect);
  return orm;
}

const MIGRATION_FILE = /^(Migration\d+_\w+)\.[jt]s$/;

/**
 * Whether a committed migration is not applied yet. Read without the migrator: `@mikro-orm/migrations` (umzug and
 * its command-line libraries) costs ~12 MB of memory for the process's lifetime, for work that is done after the
 * first start of each version. The folder's files are the migrations (its index lists the same ones in order).
 */
async function migrationsPending(orm: MikroORM, dialect: 'postgresql' | 'sqlite'): Promise<boolean> {
  const folder = new URL(`./migrations/${dialect}/`, import.meta.url);
  const committed = readdirSync(folder).flatMap((file) => MIGRATION_FILE.exec(file)?.[1] ?? []);
  let applied: Set<string>;
  try {
    const rows = await orm.em
      .getConnection()
      .execute<{ name: string }[]>('select name from mikro_orm_migrations');
    applied = new Set(rows.map((row: { name: string }) => row.name));
  } catch {
    return true; // no migrations table yet: a new database
  }
  return committed.some((name) => !applied.has(name));
}

async function migrate(orm: MikroORM, dialect: 'postgresql' | 'sqlite'): Promise<void> {
  const [{ Migrator }, migrationsList] = await Promise.all([
    import('@mikro-orm/migrations'),
    dialect === 'postgresql'
      ? import('./migrations/postgresql/index.js').then((m) => m.POSTGRES_MIGRATIONS)
      : import('./migrations/sqlite/index.js').then((m) => m.SQLITE_MIGRATIONS),
  ]);
  // The options MikroORM filled in at init (paths, table name), with the list loaded now.
  orm.config.set('migrations', {
    ...orm.config.get('migrations'),
    migrationsList,
    transactional: true,
    snapshot: false,
  });
  Migrator.register(orm);
  if (dialect === 'postgresql') {
    await orm.getMigrator().up();
    return;
  }
  // SQLite rebuilds a table to add a NOT NULL column (copy, drop, rename): with foreign keys on, the drop would
  // cascade into every row that references it. The pragma is ignored inside a transaction, so it is set around
  // the migrator (one connection), and the rows are checked against their references afterwards.
  const connection = orm.em.getConnection();
  await connection.execute('pragma foreign_keys = off');
  try {
    await orm.getMigrator().up();
    const broken = await connection.execute<unknown[]>('pragma foreign_key_check');
    if (broken.length) throw new Error(`Migrating left ${broken.length} row(s) with a dangling reference.`);
  } finally {
    await connection.execute('pragma foreign_keys = on');
  }
}
