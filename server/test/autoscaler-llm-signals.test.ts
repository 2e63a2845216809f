import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, waitFor, type TestServer } from './harness.js';

/**
 * The autoscaler on an LLM signal, end to end: the local runtime serving the demo model through llama.cpp, one
 * streamed request at a time (load 1, within the capacity of one replica of batch 4, so load alone never scales),
 * and a time-to-first-token target every real first token misses (1 ms). The TTFT p50 stays above it for the
 * scale-up delay, the autoscaler starts a second replica and its reason in deploymentEvents names the TTFT.
 */

interface Row {
  status: string;
  replicas: { status: string }[];
  events: { message: string }[];
}

describe('the autoscaler on a TTFT target (local runtime, demo model)', () => {
  let server: TestServer;
  let deployment: { id: string; deploymentId: string; endpoint: { baseUrl: string } };
  let key = '';
  let modelId = '';

  const row = async () =>
    (
      await server.gql<{ deployment: Row }>(
        `query($id: ID!) { deployment(id: $id) { status replicas { status } events(last: 200) { message } } }`,
        { id: deployment.id },
      )
    ).data.deployment;

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite' });
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    modelId = models.data.models.nodes[0]!.id;
    const deployed = await server.gql<{
      deployModel: { deployment: typeof deployment; userErrors: unknown[] };
    }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId endpoint { baseUrl } } userErrors { field message } } }`,
      {
        i: {
          modelId,
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          name: 'Slow first token',
          endpointTimeoutSeconds: 30,
          scaling: { minReplicas: 1, maxReplicas: 2, scaleUpDelaySeconds: 1, targetTtftMs: 1 },
        },
      },
    );
    expect(deployed.data.deployModel.userErrors).toEqual([]);
    deployment = deployed.data.deployModel.deployment;
    const created = await server.gql<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { deploymentId: deployment.id, name: 'ttft' } },
    );
    key = created.data.createApiKey.secret;
    await waitFor(async () => (await row()).status === 'DEPLOYED', 90_000, 'DEPLOYED');
  }, 120_000);

  afterAll(async () => {
    await server?.cleanup();
  });

  it('refuses a TTFT target outside 0–60000 ms, naming the field', async () => {
    const result = await server.gql<{ planDeployment: { userErrors: { field: string[]; code: string }[] } }>(
      `query($i: PlanDeploymentInput!) { planDeployment(input: $i) { userErrors { field code } } }`,
      {
        i: {
          modelId,
          hardwareProfileId: 'local-cpu',
          scaling: { targetTtftMs: 60_001, targetTokensPerSecondPerReplica: -1 },
        },
      },
    );
    expect(result.data.planDeployment.userErrors).toEqual([
      { field: ['input', 'scaling', 'targetTtftMs'], code: 'OUT_OF_RANGE' },
      { field: ['input', 'scaling', 'targetTokensPerSecondPerReplica'], code: 'OUT_OF_RANGE' },
    ]);
  });

  it('scales up to a second replica when the TTFT p50 stays above the target, naming the TTFT', async () => {
    const client = new OpenAI({ baseURL: deployment.endpoint.baseUrl, apiKey: key, maxRetries: 0 });
    let stop = false;
    let streamed = 0;
    // One streamed request at a time: the load never exceeds one replica's batch of 4.
    const worker = (async () => {
      while (!stop) {
        const stream = await client.chat.completions.create({
          model: 'demo',
          messages: [{ role: 'user', content: 'hi' }],
          max_tokens: 4,
          stream: true,
        });
        for await (const chunk of stream) void chunk;
        streamed++;
      }
    })();
    try {
      await waitFor(
        async () => (await row()).events.some((e) => e.message.startsWith('Autoscaler:')),
        30_000,
        'a scaling decision',
      );
    } finally {
      stop = true;
      await worker;
    }
    expect(streamed).toBeGreaterThan(0);
    const lines = (await row()).events.map((e) => e.message).filter((m) => m.startsWith('Autoscaler:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Autoscaler: TTFT p50 [\d ]+ ms > 1 ms for 1 s → 2 replicas \(up from 1\); load [01] \(queue 0, [01] in flight\); \d+\.\d tokens\/s, TTFT p50 [\d ]+ ms$/,
    );
    await waitFor(
      async () => (await row()).replicas.filter((r) => r.status === 'READY').length === 2,
      60_000,
      'the second replica READY',
    );
  }, 120_000);
});
