import {
  DataloaderType,
  DefaultLogger,
  MikroORM,
  type LoggerOptions,
  type LogContext,
} from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { POSTGRES_MIGRATIONS } from './migrations/postgresql/index.js';
import { SQLITE_MIGRATIONS } from './migrations/sqlite/index.js';

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
    extensions: [Migrator],
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
      migrations: { migrationsList: POSTGRES_MIGRATIONS, transactional: true, snapshot: false },
    });
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    const { BetterSqliteDriver } = await import('@mikro-orm/better-sqlite');
    orm = await MikroORM.init({
      ...common,
      driver: BetterSqliteDriver,
      dbName: join(options.dataDir, 'hangar.db'),
      migrations: { migrationsList: SQLITE_MIGRATIONS, transactional: true, snapshot: false },
    });
  }
  await orm.getMigrator().up();
  return orm;
}
