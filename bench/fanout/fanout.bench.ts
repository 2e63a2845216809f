/**
 * Live status at scale: N graphql-ws subscribers (their own process) to one deployment's row, 20 state changes
 * through `updateDeployment`, the compiled server as `npm start` runs it. Prints delivery latency, server CPU per
 * delivery, SQL statements per event, memory per connection, time to open N, and `/healthz` plus a gateway call
 * timed while events fan out against idle. Run: `npm run bench -- fanout` (BENCH_N=500,2000 to choose N).
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildServer, serveFlags } from '../gateway/compiled-server.js';
import { gql } from '../graphql-client.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const SIZES = (process.env.BENCH_N ?? '500,2000,5000').split(',').map(Number);
const CHANGES = 20;
// Each N: CHANGES changes measured alone, then CHANGES more with the probes running.

function start<T>(file: string, args: string[] = [], nodeFlags: string[] = []) {
  const child = fork(here(file), args, {
    execArgv: [...nodeFlags, '--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: here('../../server/tsconfig.json') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<{ child: ChildProcess; message: T }>((resolve, reject) => {
    child.once('message', (message) => resolve({ child, message: message as T }));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

/** Sends one question over IPC and waits for the next answer. */
function ask<T>(child: ChildProcess, question: object): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer) => resolve(answer as T));
    child.send(question);
  });
}

type ServerStats = {
  cpu: NodeJS.CpuUsage;
  rss: number;
  heapUsed: number;
  statements: number;
  subscribers: number;
  groups: number;
};

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

const upstream = await start<{ baseUrl: string }>('../gateway/upstream.process.ts');
process.stdout.write('building the server (npm run build -w server)… ');
await buildServer();
process.stdout.write('done\n');
const server = await start<{ port: number; token: string; id: string; deploymentId: string; apiKey: string }>(
  './fanout.server.process.ts',
  [upstream.message.baseUrl],
  [
    ...(await serveFlags()),
    '--expose-gc',
    // BENCH_CPU_PROF=<dir> writes the server's CPU profile there (open it in Chrome DevTools).
    ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
  ],
);
const { port, token, id, deploymentId, apiKey } = server.message;
const base = `http://127.0.0.1:${port}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function timed(path: string, method: 'GET' | 'POST', body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: body
          ? {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              authorization: `Bearer ${apiKey}`,
            }
          : {},
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - t0)
            : reject(new Error(`${path}: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const chat = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'Hi.' }], max_tokens: 4 });
const probes = {
  healthz: () => timed('/healthz', 'GET'),
  gateway: () => timed(`/api/v2/deployments/${deploymentId}/chat/completions`, 'POST', chat),
};

/** Probes both endpoints back to back until `stop`; each sample knows when it started. */
function probe(stop: { done: boolean }) {
  const samples: Record<keyof typeof probes, { at: number; ms: number }[]> = { healthz: [], gateway: [] };
  const loops = (Object.keys(probes) as (keyof typeof probes)[]).map(async (name) => {
    while (!stop.done) {
      const at = now();
      samples[name].push({ at, ms: await probes[name]() });
      await sleep(5);
    }
  });
  return { samples, finished: Promise.all(loops) };
}

const describeAs = (description: string) =>
  gql(
    base,
    token,
    `mutation($i: UpdateDeploymentInput!) { updateDeployment(input: $i) { userErrors { message } } }`,
    {
      i: { id, description },
    },
  );

// Idle: the probes alone, then what a change costs in SQL with nobody subscribed (subtracted below).
const idleStop = { done: false };
const idle = probe(idleStop);
await sleep(2000);
idleStop.done = true;
await idle.finished;
let change = 0;
const before0 = await ask<ServerStats>(server.child, {});
for (let i = 0; i < 5; i++) await describeAs(`warm-up ${change++}`);
const after0 = await ask<ServerStats>(server.child, {});
const statementsPerMutation = (after0.statements - before0.statements) / 5;
const cpuOf = (stats: ServerStats) => stats.cpu.user + stats.cpu.system;
const cpuPerMutationUs = (cpuOf(after0) - cpuOf(before0)) / 5;

const rows: string[][] = [];
const ok = (pass: boolean) => (pass ? 'yes' : 'NO');
const idleHealth = idle.samples.healthz.map((s) => s.ms).sort((a, b) => a - b);
const idleGateway = idle.samples.gateway.map((s) => s.ms).sort((a, b) => a - b);

for (const n of SIZES) {
  const empty = await ask<ServerStats>(server.child, { memory: true });
  const subscribers = await start<{ ready: true }>('./fanout.subscribers.process.ts', [
    `ws://127.0.0.1:${port}/graphql`,
    token,
    id,
  ]);
  const t0 = now();
  const opened = await ask<{ ms: number }>(subscribers.child, { open: n });
  let subscribed: ServerStats;
  while ((subscribed = await ask<ServerStats>(server.child, {})).subscribers < n) await sleep(20);
  const openMs = now() - t0;
  const openCpuMs = (cpuOf(subscribed) - cpuOf(empty)) / 1000;
  const full = await ask<ServerStats>(server.child, { memory: true });

  /** CHANGES changes, each awaited until every subscriber has it, then a quiet gap (the throttle's leading edge). */
  const changes = async () => {
    const windows: [number, number][] = [];
    const latencies: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const k = change++;
      const sentAt = now();
      await describeAs(`change ${k} @${sentAt}`);
      // The fan-out's window starts when the mutation has answered: its own processing is not the fan-out's.
      const answeredAt = now();
      const got = await ask<{ latencies: number[] }>(subscribers.child, { collect: k });
      windows.push([answeredAt, now()]);
      latencies.push(...got.latencies);
      await sleep(120);
    }
    return { windows, latencies: latencies.sort((a, b) => a - b) };
  };
  // First alone (CPU, SQL, latency), then again with /healthz and a gateway call probed throughout.
  const cpu0 = await ask<ServerStats>(server.child, {});
  const { latencies } = await changes();
  const cpu1 = await ask<ServerStats>(server.child, {});
  const stop = { done: false };
  const busy = probe(stop);
  const probed = await changes();
  stop.done = true;
  await busy.finished;
  const windows = probed.windows;
  const summary = await ask<{ duplicated: number; withoutLast: number }>(subscribers.child, {
    summary: change - 1,
  });
  subscribers.child.disconnect();
  await new Promise((r) => subscribers.child.once('exit', r));
  while ((await ask<ServerStats>(server.child, {})).subscribers > 0) await sleep(50);

  const during = (samples: { at: number; ms: number }[]) =>
    samples
      .filter((s) => windows.some(([a, b]) => s.at >= a && s.at <= b))
      .map((s) => s.ms)
      .sort((a, b) => a - b);
  const health = during(busy.samples.healthz);
  const gateway = during(busy.samples.gateway);
  const deliveries = latencies.length;
  const cpuUs = cpuOf(cpu1) - cpuOf(cpu0) - CHANGES * cpuPerMutationUs;
  const sqlPerEvent = (cpu1.statements - cpu0.statements) / CHANGES - statementsPerMutation;
  const rssPerConn = (full.rss - empty.rss) / n / 1024;
  const heapPerConn = (full.heapUsed - empty.heapUsed) / n / 1024;
  const expected = n * CHANGES;
  const p99 = percentile(latencies, 99);
  rows.push(
    [`N = ${n}`, '', '', ''],
    [
      '  delivered / expected',
      `${deliveries + probed.latencies.length} / ${2 * expected}`,
      '= (0 dropped)',
      ok(deliveries + probed.latencies.length === 2 * expected),
    ],
    [
      '  delivery p50 / p99 / max (ms)',
      `${percentile(latencies, 50).toFixed(1)} / ${p99.toFixed(1)} / ${latencies.at(-1)!.toFixed(1)}`,
      'p99 ≤ 250 at 5 000',
      ok(p99 <= 250),
    ],
    [
      '  … with /healthz + gateway probed (ms)',
      `${percentile(probed.latencies, 50).toFixed(1)} / ${percentile(probed.latencies, 99).toFixed(1)} / ${probed.latencies.at(-1)!.toFixed(1)}`,
      '',
      '',
    ],
    ['  server CPU per delivery (µs)', (cpuUs / expected).toFixed(1), '≤ 50', ok(cpuUs / expected <= 50)],
    ['  SQL statements per event', sqlPerEvent.toFixed(2), '≤ 3, constant in N', ok(sqlPerEvent <= 3)],
    [
      '  RSS / heap per connection (KB)',
      `${rssPerConn.toFixed(1)} / ${heapPerConn.toFixed(1)}`,
      'RSS ≤ 20',
      ok(rssPerConn <= 20),
    ],
    [
      `  time to open ${n} (s), client acks / server subscribed`,
      `${(opened.ms / 1000).toFixed(2)} / ${(openMs / 1000).toFixed(2)}`,
      '≤ 5 at 5 000',
      ok(openMs <= 5000),
    ],
    ['  server CPU per connection opened (ms)', (openCpuMs / n).toFixed(2), '', ''],
    [
      '  /healthz p50 / p99 (ms) fan-out (after the reply) vs idle',
      `${percentile(health, 50).toFixed(1)} / ${percentile(health, 99).toFixed(1)} vs ${percentile(idleHealth, 50).toFixed(1)} / ${percentile(idleHealth, 99).toFixed(1)} (${health.length} samples)`,
      'p99 ≤ 20 during',
      ok(percentile(health, 99) <= 20),
    ],
    [
      '  gateway call p50 / p99 (ms) fan-out (after the reply) vs idle',
      `${percentile(gateway, 50).toFixed(1)} / ${percentile(gateway, 99).toFixed(1)} vs ${percentile(idleGateway, 50).toFixed(1)} / ${percentile(idleGateway, 99).toFixed(1)} (${gateway.length} samples)`,
      '',
      '',
    ],
    [
      '  duplicated / without the last state',
      `${summary.duplicated} / ${summary.withoutLast}`,
      '0 / 0',
      ok(summary.duplicated === 0 && summary.withoutLast === 0),
    ],
    ['  executions per event (groups)', String(full.groups), '', ''],
  );
}

/**
 * The floor, in the same run: the same subscriber process against a bare ws broadcast (no GraphQL, no database),
 * so what the load generator itself costs on these 2 cores is visible beside Hangar's numbers.
 */
async function floorFor(n: number): Promise<string[][]> {
  const bare = await start<{ port: number }>('./bare-broadcast.process.ts');
  const subscribers = await start<{ ready: true }>('./fanout.subscribers.process.ts', [
    `ws://127.0.0.1:${bare.message.port}`,
    token,
    id,
  ]);
  const opened = await ask<{ ms: number }>(subscribers.child, { open: n });
  while ((await ask<{ subscribers: number }>(bare.child, {})).subscribers < n) await sleep(20);
  const latencies: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const k = change++;
    bare.child.send({ broadcast: `change ${k} @${now()}` });
    latencies.push(...(await ask<{ latencies: number[] }>(subscribers.child, { collect: k })).latencies);
    await sleep(120);
  }
  latencies.sort((a, b) => a - b);
  subscribers.child.disconnect();
  await new Promise((r) => subscribers.child.once('exit', r));
  bare.child.disconnect();
  return [
    [
      '  floor, bare ws broadcast: delivery p50 / p99 (ms)',
      `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)}`,
      'same subscriber process',
      '',
    ],
    [`  floor, bare ws: time to open ${n} (s)`, (opened.ms / 1000).toFixed(2), '', ''],
  ];
}
for (const n of SIZES) {
  const at = rows.findIndex((r) => r[0] === `N = ${n}`);
  const next = rows.findIndex((r, i) => i > at && r[0].startsWith('N = '));
  rows.splice(next === -1 ? rows.length : next, 0, ...(await floorFor(n)));
}

const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
console.log(
  `\nload average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`,
);
console.log(
  `fan-out benchmark: ${CHANGES} changes of one deployment, subscribers to its row in their own process (SQL per event and CPU exclude the mutation's own ${statementsPerMutation.toFixed(1)} statements and ${(cpuPerMutationUs / 1000).toFixed(1)} ms, measured with no subscriber)`,
);
console.log(['measure', 'value', 'target', 'met'].map((c, i) => c.padEnd(widths[i]!)).join('  '));
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));

server.child.disconnect();
upstream.child.disconnect();
agent.destroy();
