import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_SCALING,
  type DeploymentConfig,
} from '../core/deployment-config/deployment-config.js';
import type { ReplicaInfo } from '../runtime/runtime.js';
import { startFakeReplica, type FakeReplica } from './fake-replica.fixture.js';
import { createGateway, type GatewayDeployment, type Gateway } from './gateway.handler.js';
import type { UsageRecord } from './gateway.metrics.js';

const config = (batch: number): DeploymentConfig => ({
  optimization: DEFAULT_OPTIMIZATION,
  parameters: {
    temperature: 0.3,
    maxLength: 100,
    topP: 0.8,
    topK: 20,
    stopSequences: ['END'],
    inferenceBatchSize: batch,
  },
  hardwareProfileId: 'cpu',
  scaling: DEFAULT_SCALING,
});

const deployments: Record<string, GatewayDeployment> = {};
const replicaSets: Record<string, FakeReplica[]> = {};
const keys: Record<string, { deploymentId: string; keyId: string; rateLimitPerMinute?: number }> = {
  hgr_sk_keyA: { deploymentId: 'dep-a', keyId: 'key-a' },
  hgr_sk_keyB: { deploymentId: 'dep-b', keyId: 'key-b' },
  hgr_sk_keyLimited: { deploymentId: 'dep-a', keyId: 'key-limited', rateLimitPerMinute: 2 },
  hgr_sk_keyQ: { deploymentId: 'dep-queue', keyId: 'key-q' },
  hgr_sk_keyT: { deploymentId: 'dep-slow', keyId: 'key-t' },
  hgr_sk_keyR: { deploymentId: 'dep-pair', keyId: 'key-r' },
  hgr_sk_keyN: { deploymentId: 'dep-none', keyId: 'key-n' },
};
const usage: UsageRecord[] = [];
let gateway: Gateway;
let server: http.Server;
let origin: string;

function add(id: string, batch: number, replicas: FakeReplica[], timeout = 60) {
  deployments[id] = {
    deploymentId: id,
    status: 'DEPLOYED',
    config: config(batch),
    endpointTimeoutSeconds: timeout,
    modelName: 'tiny-llama',
  };
  replicaSets[id] = replicas;
}

const client = (key: string, deploymentId: string, version = 'v2') =>
  new OpenAI({ apiKey: key, baseURL: `${origin}/api/${version}/deployments/${deploymentId}`, maxRetries: 0 });

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  add('dep-a', 4, [await startFakeReplica('a1')]);
  add('dep-b', 4, [await startFakeReplica('b1')]);
  add('dep-queue', 1, [await startFakeReplica('q1')]);
  add('dep-slow', 4, [await startFakeReplica('t1')], 1);
  add('dep-pair', 2, [await startFakeReplica('p1'), await startFakeReplica('p2')]);
  add('dep-none', 4, []);
  gateway = createGateway({
    lookupDeployment: async (id) => deployments[id] ?? null,
    verifyApiKey: async (deploymentId, secret) => {
      const key = keys[secret];
      if (!key) return { ok: false, status: 401, message: 'Invalid API key.' };
      if (key.deploymentId !== deploymentId)
        return { ok: false, status: 403, message: 'This key belongs to another deployment.' };
      return { ok: true, keyId: key.keyId, rateLimitPerMinute: key.rateLimitPerMinute };
    },
    replicas: (id): ReplicaInfo[] =>
      (replicaSets[id] ?? []).map((r) => ({
        id: r.id,
        version: 1,
        status: 'READY',
        startedAt: new Date(),
        baseUrl: r.baseUrl,
      })),
    onUsage: (record) => usage.push(record),
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });
  server = http.createServer((req, res) => {
    void gateway(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end('not a gateway path');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  gateway.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  for (const set of Object.values(replicaSets)) for (const r of set) await r.close();
});

describe('chat completions through the openai SDK', () => {
  it('answers a chat with the deployment defaults filled in and reports usage', async () => {
    const replica = replicaSets['dep-a']![0]!;
    const completion = await client('hgr_sk_keyA', 'dep-a').chat.completions.create({
      model: 'anything',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]!.message.content).toBe('Hello from a1');
    expect(replica.received.at(-1)).toMatchObject({
      model: 'tiny-llama',
      temperature: 0.3,
      top_p: 0.8,
      top_k: 20,
      max_tokens: 100,
      stop: ['END'],
    });
    const record = usage.find((u) => u.keyId === 'key-a' && u.status === 200);
    expect(record).toMatchObject({
      deploymentId: 'dep-a',
      promptTokens: 7,
      completionTokens: 3,
      endpoint: 'chat.completions',
    });
    expect(await gateway.metrics.registry.metrics()).toMatch(
      /hangar_gateway_requests_total\{[^}]*deployment_id="dep-a"/,
    );
    expect(await gateway.metrics.registry.metrics()).not.toContain('hgr_sk_');
  });

  it('lets a request override parameters within range', async () => {
    const replica = replicaSets['dep-a']![0]!;
    await client('hgr_sk_keyA', 'dep-a').chat.completions.create({
      model: 'x',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 1.5,
      max_tokens: 100,
      stop: ['a', 'b', 'c', 'd'],
    });
    expect(replica.received.at(-1)).toMatchObject({
      temperature: 1.5,
      max_tokens: 100,
      stop: ['a', 'b', 'c', 'd'],
    });
  });

  it('streams a chat completion', async () => {
    replicaSets['dep-a']![0]!.script.push({ content: 'one two three four' });
    const stream = await client('hgr_sk_keyA', 'dep-a').chat.completions.create({
      model: 'x',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe('one two three four');
    expect(chunks).toBeGreaterThan(1);
    await until(() => usage.some((u) => u.stream && u.completionTokens === 3), 'stream usage record');
  });

  it('streams events the replica cut anywhere, multibyte characters included', async () => {
    const content = 'héllo wörld ✓ — ünïcödé 日本語 ok';
    replicaSets['dep-a']![0]!.script.push({ content, split: true });
    const counted = usage.filter((u) => u.stream && u.completionTokens === 3).length;
    const stream = await client('hgr_sk_keyA', 'dep-a').chat.completions.create({
      model: 'x',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    let usageChunks = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usageChunks++;
    }
    expect(text).toBe(content);
    expect(usageChunks).toBe(0); // the gateway asked for it, this client did not
    await until(
      () => usage.filter((u) => u.stream && u.completionTokens === 3).length > counted,
      'stream usage record',
    );
  });

  it('lists the model', async () => {
    const models = await client('hgr_sk_keyA', 'dep-a').models.list();
    expect(models.data.map((m) => m.id)).toEqual(['tiny-llama']);
  });

  it('serves legacy text completions on v1', async () => {
    const completion = await client('hgr_sk_keyA', 'dep-a', 'v1').completions.create({
      model: 'x',
      prompt: 'Once',
    });
    expect(completion.choices[0]!.text).toBe('Hello from a1');
  });
});

describe('errors', () => {
  it('401 for a missing or invalid key', async () => {
    const missing = await fetch(`${origin}/api/v2/deployments/dep-a/chat/completions`, {
      method: 'POST',
      body: '{}',
    });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { type: string } }).error.type).toBe('authentication_error');
    await expect(client('hgr_sk_nope', 'dep-a').models.list()).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
  });

  it("403 for another deployment's key", async () => {
    await expect(
      client('hgr_sk_keyA', 'dep-b').chat.completions.create({
        model: 'x',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  it('404 for an unknown deployment', async () => {
    await expect(
      client('hgr_sk_keyA', 'dep-missing').chat.completions.create({
        model: 'x',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('400 naming the out-of-range field', async () => {
    const c = client('hgr_sk_keyA', 'dep-a');
    const messages = [{ role: 'user' as const, content: 'hi' }];
    const cases: [Record<string, unknown>, string][] = [
      [{ temperature: 2.5 }, 'temperature'],
      [{ top_p: 1.2 }, 'top_p'],
      [{ top_k: 0 }, 'top_k'],
      [{ max_tokens: 101 }, 'max_tokens'],
      [{ stop: ['1', '2', '3', '4', '5'] }, 'stop'],
    ];
    for (const [extra, param] of cases) {
      const error = await c.chat.completions
        .create({ model: 'x', messages, ...extra })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(param);
    }
  });

  it('400 for response_format on v1 completions', async () => {
    const error = await client('hgr_sk_keyA', 'dep-a', 'v1')
      .completions.create({ model: 'x', prompt: 'hi', response_format: { type: 'json_object' } } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toMatch(
      /only available on .*\/api\/v2\/deployments\/dep-a\/chat\/completions/,
    );
  });

  it('503 when the deployment has no ready replica', async () => {
    const error = await client('hgr_sk_keyN', 'dep-none')
      .chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
  });

  it('429 with Retry-After when the per-key rate limit is exceeded', async () => {
    const c = client('hgr_sk_keyLimited', 'dep-a');
    await c.models.list();
    await c.models.list();
    const error = await c.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const retryAfter = Number(
      (error as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after'),
    );
    expect(retryAfter).toBeGreaterThanOrEqual(1);
  });

  it('429 with Retry-After when the queue is full', async () => {
    // batch size 1 and one replica: capacity 1, queue 4 × 1; the sixth concurrent request is refused.
    const replica = replicaSets['dep-queue']![0]!;
    replica.reply = () => ({ delayMs: 600 });
    const c = client('hgr_sk_keyQ', 'dep-queue');
    const held = Array.from({ length: 5 }, () =>
      c.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] }),
    );
    await until(() => gateway.load('dep-queue').queued === 4, 'a full queue');
    const refused = await c.chat.completions
      .create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect((refused as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')).toBeTruthy();
    const answered = await Promise.all(held);
    expect(answered).toHaveLength(5);
    expect(replica.received.length).toBe(5);
  });

  it('times out with type timeout and cancels the upstream generation', async () => {
    const replica = replicaSets['dep-slow']![0]!;
    replica.reply = () => ({ delayMs: 30_000 });
    const error = await client('hgr_sk_keyT', 'dep-slow')
      .chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(504);
    expect((error as InstanceType<typeof OpenAI.APIError>).type).toBe('timeout');
    await until(() => replica.aborted === 1, 'the replica to see the abort');
  });
});

describe('routing', () => {
  it('sends new requests to the replica with the fewest in flight', async () => {
    const [p1, p2] = replicaSets['dep-pair']! as [FakeReplica, FakeReplica];
    const c = client('hgr_sk_keyR', 'dep-pair');
    let holder: FakeReplica | undefined;
    const hold = (self: FakeReplica) => (body: Record<string, unknown>) => {
      if ((body.messages as { content: string }[])[0]!.content === 'slow') {
        holder = self;
        return { delayMs: 800 };
      }
      return {};
    };
    p1.reply = hold(p1);
    p2.reply = hold(p2);
    const slow = c.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'slow' }] });
    await until(() => holder !== undefined, 'the slow request to arrive');
    const other = holder === p1 ? 'p2' : 'p1';
    for (let i = 0; i < 3; i++) {
      const fast = await c.chat.completions.create({
        model: 'x',
        messages: [{ role: 'user', content: 'fast' }],
      });
      expect(fast.choices[0]!.message.content).toBe(`Hello from ${other}`);
    }
    await slow;
  });

  it('retries a non-streamed request on another replica when one dies mid-request', async () => {
    const [p1, p2] = replicaSets['dep-pair']! as [FakeReplica, FakeReplica];
    p1.reply = () => ({ destroy: true });
    p2.reply = () => ({});
    const before = p1.received.length;
    const c = client('hgr_sk_keyR', 'dep-pair');
    for (let i = 0; i < 4; i++) {
      const answer = await c.chat.completions.create({
        model: 'x',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(answer.choices[0]!.message.content).toBe('Hello from p2');
    }
    expect(p1.received.length).toBeGreaterThan(before);
    p1.reply = () => ({});
  });
});
