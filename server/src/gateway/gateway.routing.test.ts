import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_PARAMETERS,
  DEFAULT_SCALING,
} from '../core/deployment-config/deployment-config.js';
import { startFakeReplica, type FakeReplica } from './fake-replica.fixture.js';
import { createGateway, type Gateway } from './gateway.handler.js';

/** Cache-aware routing over two real HTTP replicas: which one answers is in the content ("Hello from r1"). */

let replicas: FakeReplica[] = [];
let gateway: Gateway;
let server: http.Server;
let openai: OpenAI;

beforeAll(async () => {
  replicas = [await startFakeReplica('r1'), await startFakeReplica('r2')];
  gateway = createGateway({
    lookupDeployment: async (deploymentId) => ({
      deploymentId,
      status: 'DEPLOYED',
      config: {
        optimization: DEFAULT_OPTIMIZATION,
        parameters: { ...DEFAULT_PARAMETERS, inferenceBatchSize: 1 },
        hardwareProfileId: 'cpu',
        scaling: DEFAULT_SCALING,
      },
      endpointTimeoutSeconds: 30,
      modelName: 'tiny-llama',
    }),
    verifyApiKey: async () => ({ ok: true, keyId: 'key' }),
    replicas: () =>
      replicas.map((r) => ({
        id: r.id,
        version: 1,
        status: 'READY' as const,
        startedAt: new Date(),
        baseUrl: r.baseUrl,
      })),
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });
  server = http.createServer((req, res) => void gateway(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  openai = new OpenAI({ apiKey: 'hgr_sk_any', baseURL: `${origin}/api/v2/deployments/dep`, maxRetries: 0 });
});

afterAll(async () => {
  gateway.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  for (const r of replicas) await r.close();
});

async function ask(content: string, extra: { user?: string; system?: string } = {}): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: 'tiny-llama',
    messages: [
      ...(extra.system ? [{ role: 'system' as const, content: extra.system }] : []),
      { role: 'user', content },
    ],
    ...(extra.user ? { user: extra.user } : {}),
  });
  return completion.choices[0]!.message.content!.replace('Hello from ', '');
}

describe('cache-aware routing with two replicas', () => {
  it('keeps a session (the `user` field) on one replica while requests without one spread', async () => {
    const session: string[] = [];
    const spread: string[] = [];
    for (let i = 0; i < 6; i++) {
      session.push(await ask(`turn ${i}`, { user: 'alice' }));
      spread.push(await ask(`unrelated question ${i}`));
    }
    expect(new Set(session).size).toBe(1);
    expect(new Set(spread)).toEqual(new Set(['r1', 'r2']));
  });

  it('sends requests that share a long system prompt to the same replica', async () => {
    const system = 'You are a support assistant for Hangar. '.repeat(40);
    const served = [];
    for (let i = 0; i < 6; i++) served.push(await ask(`question ${i}`, { system }));
    expect(new Set(served).size).toBe(1);
  });

  it('falls back to the other replica while the session’s replica is full (batch size 1)', async () => {
    const home = await ask('first', { user: 'bob' });
    const busy = replicas.find((r) => r.id === home)!;
    busy.script.push({ delayMs: 400 });
    const slow = ask('slow', { user: 'bob' });
    await new Promise((r) => setTimeout(r, 100));
    const meanwhile = await ask('meanwhile', { user: 'bob' });
    expect(await slow).toBe(home);
    expect(meanwhile).not.toBe(home);
  });
});
