/**
 * Cache-aware routing against least-in-flight, side by side, on two local replicas of a realistic-speed demo model
 * (`BENCH_ROUTING_PARAMS`, default 85M: random weights, 768 wide, 12 blocks).
 * Two applications, each with its own long system prompt, send streamed completions (`BENCH_ROUTING_CLIENTS`
 * concurrent clients, default 1); each request picks an application at random (seeded, the same sequence for both
 * policies). The routing choice matters while a replica is free to choose: with as many clients as single-slot
 * replicas, each client finds only the replica it just used free, under either policy. A replica keeps the
 * KV cache of the prompt it served last, so a request that lands where its system prompt was just evaluated skips
 * it. Rounds alternate the policies (the machine's speed drifts); every request reports TTFT, tokens/s after the
 * first token and `prompt_tokens_details.cached_tokens`. `BENCH_ROUTING_REQUESTS` per policy and round (default
 * 16), `BENCH_ROUTING_ROUNDS` (2), `BENCH_ROUTING_SYSTEM_CHARS` (600: one token per byte with the demo tokenizer).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_PARAMETERS,
  DEFAULT_SCALING,
} from '../../server/src/core/deployment-config/deployment-config.js';
import { createGateway, type Gateway } from '../../server/src/gateway/gateway.handler.js';
import type { RoutingPolicy } from '../../server/src/gateway/gateway.router.js';
import { LocalRuntime } from '../../server/src/runtime/local/local-runtime.js';
import { sizedModel as sizedModelOf } from '../sized-model.js';
import type { RuntimeEvent } from '../../server/src/runtime/runtime.js';

const PARAMS = process.env.BENCH_ROUTING_PARAMS ?? '85M';
const REQUESTS = Number(process.env.BENCH_ROUTING_REQUESTS ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUTING_ROUNDS ?? 2);
const SYSTEM_CHARS = Number(process.env.BENCH_ROUTING_SYSTEM_CHARS ?? 600);
const CLIENTS = Number(process.env.BENCH_ROUTING_CLIENTS ?? 1);
const MAX_TOKENS = 16;

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

const sizedModel = () => sizedModelOf(PARAMS, 'BENCH_ROUTING_PARAMS');

function systemPrompt(app: string): string {
  const sentence = `You are the ${app} assistant. Answer in one short paragraph and stay polite. `;
  return sentence.repeat(Math.ceil(SYSTEM_CHARS / sentence.length)).slice(0, SYSTEM_CHARS);
}
const APPS = [systemPrompt('billing'), systemPrompt('travel')];

interface Sample {
  ttftMs: number;
  tokensPerSecond: number;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
}

function stream(url: string, prompt: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({
      prompt,
      max_tokens: MAX_TOKENS,
      temperature: 0.8,
      stream: true,
      stream_options: { include_usage: true },
    });
    const t0 = performance.now();
    let first = 0;
    let pending = '';
    let usage:
      | {
          prompt_tokens: number;
          completion_tokens: number;
          prompt_tokens_details?: { cached_tokens: number };
        }
      | undefined;
    const req = http.request(
      `${url}/completions`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
      },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (text: string) => {
          pending += text;
          let boundary;
          while ((boundary = pending.indexOf('\n\n')) >= 0) {
            const block = pending.slice(0, boundary);
            pending = pending.slice(boundary + 2);
            if (!block.startsWith('data: ') || block === 'data: [DONE]') continue;
            const event = JSON.parse(block.slice(6)) as {
              choices: { text?: string }[];
              usage?: typeof usage;
            };
            if (!first && event.choices[0]?.text) first = performance.now() - t0;
            if (event.usage) usage = event.usage;
          }
        });
        res.on('end', () => {
          const total = performance.now() - t0;
          if (!usage) return reject(new Error('no usage event'));
          const after = Math.max(1, usage.completion_tokens - 1);
          resolve({
            ttftMs: first || total,
            tokensPerSecond: usage.completion_tokens > 1 ? after / ((total - first) / 1000) : 0,
            promptTokens: usage.prompt_tokens,
            cachedTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
            completionTokens: usage.completion_tokens,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** mulberry32, so both policies see the same sequence of applications. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function run(url: string, round: number): Promise<{ samples: Sample[]; wallMs: number }> {
  const random = seeded(round + 1);
  const plan = Array.from({ length: REQUESTS }, (_, i) => ({
    app: random() < 0.5 ? 0 : 1,
    question: `Question ${round}.${i}: what should I do next?`,
  }));
  const samples: Sample[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < plan.length) {
        const { app, question } = plan[next++]!;
        samples.push(await stream(url, `${APPS[app]}\n\nUser: ${question}\nAssistant:`));
      }
    }),
  );
  return { samples, wallMs: performance.now() - t0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function main(): Promise<void> {
  const modelPath = await sizedModel();
  const config = {
    optimization: DEFAULT_OPTIMIZATION,
    parameters: { ...DEFAULT_PARAMETERS, inferenceBatchSize: 1, maxLength: MAX_TOKENS },
    hardwareProfileId: 'cpu',
    scaling: { ...DEFAULT_SCALING, minReplicas: 2, maxReplicas: 2 },
  };
  const runtime = new LocalRuntime({ spareReplica: false, health: { intervalMs: 0 } });
  const ready = new Promise<void>((resolve, reject) => {
    runtime.onEvent((event: RuntimeEvent) => {
      if (event.type === 'ready') resolve();
      if (event.type === 'failed') reject(new Error(event.reason));
    });
  });
  await runtime.deploy({
    deploymentId: 'bench',
    version: 1,
    model: { id: 'demo', name: 'demo', source: 'PLATFORM', format: 'GGUF', localPath: modelPath },
    config,
  });
  await ready;
  const servers: http.Server[] = [];
  const gateways: Gateway[] = [];
  const urls = new Map<RoutingPolicy, string>();
  for (const routing of ['cache-aware', 'least-in-flight'] as const) {
    const gateway = createGateway({
      routing,
      lookupDeployment: async () => ({
        deploymentId: 'bench',
        status: 'DEPLOYED',
        config,
        endpointTimeoutSeconds: 300,
        modelName: 'demo',
      }),
      verifyApiKey: async () => ({ ok: true as const, keyId: 'bench' }),
      replicas: (id) => runtime.replicas(id),
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    const server = http.createServer((req, res) => void gateway(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    gateways.push(gateway);
    servers.push(server);
    urls.set(routing, `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/deployments/bench`);
  }
  try {
    // One warm-up request per application, so the first round does not pay the replicas' first evaluation.
    for (const app of APPS) await stream(urls.get('least-in-flight')!, `${app}\n\nUser: hi\nAssistant:`);
    const loadBefore = load();
    const results = new Map<RoutingPolicy, { samples: Sample[]; wallMs: number }>();
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating which policy goes first, as the machine's speed drifts.
      const order: RoutingPolicy[] =
        round % 2 === 0 ? ['cache-aware', 'least-in-flight'] : ['least-in-flight', 'cache-aware'];
      for (const policy of order) {
        const { samples, wallMs } = await run(urls.get(policy)!, round);
        const kept = results.get(policy) ?? { samples: [], wallMs: 0 };
        kept.samples.push(...samples);
        kept.wallMs += wallMs;
        results.set(policy, kept);
      }
    }
    console.log(
      `machine: ${cpus().length} cores, load average (1/5/15 min) ${loadBefore}; model ${PARAMS}, 2 replicas ` +
        `(batch size 1), ${CLIENTS} clients, 2 system prompts of ${SYSTEM_CHARS} characters, ` +
        `${REQUESTS} requests × ${ROUNDS} rounds per policy, ${MAX_TOKENS} tokens each`,
    );
    const summary = new Map<RoutingPolicy, { ttft: number; tps: number; throughput: number }>();
    for (const [policy, { samples, wallMs }] of results) {
      const prompt = samples.reduce((s, x) => s + x.promptTokens, 0);
      const cached = samples.reduce((s, x) => s + x.cachedTokens, 0);
      const completion = samples.reduce((s, x) => s + x.completionTokens, 0);
      const ttfts = samples.map((s) => s.ttftMs).sort((a, b) => a - b);
      const p90 = ttfts[Math.floor(ttfts.length * 0.9)]!;
      const row = {
        ttft: median(ttfts),
        tps: median(samples.map((s) => s.tokensPerSecond)),
        throughput: completion / (wallMs / 1000),
      };
      summary.set(policy, row);
      console.log(
        `${policy.padEnd(16)} TTFT median ${row.ttft.toFixed(0).padStart(6)} ms   p90 ${p90.toFixed(0).padStart(6)} ms   ` +
          `decode median ${row.tps.toFixed(1).padStart(5)} tokens/s   throughput ${row.throughput.toFixed(1).padStart(5)} tokens/s   ` +
          `prompt tokens from cache ${((100 * cached) / prompt).toFixed(0).padStart(3)} %`,
      );
    }
    const aware = summary.get('cache-aware')!;
    const plain = summary.get('least-in-flight')!;
    console.log(
      `ratio cache-aware / least-in-flight: TTFT ${(aware.ttft / plain.ttft).toFixed(2)}× ` +
        `(${(plain.ttft / aware.ttft).toFixed(2)}× faster), throughput ${(aware.throughput / plain.throughput).toFixed(2)}×, ` +
        `decode ${(aware.tps / plain.tps).toFixed(2)}×`,
    );
    console.log(`load average after the run: ${load()}`);
  } finally {
    for (const gateway of gateways) gateway.close();
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    await runtime.close();
  }
}

await main();
