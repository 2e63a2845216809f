import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_PARAMETERS,
  DEFAULT_SCALING,
} from '../core/deployment-config/deployment-config.js';
import { startFakeReplica, type FakeReplica } from './fake-replica.fixture.js';
import { createGateway } from './gateway.handler.js';
import { createSharedLimits, type SharedLimits } from './gateway.shared-limits.js';

const REDIS = process.env.HANGAR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * The gateway with the fleet's limits in a real Redis, watched through MONITOR: what each request costs in round
 * trips, and that the combined script keeps the token bucket's answers.
 */
describe('shared limits in Redis: one round trip before a request is forwarded', () => {
  let replica: FakeReplica;
  let shared: SharedLimits;
  let server: http.Server;
  let monitor: Redis;
  let perMinute = 1000;
  const run = Math.random().toString(36).slice(2, 8);
  const deploymentId = `dep-${run}`;
  const keyId = `key-${run}`;
  /** The scripts called with this test's keys, as Redis received them (not the commands they ran inside). */
  const seen: string[][] = [];

  beforeAll(async () => {
    replica = await startFakeReplica('r0');
    shared = await createSharedLimits({
      redisUrl: REDIS,
      instanceId: `instance-${process.pid}`,
      logger: quiet,
    });
    const gateway = createGateway({
      lookupDeployment: async (id) =>
        id === deploymentId
          ? {
              deploymentId,
              status: 'DEPLOYED',
              config: {
                optimization: DEFAULT_OPTIMIZATION,
                parameters: DEFAULT_PARAMETERS,
                hardwareProfileId: 'cpu',
                scaling: DEFAULT_SCALING,
              },
              endpointTimeoutSeconds: 60,
              modelName: 'm',
            }
          : null,
      verifyApiKey: async () => ({ ok: true, keyId, rateLimitPerMinute: perMinute }),
      replicas: () => [
        { id: 'r0', version: 1, status: 'READY', startedAt: new Date(), baseUrl: replica.baseUrl },
      ],
      logger: quiet,
      shared,
    });
    server = http.createServer((req, res) => void gateway(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    monitor = await new Redis(REDIS).monitor();
    monitor.on('monitor', (_time: string, args: string[]) => {
      const call = args[0]?.toLowerCase();
      if ((call === 'evalsha' || call === 'eval') && args.some((a) => a.includes(run))) seen.push(args);
    });
  });

  afterAll(async () => {
    monitor?.disconnect();
    server?.closeAllConnections();
    server?.close();
    await shared?.close();
    await replica?.close();
  });

  const client = () =>
    new OpenAI({
      apiKey: 'hgr_sk_x',
      baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/deployments/${deploymentId}`,
      maxRetries: 0,
    });
  const settle = () => new Promise((r) => setTimeout(r, 100));

  it('a rate-limited request takes its budget and its replica slot in one script call, then releases the slot', async () => {
    await settle();
    seen.length = 0;
    for (let i = 0; i < 10; i++)
      await client().chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    await settle();
    const bucket = `hangar:gw:rate:${keyId}`;
    const slots = `hangar:gw:slots:${deploymentId}`;
    const admits = seen.filter((args) => args.includes(bucket));
    // Every charge to the bucket named the slots too: one call, not a take and then an acquire.
    expect(admits).toHaveLength(10);
    for (const args of admits) expect(args).toContain(slots);
    // The only other call per request is the release after the answer.
    expect(seen.filter((args) => !args.includes(bucket))).toHaveLength(10);
    expect(replica.received).toHaveLength(10);
  });

  it('keeps the bucket: past the budget 429 with Retry-After, and no slot is taken for a refused request', async () => {
    perMinute = 3;
    const admin = new Redis(REDIS);
    await admin.del(`hangar:gw:rate:${keyId}`);
    admin.disconnect();
    const before = replica.received.length;
    const answers: (number | string)[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/deployments/${deploymentId}/chat/completions`,
        {
          method: 'POST',
          headers: { authorization: 'Bearer hgr_sk_x', 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
        },
      );
      await response.arrayBuffer();
      answers.push(
        response.status === 429 ? `429 retry-after ${response.headers.get('retry-after')}` : response.status,
      );
    }
    expect(answers).toEqual([200, 200, 200, '429 retry-after 20', '429 retry-after 20']);
    expect(replica.received.length - before).toBe(3);
    expect(await shared.load(deploymentId)).toEqual({ inFlight: 0, queued: 0 });
  });
});
