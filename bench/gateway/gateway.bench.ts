/**
 * Gateway overhead, side by side in one run: the same minimal upstream called directly and through the gateway.
 * Upstream, gateway and load generator are separate processes (2 cores: they compete, as they would in production
 * on one small host). Run: `npx tsx bench/gateway/gateway.bench.ts` (or `npm run bench -- gateway`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

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
): Promise<{ child: ChildProcess; message: T }> {
  const child = fork(here(file), args, {
    execArgv: [
      '--import',
      'tsx',
      ...(profile && PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, message: message as T }));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

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
          authorization: 'Bearer hgr_sk_bench',
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

/** Sequential latency, alternating direct and gateway in blocks so drift on the machine hits both alike. */
async function latency(direct: URL, gateway: URL) {
  const agentD = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const agentG = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < 500; i++) {
    await post(agentD, direct);
    await post(agentG, gateway);
  }
  const d: number[] = [];
  const g: number[] = [];
  for (let block = 0; block < SEQUENTIAL / 100; block++) {
    for (let i = 0; i < 100; i++) d.push(await post(agentD, direct));
    for (let i = 0; i < 100; i++) g.push(await post(agentG, gateway));
  }
  agentD.destroy();
  agentG.destroy();
  d.sort((a, b) => a - b);
  g.sort((a, b) => a - b);
  return {
    direct: { p50: percentile(d, 50), p99: percentile(d, 99) },
    gateway: { p50: percentile(g, 50), p99: percentile(g, 99) },
  };
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
 * Throughput in alternating one-second slices (direct, gateway, direct, …) so that other load on the machine
 * hits both sides alike, plus the CPU each process spends per request.
 */
async function throughput(direct: URL, gateway: URL, up: ChildProcess, gw: ChildProcess) {
  let directCount = 0;
  let gatewayCount = 0;
  let upstreamCpuDirect = 0;
  let gatewayCpu = 0;
  for (let slice = 0; slice < THROUGHPUT_SECONDS; slice++) {
    let before = await cpuOf(up);
    directCount += await countFor(direct, 1000);
    upstreamCpuDirect += (await cpuOf(up)) - before;
    before = await cpuOf(gw);
    gatewayCount += await countFor(gateway, 1000);
    gatewayCpu += (await cpuOf(gw)) - before;
  }
  return {
    direct: directCount / THROUGHPUT_SECONDS,
    gateway: gatewayCount / THROUGHPUT_SECONDS,
    upstreamCpuPerRequestUs: upstreamCpuDirect / directCount,
    gatewayCpuPerRequestUs: gatewayCpu / gatewayCount,
  };
}

const upstream = await start<{ baseUrl: string }>('./upstream.process.ts');
const gw = await start<{ port: number }>('./gateway.process.ts', [upstream.message.baseUrl], true);
try {
  const direct = new URL(`${upstream.message.baseUrl}/chat/completions`);
  const gateway = new URL(`http://127.0.0.1:${gw.message.port}/api/v2/deployments/bench/chat/completions`);

  const lat = await latency(direct, gateway);
  await countFor(direct, 1000); // warm-up of both paths at concurrency
  await countFor(gateway, 1000);
  const tp = await throughput(direct, gateway, upstream.child, gw.child);
  const rpsDirect = tp.direct;
  const rpsGateway = tp.gateway;

  const addedP50 = lat.gateway.p50 - lat.direct.p50;
  const addedP99 = lat.gateway.p99 - lat.direct.p99;
  const ratio = rpsGateway / rpsDirect;
  const ok = (pass: boolean) => (pass ? 'yes' : 'NO');
  // The tokens/s comparison needs the local runtime and node-llama-cpp; skip it (and say so) if they fail.
  const tokenRows = await import('./tokens-per-second.bench.js')
    .then(async ({ measureTokensPerSecond, tokensRows }) => tokensRows(await measureTokensPerSecond()))
    .catch((error: unknown) => [
      ['streamed tokens/s', 'skipped:', (error as Error).message.slice(0, 60), '', '', ''],
    ]);
  const rows = [
    ['measure', 'direct', 'gateway', 'added / ratio', 'target', 'met'],
    [
      'latency p50 (ms), 1 conn',
      lat.direct.p50.toFixed(3),
      lat.gateway.p50.toFixed(3),
      `+${addedP50.toFixed(3)} ms`,
      '≤ +0.4 ms',
      ok(addedP50 <= 0.4),
    ],
    [
      'latency p99 (ms), 1 conn',
      lat.direct.p99.toFixed(3),
      lat.gateway.p99.toFixed(3),
      `+${addedP99.toFixed(3)} ms`,
      '≤ +2 ms',
      ok(addedP99 <= 2),
    ],
    [
      `throughput (req/s), ${CONCURRENCY} conns`,
      rpsDirect.toFixed(0),
      rpsGateway.toFixed(0),
      `${(ratio * 100).toFixed(1)} %`,
      '≥ 90 %',
      ok(ratio >= 0.9),
    ],
    [
      'CPU per request (µs)',
      tp.upstreamCpuPerRequestUs.toFixed(0),
      tp.gatewayCpuPerRequestUs.toFixed(0),
      'upstream vs gateway process',
      '',
      '',
    ],
    ...tokenRows,
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log(
    `\nload average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  console.log(
    `gateway benchmark (${SEQUENTIAL} sequential requests per side, ${THROUGHPUT_SECONDS} s per side in alternating 1 s slices)`,
  );
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
} finally {
  // Disconnecting lets the children close their servers and exit normally.
  gw.child.disconnect();
  upstream.child.disconnect();
}
