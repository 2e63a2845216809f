/**
 * Gateway overhead, side by side in one run: the same minimal upstream called directly and through the gateway.
 * Upstream, gateway and load generator are separate processes (2 cores: they compete, as they would in production
 * on one small host). Run: `npx tsx bench/gateway/gateway.bench.ts` (or `npm run bench -- gateway`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildServer, serveFlags } from './compiled-server.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 4000);
const CONCURRENCY = 64;
const THROUGHPUT_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

// BENCH_CPU_PROF=<dir> writes the gateway process's CPU profile there (open it in Chrome DevTools).
const PROFILE_DIR = process.env.BENCH_CPU_PROF;

function start<T>(
  file: string,
  args: string[] = [],
  profile = false,
  nodeFlags: string[] = [],
): Promise<{ child: ChildProcess; message: T }> {
  const child = fork(here(file), args, {
    execArgv: [
      ...nodeFlags,
      '--import',
      'tsx',
      ...(profile && PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
    ],
    // The server's decorators need its own tsconfig (experimentalDecorators).
    env: { ...process.env, TSX_TSCONFIG_PATH: here('../../server/tsconfig.json') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, message: message as T }));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

/** The gateway's API key (the direct upstream and the bare proxy ignore it). */
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

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

type Latency = { p50: number; p99: number };

/** Sequential latency of each target, in alternating blocks so drift on the machine hits all alike. */
async function latency(targets: URL[]): Promise<Latency[]> {
  const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  for (let i = 0; i < 500; i++) for (const [t, url] of targets.entries()) await post(agents[t]!, url);
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

async function countFor(url: URL, ms: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let count = 0;
  const end = Date.now() + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) {
        await post(agent, url);
        count++;
      }
    }),
  );
  agent.destroy();
  return count;
}

/** CPU time (µs) a child process has used so far. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m) => {
      const { cpu } = m as { cpu: { user: number; system: number } };
      resolve(cpu.user + cpu.system);
    });
    child.send('cpu');
  });
}

/**
 * Throughput in alternating one-second slices (direct, gateway, bare proxy, direct, …) so that other load on the
 * machine hits all alike, plus the CPU the serving process spends per request.
 */
async function throughput(targets: { url: URL; process: ChildProcess }[]) {
  const counts = targets.map(() => 0);
  const cpu = targets.map(() => 0);
  for (let slice = 0; slice < THROUGHPUT_SECONDS; slice++) {
    for (const [t, target] of targets.entries()) {
      const before = await cpuOf(target.process);
      counts[t]! += await countFor(target.url, 1000);
      cpu[t]! += (await cpuOf(target.process)) - before;
    }
  }
  return targets.map((_, t) => ({
    rps: counts[t]! / THROUGHPUT_SECONDS,
    cpuPerRequestUs: cpu[t]! / counts[t]!,
  }));
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const loadAtStart = loadAverage();
const upstream = await start<{ baseUrl: string }>('./upstream.process.ts');
process.stdout.write('building the server (npm run build -w server)… ');
await buildServer();
process.stdout.write('done\n');
const gw = await start<{ port: number; deploymentId: string; apiKey: string }>(
  './gateway.process.ts',
  [upstream.message.baseUrl],
  true,
  await serveFlags(),
);
apiKey = gw.message.apiKey;
// The floor runs with the same node flags as the server (the young generation's size changes what GC costs).
const bare = await start<{ port: number }>(
  './bare-proxy.process.ts',
  [upstream.message.baseUrl],
  false,
  await serveFlags(),
);
try {
  const direct = new URL(`${upstream.message.baseUrl}/chat/completions`);
  const gateway = new URL(
    `http://127.0.0.1:${gw.message.port}/api/v2/deployments/${gw.message.deploymentId}/chat/completions`,
  );
  const bareProxy = new URL(`http://127.0.0.1:${bare.message.port}/chat/completions`);

  const [latDirect, latGateway, latBare] = (await latency([direct, gateway, bareProxy])) as [
    Latency,
    Latency,
    Latency,
  ];
  for (const url of [direct, gateway, bareProxy]) await countFor(url, 1000); // warm-up at concurrency
  const [tpDirect, tpGateway, tpBare] = await throughput([
    { url: direct, process: upstream.child },
    { url: gateway, process: gw.child },
    { url: bareProxy, process: bare.child },
  ]);
  const addedP50 = latGateway.p50 - latDirect.p50;
  const addedP99 = latGateway.p99 - latDirect.p99;
  const floorP50 = latBare.p50 - latDirect.p50;
  const cpuRatio = tpGateway!.cpuPerRequestUs / tpBare!.cpuPerRequestUs;
  const ok = (pass: boolean) => (pass ? 'yes' : 'NO');
  // The tokens/s comparison needs the local runtime and node-llama-cpp; skip it (and say so) if they fail.
  const tokenRows =
    process.env.BENCH_TOKENS === '0'
      ? [['streamed tokens', 'skipped', '(BENCH_TOKENS=0)', '', '', '']]
      : await import('./tokens-per-second.bench.js')
          .then(async ({ measureTokensPerSecond, tokensRows }) => tokensRows(await measureTokensPerSecond()))
          .catch((error: unknown) => [
            ['streamed tokens', 'skipped:', (error as Error).message.slice(0, 60), '', '', ''],
          ]);
  const rows = [
    ['measure', 'direct', 'gateway', 'added / ratio', 'target', 'met'],
    [
      'CPU per request (µs)',
      tpDirect!.cpuPerRequestUs.toFixed(0),
      tpGateway!.cpuPerRequestUs.toFixed(0),
      `${cpuRatio.toFixed(2)}× the floor`,
      '≤ 1.5× floor',
      ok(cpuRatio <= 1.5),
    ],
    [
      'latency p50 (ms), 1 conn',
      latDirect.p50.toFixed(3),
      latGateway.p50.toFixed(3),
      `+${addedP50.toFixed(3)} ms`,
      `≤ floor +0.1 = +${(floorP50 + 0.1).toFixed(3)}`,
      ok(addedP50 <= floorP50 + 0.1),
    ],
    [
      'latency p99 (ms), 1 conn',
      latDirect.p99.toFixed(3),
      latGateway.p99.toFixed(3),
      `+${addedP99.toFixed(3)} ms`,
      '≤ +2 ms',
      ok(addedP99 <= 2),
    ],
    [
      `throughput (req/s), ${CONCURRENCY} conns`,
      tpDirect!.rps.toFixed(0),
      tpGateway!.rps.toFixed(0),
      `${((tpGateway!.rps / tpDirect!.rps) * 100).toFixed(1)} %`,
      'no verdict here:',
      'README',
    ],
    [
      'bare proxy (floor): p50 / p99 added',
      `+${floorP50.toFixed(3)}`,
      `+${(latBare.p99 - latDirect.p99).toFixed(3)}`,
      'ms, node:http + undici,',
      'no gateway logic',
      '',
    ],
    [
      'bare proxy (floor): throughput',
      tpBare!.rps.toFixed(0),
      `${((tpBare!.rps / tpDirect!.rps) * 100).toFixed(1)} %`,
      `CPU ${tpBare!.cpuPerRequestUs.toFixed(0)} µs/request`,
      '',
      '',
    ],
    ...tokenRows,
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log(
    `\nload average (1/5/15 min) ${loadAtStart} at the start, ${loadAverage()} at the end, on ${os.cpus().length} cores`,
  );
  console.log(
    `gateway benchmark (${SEQUENTIAL} sequential requests per side, ${THROUGHPUT_SECONDS} s per side in alternating 1 s slices)`,
  );
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
} finally {
  // Disconnecting lets the children close their servers and exit normally.
  gw.child.disconnect();
  bare.child.disconnect();
  upstream.child.disconnect();
}
