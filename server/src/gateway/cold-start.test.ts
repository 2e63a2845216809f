import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_PARAMETERS,
  DEFAULT_SCALING,
} from '../core/deployment-config/deployment-config.js';
import type { ReplicaInfo } from '../runtime/runtime.js';
import type { ColdStarter, ColdStartPhase } from './cold-start.js';
import { startFakeReplica, type FakeReplica } from './fake-replica.fixture.js';
import { replicaFailed } from './gateway.errors.js';
import { createGateway, type Gateway } from './gateway.handler.js';

/**
 * Held requests at the gateway's edge, over real HTTP: the endpoint timeout and a caller who goes away. The host's
 * side of scale to zero (starting a real replica) is covered by test/scale-to-zero.test.ts.
 */

let live: ReplicaInfo[] = [];
let wakes = 0;
let replica: FakeReplica;
let gateway: Gateway;
let server: http.Server;
let origin = '';

/** A host that is asked to wake the deployment but leaves it to the test to bring a replica up. */
const coldStarter: ColdStarter = {
  wake: async (id) => {
    wakes++;
    if (id === 'broken') throw replicaFailed('no replica could start after scaling from zero (bad GGUF)');
  },
  onPhase: (_id, listener: (phase: ColdStartPhase) => void) => {
    listener('starting replica');
    return () => {};
  },
};

beforeAll(async () => {
  replica = await startFakeReplica('r1');
  gateway = createGateway({
    lookupDeployment: async (deploymentId) => ({
      deploymentId,
      status: 'DEPLOYED',
      config: {
        optimization: DEFAULT_OPTIMIZATION,
        parameters: DEFAULT_PARAMETERS,
        hardwareProfileId: 'cpu',
        scaling: { ...DEFAULT_SCALING, scaleToZeroAfterSeconds: 60 },
      },
      endpointTimeoutSeconds: 1,
      modelName: 'tiny-llama',
    }),
    verifyApiKey: async () => ({ ok: true, keyId: 'key' }),
    replicas: () => live,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    coldStarter,
  });
  server = http.createServer((req, res) => void gateway(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/deployments/dep`;
});

afterAll(async () => {
  gateway.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await replica.close();
});

const openai = () => new OpenAI({ apiKey: 'hgr_sk_any', baseURL: origin, maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('a request held while a deployment at zero wakes', () => {
  it('times out with the OpenAI error shape, saying the deployment was scaled to zero', async () => {
    const error = await openai()
      .chat.completions.create({ model: 'tiny-llama', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(504);
    expect((error as APIError).code).toBe('cold_start_timeout');
    expect((error as APIError).message).toContain(
      'had scaled to zero and no replica became ready within its endpoint timeout of 1 s',
    );
  });

  it('ends a held stream that times out with an error event after its status lines', async () => {
    const response = await fetch(`${origin}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer hgr_sk_any', 'content-type': 'application/json' },
      body: JSON.stringify({ messages, stream: true }),
    });
    const text = await response.text();
    expect(text.startsWith(': hangar starting replica\n\n')).toBe(true);
    const event = JSON.parse(text.split('\n\n')[1]!.replace(/^data: /, '')) as {
      error: { code: string; type: string };
    };
    expect(event.error).toMatchObject({ code: 'cold_start_timeout', type: 'timeout' });
  });

  it('answers a held request at once with the reason when its replica cannot start', async () => {
    const broken = new OpenAI({
      apiKey: 'hgr_sk_any',
      baseURL: origin.replace('/deployments/dep', '/deployments/broken'),
      maxRetries: 0,
    });
    const error = await broken.chat.completions
      .create({ model: 'tiny-llama', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(502);
    expect((error as APIError).message).toContain(
      'no replica could start after scaling from zero (bad GGUF)',
    );
  });

  it('drops a held request whose caller goes away: the replica that comes up never sees it', async () => {
    const before = wakes;
    const controller = new AbortController();
    const dropped = fetch(`${origin}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer hgr_sk_any', 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'gone' }] }),
      signal: controller.signal,
    }).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 200));
    expect(wakes).toBe(before + 1);
    controller.abort();
    expect(await dropped).toBe('aborted');
    await new Promise((r) => setTimeout(r, 100));
    expect(gateway.load('dep')).toMatchObject({ inFlight: 0, queued: 0 });

    live = [{ id: 'r1', version: 1, status: 'READY', startedAt: new Date(), baseUrl: replica.baseUrl }];
    gateway.replicasChanged('dep');
    const answer = await openai().chat.completions.create({ model: 'tiny-llama', messages }).withResponse();
    expect(answer.data.choices[0]!.message.content).toBe('Hello from r1');
    expect(answer.response.headers.get('x-hangar-cold-start-ms')).toBeNull();
    expect(replica.received.map((body) => (body.messages as { content: string }[])[0]!.content)).toEqual([
      'Hi',
    ]);
  });
});
