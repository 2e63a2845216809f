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
import type { RoutingPolicy } from './gateway.router.js';

/** Cache-aware routing over two real HTTP replicas: which one answers is in the content ("Hello from r1"). */

let replicas: FakeReplica[] = [];
let gateway: Gateway;
let server: http.Server;
let openai: OpenAI;

function gatewayOver(routing?: RoutingPolicy): Gateway {
  return createGateway({
    routing,
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
}

beforeAll(async () => {
  replicas = [await startFakeReplica('r1'), await startFakeReplica('r2')];
  gateway = gatewayOver();
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

  it('keeps requests on one replica when only a shorter system prompt (600 characters) is shared', async () => {
    const system = 'You are the billing assistant of Hangar; be brief. '.repeat(12).slice(0, 600);
    const served = [];
    for (let i = 0; i < 6; i++)
      served.push(await ask(`a different question each time, number ${i}, ${'?'.repeat(500)}`, { system }));
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

describe('least-in-flight routing (HANGAR_ROUTING=least-in-flight)', () => {
  it('ignores the session: its requests spread over both replicas', async () => {
    const plain = gatewayOver('least-in-flight');
    const other = http.createServer((req, res) => void plain(req, res));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const client = new OpenAI({
        apiKey: 'hgr_sk_any',
        baseURL: `http://127.0.0.1:${(other.address() as AddressInfo).port}/api/v2/deployments/dep`,
        maxRetries: 0,
      });
      const served = new Set<string>();
      for (let i = 0; i < 6; i++) {
        const completion = await client.chat.completions.create({
          model: 'tiny-llama',
          messages: [{ role: 'user', content: `turn ${i}` }],
          user: 'carol',
        });
        served.add(completion.choices[0]!.message.content!.replace('Hello from ', ''));
      }
      expect(served).toEqual(new Set(['r1', 'r2']));
    } finally {
      plain.close();
      other.closeAllConnections();
      await new Promise((r) => other.close(r));
    }
  });
});
