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
 * The autoscaler of a fleet: two real server processes on PostgreSQL and Redis, one replica served by this test
 * (registered through the Nomad double). Requests come through both instances; the leader decides on the fleet's
 * queue and records its inputs and reason in deploymentEvents. On Nomad a decision is the job's count.
 */

const ACL_TOKEN = 'nomad-acl-token-for-fleet-autoscaler';
const EVENTS = `query($id: ID!) { deployment(id: $id) { events(last: 100) { message } } }`;

describe('the autoscaler of two instances', () => {
  let replica: CountingReplica;
  let nomad: NomadDouble;
  let fleet: Fleet;
  let servers: ServerProcess[];
  let token: string;

  async function deploy(name: string, autoscalerMode: 'ACTIVE' | 'SHADOW') {
    const data = await gql<{ deployModel: { deployment: { id: string; deploymentId: string } } }>(
      servers[0]!.url,
      token,
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId } userErrors { message } } }`,
      {
        i: {
          catalogEntryId: 'meta-llama/Llama-3.2-1B',
          name,
          hardwareProfileId: 'nvidia-a10g-x1',
          optimization: { technique: 'VLLM', quantization: 'NONE' },
          parameters: { inferenceBatchSize: 1 },
          scaling: { minReplicas: 1, maxReplicas: 2, scaleUpDelaySeconds: 1, autoscalerMode },
          acceptTerms: true,
        },
      },
    );
    const { id, deploymentId } = data.deployModel.deployment;
    const jobId = servingJobId(deploymentId);
    await waitFor(async () => nomad.job(jobId), 10_000, 'the job');
    nomad.markHealthy(jobId);
    // Both instances route to the replica (the follower adopts the running job) before any load is sent.
    for (const server of servers) {
      await waitFor(
        async () => {
          const data = await gql<{ deployment: { status: string; replicas: { status: string }[] } }>(
            server.url,
            token,
            `query($id: ID!) { deployment(id: $id) { status replicas { status } } }`,
            { id },
          );
          return (
            data.deployment.status === 'DEPLOYED' &&
            data.deployment.replicas.some((r) => r.status === 'READY')
          );
        },
        20_000,
        `${name} DEPLOYED with a READY replica on ${server.url}`,
      );
    }
    const key = await gql<{ createApiKey: { secret: string } }>(
      servers[0]!.url,
      token,
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { deploymentId: id, name: 'load' } },
    );
    return { id, deploymentId, jobId, key: key.createApiKey.secret };
  }

  async function events(id: string): Promise<string[]> {
    const data = await gql<{ deployment: { events: { message: string }[] } }>(
      servers[0]!.url,
      token,
      EVENTS,
      {
        id,
      },
    );
    return data.deployment.events.map((e) => e.message);
  }

  /** Four requests at once through each instance alternately: 1 in flight, 3 queued against a capacity of 1. */
  async function queuedLoad(deploymentId: string, key: string, until: () => Promise<boolean>) {
    const clients = servers.map(
      (server) =>
        new OpenAI({
          apiKey: key,
          baseURL: `${server.url}/api/v2/deployments/${deploymentId}`,
          maxRetries: 0,
        }),
    );
    let stop = false;
    let turn = 0;
    const worker = async () => {
      while (!stop) {
        await clients[turn++ % 2]!.chat.completions.create({
          model: 'm',
          messages: [{ role: 'user', content: 'hi' }],
        });
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    try {
      await waitFor(async () => (await until()) || null, 20_000, 'the autoscaler');
    } finally {
      stop = true;
      await Promise.all(workers);
    }
  }

  const scaleRequests = (jobId: string) =>
    nomad.requests.filter((r) => r.method === 'POST' && r.path === `/v1/job/${jobId}/scale`);

  beforeAll(async () => {
    replica = await startCountingReplica();
    replica.answerMs = 400;
    ({ nomad, fleet, servers, token } = await startNomadFleet(replica.port, ACL_TOKEN));
    expect((await health(servers[0]!)).leader).toBe(true);
  });

  afterAll(async () => {
    await fleet?.cleanup();
    await nomad?.close();
    await replica?.close();
    expect(nomad.violations).toEqual([]);
  });

  it('in shadow mode it records what it would do, with its inputs, and changes nothing', async () => {
    const shadow = await deploy('shadow scaling', 'SHADOW');
    await queuedLoad(shadow.deploymentId, shadow.key, async () =>
      (await events(shadow.id)).some((line) => line.startsWith('Autoscaler (shadow mode')),
    );
    const line = (await events(shadow.id)).find((l) => l.startsWith('Autoscaler (shadow mode'))!;
    expect(line).toMatch(
      /^Autoscaler \(shadow mode, nothing changed\): would scale: load \d+ \(queue \d+, \d+ in flight\) > capacity 1 \(1 × batch 1\) for 1 s → 2 replicas \(up from 1\); \d+\.\d tokens\/s, no streamed request$/,
    );
    expect(scaleRequests(shadow.jobId)).toEqual([]);
    expect(nomad.job(shadow.jobId)!.TaskGroups![0]!.Count).toBe(1);
  });

  it('in active mode the leader scales the Nomad job up under queued load, its reason in deploymentEvents once', async () => {
    const active = await deploy('active scaling', 'ACTIVE');
    await queuedLoad(active.deploymentId, active.key, async () => scaleRequests(active.jobId).length > 0);
    expect((scaleRequests(active.jobId)[0]!.body as { Count: number }).Count).toBe(2);
    const lines = await events(active.id);
    // The follower follows the job too, but only the leader writes what happens to it: each line once.
    expect(lines.filter((l) => l === 'active scaling_v1 is deployed.')).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('Autoscaler:'))).toEqual([
      expect.stringMatching(
        /^Autoscaler: load \d+ \(queue \d+, \d+ in flight\) > capacity 1 \(1 × batch 1\) for 1 s → 2 replicas \(up from 1\); /,
      ),
    ]);
  });
});
