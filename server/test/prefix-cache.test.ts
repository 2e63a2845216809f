import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_PARAMETERS,
  DEFAULT_SCALING,
} from '../src/core/deployment-config/deployment-config.js';
import { generateDemoAdapter } from '../src/modules/demo-model/demo-adapter.js';
import { generateDemoModel } from '../src/modules/demo-model/demo-model.js';
import { LocalRuntime } from '../src/runtime/local/local-runtime.js';
import type { RuntimeDeploySpec, RuntimeEvent } from '../src/runtime/runtime.js';

/** A local replica keeps the previous prompt's KV cache and evaluates only what a new prompt does not share. */

let dir: string;
let runtime: LocalRuntime;
let client: OpenAI;
let adapterPath: string;

// The demo tokenizer spends one token per byte: ~600 tokens the second request need not evaluate again.
const SYSTEM = `You are the assistant of a hangar. ${'Answer briefly and politely. '.repeat(20)}`;

type Usage = { prompt_tokens: number; prompt_tokens_details?: { cached_tokens: number } };
const cached = (usage: unknown): number => (usage as Usage).prompt_tokens_details?.cached_tokens ?? -1;

async function complete(prompt: string, model = 'Demo'): Promise<Usage> {
  const answer = await client.completions.create({ model, prompt, max_tokens: 4, temperature: 0 });
  return answer.usage as Usage;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hangar-prefix-cache-'));
  const demoPath = (await generateDemoModel(join(dir, 'demo.gguf'))).path;
  adapterPath = (await generateDemoAdapter(join(dir, 'upper.gguf'), 'uppercase')).path;
  runtime = new LocalRuntime({ stopGraceMs: 3000, spareReplica: false, health: { intervalMs: 0 } });
  const spec: RuntimeDeploySpec = {
    deploymentId: 'd-prefix',
    version: 1,
    model: { id: 'm1', name: 'Demo', source: 'PLATFORM', format: 'GGUF', localPath: demoPath },
    config: {
      optimization: DEFAULT_OPTIMIZATION,
      parameters: { ...DEFAULT_PARAMETERS, maxLength: 16, inferenceBatchSize: 1 },
      hardwareProfileId: 'cpu-small',
      scaling: { ...DEFAULT_SCALING, minReplicas: 1, maxReplicas: 1 },
    },
  };
  const ready = new Promise<void>((resolve, reject) => {
    runtime.onEvent((e: RuntimeEvent) => {
      if (e.type === 'ready') resolve();
      if (e.type === 'failed') reject(new Error(e.reason));
    });
  });
  await runtime.deploy(spec);
  await ready;
  const replica = runtime.replicas('d-prefix').find((r) => r.status === 'READY')!;
  client = new OpenAI({ baseURL: replica.baseUrl, apiKey: 'unused', maxRetries: 0 });
});

afterAll(async () => {
  await runtime?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('prompt prefix reuse on a local replica', () => {
  it('a second completion sharing a long prefix evaluates only the rest, and says so in its usage', async () => {
    const first = await complete(`${SYSTEM}\nQuestion: where is the door?`);
    const second = await complete(`${SYSTEM}\nQuestion: when does it open?`);
    expect(cached(first)).toBe(0);
    // Everything up to where the questions differ ("Question: wh" + "ere"/"en"), the system prompt included.
    // Plus the beginning-of-text token and the space SentencePiece puts before the text.
    const shared = Buffer.byteLength(`${SYSTEM}\nQuestion: wh`) + 2;
    expect(cached(second)).toBe(shared);
    expect(second.prompt_tokens - cached(second)).toBeLessThan(first.prompt_tokens - cached(first));
  });

  it('the same prompt again reuses all of it but its last token', async () => {
    const prompt = `${SYSTEM}\nQuestion: is it raining?`;
    await complete(prompt);
    const again = await complete(prompt);
    expect(cached(again)).toBe(again.prompt_tokens - 1);
  });

  it('chat requests with the same system message share it', async () => {
    const ask = (question: string) =>
      client.chat.completions.create({
        model: 'Demo',
        max_tokens: 4,
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: question },
        ],
      });
    const first = await ask('Where is the door?');
    const second = await ask('When does it open?');
    expect(cached(second.usage)).toBeGreaterThan(Buffer.byteLength(SYSTEM));
    expect(cached(second.usage)).toBeLessThan(second.usage!.prompt_tokens);
    expect(cached(first.usage)).toBeLessThan(cached(second.usage));
  });

  it('nothing computed under another adapter is reused', async () => {
    await runtime.setAdapters('d-prefix', [{ name: 'upper', format: 'GGUF', localPath: adapterPath }]);
    const prompt = `${SYSTEM}\nQuestion: who is there?`;
    await complete(prompt);
    expect(cached(await complete(prompt, 'upper'))).toBe(0);
    expect(cached(await complete(prompt, 'upper'))).toBeGreaterThan(0);
    expect(cached(await complete(prompt))).toBe(0);
  });
});
