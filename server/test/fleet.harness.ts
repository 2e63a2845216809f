import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from './crash-walk.harness.js';
import { createPostgresDatabase, TEST_REDIS_URL, waitFor } from './harness.js';

/** Several real server processes (src/app/main.ts) on one PostgreSQL database, one Redis and one data folder. */

export interface Health {
  ok: boolean;
  instance: string;
  leader: boolean;
  leaderInstance: string | null;
}

export async function health(server: ServerProcess): Promise<Health> {
  const response = await fetch(`${server.url}/healthz`);
  return (await response.json()) as Health;
}

export interface Fleet {
  env: Record<string, string>;
  dataDir: string;
  start(extraEnv?: Record<string, string>): Promise<ServerProcess>;
  adminToken(): Promise<string>;
  /** SIGKILLs what is still running, drops the database, removes the data folder. */
  cleanup(): Promise<void>;
}

export async function createFleet(env: Record<string, string>): Promise<Fleet> {
  const database = await createPostgresDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'hangar-fleet-'));
  const fleetEnv = {
    HANGAR_DATABASE_URL: database.url,
    HANGAR_REDIS_URL: TEST_REDIS_URL,
    ...env,
  };
  const servers: ServerProcess[] = [];
  return {
    env: fleetEnv,
    dataDir,
    async start(extraEnv = {}) {
      const server = await startServerProcess(dataDir, { ...fleetEnv, ...extraEnv });
      servers.push(server);
      await server.reconciled;
      return server;
    },
    async adminToken() {
      return (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
    },
    async cleanup() {
      for (const server of servers) {
        if (server.child.exitCode !== null || server.child.signalCode !== null) continue;
        const exited = new Promise((resolve) => server.child.once('exit', resolve));
        server.child.kill('SIGKILL');
        await exited;
      }
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until `server` says it leads, and returns how long that took. */
export async function timeToLead(server: ServerProcess, timeoutMs: number): Promise<number> {
  const started = Date.now();
  await waitFor(async () => (await health(server)).leader, timeoutMs, 'the other instance to take the lead');
  return Date.now() - started;
}
