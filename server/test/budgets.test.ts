import OpenAI from 'openai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestServer, waitFor, type TestServer } from './harness.js';

/**
 * Monthly token budgets per API key on a real server: the demo model answering through the real gateway, called
 * with the official openai client (its default retries left on, to show it does not retry a spent budget).
 */

interface Budget {
  monthlyTokenBudget: number | null;
  usedTokens: number;
  remainingTokens: number | null;
  periodStart: string;
  periodEnd: string;
  warned: boolean;
}

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

const BUDGET_FIELDS = 'monthlyTokenBudget usedTokens remainingTokens periodStart periodEnd warned';

describe('a monthly token budget on an API key', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  /** Servers stopped by the restart test, cleaned up at the end. */
  const earlier: TestServer[] = [];
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let deployment: { id: string; deploymentId: string; endpoint: { baseUrl: string } };

  async function createKey(input: Record<string, unknown>) {
    const created = await server.gql<{
      createApiKey: {
        secret: string | null;
        apiKey: { id: string; budget: Budget } | null;
        userErrors: { field: string[]; code: string; message: string }[];
      };
    }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id budget { ${BUDGET_FIELDS} } } userErrors { field code message } } }`,
      { i: { deploymentId: deployment.id, name: `key ${Math.random()}`, ...input } },
    );
    return created.data.createApiKey;
  }

  async function setBudget(apiKeyId: string, monthlyTokenBudget: unknown) {
    const result = await server.gql<{
      setApiKeyBudget: {
        apiKey: { budget: Budget } | null;
        userErrors: { field: string[]; code: string; message: string }[];
      };
    }>(
      `mutation($i: SetApiKeyBudgetInput!) { setApiKeyBudget(input: $i) { apiKey { budget { ${BUDGET_FIELDS} } } userErrors { field code message } } }`,
      { i: { apiKeyId, monthlyTokenBudget } },
    );
    expect(result.errors).toBeUndefined();
    return result.data.setApiKeyBudget;
  }

  async function budgetOf(apiKeyId: string): Promise<Budget> {
    const result = await server.gql<{ node: { budget: Budget } }>(
      `query($id: ID!) { node(id: $id) { ... on ApiKey { budget { ${BUDGET_FIELDS} } } } }`,
      { id: apiKeyId },
    );
    return result.data.node.budget;
  }

  /** The official client with its default retries, counting the HTTP requests it makes. */
  function clientFor(secret: string) {
    const sent = { count: 0 };
    const client = new OpenAI({
      baseURL: deployment.endpoint.baseUrl,
      apiKey: secret,
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

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer({ db: 'sqlite', env: { HANGAR_WEBHOOK_URL: receiver.url } });

    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    const deployed = await server.gql<{
      deployModel: { deployment: typeof deployment; userErrors: unknown[] };
    }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId endpoint { baseUrl } } userErrors { message } } }`,
      {
        i: {
          modelId: models.data.models.nodes[0]!.id,
          name: 'Budgeted',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
        },
      },
    );
    expect(deployed.data.deployModel.userErrors).toEqual([]);
    deployment = deployed.data.deployModel.deployment;
    await waitFor(
      async () => {
        const state = await server.gql<{ deployment: { status: string } }>(
          `query($id: ID!) { deployment(id: $id) { status } }`,
          { id: deployment.id },
        );
        return state.data.deployment.status === 'DEPLOYED';
      },
      90_000,
      'the deployment',
    );
  });
  afterAll(async () => {
    await server?.cleanup();
    for (const stopped of earlier) await stopped.cleanup();
    receiver?.server.close();
  });

  it('answers until the budget is spent, then 429 insufficient_quota that the SDK does not retry; warns once at 80 %', async () => {
    const BUDGET = 150;
    const created = await createKey({ monthlyTokenBudget: BUDGET });
    expect(created.userErrors).toEqual([]);
    expect(created.apiKey!.budget).toMatchObject({
      monthlyTokenBudget: BUDGET,
      usedTokens: 0,
      remainingTokens: BUDGET,
      warned: false,
    });
    const now = new Date();
    expect(created.apiKey!.budget.periodStart).toBe(
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
    );
    const { ask, sent } = clientFor(created.secret!);

    let answered = 0;
    let refusal: unknown = null;
    for (let i = 0; i < 100 && !refusal; i++) {
      try {
        const completion = await ask();
        answered++;
        expect(completion.usage!.total_tokens).toBeGreaterThan(0);
      } catch (error) {
        refusal = error;
      }
    }
    expect(answered).toBeGreaterThan(1);
    expect(refusal).toBeInstanceOf(OpenAI.RateLimitError);
    const error = refusal as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.status).toBe(429);
    expect(error.code).toBe('insufficient_quota');
    expect(error.type).toBe('insufficient_quota');
    expect(error.message).toMatch(/monthly token budget of 150 tokens is spent; resets at /);
    expect(error.headers.get('x-should-retry')).toBe('false');
    // Every answered request was one HTTP request, and so was the refused one: no retry.
    expect(sent.count).toBe(answered + 1);

    // Refused again at once, still without a retry.
    const before = sent.count;
    await expect(ask()).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    expect(sent.count).toBe(before + 1);

    const budget = await budgetOf(created.apiKey!.id);
    expect(budget.usedTokens).toBeGreaterThanOrEqual(BUDGET);
    expect(budget.remainingTokens).toBe(0);
    expect(budget.warned).toBe(true);
    console.log(
      `budget ${BUDGET}: ${answered} answers, ${budget.usedTokens} tokens used (overshoot ${budget.usedTokens - BUDGET})`,
    );

    // The 80 % warning: one event line, one audit line, one webhook.
    const warnings = await waitFor(
      async () => {
        const events = await server.gql<{ deployment: { events: { level: string; message: string }[] } }>(
          `query($id: ID!) { deployment(id: $id) { events(last: 200) { level message } } }`,
          { id: deployment.id },
        );
        const lines = events.data.deployment.events.filter((e) => e.message.includes('monthly tokens'));
        return lines.length > 0 && receiver.bodies.some((b) => b.event === 'budget.warning') ? lines : null;
      },
      10_000,
      'the budget warning',
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe('WARNING');
    expect(warnings[0]!.message).toMatch(/of its 150 monthly tokens/);
    const hooks = receiver.bodies.filter((b) => b.event === 'budget.warning');
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      deploymentId: deployment.deploymentId,
      monthlyTokenBudget: BUDGET,
      subject: { kind: 'apiKey', id: created.apiKey!.id },
    });
    const audit = await server.gql<{ auditEvents: { action: string; targetId: string | null }[] }>(
      `{ auditEvents(last: 200) { action targetId } }`,
    );
    expect(
      audit.data.auditEvents.filter((e) => e.action === 'budgetWarning' && e.targetId === created.apiKey!.id),
    ).toHaveLength(1);

    // Raising the budget lets the key answer again at once; the month's warning is not sent a second time.
    const raised = await setBudget(created.apiKey!.id, budget.usedTokens + 1000);
    expect(raised.userErrors).toEqual([]);
    expect(raised.apiKey!.budget.remainingTokens).toBeGreaterThan(0);
    const again = await ask();
    expect(again.choices[0]?.message.content).toEqual(expect.any(String));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.bodies.filter((b) => b.event === 'budget.warning')).toHaveLength(1);

    // Removing it: unlimited.
    const removed = await setBudget(created.apiKey!.id, null);
    expect(removed.apiKey!.budget).toMatchObject({ monthlyTokenBudget: null, remainingTokens: null });
    await ask();
  });

  it('refuses a negative, fractional or too large budget as userErrors, on create and on set', async () => {
    for (const bad of [-5, 0, 12.5, 1e13]) {
      const created = await createKey({ monthlyTokenBudget: bad });
      expect(created.apiKey).toBeNull();
      expect(created.userErrors).toEqual([
        expect.objectContaining({
          field: ['input', 'monthlyTokenBudget'],
          code: Number.isInteger(bad) ? 'OUT_OF_RANGE' : 'INVALID',
        }),
      ]);
    }
    const key = await createKey({});
    expect(key.apiKey!.budget).toMatchObject({ monthlyTokenBudget: null, remainingTokens: null });
    for (const bad of [-1, 0.5, 2e12]) {
      const set = await setBudget(key.apiKey!.id, bad);
      expect(set.apiKey).toBeNull();
      expect(set.userErrors[0]!.field).toEqual(['input', 'monthlyTokenBudget']);
      expect(set.userErrors[0]!.message).toMatch(/monthly token budget/);
    }
  });

  it('shows a key’s usage live, at most about once a second', async () => {
    const key = await createKey({ monthlyTokenBudget: 100_000 });
    const ws = server.ws();
    const live = collect<{ apiKeyUsageChanged: { id: string; budget: Budget } }>(
      ws,
      `subscription($d: ID!) { apiKeyUsageChanged(deploymentId: $d) { id budget { usedTokens remainingTokens } } }`,
      { d: deployment.id },
      // Keys of the earlier tests serve the same deployment, and their last events may still be on the way.
      (items) =>
        items.some(
          (i) => i.apiKeyUsageChanged.id === key.apiKey!.id && i.apiKeyUsageChanged.budget.usedTokens > 0,
        ),
      30_000,
    );
    await live.ready;
    const { ask } = clientFor(key.secret!);
    const started = Date.now();
    for (let i = 0; i < 4; i++) await ask();
    const first = (await live.done).find((i) => i.apiKeyUsageChanged.id === key.apiKey!.id);
    expect(first!.apiKeyUsageChanged.budget.usedTokens).toBeGreaterThan(0);
    // Four requests inside the same second or two: at most one event per started second, plus the trailing one.
    const collector = collect<{ apiKeyUsageChanged: { id: string } }>(
      ws,
      `subscription($d: ID!) { apiKeyUsageChanged(deploymentId: $d) { id } }`,
      { d: deployment.id },
      () => false,
      2_500,
    );
    await collector.ready;
    const burstStart = Date.now();
    for (let i = 0; i < 6; i++) await ask();
    const burstSeconds = (Date.now() - burstStart) / 1000;
    await collector.done.catch(() => undefined);
    const events = collector.items.filter((i) => i.apiKeyUsageChanged.id === key.apiKey!.id).length;
    expect(events).toBeGreaterThan(0);
    expect(events).toBeLessThanOrEqual(Math.ceil(burstSeconds + 2.5) + 1);
    console.log(
      `live usage: 6 requests in ${burstSeconds.toFixed(2)} s gave ${events} events (first test ${Date.now() - started} ms)`,
    );
  });

  it('a spent budget stays spent across a restart, and its warning is not sent again', async () => {
    const key = await createKey({ monthlyTokenBudget: 30 });
    const { ask } = clientFor(key.secret!);
    let refused = false;
    for (let i = 0; i < 20 && !refused; i++)
      refused = await ask().then(
        () => false,
        () => true,
      );
    expect(refused).toBe(true);
    const warningsBefore = receiver.bodies.filter((b) => b.event === 'budget.warning').length;

    await server.stop();
    earlier.push(server);
    // On the same port, so the client's base URL still reaches it.
    server = await startTestServer({
      db: 'sqlite',
      env: { HANGAR_WEBHOOK_URL: receiver.url, HANGAR_PORT: new URL(deployment.endpoint.baseUrl).port },
      reuse: { dataDir: server.dataDir },
    });
    const error = await ask().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('insufficient_quota');
    expect((await budgetOf(key.apiKey!.id)).remainingTokens).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(receiver.bodies.filter((b) => b.event === 'budget.warning')).toHaveLength(warningsBefore);
  });
});
