import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servingJobId } from '../src/runtime/nomad/nomad-job.common.js';
import { gql, type ServerProcess } from './crash-walk.harness.js';
import {
  health,
  startCountingReplica,
  startNomadFleet,
  type CountingReplica,
  type Fleet,
} from './fleet.harness.js';
import { waitFor } from './harness.js';
import type { NomadDouble } from './nomad-double/nomad-double.js';

/**
 * Two real server processes sharing PostgreSQL and Redis, in front of one replica: the Nomad double registers the
 * deployment's service at a model server this test runs, which counts the requests it serves at once.
 */

const ACL_TOKEN = 'nomad-acl-token-for-fleet-limits';
describe('two instances serving one replica, sharing PostgreSQL and Redis', () => {
  let replica: CountingReplica;
  let nomad: NomadDouble;
  let fleet: Fleet;
  let servers: ServerProcess[];
  let token: string;
  let deploymentId: string;
  let graphqlId: string;

  const client = (server: ServerProcess, apiKey: string) =>
    new OpenAI({
      apiKey,
      baseURL: `${server.url}/api/v2/deployments/${deploymentId}`,
      maxRetries: 0,
    });

  async function createKey(rateLimitPerMinute: number | null, via = servers[0]!): Promise<string> {
    const data = await gql<{ createApiKey: { secret: string } }>(
      via.url,
      token,
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret userErrors { message } } }`,
      { i: { deploymentId: graphqlId, name: `key ${Math.random()}`, rateLimitPerMinute } },
    );
    return data.createApiKey.secret;
  }

  beforeAll(async () => {
    replica = await startCountingReplica();
    ({ nomad, fleet, servers, token } = await startNomadFleet(replica.port, ACL_TOKEN));
    const deployed = await gql<{ deployModel: { deployment: { id: string; deploymentId: string } } }>(
      servers[0]!.url,
      token,
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId } userErrors { message } } }`,
      {
        i: {
          catalogEntryId: 'meta-llama/Llama-3.2-1B',
          name: 'shared limits',
          hardwareProfileId: 'nvidia-a10g-x1',
          optimization: { technique: 'VLLM', quantization: 'NONE' },
          parameters: { inferenceBatchSize: 4 },
          scaling: { minReplicas: 1, maxReplicas: 1 },
          acceptTerms: true,
        },
      },
    );
    ({ id: graphqlId, deploymentId } = deployed.deployModel.deployment);
    const jobId = servingJobId(deploymentId);
    await waitFor(async () => nomad.job(jobId), 10_000, 'the job');
    nomad.markHealthy(jobId);
    // Both instances route to the one replica (the follower adopts the running job).
    for (const server of servers) await routesToReplica(server);
  });

  async function routesToReplica(server: ServerProcess): Promise<void> {
    await waitFor(
      async () => {
        const data = await gql<{ deployment: { replicas: { status: string }[] } }>(
          server.url,
          token,
          `query($id: ID!) { deployment(id: $id) { replicas { status } } }`,
          { id: graphqlId },
        );
        return data.deployment.replicas.some((r) => r.status === 'READY');
      },
      20_000,
      `a READY replica on ${server.url}`,
    );
  }

  afterAll(async () => {
    await fleet?.cleanup();
    await nomad?.close();
    await replica?.close();
    expect(nomad.violations).toEqual([]);
  });

  it('a key limited to 60 requests a minute gets 60 across both instances, not 120; the rest are 429 with Retry-After', async () => {
    const key = await createKey(60);
    const clients = servers.map((server) => client(server, key));
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        clients[i % 2]!.models.list().then(
          () => 200,
          (error: unknown) => {
            if (!(error instanceof OpenAI.APIError)) throw error;
            expect(error.status).toBe(429);
            expect(error.code).toBe('rate_limit_exceeded');
            expect(Number(error.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
            return error.status;
          },
        ),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const allowed = outcomes.filter((status) => status === 200).length;
    // The bucket refills one request a second while the burst runs.
    expect(allowed).toBeGreaterThanOrEqual(60);
    expect(allowed).toBeLessThanOrEqual(60 + Math.ceil(seconds));
  });

  it('batch size 4 and one replica: never more than 4 requests at the replica, whichever instance they came through', async () => {
    const key = await createKey(null);
    const clients = servers.map((server) => client(server, key));
    const servedBefore = replica.served;
    replica.maxInFlight = 0;
    // 16 at once: 4 in flight and 12 queued, within the fleet's queue bound (4 × capacity).
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        clients[i % 2]!.chat.completions.create({
          model: 'm',
          messages: [{ role: 'user', content: `q${i}` }],
        }),
      ),
    );
    expect(answers.map((a) => a.choices[0]!.message.content)).toEqual(Array(16).fill('ok'));
    expect(replica.served - servedBefore).toBe(16);
    expect(replica.maxInFlight).toBe(4);
  });

  it('SIGTERM: requests in flight finish, new ones get 503 instance_draining with Retry-After, and the other instance leads and answers', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    expect((await health(a)).leader).toBe(true);
    const key = await createKey(null);
    replica.answerMs = 2000;
    const ask = (server: ServerProcess) =>
      client(server, key).chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
      });
    const inFlight = [ask(a), ask(a), ask(a)];
    await waitFor(async () => replica.inFlight === 3, 5_000, 'three requests at the replica');
    const exited = new Promise<number | null>((resolve) => a.child.once('exit', resolve));
    a.child.kill('SIGTERM');
    await waitFor(async () => (await fetch(`${a.url}/healthz`)).status === 503, 5_000, 'A to drain');

    const refused = await fetch(`${a.url}/api/v2/deployments/${deploymentId}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'too late' }] }),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: { code: string; type: string } }).error).toMatchObject({
      code: 'instance_draining',
      type: 'service_unavailable',
    });
    const answers = await Promise.all(inFlight);
    expect(answers.map((answer) => answer.choices[0]!.message.content)).toEqual(['ok', 'ok', 'ok']);
    expect(await exited).toBe(0);

    await waitFor(async () => (await health(b)).leader, 10_000, 'B to take the lead');
    replica.answerMs = 300;
    expect((await ask(b)).choices[0]!.message.content).toBe('ok');
  });

  it('a rolling restart of both instances under a steady stream: every request is answered', async () => {
    const b = servers[1]!;
    const key = await createKey(null, b);
    replica.answerMs = 100;
    let live: ServerProcess[] = [b];
    const start = async () => {
      const server = await fleet.start();
      await routesToReplica(server);
      live = [...live, server];
      return server;
    };
    const stopGracefully = async (server: ServerProcess) => {
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
      live = live.filter((s) => s !== server);
    };
    // The load balancer's part: round-robin over the instances whose /healthz said ok at its last check (every
    // 50 ms); a request refused by a draining instance (503) or sent to one that has gone (connection refused) is
    // sent to the next; one cut while being answered is a failure.
    let healthy = new Set<ServerProcess>(live);
    let checking = true;
    const checks = (async () => {
      while (checking) {
        const ok = await Promise.all(
          live.map((server) =>
            fetch(`${server.url}/healthz`).then(
              (r) => r.ok,
              () => false,
            ),
          ),
        );
        healthy = new Set(live.filter((_, i) => ok[i]));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const targets = () => (healthy.size > 0 ? live.filter((s) => healthy.has(s)) : live);
    let turn = 0;
    let answered = 0;
    const failures: string[] = [];
    const send = async () => {
      // Every instance in turn, and again after a health check if all of them refused (at most 3 rounds).
      for (let round = 0; round < 3; round++) {
        const pool = targets();
        const first = turn++;
        for (let i = 0; i < pool.length; i++) {
          const server = pool[(first + i) % pool.length]!;
          try {
            const response = await fetch(
              `${server.url}/api/v2/deployments/${deploymentId}/chat/completions`,
              {
                method: 'POST',
                headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
                body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
              },
            );
            if (response.status === 200) {
              answered++;
              return;
            }
            const body = await response.text();
            if (response.status !== 503) return void failures.push(`${response.status} ${body}`);
          } catch (error) {
            // Like a load balancer with a POST: only a connection refused (the request was never sent) goes on.
            const code = (error as { cause?: { code?: string } }).cause?.code;
            if (code !== 'ECONNREFUSED') return void failures.push(`${code ?? String(error)} mid-request`);
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      failures.push('no instance answered');
    };
    let streaming = true;
    const stream = Promise.all(
      Array.from({ length: 3 }, async () => {
        while (streaming) await send();
      }),
    );
    const a2 = await start();
    await stopGracefully(b);
    await start();
    await stopGracefully(a2);
    streaming = false;
    await stream;
    checking = false;
    await checks;
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(20);
  });
});
