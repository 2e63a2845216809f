/**
 * Streamed tokens/s through gateway + local replica against node-llama-cpp in the same process, on the generated
 * demo model with the same sampling and one thread each. Run alone (`npx tsx bench/gateway/tokens-per-second.bench.ts`)
 * or from gateway.bench.ts. The two sides run one after the other so they never share the 2 cores.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLlama, LlamaCompletion } from 'node-llama-cpp';
import OpenAI from 'openai';
import { createGateway } from '../../server/src/gateway/gateway.handler.js';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_SCALING,
} from '../../server/src/modules/deployment/deployment.config.js';
import { ensureDemoModel } from '../../server/src/modules/demo-model/demo-model.js';
import { LocalRuntime } from '../../server/src/runtime/local/local-runtime.js';
import type { RuntimeEvent } from '../../server/src/runtime/runtime.js';

const MAX_TOKENS = 200;
const RUNS = Number(process.env.BENCH_TOKEN_RUNS ?? 8);
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

async function inProcess(modelPath: string): Promise<number> {
  const llama = await getLlama({ gpu: false, build: 'never' });
  const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  const context = await model.createContext({
    contextSize: Math.min(2048, model.trainContextSize),
    threads: 1,
  });
  let tokens = 0;
  let ms = 0;
  for (let run = -1; run < RUNS; run++) {
    const sequence = context.getSequence();
    const completion = new LlamaCompletion({ contextSequence: sequence });
    let count = 0;
    const t0 = performance.now();
    await completion.generateCompletion(PROMPT, {
      maxTokens: MAX_TOKENS,
      temperature: parameters.temperature,
      topP: parameters.topP,
      topK: parameters.topK,
      onToken: (t) => void (count += t.length),
    });
    // Run -1 warms up.
    if (run >= 0) {
      ms += performance.now() - t0;
      tokens += count;
    }
    completion.dispose();
    sequence.dispose();
  }
  await context.dispose();
  await model.dispose();
  await llama.dispose();
  return tokens / (ms / 1000);
}

async function throughGateway(modelPath: string): Promise<{ gateway: number; replicaDirect: number }> {
  const runtime = new LocalRuntime();
  const config = {
    optimization: DEFAULT_OPTIMIZATION,
    parameters,
    hardwareProfileId: 'cpu',
    scaling: DEFAULT_SCALING,
  };
  const ready = new Promise<void>((resolve, reject) => {
    runtime.onEvent((event: RuntimeEvent) => {
      if (event.deploymentId !== 'bench') return;
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
  const gateway = createGateway({
    lookupDeployment: async () => ({
      deploymentId: 'bench',
      status: 'DEPLOYED',
      config,
      endpointTimeoutSeconds: 60,
      modelName: 'demo',
    }),
    verifyApiKey: async () => ({ ok: true, keyId: 'bench' }),
    replicas: (id) => runtime.replicas(id),
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });
  const server = http.createServer((req, res) => void gateway(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const client = new OpenAI({
    apiKey: 'hgr_sk_bench',
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/deployments/bench`,
  });
  const replicaUrl = runtime.replicas('bench').find((r) => r.status === 'READY')!.baseUrl!;
  const direct = new OpenAI({ apiKey: 'unused', baseURL: replicaUrl });
  const totals = { gateway: { tokens: 0, ms: 0 }, direct: { tokens: 0, ms: 0 } };
  const streamOnce = async (c: OpenAI, into: { tokens: number; ms: number } | null) => {
    const t0 = performance.now();
    const stream = await c.completions.create({
      model: 'demo',
      prompt: PROMPT,
      max_tokens: MAX_TOKENS,
      stream: true,
      stream_options: { include_usage: true },
      // The sampling the gateway fills in from the deployment, so both sides ask the replica for the same work.
      temperature: parameters.temperature,
      top_p: parameters.topP,
      ...({ top_k: parameters.topK } as object),
    });
    let count = 0;
    for await (const chunk of stream) if (chunk.usage) count = chunk.usage.completion_tokens;
    if (into) {
      into.ms += performance.now() - t0;
      into.tokens += count;
    }
  };
  try {
    await streamOnce(client, null);
    await streamOnce(direct, null);
    // Alternate so that other load on the machine hits both alike.
    for (let run = 0; run < RUNS; run++) {
      await streamOnce(client, totals.gateway);
      await streamOnce(direct, totals.direct);
    }
  } finally {
    server.closeAllConnections();
    server.close();
    gateway.close();
    await runtime.close();
  }
  return {
    gateway: totals.gateway.tokens / (totals.gateway.ms / 1000),
    replicaDirect: totals.direct.tokens / (totals.direct.ms / 1000),
  };
}

export async function measureTokensPerSecond(): Promise<{
  inProcess: number;
  gateway: number;
  replicaDirect: number;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'hangar-bench-'));
  try {
    const modelPath = await ensureDemoModel(dir);
    const local = await inProcess(modelPath);
    const remote = await throughGateway(modelPath);
    return { inProcess: local, ...remote };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Table rows for gateway.bench.ts: the target compares with in-process; direct replica isolates the gateway. */
export function tokensRows(result: {
  inProcess: number;
  gateway: number;
  replicaDirect: number;
}): string[][] {
  const vsInProcess = result.gateway / result.inProcess;
  const vsReplica = result.gateway / result.replicaDirect;
  return [
    [
      'streamed tokens/s vs in-process',
      result.inProcess.toFixed(0),
      result.gateway.toFixed(0),
      `${(vsInProcess * 100).toFixed(1)} %`,
      '≥ 95 %',
      vsInProcess >= 0.95 ? 'yes' : 'NO',
    ],
    [
      'streamed tokens/s vs replica direct',
      result.replicaDirect.toFixed(0),
      result.gateway.toFixed(0),
      `${(vsReplica * 100).toFixed(1)} %`,
      '(gateway share)',
      '',
    ],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of tokensRows(await measureTokensPerSecond())) console.log(row.join('  '));
}
