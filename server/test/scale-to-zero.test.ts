import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestServer, waitFor, type TestServer } from './harness.js';

interface Row {
  status: string;
  idle: boolean;
  replicas: { id: string; status: string }[];
}

const ROW = `status idle replicas { id status }`;
const IDLE_SECONDS = 2;

describe('a deployment that scales to zero (local runtime, demo model)', () => {
  let server: TestServer;
  let deployment: { id: string; deploymentId: string; endpoint: { baseUrl: string; url: string } };
  let key = '';
  let modelId = '';

  const row = async () =>
    (
      await server.gql<{ deployment: Row }>(`query($id: ID!) { deployment(id: $id) { ${ROW} } }`, {
        id: deployment.id,
      })
    ).data.deployment;
  const waitIdle = () => waitFor(async () => (await row()).idle, 30_000, 'the deployment to scale to zero');
  const eventLines = async () =>
    (
      await server.gql<{ deployment: { events: { message: string }[] } }>(
        `query($id: ID!) { deployment(id: $id) { events(last: 500) { message } } }`,
        { id: deployment.id },
      )
    ).data.deployment.events.map((e) => e.message);
  const client = (fetchImpl?: typeof fetch) =>
    new OpenAI({ baseURL: deployment.endpoint.baseUrl, apiKey: key, maxRetries: 0, fetch: fetchImpl });
  const greedy = { max_tokens: 8, temperature: 0 } as const;

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite' });
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    modelId = models.data.models.nodes[0]!.id;
    const deployed = await server.gql<{
      deployModel: { deployment: typeof deployment; userErrors: unknown[] };
    }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId endpoint { baseUrl url } } userErrors { field message } } }`,
      {
        i: {
          modelId,
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          name: 'Sleepy',
          endpointTimeoutSeconds: 30,
          scaling: { scaleToZeroAfterSeconds: IDLE_SECONDS },
        },
      },
    );
    expect(deployed.data.deployModel.userErrors).toEqual([]);
    deployment = deployed.data.deployModel.deployment;
    const created = await server.gql<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { deploymentId: deployment.id, name: 'cold start' } },
    );
    key = created.data.createApiKey.secret;
    await waitFor(async () => (await row()).status === 'DEPLOYED', 90_000, 'DEPLOYED');
  }, 120_000);

  afterAll(async () => {
    await server?.cleanup();
  });

  it('refuses an idle time outside 0–86400 seconds, naming the field', async () => {
    const result = await server.gql<{ planDeployment: { userErrors: { field: string[]; code: string }[] } }>(
      `query($i: PlanDeploymentInput!) { planDeployment(input: $i) { userErrors { field code } } }`,
      { i: { modelId, hardwareProfileId: 'local-cpu', scaling: { scaleToZeroAfterSeconds: 86_401 } } },
    );
    expect(result.data.planDeployment.userErrors).toEqual([
      { field: ['input', 'scaling', 'scaleToZeroAfterSeconds'], code: 'OUT_OF_RANGE' },
    ]);
  });

  it('goes to zero replicas after its idle time, still DEPLOYED and idle, and dashboards see it live', async () => {
    const ws = server.ws();
    const live = collect<{ deploymentUpdated: Row }>(
      ws,
      `subscription($id: ID) { deploymentUpdated(deploymentId: $id) { ${ROW} } }`,
      { id: deployment.id },
      (items) => items.some((item) => item.deploymentUpdated.idle),
      30_000,
    );
    await live.ready;
    const items = await live.done;
    expect(items.at(-1)!.deploymentUpdated).toEqual({ status: 'DEPLOYED', idle: true, replicas: [] });
    expect(await row()).toEqual({ status: 'DEPLOYED', idle: true, replicas: [] });
    expect(await eventLines()).toContain(
      `No request for ${IDLE_SECONDS} s: scaling to zero replicas; the next request starts one.`,
    );
  });

  it('holds a streamed request while one replica starts: a raw SSE client reads the status lines, then tokens', async () => {
    await waitIdle();
    const response = await fetch(deployment.endpoint.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }], stream: true, ...greedy }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const text = await response.text();
    const starting = text.indexOf(': hangar starting replica\n');
    const loading = text.indexOf(': hangar loading model\n');
    const firstData = text.indexOf('data: ');
    expect(starting).toBe(0);
    expect(loading).toBeGreaterThan(starting);
    expect(firstData).toBeGreaterThan(loading);
    const content = text
      .split('\n\n')
      .filter((block) => block.startsWith('data: {'))
      .map((block) => JSON.parse(block.slice(6)) as { choices: { delta: { content?: string } }[] })
      .map((chunk) => chunk.choices[0]?.delta.content ?? '')
      .join('');
    expect(content.length).toBeGreaterThan(0);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect((await row()).idle).toBe(false);
  });

  it('the official SDK parses the same held stream (it skips the comment lines)', async () => {
    await waitIdle();
    const raw: Promise<string>[] = [];
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      raw.push(response.clone().text());
      return response;
    };
    const stream = await client(recording).chat.completions.create({
      model: deployment.deploymentId,
      messages: [{ role: 'user', content: 'Hello' }],
      stream: true,
      ...greedy,
    });
    let content = '';
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      content += chunk.choices[0]?.delta.content ?? '';
    }
    expect(chunks).toBeGreaterThan(0);
    expect(content.length).toBeGreaterThan(0);
    expect(await raw[0]).toContain(': hangar starting replica\n');
  });

  it('tells a held non-streamed request how long it waited, and a warm one nothing', async () => {
    await waitIdle();
    const cold = await client()
      .chat.completions.create({
        model: deployment.deploymentId,
        messages: [{ role: 'user', content: 'Hi' }],
        ...greedy,
      })
      .withResponse();
    expect(cold.data.choices[0]!.message.role).toBe('assistant');
    expect(Number(cold.response.headers.get('x-hangar-cold-start-ms'))).toBeGreaterThan(0);
    const warm = await client()
      .chat.completions.create({
        model: deployment.deploymentId,
        messages: [{ role: 'user', content: 'Hi' }],
        ...greedy,
      })
      .withResponse();
    expect(warm.response.headers.get('x-hangar-cold-start-ms')).toBeNull();
  });

  it('starts one replica for 5 calls that arrive at once, and answers them all', async () => {
    await waitIdle();
    const before = (await eventLines()).length;
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        client().chat.completions.create({
          model: deployment.deploymentId,
          messages: [{ role: 'user', content: `Call ${i}` }],
          ...greedy,
        }),
      ),
    );
    expect(answers.map((a) => a.choices[0]!.message.role)).toEqual(Array(5).fill('assistant'));
    const replicas = (await row()).replicas;
    expect(replicas).toHaveLength(1);
    const since = (await eventLines()).slice(before);
    expect(
      since.filter((line) => line === 'A request arrived while scaled to zero: starting one replica.'),
    ).toHaveLength(1);
    expect(since.filter((line) => /^starting replica \d+$/.test(line))).toHaveLength(1);
  });
});
