import { createClient, type Client } from 'graphql-ws';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { createApp, type AppOptions, type HangarApp } from '../src/app/app.js';
import { configFromEnv, type HangarConfig } from '../src/app/config.js';
import { createLogger } from '../src/core/logger.js';

/** The API and data tests run on both databases. */
export const DATABASES = ['sqlite', 'postgresql'] as const;
export type Database = (typeof DATABASES)[number];

const ADMIN_PG = process.env.HANGAR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.HANGAR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A fresh PostgreSQL database per test run: isolation without touching anyone else's data. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hangar_t_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: ADMIN_PG });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: ADMIN_PG.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_PG });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestServer {
  app: HangarApp;
  config: HangarConfig;
  /** The bootstrap admin's token. */
  adminToken: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GqlResult<T>>;
  ws(token?: string): Client;
  /** Stops the server but keeps its data (restart tests). */
  stop(): Promise<void>;
  /** Stops and deletes everything. */
  cleanup(): Promise<void>;
}

export interface GqlResult<T> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface TestServerOptions {
  db: Database;
  env?: Record<string, string>;
  /** Reuse a data dir / database of a previous server (restart). */
  reuse?: { dataDir: string; databaseUrl?: string };
  appOptions?: AppOptions;
}

export async function startTestServer(
  options: TestServerOptions,
): Promise<TestServer & { dataDir: string; databaseUrl?: string }> {
  const dataDir = options.reuse?.dataDir ?? (await mkdtemp(join(tmpdir(), 'hangar-test-')));
  let databaseUrl = options.reuse?.databaseUrl;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (options.db === 'postgresql' && !databaseUrl) {
    const created = await createPostgresDatabase();
    databaseUrl = created.url;
    dropDatabase = created.drop;
  }
  const config = configFromEnv({
    HANGAR_PORT: '0',
    HANGAR_HOST: '127.0.0.1',
    HANGAR_DATA_DIR: dataDir,
    HANGAR_LOG_LEVEL: process.env.HANGAR_TEST_LOG_LEVEL ?? 'silent',
    ...(databaseUrl ? { HANGAR_DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const app = await createApp(config, { logger: createLogger(config.logLevel), ...options.appOptions });
  const { readFile } = await import('node:fs/promises');
  const adminToken = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
  const clients: Client[] = [];
  let stopped = false;
  const server = {
    app,
    config,
    adminToken,
    dataDir,
    databaseUrl,
    async gql<T>(query: string, variables?: Record<string, unknown>, token: string | null = adminToken) {
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data: T; errors?: GqlResult<T>['errors'] };
      return { status: response.status, data: body.data, errors: body.errors };
    },
    ws(token: string = adminToken) {
      const client = createClient({
        url: `${app.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(clients.map((c) => c.dispose()));
      await app.close();
    },
    async cleanup() {
      await server.stop();
      await dropDatabase?.();
      if (!options.reuse) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** Collects a subscription's results until `until` returns true (or the timeout passes). */
export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  until: (items: T[]) => boolean,
  timeoutMs = 60_000,
): { items: T[]; done: Promise<T[]>; ready: Promise<void> } {
  const items: T[] = [];
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const done = new Promise<T[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(
          `subscription timed out after ${timeoutMs} ms with ${JSON.stringify(items).slice(0, 2000)}`,
        ),
      );
    }, timeoutMs);
    const unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) {
            clearTimeout(timer);
            reject(new Error(JSON.stringify(value.errors)));
            return;
          }
          items.push(value.data as T);
          if (until(items)) {
            clearTimeout(timer);
            unsubscribe();
            resolve(items);
          }
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => undefined,
      },
    );
    client.on('connected', () => resolveReady());
  });
  // graphql-ws subscribes right after "connected"; give the server a moment to register the listener.
  return { items, done, ready: ready.then(() => new Promise((r) => setTimeout(r, 150))) };
}

/** Polls `probe` until it returns a truthy value. */
export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
  what = 'condition',
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
