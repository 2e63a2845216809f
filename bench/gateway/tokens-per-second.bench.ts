/**
 * Streamed tokens through gateway + local replica on a realistic-speed demo model (`BENCH_TOKENS_PARAMS`, default
 * 85M, the `routing` bench's), side by side with the same replica called directly, a bare streaming proxy (the
 * floor) and node-llama-cpp in this process, with the same sampling and one thread each. Run alone
 * (`npx tsx bench/gateway/tokens-per-second.bench.ts`) or from gateway.bench.ts. As in production, the client (this
 * process), the server (gateway + local runtime) and the replica are three processes; the in-process baseline runs
 * here while they idle.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getLlama, LlamaCompletion } from 'node-llama-cpp';
import { sizedModel } from '../sized-model.js';
import { buildServer, serveFlags } from './compiled-server.js';
import { streamCompletion } from './sse-client.js';

const MAX_TOKENS = Number(process.env.BENCH_TOKENS_MAX ?? 96);
const RUNS = Number(process.env.BENCH_TOKEN_RUNS ?? 6);
const PARAMS = process.env.BENCH_TOKENS_PARAMS ?? '85M';
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
  reads = 0;
  /** The serving process's CPU (µs) while these requests ran. */
  cpu = 0;
  readonly firstTokenMs: number[] = [];
  add(tokens: number, ms: number, firstTokenMs: number, reads = 0): void {
    this.tokens += tokens;
    this.ms += ms;
    this.reads += reads;
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

/** Targets: the gateway's CPU per streamed token, its first token and its tokens/s against the replica's own. */
const TARGET_CPU_PER_TOKEN_US = 50;
const TARGET_FIRST_TOKEN_ADDED_MS = 1.5;
const TARGET_SHARE_OF_DIRECT = 0.99;

type Urls = { gatewayUrl: string; replicaUrl: string; bareUrl: string };

async function startServer(modelPath: string) {
  await buildServer();
  const server = fork(
    fileURLToPath(new URL('./stream-server.process.ts', import.meta.url)),
    [modelPath, JSON.stringify(parameters)],
    {
      execArgv: [...(await serveFlags()), '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const urls = await new Promise<Urls>((resolve, reject) => {
    server.once('message', (m) => resolve(m as Urls));
    server.once('exit', (code) => reject(new Error(`the serving process exited with ${code}`)));
  });
  /** The serving process's CPU time so far (µs): gateway, bare proxy and runtime; the replica is its child. */
  const cpu = () =>
    new Promise<number>((resolve) => {
      server.once('message', (m) => {
        const { user, system } = (m as { cpu: NodeJS.CpuUsage }).cpu;
        resolve(user + system);
      });
      server.send('cpu');
    });
  const streamOnce = async (baseUrl: string, into: Tally | null) => {
    const before = await cpu();
    const timing = await streamCompletion(baseUrl, 'hgr_sk_bench', {
      model: 'demo',
      prompt: PROMPT,
      max_tokens: MAX_TOKENS,
      // The sampling the gateway fills in from the deployment, so every side asks the replica for the same work.
      temperature: parameters.temperature,
      top_p: parameters.topP,
      top_k: parameters.topK,
    });
    const used = (await cpu()) - before;
    if (!into) return;
    into.add(timing.completionTokens, timing.totalMs, timing.firstTokenMs, timing.reads);
    into.cpu += used;
  };
  return {
    gateway: (into: Tally | null) => streamOnce(urls.gatewayUrl, into),
    direct: (into: Tally | null) => streamOnce(urls.replicaUrl, into),
    bare: (into: Tally | null) => streamOnce(urls.bareUrl, into),
    async close(): Promise<void> {
      const exited = new Promise((r) => server.once('exit', r));
      server.disconnect();
      await exited;
    },
  };
}

export interface TokensResult {
  params: string;
  inProcess: StreamRate;
  gateway: StreamRate;
  replicaDirect: StreamRate;
  bareProxy: StreamRate;
  /** The serving process's CPU per token streamed through it, less its idle CPU over the same time. */
  gatewayCpuPerTokenUs: number;
  bareCpuPerTokenUs: number;
  /** Tokens per read the client saw through the gateway: 1 when every token came in its own write. */
  tokensPerRead: number;
}

/**
 * One request of each kind per round, the order rotating every round: this machine's speed drifts by 2–3× from
 * one second to the next, so only requests interleaved this finely see the same machine. While one kind runs the
 * others are idle (the replica waits for a request; the in-process model waits for a call). The serving process's
 * CPU is read around every request; its idle share (measured while the replica is called directly, when it
 * relays nothing) is taken off the gateway's and the bare proxy's.
 */
export async function measureTokensPerSecond(): Promise<TokensResult> {
  const modelPath = await sizedModel(PARAMS, 'BENCH_TOKENS_PARAMS');
  const local = await loadInProcess(modelPath);
  const server = await startServer(modelPath);
  try {
    const tallies = {
      inProcess: new Tally(),
      gateway: new Tally(),
      replicaDirect: new Tally(),
      bareProxy: new Tally(),
    };
    const kinds = [(into: Tally | null) => local.once(into), server.gateway, server.direct, server.bare];
    const into = [tallies.inProcess, tallies.gateway, tallies.replicaDirect, tallies.bareProxy];
    for (const run of kinds) await run(null); // warm-up
    for (let round = 0; round < RUNS; round++) {
      for (let i = 0; i < kinds.length; i++) {
        const k = (round + i) % kinds.length;
        await kinds[k]!(into[k]!);
      }
    }
    const idlePerMs = tallies.replicaDirect.cpu / tallies.replicaDirect.ms;
    const perToken = (t: Tally) => (t.cpu - idlePerMs * t.ms) / t.tokens;
    return {
      params: PARAMS,
      inProcess: tallies.inProcess.rate(),
      gateway: tallies.gateway.rate(),
      replicaDirect: tallies.replicaDirect.rate(),
      bareProxy: tallies.bareProxy.rate(),
      gatewayCpuPerTokenUs: perToken(tallies.gateway),
      bareCpuPerTokenUs: perToken(tallies.bareProxy),
      tokensPerRead: tallies.gateway.tokens / tallies.gateway.reads,
    };
  } finally {
    await server.close();
    await local.close();
  }
}

/** Table rows for gateway.bench.ts: the targets compare with the replica called directly; the rest is context. */
export function tokensRows(result: TokensResult): string[][] {
  const { inProcess: local, gateway, replicaDirect: direct, bareProxy: bare } = result;
  const ok = (pass: boolean) => (pass ? 'yes' : 'NO');
  const signed = (n: number, digits: number) => (n < 0 ? '−' : '+') + Math.abs(n).toFixed(digits);
  const share = gateway.tokensPerSecond / direct.tokensPerSecond;
  const addedFirst = gateway.firstTokenMs - direct.firstTokenMs;
  const vsInProcess = gateway.tokensPerSecond / local.tokensPerSecond;
  const overFloor = result.gatewayCpuPerTokenUs - result.bareCpuPerTokenUs;
  return [
    [
      `streamed tokens/s vs replica direct (${result.params})`,
      direct.tokensPerSecond.toFixed(1),
      gateway.tokensPerSecond.toFixed(1),
      `${(share * 100).toFixed(1)} %`,
      `≥ ${TARGET_SHARE_OF_DIRECT * 100} %`,
      ok(share >= TARGET_SHARE_OF_DIRECT),
    ],
    [
      'first token (ms, median) vs replica direct',
      direct.firstTokenMs.toFixed(2),
      gateway.firstTokenMs.toFixed(2),
      `${signed(addedFirst, 2)} ms`,
      `≤ +${TARGET_FIRST_TOKEN_ADDED_MS} ms`,
      ok(addedFirst <= TARGET_FIRST_TOKEN_ADDED_MS),
    ],
    [
      'gateway CPU per streamed token (µs)',
      `floor ${result.bareCpuPerTokenUs.toFixed(1)}`,
      result.gatewayCpuPerTokenUs.toFixed(1),
      `${result.tokensPerRead.toFixed(2)} tokens per read`,
      `≤ ${TARGET_CPU_PER_TOKEN_US} µs`,
      ok(result.gatewayCpuPerTokenUs <= TARGET_CPU_PER_TOKEN_US),
    ],
    [
      '  the same, above the floor (µs)',
      '',
      signed(overFloor, 1),
      'floor: bare proxy, same tokens',
      `≤ ${TARGET_CPU_PER_TOKEN_US} µs`,
      ok(overFloor <= TARGET_CPU_PER_TOKEN_US),
    ],
    [
      'bare streaming proxy (floor)',
      `${bare.tokensPerSecond.toFixed(1)} tok/s`,
      `first token ${bare.firstTokenMs.toFixed(2)}`,
      `${signed(bare.firstTokenMs - direct.firstTokenMs, 2)} ms`,
      'node:http + undici,',
      'no gateway logic',
    ],
    [
      'streamed tokens/s vs in-process',
      local.tokensPerSecond.toFixed(1),
      gateway.tokensPerSecond.toFixed(1),
      `${(vsInProcess * 100).toFixed(1)} %`,
      '≥ 95 %',
      ok(vsInProcess >= 0.95),
    ],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of tokensRows(await measureTokensPerSecond())) console.log(row.join('  '));
}
