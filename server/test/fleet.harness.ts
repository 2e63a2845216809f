import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from './crash-walk.harness.js';
import { createPostgresDatabase, TEST_REDIS_URL, waitFor } from './harness.js';
import { NomadDouble } from './nomad-double/nomad-double.js';

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

/** A model server that answers every chat completion "ok" after `answerMs`, counting requests it serves at once. */
export interface CountingReplica {
  port: number;
  /** How long each answer takes. */
  answerMs: number;
  inFlight: number;
  served: number;
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startCountingReplica(): Promise<CountingReplica> {
  const replica = {
    port: 0,
    answerMs: 300,
    inFlight: 0,
    served: 0,
    maxInFlight: 0,
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      replica.inFlight++;
      replica.maxInFlight = Math.max(replica.maxInFlight, replica.inFlight);
      setTimeout(() => {
        replica.inFlight--;
        replica.served++;
        const body = JSON.stringify({
          id: 'c1',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: 'm',
          choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      }, replica.answerMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  replica.port = (server.address() as AddressInfo).port;
  replica.close = () =>
    new Promise<undefined>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve(undefined));
    });
  return replica;
}

/** Two instances on one spec-validating Nomad double whose services answer at `replicaPort`. */
export async function startNomadFleet(replicaPort: number, aclToken: string) {
  const nomad = new NomadDouble({
    heartbeatMs: 200,
    maxBlockingWaitMs: 1000,
    aclToken,
    serviceAddress: { address: '127.0.0.1', port: replicaPort },
  });
  const fleet = await createFleet({
    HANGAR_RUNTIME: 'nomad',
    NOMAD_ADDR: await nomad.start(),
    NOMAD_TOKEN: aclToken,
    HANGAR_DEMO_MODEL: '0',
    HANGAR_RECONCILE_INTERVAL_SECONDS: '1',
  });
  const servers = [await fleet.start(), await fleet.start()];
  return { nomad, fleet, servers, token: await fleet.adminToken() };
}
