/**
 * Streamed tokens/s through gateway + local replica against node-llama-cpp in the same process, on the generated
 * demo model with the same sampling and one thread each. Run alone (`npx tsx bench/gateway/tokens-per-second.bench.ts`)
 * or from gateway.bench.ts. As in production, the client (this process), the server (gateway + local runtime) and
 * the replica are three processes; the in-process baseline runs here while they idle.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getLlama, LlamaCompletion } from 'node-llama-cpp';
import { ensureDemoModel } from '../../server/src/modules/demo-model/demo-model.js';
import { buildServer, serveFlags } from './compiled-server.js';
import { streamCompletion } from './sse-client.js';

const MAX_TOKENS = 200;
const RUNS = Number(process.env.BENCH_TOKEN_RUNS ?? 15);
const PROMPT = 'Once upon a time';
// Greedy on both sides: with random weights, sampling often ends a generation after a few tokens (or at once),
// which would measure start-up costs instead of tokens/s. The greedy path runs to max_tokens on the demo model.
const parameters = {
  temperature: 0,
  maxLength: MAX_TOKENS,
  topP: 0.9,
  topK: 40,
  stopSequences: [],
  inferenceBatchSize: 1,
};

/** Completion tokens over wall time of whole requests (prompt included), and the median time to first token. */
export interface StreamRate {
  tokensPerSecond: number;
  firstTokenMs: number;
}

class Tally {
  tokens = 0;
  ms = 0;
  readonly firstTokenMs: number[] = [];
  add(tokens: number, ms: number, firstTokenMs: number): void {
    this.tokens += tokens;
    this.ms += ms;
    this.firstTokenMs.push(firstTokenMs);
  }
  rate(): StreamRate {
    const sorted = [...this.firstTokenMs].sort((a, b) => a - b);
    return { tokensPerSecond: this.tokens / (this.ms / 1000), firstTokenMs: sorted[sorted.length >> 1]! };
  }
}

/** node-llama-cpp in this process, loaded once; each call generates one completion. */
async function loadInProcess(modelPath: string) {
  const llama = await getLlama({ gpu: false, build: 'never' });
  const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  const context = await model.createContext({
    contextSize: Math.min(2048, model.trainContextSize),
    threads: 1,
  });
  return {
    async once(into: Tally | null): Promise<void> {
      const sequence = context.getSequence();
      const completion = new LlamaCompletion({ contextSequence: sequence });
      let count = 0;
      let firstTokenMs = 0;
      const t0 = performance.now();
      await completion.generateCompletion(PROMPT, {
        maxTokens: MAX_TOKENS,
        temperature: parameters.temperature,
        topP: parameters.topP,
        topK: parameters.topK,
        onToken: (t) => {
          if (count === 0) firstTokenMs = performance.now() - t0;
          count += t.length;
        },
      });
      into?.add(count, performance.now() - t0, firstTokenMs);
      completion.dispose();
      sequence.dispose();
    },
    async close(): Promise<void> {
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    },
  };
}

/** Target: the gateway's CPU per streamed token. */
const TARGET_CPU_PER_TOKEN_US = 50;

async function startServer(modelPath: string, env: Record<string, string> = {}) {
  await buildServer();
  const server = fork(
    fileURLToPath(new URL('./stream-server.process.ts', import.meta.url)),
    [modelPath, JSON.stringify(parameters)],
    {
      execArgv: [...(await serveFlags()), '--import', 'tsx'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const urls = await new Promise<{ gatewayUrl: string; replicaUrl: string }>((resolve, reject) => {
    server.once('message', (m) => resolve(m as { gatewayUrl: string; replicaUrl: string }));
    server.once('exit', (code) => reject(new Error(`the serving process exited with ${code}`)));
  });
  const streamOnce = async (baseUrl: string, into: Tally | null) => {
    const timing = await streamCompletion(baseUrl, 'hgr_sk_bench', {
      model: 'demo',
      prompt: PROMPT,
      max_tokens: MAX_TOKENS,
      // The sampling the gateway fills in from the deployment, so both sides ask the replica for the same work.
      temperature: parameters.temperature,
      top_p: parameters.topP,
      top_k: parameters.topK,
    });
    into?.add(timing.completionTokens, timing.totalMs, timing.firstTokenMs);
  };
  /** The serving process's CPU time so far (µs). */
  const cpu = () =>
    new Promise<number>((resolve) => {
      server.once('message', (m) => {
        const { user, system } = (m as { cpu: NodeJS.CpuUsage }).cpu;
        resolve(user + system);
      });
      server.send('cpu');
    });
  return {
    cpu,
    gateway: (into: Tally | null) => streamOnce(urls.gatewayUrl, into),
    direct: (into: Tally | null) => streamOnce(urls.replicaUrl, into),
    async close(): Promise<void> {
      const exited = new Promise((r) => server.once('exit', r));
      server.disconnect();
      await exited;
    },
  };
}

export interface TokensResult {
  inProcess: StreamRate;
  gateway: StreamRate;
  replicaDirect: StreamRate;
  gatewayCpuPerTokenUs: number;
}

/**
 * The gateway's CPU per streamed token, with the replica sending every token in its own write
 * (HANGAR_STREAM_WINDOW_MS=0): what a realistic-speed model (below ~60 tokens/s, where the replica's 16 ms
 * coalescing window never holds two tokens) costs the gateway per token, on the fast demo model. The serving
 * process's CPU while the gateway streams, less its idle CPU over the same time (measured while the replica is
 * called directly), over the tokens streamed.
 */
async function measureGatewayCpuPerToken(modelPath: string): Promise<number> {
  const server = await startServer(modelPath, { HANGAR_STREAM_WINDOW_MS: '0' });
  try {
    const gateway = new Tally();
    const direct = new Tally();
    let gatewayCpu = 0;
    let directCpu = 0;
    await server.gateway(null);
    for (let round = 0; round < RUNS; round++) {
      let before = await server.cpu();
      await server.gateway(gateway);
      gatewayCpu += (await server.cpu()) - before;
      before = await server.cpu();
      await server.direct(direct);
      directCpu += (await server.cpu()) - before;
    }
    const idlePerMs = directCpu / direct.ms;
    return (gatewayCpu - idlePerMs * gateway.ms) / gateway.tokens;
  } finally {
    await server.close();
  }
}

/**
 * One request of each kind per round, the order rotating every round: this machine's speed drifts by 2–3× from
 * one second to the next, so only requests interleaved this finely see the same machine. While one kind runs the
 * others are idle (the replica waits for a request; the in-process model waits for a call).
 */
export async function measureTokensPerSecond(): Promise<TokensResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hangar-bench-'));
  const modelPath = await ensureDemoModel(dir);
  const local = await loadInProcess(modelPath);
  const server = await startServer(modelPath);
  let serverOpen = true;
  try {
    const tallies = { inProcess: new Tally(), gateway: new Tally(), replicaDirect: new Tally() };
    const kinds = [(into: Tally | null) => local.once(into), server.gateway, server.direct] as const;
    const into = [tallies.inProcess, tallies.gateway, tallies.replicaDirect];
    for (const run of kinds) await run(null); // warm-up
    for (let round = 0; round < RUNS; round++) {
      for (let i = 0; i < kinds.length; i++) {
        const k = (round + i) % kinds.length;
        await kinds[k]!(into[k]!);
      }
    }
    serverOpen = false;
    await server.close();
    return {
      inProcess: tallies.inProcess.rate(),
      gateway: tallies.gateway.rate(),
      replicaDirect: tallies.replicaDirect.rate(),
      gatewayCpuPerTokenUs: await measureGatewayCpuPerToken(modelPath),
    };
  } finally {
    if (serverOpen) await server.close();
    await local.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Table rows for gateway.bench.ts: the target compares with in-process; direct replica isolates the gateway. */
export function tokensRows(result: TokensResult): string[][] {
  const { inProcess: local, gateway, replicaDirect } = result;
  const vsInProcess = gateway.tokensPerSecond / local.tokensPerSecond;
  const vsReplica = gateway.tokensPerSecond / replicaDirect.tokensPerSecond;
  return [
    [
      'streamed tokens/s vs in-process',
      local.tokensPerSecond.toFixed(0),
      gateway.tokensPerSecond.toFixed(0),
      `${(vsInProcess * 100).toFixed(1)} %`,
      '≥ 95 %',
      vsInProcess >= 0.95 ? 'yes' : 'NO',
    ],
    [
      'streamed tokens/s vs replica direct',
      replicaDirect.tokensPerSecond.toFixed(0),
      gateway.tokensPerSecond.toFixed(0),
      `${(vsReplica * 100).toFixed(1)} %`,
      '(gateway share)',
      '',
    ],
    [
      'first token (ms, median) vs in-process',
      local.firstTokenMs.toFixed(2),
      gateway.firstTokenMs.toFixed(2),
      `+${(gateway.firstTokenMs - local.firstTokenMs).toFixed(2)} ms`,
      `replica direct ${replicaDirect.firstTokenMs.toFixed(2)}`,
      '',
    ],
    [
      'gateway CPU per streamed token (µs)',
      '',
      result.gatewayCpuPerTokenUs.toFixed(1),
      'one token per replica write',
      `≤ ${TARGET_CPU_PER_TOKEN_US} µs`,
      result.gatewayCpuPerTokenUs <= TARGET_CPU_PER_TOKEN_US ? 'yes' : 'NO',
    ],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of tokensRows(await measureTokensPerSecond())) console.log(row.join('  '));
}
