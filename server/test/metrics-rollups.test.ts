import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeReplica, type FakeReplica } from '../src/gateway/fake-replica.fixture.js';
import { FixedUpstreamRuntime } from './fixtures/fixed-upstream.runtime.js';
import { startTestServer, waitFor, type TestServer } from './harness.js';

const METRICS = `metrics(range: $range, step: $step) {
  from step
  points { at requestsPerSecond errors latencyP50Ms latencyP95Ms latencyP99Ms tokensPerSecond replicas }
  totals { requests errors promptTokens completionTokens latencyP50Ms latencyP99Ms }
}`;

interface Metrics {
  from: string;
  step: number;
  points: {
    at: string;
    requestsPerSecond: number;
    errors: number;
    latencyP50Ms: number | null;
    tokensPerSecond: number;
    replicas: number;
  }[];
  totals: { requests: number; errors: number; completionTokens: number; latencyP50Ms: number | null };
}

async function deploy(s: TestServer, name: string) {
  const models = await s.gql<{ models: { nodes: { id: string }[] } }>(
    `{ models(filter: { search: "demo" }) { nodes { id } } }`,
  );
  const result = await s.gql<{
    deployModel: { deployment: { id: string; deploymentId: string }; userErrors: unknown[] };
  }>(
    `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId } userErrors { message } } }`,
    {
      i: {
        modelId: models.data.models.nodes[0]!.id,
        name,
        hardwareProfileId: 'local-cpu',
        acceptTerms: true,
        parameters: { maxLength: 64 },
      },
    },
  );
  expect(result.data.deployModel.userErrors).toEqual([]);
  const { deployment } = result.data.deployModel;
  await waitFor(
    async () =>
      (
        await s.gql<{ deployment: { status: string } }>(
          `query($id: ID!) { deployment(id: $id) { status } }`,
          {
            id: deployment.id,
          },
        )
      ).data.deployment.status === 'DEPLOYED',
    120_000,
    'the deployment to be DEPLOYED',
  );
  const key = await s.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
    `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }`,
    { i: { deploymentId: deployment.id, name: 'metrics' } },
  );
  return { ...deployment, key: key.data.createApiKey };
}

/** The last hour at one-minute steps, and the key's usage. */
async function metricsOf(s: TestServer, id: string, keyId: string, step = 60) {
  const result = await s.gql<{
    deployment: { metrics: Metrics };
    node: { usage: { requests: number; completionTokens: number } };
  }>(
    `query($id: ID!, $keyId: ID!, $range: MetricsRangeInput!, $step: Int!) {
      deployment(id: $id) { ${METRICS} }
      node(id: $keyId) { ... on ApiKey { usage { requests completionTokens } } }
    }`,
    { id, keyId, range: { from: new Date(Date.now() - 3_600_000).toISOString() }, step },
  );
  expect(result.errors).toBeUndefined();
  return { metrics: result.data.deployment.metrics, usage: result.data.node.usage };
}

describe('gateway metrics rolled up per minute in the database', () => {
  const servers: TestServer[] = [];
  let replica: FakeReplica | undefined;
  afterAll(async () => {
    for (const s of servers.reverse()) await s.cleanup();
    await replica?.close();
  });

  it('a restart keeps the history of real calls on the demo model', async () => {
    const first = await startTestServer({ db: 'sqlite' });
    servers.push(first);
    const deployment = await deploy(first, 'metrics-restart');
    const openai = new OpenAI({
      baseURL: `${first.app.url}/api/v2/deployments/${deployment.deploymentId}`,
      apiKey: deployment.key.secret,
      maxRetries: 0,
    });
    let completionTokens = 0;
    for (let i = 0; i < 3; i++) {
      const completion = await openai.chat.completions.create({
        model: 'demo',
        messages: [{ role: 'user', content: `hello ${i}` }],
        max_tokens: 8,
      });
      completionTokens += completion.usage?.completion_tokens ?? 0;
    }
    // Stopped at once: what came after the last 5-second flush reaches the database through the flush on stop.
    await first.stop();

    const second = await startTestServer({ db: 'sqlite', reuse: { dataDir: first.config.dataDir } });
    servers.push(second);
    const after = await metricsOf(second, deployment.id, deployment.key.apiKey.id);
    expect(after.metrics.totals).toMatchObject({ requests: 3, errors: 0, completionTokens });
    expect(after.metrics.totals.completionTokens).toBeGreaterThan(0);
    expect(after.metrics.totals.latencyP50Ms).toBeGreaterThan(0);
    expect(after.usage).toEqual({ requests: 3, completionTokens });
    // From the hour's start (rounded down) to now (rounded up): 60 or 61 one-minute points.
    expect(after.metrics.points.length).toBeGreaterThanOrEqual(60);
    const busy = after.metrics.points.filter((p) => p.requestsPerSecond > 0);
    expect(busy.reduce((sum, p) => sum + p.requestsPerSecond * 60, 0)).toBeCloseTo(3);
    expect(Math.max(...after.metrics.points.map((p) => p.replicas))).toBeGreaterThanOrEqual(1);
  });

  it('two instances on PostgreSQL add their calls into the same minutes', async () => {
    replica = await startFakeReplica('metrics');
    const runtime = () => new FixedUpstreamRuntime(replica!.baseUrl, { everyDeployment: true });
    const a = await startTestServer({ db: 'postgresql', appOptions: { runtime: runtime() } });
    servers.push(a);
    const b = await startTestServer({
      db: 'postgresql',
      reuse: { dataDir: a.dataDir, databaseUrl: a.databaseUrl },
      appOptions: { runtime: runtime() },
    });
    servers.push(b);
    const deployment = await deploy(a, 'metrics-two-instances');
    const call = (s: TestServer) =>
      fetch(`${s.app.url}/api/v2/deployments/${deployment.deploymentId}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${deployment.key.secret}` },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
      });
    // Concurrently, so both instances write the same minute with rows pending on each.
    const statuses = await Promise.all([
      ...Array.from({ length: 4 }, () => call(a)),
      ...Array.from({ length: 6 }, () => call(b)),
    ]);
    expect(statuses.map((r) => r.status)).toEqual(Array(10).fill(200));
    // Each instance writes its own counts (a read flushes only the reader's): both must have added.
    const seenByA = await metricsOf(a, deployment.id, deployment.key.apiKey.id);
    const seenByB = await metricsOf(b, deployment.id, deployment.key.apiKey.id);
    expect(seenByB.metrics.totals.requests).toBe(10);
    expect(seenByB.usage.requests).toBe(10);
    expect(seenByA.metrics.totals.requests).toBeGreaterThanOrEqual(4);
    const final = await metricsOf(a, deployment.id, deployment.key.apiKey.id, 3600);
    expect(final.metrics.totals.requests).toBe(10);
    expect(final.metrics.points.reduce((sum, p) => sum + p.requestsPerSecond * 3600, 0)).toBeCloseTo(10);
  });

  it('refuses a bad range or step with a clear error', async () => {
    const s = servers[1]!; // the restarted one (the first was stopped)
    const ask = (range: Record<string, string>, step: number) =>
      s.gql(
        `query($r: MetricsRangeInput!, $s: Int!) { deployments { nodes { metrics(range: $r, step: $s) { step } } } }`,
        {
          r: range,
          s: step,
        },
      );
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const tooMany = await ask({ from: day }, 60);
    expect(tooMany.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/at most 1440: widen the step/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const badStep = await ask({ from: day }, 90);
    expect(badStep.errors?.[0]?.message).toMatch(/multiple of 60 seconds/);
    const backwards = await ask({ from: new Date().toISOString(), to: day }, 60);
    expect(backwards.errors?.[0]?.message).toMatch(/range.from must be before range.to/);
  });
});
