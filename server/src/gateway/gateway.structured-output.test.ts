import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_SCALING,
  type DeploymentConfig,
} from '../core/deployment-config/deployment-config.js';
import { startFakeReplica, type FakeReplica } from './fake-replica.fixture.js';
import { TOOLS_PRECEDENCE_WARNING, createGateway, type Gateway } from './gateway.handler.js';

// `response_format` through the whole gateway: one deployment, one scripted replica, the official SDK.
const config: DeploymentConfig = {
  optimization: DEFAULT_OPTIMIZATION,
  parameters: {
    temperature: 0.3,
    maxLength: 100,
    topP: 0.8,
    topK: 20,
    stopSequences: ['END'],
    inferenceBatchSize: 4,
  },
  hardwareProfileId: 'cpu',
  scaling: DEFAULT_SCALING,
};
const replicaSets: Record<string, FakeReplica[]> = {};
let gateway: Gateway;
let server: http.Server;
let origin: string;

const client = (key: string, deploymentId: string) =>
  new OpenAI({ apiKey: key, baseURL: `${origin}/api/v2/deployments/${deploymentId}`, maxRetries: 0 });

beforeAll(async () => {
  replicaSets['dep-b'] = [await startFakeReplica('b1')];
  gateway = createGateway({
    lookupDeployment: async (id) =>
      id === 'dep-b'
        ? {
            deploymentId: id,
            status: 'DEPLOYED',
            config,
            endpointTimeoutSeconds: 60,
            modelName: 'tiny-llama',
          }
        : null,
    verifyApiKey: async (deploymentId, secret) =>
      secret === 'hgr_sk_keyB' && deploymentId === 'dep-b'
        ? { ok: true, keyId: 'key-b' }
        : { ok: false, status: 401, message: 'Invalid API key.' },
    replicas: (id) =>
      (replicaSets[id] ?? []).map((r) => ({
        id: r.id,
        version: 1,
        status: 'READY' as const,
        startedAt: new Date(),
        baseUrl: r.baseUrl,
      })),
    onUsage: () => {},
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

describe('structured output', () => {
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string' },
      age: { type: 'integer' },
      score: { type: 'number' },
      active: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' } },
      color: { enum: ['red', 'green'] },
      id: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    },
    required: ['name', 'age', 'score', 'active', 'tags', 'color', 'id'],
    additionalProperties: false,
  };
  const valid = JSON.stringify({
    name: 'Ada',
    age: 36,
    score: 9.5,
    active: true,
    tags: ['x'],
    color: 'red',
    id: 7,
  });
  const invalid = JSON.stringify({
    name: 'Ada',
    age: 'thirty',
    score: 9.5,
    active: true,
    tags: ['x'],
    color: 'blue',
    id: 7,
  });
  const request = (extra: Record<string, unknown> = {}) => ({
    model: 'x',
    messages: [{ role: 'user' as const, content: 'person' }],
    response_format: { type: 'json_schema' as const, json_schema: { name: 'person', schema } },
    ...extra,
  });

  it('returns output that validates against the schema', async () => {
    const replica = replicaSets['dep-b']![0]!;
    replica.script.push({ content: valid });
    const completion = await client('hgr_sk_keyB', 'dep-b').chat.completions.create(request());
    expect(JSON.parse(completion.choices[0]!.message.content!)).toMatchObject({ name: 'Ada', color: 'red' });
    expect(replica.received.at(-1)!.response_format).toMatchObject({ type: 'json_schema' });
  });

  it('retries once when the output does not match, and succeeds if the retry does', async () => {
    const replica = replicaSets['dep-b']![0]!;
    const before = replica.received.length;
    replica.script.push({ content: invalid }, { content: valid });
    const completion = await client('hgr_sk_keyB', 'dep-b').chat.completions.create(request());
    expect(completion.choices[0]!.message.content).toBe(valid);
    expect(replica.received.length - before).toBe(2);
  });

  it('never returns a non-matching output as a success', async () => {
    const replica = replicaSets['dep-b']![0]!;
    replica.script.push({ content: invalid }, { content: invalid });
    const error = await client('hgr_sk_keyB', 'dep-b')
      .chat.completions.create(request())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('output_schema_mismatch');
    expect((error as Error).message).toMatch(/age/);
  });

  it('streams a matching output to the end', async () => {
    replicaSets['dep-b']![0]!.script.push({ content: valid });
    const stream = await client('hgr_sk_keyB', 'dep-b').chat.completions.create({
      ...request(),
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(JSON.parse(text)).toMatchObject({ name: 'Ada', id: 7 });
  });

  it('ends a stream whose output does not match with an error instead of success', async () => {
    replicaSets['dep-b']![0]!.script.push({ content: invalid });
    const stream = await client('hgr_sk_keyB', 'dep-b').chat.completions.create({
      ...request(),
      stream: true,
    });
    const consume = async () => {
      for await (const _chunk of stream) void _chunk;
    };
    await expect(consume()).rejects.toThrow(/did not match the requested response_format/);
  });

  it('accepts json_object and refuses a non-object output', async () => {
    const replica = replicaSets['dep-b']![0]!;
    replica.script.push({ content: '[1]' }, { content: '"str"' });
    const error = await client('hgr_sk_keyB', 'dep-b')
      .chat.completions.create({
        model: 'x',
        messages: [{ role: 'user', content: 'x' }],
        response_format: { type: 'json_object' },
      })
      .catch((e: unknown) => e);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('output_schema_mismatch');
    replica.script.push({ content: '{"a":1}' });
    const ok = await client('hgr_sk_keyB', 'dep-b').chat.completions.create({
      model: 'x',
      messages: [{ role: 'user', content: 'x' }],
      response_format: { type: 'json_object' },
    });
    expect(ok.choices[0]!.message.content).toBe('{"a":1}');
  });

  it('refuses an unsupported keyword with a 400 naming it', async () => {
    const error = await client('hgr_sk_keyB', 'dep-b')
      .chat.completions.create({
        model: 'x',
        messages: [{ role: 'user', content: 'x' }],
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 's',
            schema: { type: 'object', properties: { zip: { type: 'string', pattern: '^[0-9]{5}$' } } },
          },
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(
      'response_format.json_schema.schema.properties.zip.pattern',
    );
    expect((error as Error).message).toMatch(/'pattern'/);
  });

  it('drops the schema when tools are present and says so in x-hangar-warning', async () => {
    const replica = replicaSets['dep-b']![0]!;
    const { response } = await client('hgr_sk_keyB', 'dep-b')
      .chat.completions.create(
        request({
          tools: [
            {
              type: 'function',
              function: { name: 'lookup', parameters: { type: 'object', properties: {} } },
            },
          ],
        }),
      )
      .withResponse();
    expect(response.headers.get('x-hangar-warning')).toBe(TOOLS_PRECEDENCE_WARNING);
    expect(replica.received.at(-1)).not.toHaveProperty('response_format');
    expect(replica.received.at(-1)).toHaveProperty('tools');
  });
});
