/**
 * Several instances: the compiled server on PostgreSQL, one instance alone (no Redis: per-process limits) against
 * two instances sharing Redis behind a tiny round-robin (the load generator alternates between them), every
 * instance serving the same minimal fast upstream. Prints requests/s and p99 at 64 connections for one instance,
 * one instance with Redis and two with Redis, and the per-request cost of the shared limits (rate-limit bucket and
 * replica slot: one-connection latency with Redis minus without). Run: `npm run bench -- fleet`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildServer, serveFlags } from '../gateway/compiled-server.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 3000);
const CONCURRENCY = 64;
const THROUGHPUT_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ADMIN_PG = process.env.HANGAR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.HANGAR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Started {
  child: ChildProcess;
  port: number;
  deploymentId?: string;
  apiKey?: string;
}

function start(file: string, args: string[], env: Record<string, string>, flags: string[]): Promise<Started> {
  const child = fork(here(file), args, {
    execArgv: [...flags, '--import', 'tsx'],
    env: { ...process.env, ...env, TSX_TSCONFIG_PATH: here('../../server/tsconfig.json') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, ...(message as Omit<Started, 'child'>) }));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

async function database(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hangar_bench_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: ADMIN_PG });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: ADMIN_PG.replace(/\/[^/]*$/, `/${name}`),
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_PG });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

let apiKey = '';
const body = JSON.stringify({
  model: 'm',
  messages: [{ role: 'user', content: 'Say hello.' }],
  max_tokens: 16,
});

function post(agent: http.Agent, url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${apiKey}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Number(process.hrtime.bigint() - t0) / 1e6)
            : reject(new Error(`status ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const signed = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(0)}`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** One connection per target, in alternating blocks of 100 so drift on the machine hits both alike. */
async function sequential(targets: URL[]): Promise<{ p50: number; p99: number }[]> {
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  for (let i = 0; i < 300; i++) for (const [t, url] of targets.entries()) await post(agents[t]!, url);
  const samples = targets.map(() => [] as number[]);
  for (let block = 0; block < SEQUENTIAL / 100; block++) {
    for (const [t, url] of targets.entries()) {
      for (let i = 0; i < 100; i++) samples[t]!.push(await post(agents[t]!, url));
    }
  }
  for (const agent of agents) agent.destroy();
  return samples.map((s) => {
    s.sort((a, b) => a - b);
    return { p50: percentile(s, 50), p99: percentile(s, 99) };
  });
}

/** `CONCURRENCY` connections for `ms`, each request to the next of `urls` in turn (the round-robin). */
async function load(urls: URL[], ms: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let turn = 0;
  const end = Date.now() + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) latencies.push(await post(agent, urls[turn++ % urls.length]!));
    }),
  );
  agent.destroy();
  return latencies;
}

/** Throughput and p99 per setup, in alternating one-second slices. */
async function throughput(setups: URL[][]): Promise<{ rps: number; p99: number }[]> {
  const all = setups.map(() => [] as number[]);
  for (let slice = 0; slice < THROUGHPUT_SECONDS; slice++) {
    for (const [s, urls] of setups.entries()) all[s]!.push(...(await load(urls, 1000)));
  }
  return all.map((latencies) => {
    latencies.sort((a, b) => a - b);
    return { rps: latencies.length / THROUGHPUT_SECONDS, p99: percentile(latencies, 99) };
  });
}

const upstream = await new Promise<{ child: ChildProcess; baseUrl: string }>((resolve, reject) => {
  const child = fork(here('../gateway/upstream.process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.once('message', (m) => resolve({ child, baseUrl: (m as { baseUrl: string }).baseUrl }));
  child.once('exit', (code) => reject(new Error(`upstream exited with ${code}`)));
});
process.stdout.write('building the server (npm run build -w server)… ');
await buildServer();
process.stdout.write('done\n');
const flags = await serveFlags();
const [aloneDb, fleetDb] = [await database(), await database()];
const [aloneDir, fleetDir] = [
  await mkdtemp(join(os.tmpdir(), 'hangar-fleet-bench-')),
  await mkdtemp(join(os.tmpdir(), 'hangar-fleet-bench-')),
];
const children: ChildProcess[] = [upstream.child];
try {
  const instance = async (role: string, env: Record<string, string>) => {
    const started = await start('./fleet-instance.process.ts', [upstream.baseUrl, role], env, flags);
    children.push(started.child);
    return started;
  };
  const alone = await instance('first', { HANGAR_DATABASE_URL: aloneDb.url, HANGAR_DATA_DIR: aloneDir });
  const fleetEnv = { HANGAR_DATABASE_URL: fleetDb.url, HANGAR_DATA_DIR: fleetDir, HANGAR_REDIS_URL: REDIS };
  const first = await instance('first', fleetEnv);
  const second = await instance('next', fleetEnv);
  const url = (s: Started, deploymentId: string) =>
    new URL(`http://127.0.0.1:${s.port}/api/v2/deployments/${deploymentId}/chat/completions`);
  const aloneUrl = url(alone, alone.deploymentId!);
  const firstUrl = url(first, first.deploymentId!);
  const secondUrl = url(second, first.deploymentId!);

  // Keys differ per database: each measurement uses its own.
  const withKey = <T>(key: string, work: () => Promise<T>) => {
    apiKey = key;
    return work();
  };
  const [latAlone] = await withKey(alone.apiKey!, () => sequential([aloneUrl]));
  const [latShared] = await withKey(first.apiKey!, () => sequential([firstUrl]));
  const [latAlone2] = await withKey(alone.apiKey!, () => sequential([aloneUrl]));
  const baseP50 = (latAlone!.p50 + latAlone2!.p50) / 2;
  const baseP99 = (latAlone!.p99 + latAlone2!.p99) / 2;

  const slices = async (key: string, urls: URL[]) => withKey(key, () => throughput([urls]));
  await withKey(alone.apiKey!, () => load([aloneUrl], 1000));
  await withKey(first.apiKey!, () => load([firstUrl, secondUrl], 1000));
  type Tp = { rps: number; p99: number }[];
  const tp: { alone: Tp; one: Tp; two: Tp } = { alone: [], one: [], two: [] };
  // Alternate whole setups per round so drift hits all three alike.
  for (let round = 0; round < 2; round++) {
    tp.alone.push(...(await slices(alone.apiKey!, [aloneUrl])));
    tp.one.push(...(await slices(first.apiKey!, [firstUrl])));
    tp.two.push(...(await slices(first.apiKey!, [firstUrl, secondUrl])));
  }
  const mean = (runs: Tp) => ({
    rps: runs.reduce((sum, r) => sum + r.rps, 0) / runs.length,
    p99: runs.reduce((sum, r) => sum + r.p99, 0) / runs.length,
  });
  const [a, o, t] = [mean(tp.alone), mean(tp.one), mean(tp.two)];
  const rows = [
    ['measure', 'one instance', 'one + Redis', 'two + Redis (round-robin)'],
    [`requests/s, ${CONCURRENCY} conns`, a.rps.toFixed(0), o.rps.toFixed(0), t.rps.toFixed(0)],
    [`p99 (ms), ${CONCURRENCY} conns`, a.p99.toFixed(2), o.p99.toFixed(2), t.p99.toFixed(2)],
    ['p50 (ms), 1 conn', baseP50.toFixed(3), latShared!.p50.toFixed(3), ''],
    ['p99 (ms), 1 conn', baseP99.toFixed(3), latShared!.p99.toFixed(3), ''],
    [
      'shared limits per request (µs)',
      '',
      `${signed((latShared!.p50 - baseP50) * 1000)} p50 / ${signed((latShared!.p99 - baseP99) * 1000)} p99`,
      'rate-limit bucket + replica slot',
    ],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log(
    `\nload average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  console.log(
    `fleet benchmark (PostgreSQL; ${SEQUENTIAL} sequential requests per side; ${THROUGHPUT_SECONDS} × 1 s slices × 2 rounds per setup)`,
  );
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
} finally {
  for (const child of children.reverse()) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.disconnect();
    await exited;
  }
  await aloneDb.drop();
  await fleetDb.drop();
  await rm(aloneDir, { recursive: true, force: true });
  await rm(fleetDir, { recursive: true, force: true });
}
