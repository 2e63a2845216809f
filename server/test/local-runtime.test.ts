import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGgufWithoutRequiredKeys, writeGgufWithoutTensors } from './fixtures/gguf-broken.js';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_PARAMETERS,
  DEFAULT_SCALING,
  type ParametersConfig,
} from '../src/core/deployment-config/deployment-config.js';
import { generateDemoModel } from '../src/modules/demo-model/demo-model.js';
import type { RuntimeDeploySpec, RuntimeEvent } from '../src/runtime/runtime.js';
import { LocalRuntime } from '../src/runtime/local/local-runtime.js';

let dir: string;
let demoPath: string;
let runtime: LocalRuntime;
const events: RuntimeEvent[] = [];
/** Every replica pid seen, so the last test can check that none is left. */
const seenPids = new Set<number>();

function spec(
  deploymentId: string,
  version: number,
  localPath: string | undefined,
  parameters: Partial<ParametersConfig> = {},
): RuntimeDeploySpec {
  return {
    deploymentId,
    version,
    model: { id: 'm1', name: 'Demo', source: 'PLATFORM', format: 'GGUF', localPath },
    config: {
      optimization: DEFAULT_OPTIMIZATION,
      parameters: { ...DEFAULT_PARAMETERS, maxLength: 64, inferenceBatchSize: 2, ...parameters },
      hardwareProfileId: 'cpu-small',
      scaling: { ...DEFAULT_SCALING, minReplicas: 1, maxReplicas: 2 },
    },
  };
}

function waitFor<T extends RuntimeEvent>(match: (e: RuntimeEvent) => e is T, timeoutMs = 45_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching runtime event; last events: ${JSON.stringify(events.slice(-5))}`));
    }, timeoutMs);
    const stop = runtime.onEvent((event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}

const readyOrFailed =
  (deploymentId: string, version: number) =>
  (e: RuntimeEvent): e is Extract<RuntimeEvent, { type: 'ready' | 'failed' }> =>
    (e.type === 'ready' || e.type === 'failed') && e.deploymentId === deploymentId && e.version === version;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function clientFor(deploymentId: string): OpenAI {
  const replica = runtime.replicas(deploymentId).find((r) => r.status === 'READY');
  expect(replica?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  return new OpenAI({ baseURL: replica!.baseUrl, apiKey: 'unused', maxRetries: 0 });
}

function rememberPids(deploymentId: string): number[] {
  const pids = runtime.replicaPids(deploymentId);
  pids.forEach((pid) => seenPids.add(pid));
  return pids;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hangar-local-runtime-'));
  demoPath = (await generateDemoModel(join(dir, 'demo.gguf'))).path;
  runtime = new LocalRuntime({ maxRestarts: 2, restartBackoffMs: 200, stopGraceMs: 3000 });
  runtime.onEvent((event) => events.push(event));
});

afterAll(async () => {
  await runtime?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('LocalRuntime', () => {
  it('refuses at once what it cannot serve', async () => {
    const notGguf = spec('d-refuse', 1, '/models/x');
    notGguf.model.format = 'HF_SAFETENSORS';
    await expect(runtime.deploy(notGguf)).rejects.toThrow(/needs a GPU runtime \(Nomad\).*GGUF models only/);
    await expect(runtime.deploy(spec('d-refuse', 1, undefined))).rejects.toThrow(
      /must be downloaded first; this machine has no network/,
    );
    expect(await runtime.activeDeployments()).not.toContain('d-refuse');
  });

  it('deploys the demo model and serves chat, streaming and JSON-schema completions', async () => {
    const ready = waitFor(readyOrFailed('d-demo', 1));
    await runtime.deploy(spec('d-demo', 1, demoPath));
    expect(runtime.replicas('d-demo')).toMatchObject([{ version: 1, status: 'STARTING' }]);
    expect(await ready).toMatchObject({ type: 'ready' });
    const progress = events.flatMap((e) =>
      e.type === 'progress' && e.deploymentId === 'd-demo' ? [e.message] : [],
    );
    expect(progress).toEqual(expect.arrayContaining(['starting replica 1', 'loading model']));
    expect(progress.some((m) => m.startsWith('replica 1 ready'))).toBe(true);
    rememberPids('d-demo');

    const client = clientFor('d-demo');
    const chat = await client.chat.completions.create({
      model: 'Demo',
      messages: [{ role: 'user', content: 'Hello' }],
      max_tokens: 8,
    });
    expect(chat.choices[0]!.message.role).toBe('assistant');
    expect(typeof chat.choices[0]!.message.content).toBe('string');
    expect(chat.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(chat.usage!.completion_tokens).toBeLessThanOrEqual(8);

    const stream = await client.chat.completions.create({
      model: 'Demo',
      messages: [{ role: 'user', content: 'Count' }],
      max_tokens: 6,
      temperature: 0, // greedy: the demo model's answer to this prompt is known not to end at once
      stream: true,
      stream_options: { include_usage: true },
    });
    let streamed = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      streamed += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(['stop', 'length']).toContain(finish);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(streamed.length).toBeGreaterThan(0);

    const schema = {
      type: 'object',
      properties: {
        // Bounded, so the whole document fits the deployment's 64 tokens: the grammar holds the model to it.
        name: { type: 'string', maxLength: 12 },
        id: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
      },
      required: ['name', 'id'],
      additionalProperties: false,
    };
    const structured = await client.chat.completions.create({
      model: 'Demo',
      messages: [{ role: 'user', content: 'A person as JSON' }],
      max_tokens: 60,
      response_format: { type: 'json_schema', json_schema: { name: 'person', schema, strict: true } },
    });
    expect(structured.choices[0]!.finish_reason).toBe('stop');
    const parsed: unknown = JSON.parse(structured.choices[0]!.message.content!);
    expect(new Ajv().validate(schema, parsed)).toBe(true);

    const toolCall = await client.chat.completions.create({
      model: 'Demo',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      max_tokens: 128,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            // An enum keeps the random-weight model's arguments short, so the call always completes.
            parameters: {
              type: 'object',
              properties: { city: { enum: ['Paris', 'Oslo'] } },
              required: ['city'],
            },
          },
        },
      ],
    });
    const call = toolCall.choices[0]!.message.tool_calls?.[0];
    expect(toolCall.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse((call as { function: { arguments: string } }).function.arguments)).toHaveProperty(
      'city',
    );

    // More requests than the batch size (2) at once: the extra one waits for a free sequence.
    const concurrent = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        client.completions.create({ model: 'Demo', prompt: `Request ${n}`, max_tokens: 32, temperature: 0 }),
      ),
    );
    // A random-weight model may end at once, so the check is that each request was answered, not its length.
    for (const completion of concurrent)
      expect(['stop', 'length']).toContain(completion.choices[0]!.finish_reason);

    await expect(
      client.chat.completions.create({ model: 'Demo', messages: [], temperature: 3 } as never),
    ).rejects.toMatchObject({ status: 400, param: 'messages' });
  });

  it('restarts a replica that is killed and serves again', async () => {
    const [pid] = rememberPids('d-demo');
    const back = waitFor(
      (e): e is Extract<RuntimeEvent, { type: 'replicas' }> =>
        e.type === 'replicas' &&
        e.deploymentId === 'd-demo' &&
        e.replicas.some((r) => r.status === 'READY' && r.version === 1),
    );
    process.kill(pid!, 'SIGKILL');
    await back;
    const [newPid] = rememberPids('d-demo');
    expect(newPid).not.toBe(pid);
    expect(isAlive(pid!)).toBe(false);
    const restartNotice = events.find(
      (e) =>
        e.type === 'progress' &&
        e.deploymentId === 'd-demo' &&
        /replica 1 stopped.*SIGKILL.*restarting/.test(e.message),
    );
    expect(restartNotice).toBeDefined();
    const chat = await clientFor('d-demo').completions.create({
      model: 'Demo',
      prompt: 'Once',
      max_tokens: 4,
      temperature: 0,
    });
    expect(chat.choices[0]!.text.length).toBeGreaterThan(0);
  });

  it('redeploys a new version and stops the old replicas only once it is ready', async () => {
    const [oldPid] = rememberPids('d-demo');
    const ready = waitFor(readyOrFailed('d-demo', 2));
    await runtime.deploy(spec('d-demo', 2, demoPath, { temperature: 0.2 }));
    // While version 2 loads, version 1 still answers.
    expect(runtime.replicas('d-demo').map((r) => r.version)).toEqual([1, 2]);
    await clientFor('d-demo').chat.completions.create({
      model: 'Demo',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(await ready).toMatchObject({ type: 'ready' });
    rememberPids('d-demo');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(isAlive(oldPid!)).toBe(false);
    expect(runtime.replicas('d-demo').map((r) => [r.version, r.status])).toEqual([[2, 'READY']]);
  });

  it('scales a running deployment up and down', async () => {
    const twoReady = waitFor(
      (e): e is Extract<RuntimeEvent, { type: 'replicas' }> =>
        e.type === 'replicas' &&
        e.deploymentId === 'd-demo' &&
        e.replicas.filter((r) => r.status === 'READY').length === 2,
    );
    await runtime.scale('d-demo', 2);
    await twoReady;
    const pids = rememberPids('d-demo');
    expect(pids).toHaveLength(2);
    const urls = runtime.replicas('d-demo').map((r) => r.baseUrl);
    expect(new Set(urls).size).toBe(2);

    await runtime.scale('d-demo', 1);
    expect(runtime.replicas('d-demo')).toHaveLength(1);
    expect(pids.filter(isAlive)).toHaveLength(1);
    await clientFor('d-demo').chat.completions.create({
      model: 'Demo',
      messages: [{ role: 'user', content: 'hi' }],
    });
  });

  it('keeps the serving version when a redeploy cannot load its model', async () => {
    const brokenPath = join(dir, 'no-keys.gguf');
    await writeGgufWithoutRequiredKeys(brokenPath);
    const outcome = waitFor(readyOrFailed('d-demo', 3));
    await runtime.deploy(spec('d-demo', 3, brokenPath));
    const failed = await outcome;
    expect(failed).toMatchObject({ type: 'failed' });
    expect((failed as { reason: string }).reason).toMatch(/missing required metadata: llama\.block_count/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runtime.replicas('d-demo').map((r) => [r.version, r.status])).toEqual([[2, 'READY']]);
  });

  it('fails a deployment whose model llama.cpp rejects, with llama.cpp’s reason', async () => {
    const brokenPath = join(dir, 'no-tensors.gguf');
    await writeGgufWithoutTensors(brokenPath);
    const outcome = waitFor(readyOrFailed('d-broken', 1));
    await runtime.deploy(spec('d-broken', 1, brokenPath));
    const failed = await outcome;
    expect(failed).toMatchObject({ type: 'failed' });
    expect((failed as { reason: string }).reason).toMatch(/could not load the model/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await runtime.activeDeployments()).not.toContain('d-broken');
  });

  it('gives up after maxRestarts replicas that never become ready, saying why', async () => {
    const impatient = new LocalRuntime({ maxRestarts: 1, restartBackoffMs: 100, readyTimeoutMs: 300 });
    const seen: RuntimeEvent[] = [];
    impatient.onEvent((e) => seen.push(e));
    const failed = new Promise<RuntimeEvent>((resolve) =>
      impatient.onEvent((e) => {
        if (e.type === 'failed') resolve(e);
      }),
    );
    try {
      await impatient.deploy(spec('d-slow', 1, demoPath));
      expect(await failed).toMatchObject({
        type: 'failed',
        deploymentId: 'd-slow',
        reason: 'model process did not become ready within 0.3 s',
      });
      const messages = seen.flatMap((e) => (e.type === 'progress' ? [e.message] : []));
      expect(messages.filter((m) => m === 'starting replica 1')).toHaveLength(2);
      expect(messages.some((m) => /restarting in 0\.1 s/.test(m))).toBe(true);
    } finally {
      await impatient.close();
    }
    expect(await impatient.activeDeployments()).toEqual([]);
  });

  it('stop() leaves no replica process alive', async () => {
    rememberPids('d-demo');
    await runtime.stop('d-demo');
    expect(runtime.replicas('d-demo')).toEqual([]);
    expect(await runtime.activeDeployments()).toEqual([]);
    expect(seenPids.size).toBeGreaterThanOrEqual(3);
    for (const pid of seenPids) expect(isAlive(pid)).toBe(false);
  });
});
