import OpenAI from 'openai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, waitFor, type TestServer } from './harness.js';

/**
 * A monthly token budget per project on a real server: two deployments of the demo model in one project, one in
 * another, each with its own key, called through the real gateway with the official openai client (its default
 * retries left on, to show it does not retry a spent budget).
 */

interface Budget {
  monthlyTokenBudget: number | null;
  usedTokens: number;
  remainingTokens: number | null;
  warned: boolean;
}
interface Usage {
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
}
interface Cost {
  replicaHours: number;
  gpuHours: number;
  amount: number | null;
}
type Deployment = { id: string; deploymentId: string; endpoint: { baseUrl: string } };

const DEMO = 'hangar/demo-tiny-llama';
const BUDGET_FIELDS = 'monthlyTokenBudget usedTokens remainingTokens warned';
const USAGE_FIELDS = 'requests errors promptTokens completionTokens';
const COST_FIELDS = 'replicaHours gpuHours amount';

async function startReceiver(): Promise<{ url: string; bodies: Record<string, unknown>[]; server: Server }> {
  const bodies: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

describe('a monthly token budget on a project', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  /** Servers stopped by the restart test, cleaned up at the end. */
  const earlier: TestServer[] = [];
  let acme: string;
  let other: string;
  const deployments: Deployment[] = [];
  const keys: { id: string; secret: string }[] = [];
  const since = new Date(Date.now() - 60_000);

  async function createProject(name: string, slug: string): Promise<string> {
    const r = await server.gql<{ createProject: { project: { id: string } } }>(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } userErrors { code } } }`,
      { i: { name, slug } },
    );
    return r.data.createProject.project.id;
  }

  async function deploy(projectId: string, name: string): Promise<Deployment> {
    const r = await server.gql<{ deployModel: { deployment: Deployment; userErrors: unknown[] } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId endpoint { baseUrl } } userErrors { message } } }`,
      { i: { catalogEntryId: DEMO, name, projectId, hardwareProfileId: 'local-cpu', acceptTerms: true } },
    );
    expect(r.data.deployModel.userErrors).toEqual([]);
    return r.data.deployModel.deployment;
  }

  async function createKey(deploymentId: string): Promise<{ id: string; secret: string }> {
    const r = await server.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } userErrors { message } } }`,
      { i: { deploymentId, name: `key ${Math.random()}` } },
    );
    return { id: r.data.createApiKey.apiKey.id, secret: r.data.createApiKey.secret };
  }

  async function setBudget(projectId: string, monthlyTokenBudget: unknown) {
    const r = await server.gql<{
      setProjectBudget: {
        project: { budget: Budget } | null;
        userErrors: { field: string[]; code: string; message: string }[];
      };
    }>(
      `mutation($i: SetProjectBudgetInput!) { setProjectBudget(input: $i) { project { budget { ${BUDGET_FIELDS} } } userErrors { field code message } } }`,
      { i: { projectId, monthlyTokenBudget } },
    );
    expect(r.errors).toBeUndefined();
    return r.data.setProjectBudget;
  }

  async function budgetOf(projectId: string): Promise<Budget> {
    const r = await server.gql<{ project: { budget: Budget } }>(
      `query($id: ID!) { project(id: $id) { budget { ${BUDGET_FIELDS} } } }`,
      { id: projectId },
    );
    expect(r.errors).toBeUndefined();
    return r.data.project.budget;
  }

  /** The official client with its default retries, counting the HTTP requests it makes. */
  function clientFor(index: number) {
    const sent = { count: 0 };
    const client = new OpenAI({
      baseURL: deployments[index]!.endpoint.baseUrl,
      apiKey: keys[index]!.secret,
      fetch: (url, init) => {
        sent.count++;
        return fetch(url, init);
      },
    });
    const ask = () =>
      client.chat.completions.create({
        model: 'default',
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 4,
      });
    return { ask, sent };
  }

  const refusalOf = (ask: () => Promise<unknown>) =>
    ask().then(
      () => null,
      (error: unknown) => error,
    );

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer({ db: 'sqlite', env: { HANGAR_WEBHOOK_URL: receiver.url } });
    acme = await createProject('Acme', 'acme');
    other = await createProject('Other', 'other');
    deployments.push(
      await deploy(acme, 'Acme one'),
      await deploy(acme, 'Acme two'),
      await deploy(other, 'Other'),
    );
    for (const deployment of deployments) {
      await waitFor(
        async () => {
          const r = await server.gql<{ deployment: { status: string } }>(
            `query($id: ID!) { deployment(id: $id) { status } }`,
            { id: deployment.id },
          );
          return r.data.deployment.status === 'DEPLOYED';
        },
        120_000,
        'the deployments',
      );
      keys.push(await createKey(deployment.id));
    }
  }, 400_000);
  afterAll(async () => {
    await server?.cleanup();
    for (const stopped of earlier) await stopped.cleanup();
    receiver?.server.close();
  });

  it('two keys of two deployments share the project’s month: once spent both get 429 insufficient_quota without retries, another project’s key still answers; the warning fires once; raising it lets them answer', async () => {
    const BUDGET = 200;
    const clients = [clientFor(0), clientFor(1)];
    // Spend from before the budget existed counts: seconds old, it is in the recent spend, not yet in the rollups'.
    const early = await clients[0]!.ask();
    // The gateway counts an answer once it has finished sending it, which can be just after the client has read it.
    await waitFor(
      async () => {
        const r = await server.gql<{ node: { usage: { requests: number } } }>(
          `query($k: ID!, $r: MetricsRangeInput!) { node(id: $k) { ... on ApiKey { usage(range: $r) { requests } } } }`,
          { k: keys[0]!.id, r: { from: new Date(Date.now() - 3_600_000).toISOString() } },
        );
        return r.data.node.usage.requests >= 1;
      },
      10_000,
      'the early answer to be counted',
    );
    const set = await setBudget(acme, BUDGET);
    expect(set.userErrors).toEqual([]);
    expect(set.project!.budget).toMatchObject({
      monthlyTokenBudget: BUDGET,
      usedTokens: early.usage!.total_tokens,
      warned: false,
    });

    // Alternating between the two keys (neither has a budget of its own) until the project's month is spent.
    const answered = [1, 0];
    let refusal: unknown = null;
    let refusedBy = -1;
    for (let i = 0; i < 100 && !refusal; i++) {
      const error = await refusalOf(clients[i % 2]!.ask);
      if (error) [refusal, refusedBy] = [error, i % 2];
      else answered[i % 2]!++;
    }
    expect(answered[0]).toBeGreaterThan(0);
    expect(answered[1]).toBeGreaterThan(0);
    expect(refusal).toBeInstanceOf(OpenAI.RateLimitError);
    const error = refusal as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.status).toBe(429);
    expect(error.code).toBe('insufficient_quota');
    expect(error.message).toMatch(/This project's monthly token budget of 200 tokens is spent; resets at /);
    expect(error.headers.get('x-should-retry')).toBe('false');
    // One HTTP request per answer and one for the refusal: no retry.
    expect(clients[refusedBy]!.sent.count).toBe(answered[refusedBy]! + 1);

    // The other key is refused too, at once and without a retry; the other project's key still answers.
    const other = clients[1 - refusedBy]!;
    const before = other.sent.count;
    const second = await refusalOf(other.ask);
    expect(second).toBeInstanceOf(OpenAI.RateLimitError);
    expect((second as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('insufficient_quota');
    expect(other.sent.count).toBe(before + 1);
    const outsider = await clientFor(2).ask();
    expect(outsider.choices[0]?.message.content).toEqual(expect.any(String));

    const budget = await budgetOf(acme);
    expect(budget.usedTokens).toBeGreaterThanOrEqual(BUDGET);
    expect(budget.remainingTokens).toBe(0);
    expect(budget.warned).toBe(true);
    console.log(
      `project budget ${BUDGET}: ${answered[0]! + answered[1]!} answers over two keys, ${budget.usedTokens} tokens used (overshoot ${budget.usedTokens - BUDGET})`,
    );

    // The 80 % warning: one event line on each of the project's deployments, one audit line, one webhook.
    const linesOf = async (deployment: Deployment) => {
      const r = await server.gql<{ deployment: { events: { level: string; message: string }[] } }>(
        `query($id: ID!) { deployment(id: $id) { events(last: 200) { level message } } }`,
        { id: deployment.id },
      );
      return r.data.deployment.events.filter((e) => e.message.includes('monthly tokens'));
    };
    const hooks = () =>
      receiver.bodies.filter(
        (b) => b.event === 'budget.warning' && (b.subject as { kind: string }).kind === 'project',
      );
    await waitFor(
      async () => (await linesOf(deployments[1]!)).length > 0 && hooks().length > 0,
      10_000,
      'the project budget warning',
    );
    for (const deployment of deployments.slice(0, 2)) {
      const lines = await linesOf(deployment);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.level).toBe('WARNING');
      expect(lines[0]!.message).toMatch(/^Project "Acme" has used \d+ of its 200 monthly tokens/);
    }
    expect(await linesOf(deployments[2]!)).toEqual([]);
    expect(hooks()).toHaveLength(1);
    expect(hooks()[0]).toMatchObject({
      subject: { kind: 'project', id: acme, name: 'Acme' },
      deploymentIds: expect.arrayContaining([deployments[0]!.deploymentId, deployments[1]!.deploymentId]),
      monthlyTokenBudget: BUDGET,
    });
    const audit = await server.gql<{ auditEvents: { action: string; targetId: string | null }[] }>(
      `{ auditEvents(last: 200) { action targetId } }`,
    );
    const actions = audit.data.auditEvents.filter((e) => e.targetId === acme).map((e) => e.action);
    expect(actions.filter((a) => a === 'budgetWarning')).toHaveLength(1);
    expect(actions).toContain('setProjectBudget');

    // Raising the budget lets both keys answer again at once; the month's warning is not sent a second time.
    const raised = await setBudget(acme, budget.usedTokens + 1000);
    expect(raised.project!.budget.remainingTokens).toBeGreaterThan(0);
    for (const client of clients)
      expect((await client.ask()).choices[0]?.message.content).toEqual(expect.any(String));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(hooks()).toHaveLength(1);
    expect(await linesOf(deployments[0]!)).toHaveLength(1);

    // Removing it: unlimited.
    const removed = await setBudget(acme, null);
    expect(removed.project!.budget).toMatchObject({ monthlyTokenBudget: null, remainingTokens: null });
    await clients[0]!.ask();
  });

  it('refuses a negative, zero, fractional or too large budget as userErrors at the field', async () => {
    for (const bad of [-5, 0, 12.5, 2e12]) {
      const set = await setBudget(acme, bad);
      expect(set.project).toBeNull();
      expect(set.userErrors).toEqual([
        expect.objectContaining({
          field: ['input', 'monthlyTokenBudget'],
          code: Number.isInteger(bad) ? 'OUT_OF_RANGE' : 'INVALID',
          message: expect.stringMatching(/monthly token budget/),
        }),
      ]);
    }
    expect((await budgetOf(acme)).monthlyTokenBudget).toBeNull();
  });

  it('Project.usage is the sum of its keys’ usage, and Project.cost the sum of its deployments’ cost', async () => {
    const range = { from: since.toISOString() };
    const r = await server.gql<{
      project: { usage: Usage; cost: Cost };
      k0: { usage: Usage };
      k1: { usage: Usage };
      d0: { cost: Cost };
      d1: { cost: Cost };
      d2: { cost: Cost };
    }>(
      `query($p: ID!, $k0: ID!, $k1: ID!, $d0: ID!, $d1: ID!, $d2: ID!, $r: MetricsRangeInput!) {
        project(id: $p) { usage(range: $r) { ${USAGE_FIELDS} } cost(range: $r) { ${COST_FIELDS} } }
        k0: node(id: $k0) { ... on ApiKey { usage(range: $r) { ${USAGE_FIELDS} } } }
        k1: node(id: $k1) { ... on ApiKey { usage(range: $r) { ${USAGE_FIELDS} } } }
        d0: deployment(id: $d0) { cost(range: $r) { ${COST_FIELDS} } }
        d1: deployment(id: $d1) { cost(range: $r) { ${COST_FIELDS} } }
        d2: deployment(id: $d2) { cost(range: $r) { ${COST_FIELDS} } }
      }`,
      {
        p: acme,
        k0: keys[0]!.id,
        k1: keys[1]!.id,
        d0: deployments[0]!.id,
        d1: deployments[1]!.id,
        d2: deployments[2]!.id,
        r: range,
      },
    );
    expect(r.errors).toBeUndefined();
    const { project, k0, k1, d0, d1, d2 } = r.data;
    expect(project.usage.requests).toBeGreaterThan(2);
    for (const field of ['requests', 'errors', 'promptTokens', 'completionTokens'] as const)
      expect(project.usage[field], field).toBe(k0.usage[field] + k1.usage[field]);
    // The refusals are requests that ended in an error.
    expect(project.usage.errors).toBeGreaterThanOrEqual(2);

    // Replica time accrues while the reads run (each flushes up to its own now): equal within 1.8 s of it.
    expect(project.cost.replicaHours).toBeGreaterThan(0);
    expect(d2.cost.replicaHours).toBeGreaterThan(0);
    expect(project.cost.replicaHours).toBeCloseTo(d0.cost.replicaHours + d1.cost.replicaHours, 3);
    expect(project.cost.amount!).toBeCloseTo(d0.cost.amount! + d1.cost.amount!, 4);
    expect(project.cost.gpuHours).toBe(0);
    console.log(
      `project cost ${project.cost.replicaHours.toFixed(6)} h vs deployments ${(d0.cost.replicaHours + d1.cost.replicaHours).toFixed(6)} h; usage ${project.usage.requests} requests`,
    );
  });

  it('a spent project month stays spent across a restart without Redis (its last minutes are seeded from the rollups)', async () => {
    const used = (await budgetOf(acme)).usedTokens;
    expect((await setBudget(acme, used + 30)).userErrors).toEqual([]);
    const client = clientFor(0);
    let refused = false;
    for (let i = 0; i < 20 && !refused; i++) refused = (await refusalOf(client.ask)) !== null;
    expect(refused).toBe(true);
    const warningsBefore = receiver.bodies.length;

    await server.stop();
    earlier.push(server);
    // On the same port, so the clients' base URLs still reach it. The spend is minutes old: only the seed of the
    // recent minutes (not yet before the tracker's cutoff) carries it over.
    server = await startTestServer({
      db: 'sqlite',
      env: { HANGAR_WEBHOOK_URL: receiver.url, HANGAR_PORT: new URL(deployments[0]!.endpoint.baseUrl).port },
      reuse: { dataDir: server.dataDir },
    });
    for (const index of [0, 1]) {
      const error = await refusalOf(clientFor(index).ask);
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      expect((error as InstanceType<typeof OpenAI.RateLimitError>).message).toMatch(/^429 This project's/);
    }
    expect((await budgetOf(acme)).remainingTokens).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.bodies).toHaveLength(warningsBefore);
  });
});
