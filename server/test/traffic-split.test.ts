import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeReplica, type FakeReplica } from '../src/gateway/fake-replica.fixture.js';
import { FixedUpstreamRuntime } from './fixtures/fixed-upstream.runtime.js';
import { collect, DATABASES, startTestServer, waitFor, type TestServer } from './harness.js';

interface Split {
  canaryVersion: number;
  stableVersion: number;
  weightPercent: number;
  state: string;
  rollbackReason: string | null;
  rolledBackAutomatically: boolean;
}
interface Row {
  status: string;
  currentVersion: number;
  trafficSplit: Split | null;
  replicas: { version: number; status: string }[];
  versions: { version: number; trigger: string; status: string }[];
}
interface Target {
  id: string;
  endpoint: { baseUrl: string };
}

const SPLIT = `trafficSplit { canaryVersion stableVersion weightPercent state rollbackReason rolledBackAutomatically }`;
const ROW = `status currentVersion ${SPLIT} replicas { version status } versions { version trigger status }`;
const ERRORS = `userErrors { field message code }`;

/** A deployed demo-model deployment with an API key, and the helpers every test below uses. */
async function deployWithKey(server: TestServer, name: string) {
  const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
    `{ models(filter: { search: "demo" }) { nodes { id } } }`,
  );
  const deployed = await server.gql<{ deployModel: { deployment: Target; userErrors: unknown[] } }>(
    `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id endpoint { baseUrl } } ${ERRORS} } }`,
    {
      i: {
        modelId: models.data.models.nodes[0]!.id,
        hardwareProfileId: 'local-cpu',
        acceptTerms: true,
        name,
        parameters: { maxLength: 64 },
      },
    },
  );
  expect(deployed.data.deployModel.userErrors).toEqual([]);
  const deployment = deployed.data.deployModel.deployment;
  const created = await server.gql<{ createApiKey: { secret: string } }>(
    `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
    { i: { deploymentId: deployment.id, name: 'split' } },
  );
  const row = async () =>
    (
      await server.gql<{ deployment: Row }>(`query($id: ID!) { deployment(id: $id) { ${ROW} } }`, {
        id: deployment.id,
      })
    ).data.deployment;
  const events = async () =>
    (
      await server.gql<{ deployment: { events: { message: string }[] } }>(
        `query($id: ID!) { deployment(id: $id) { events(last: 500) { message } } }`,
        { id: deployment.id },
      )
    ).data.deployment.events.map((e) => e.message);
  const mutate = async (name: string, input: Record<string, unknown>) => {
    const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
    const result = await server.gql<
      Record<string, { userErrors: { field: string[]; code: string; message: string }[] }>
    >(`mutation($i: ${inputType}!) { ${name}(input: $i) { deployment { id } ${ERRORS} } }`, {
      i: { id: deployment.id, ...input },
    });
    return result.data[name]!.userErrors;
  };
  const client = new OpenAI({
    baseURL: deployment.endpoint.baseUrl,
    apiKey: created.data.createApiKey.secret,
    maxRetries: 0,
  });
  await waitFor(async () => (await row()).status === 'DEPLOYED', 90_000, 'DEPLOYED');
  return { deployment, row, events, mutate, client };
}

/** Sends `count` chat requests, `concurrency` at a time; counts answers by the version that gave them. */
async function send(client: OpenAI, count: number, concurrency: number) {
  const byVersion = new Map<string, number>();
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      try {
        const { response } = await client.chat.completions
          .create({
            model: 'split',
            messages: [{ role: 'user', content: `hi ${next}` }],
            max_tokens: 1,
            temperature: 0,
          })
          .withResponse();
        const version = response.headers.get('x-hangar-version') ?? 'none';
        byVersion.set(version, (byVersion.get(version) ?? 0) + 1);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { byVersion, failed };
}

describe('a traffic split on the local runtime (demo model)', () => {
  let server: TestServer;
  let d: Awaited<ReturnType<typeof deployWithKey>>;

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite' });
    d = await deployWithKey(server, 'Split');
  }, 120_000);

  afterAll(async () => {
    await server?.cleanup();
  });

  it('refuses a weight outside 1–99 and a second canary, naming the field', async () => {
    expect(await d.mutate('startCanary', { weightPercent: 100 })).toEqual([
      {
        field: ['input', 'weightPercent'],
        code: 'OUT_OF_RANGE',
        message: 'weightPercent must be a whole number from 1 to 99.',
      },
    ]);
    expect(await d.mutate('promoteCanary', {})).toMatchObject([
      { code: 'INVALID_STATE', message: 'This deployment has no canary; start one first.' },
    ]);
  });

  it('keeps the stable replicas, starts the canary and sends it ~10 % of 1 000 requests', async () => {
    expect(await d.mutate('startCanary', { weightPercent: 10, autoRollback: { enabled: false } })).toEqual(
      [],
    );
    await waitFor(
      async () => {
        const row = await d.row();
        const ready = row.replicas.filter((r) => r.status === 'READY').map((r) => r.version);
        return (
          ready.includes(1) &&
          ready.includes(2) &&
          row.versions.some((v) => v.version === 2 && v.status === 'SUCCESS')
        );
      },
      90_000,
      'both versions serving',
    );
    const row = await d.row();
    expect(row.currentVersion).toBe(1);
    expect(row.trafficSplit).toMatchObject({
      canaryVersion: 2,
      stableVersion: 1,
      weightPercent: 10,
      state: 'ACTIVE',
    });
    expect(row.versions.find((v) => v.version === 2)?.trigger).toBe('CANARY');
    // A redeploy would replace the stable version under the split.
    expect(await d.mutate('redeployDeployment', {})).toMatchObject([
      { field: ['input', 'id'], code: 'INVALID_STATE' },
    ]);
    expect(await d.mutate('startCanary', { weightPercent: 10 })).toMatchObject([{ code: 'INVALID_STATE' }]);

    const { byVersion, failed } = await send(d.client, 1000, 4);
    expect(failed).toBe(0);
    const canary = byVersion.get('2') ?? 0;
    expect(canary + (byVersion.get('1') ?? 0)).toBe(1000);
    expect(canary).toBeGreaterThanOrEqual(50);
    expect(canary).toBeLessThanOrEqual(150);
  }, 180_000);

  it('changes the weight by mutation', async () => {
    expect(await d.mutate('setCanaryWeight', { weightPercent: 50 })).toEqual([]);
    expect((await d.row()).trafficSplit?.weightPercent).toBe(50);
    const { byVersion } = await send(d.client, 100, 2);
    expect(byVersion.get('2') ?? 0).toBeGreaterThanOrEqual(35);
    expect(byVersion.get('2') ?? 0).toBeLessThanOrEqual(65);
    expect(
      (await d.events()).some((l) => /^Traffic split changed by .+: canary 10 % → 50 %\.$/.test(l)),
    ).toBe(true);
  }, 60_000);

  it('promotes the canary in one step: it becomes the version and the old replicas stop', async () => {
    expect(await d.mutate('promoteCanary', {})).toEqual([]);
    const row = await d.row();
    expect(row.currentVersion).toBe(2);
    expect(row.trafficSplit?.state).toBe('PROMOTED');
    await waitFor(
      async () => (await d.row()).replicas.every((r) => r.version === 2),
      30_000,
      'version 1 stopped',
    );
    const { byVersion } = await send(d.client, 20, 2);
    expect([...byVersion.keys()]).toEqual(['2']);
    expect((await d.events()).some((line) => line.startsWith('Canary Split_v2 promoted by'))).toBe(true);
  }, 60_000);

  it('rolls a canary back in one step: its replicas stop and the history says who', async () => {
    expect(await d.mutate('startCanary', { weightPercent: 20, scaling: { minReplicas: 1 } })).toEqual([]);
    await waitFor(
      async () => (await d.row()).replicas.some((r) => r.version === 3 && r.status === 'READY'),
      90_000,
      'the canary serving',
    );
    expect(await d.mutate('rollbackCanary', {})).toEqual([]);
    const row = await d.row();
    expect(row.currentVersion).toBe(2);
    expect(row.trafficSplit).toMatchObject({
      canaryVersion: 3,
      state: 'ROLLED_BACK',
      rolledBackAutomatically: false,
    });
    expect(row.trafficSplit?.rollbackReason).toMatch(/^Rolled back by /);
    expect(row.replicas.every((r) => r.version === 2)).toBe(true);
    const { byVersion } = await send(d.client, 20, 2);
    expect([...byVersion.keys()]).toEqual(['2']);
  }, 120_000);
});

describe.each(DATABASES)('automatic rollback of a canary that does worse (fake replicas, %s)', (db) => {
  let stable: FakeReplica;
  let canary: FakeReplica;
  let server: TestServer;
  let d: Awaited<ReturnType<typeof deployWithKey>>;

  beforeAll(async () => {
    stable = await startFakeReplica('stable');
    canary = await startFakeReplica('canary');
    server = await startTestServer({
      db,
      appOptions: { runtime: new FixedUpstreamRuntime(stable.baseUrl, { canaryBaseUrl: canary.baseUrl }) },
    });
    d = await deployWithKey(server, 'Guarded');
  }, 60_000);

  afterAll(async () => {
    await server?.cleanup();
    await stable?.close();
    await canary?.close();
  });

  const policy = {
    windowSeconds: 30,
    minRequests: 10,
    maxErrorRateIncreasePercent: 5,
    maxP95IncreasePercent: 50,
  };

  it('rolls back a canary that answers 500, recording the error rates that triggered it', async () => {
    canary.reply = () => ({ errorStatus: 500 });
    // Dashboards follow the split through deploymentUpdated: the rollback and its reason arrive live.
    const live = collect<{ deploymentUpdated: { trafficSplit: Split | null } }>(
      server.ws(),
      `subscription($id: ID!) { deploymentUpdated(deploymentId: $id) { id ${SPLIT} } }`,
      { id: d.deployment.id },
      (items) => items.some((item) => item.deploymentUpdated.trafficSplit?.state === 'ROLLED_BACK'),
    );
    await live.ready;
    expect(await d.mutate('startCanary', { weightPercent: 50, autoRollback: policy })).toEqual([]);
    await waitFor(async () => (await d.row()).trafficSplit?.state === 'ACTIVE', 10_000, 'the split');
    const { failed } = await send(d.client, 60, 2);
    expect(failed).toBeGreaterThan(0);
    const row = await waitFor(
      async () => {
        const r = await d.row();
        return r.trafficSplit?.state === 'ROLLED_BACK' ? r : undefined;
      },
      10_000,
      'the automatic rollback',
    );
    expect(row.trafficSplit?.rolledBackAutomatically).toBe(true);
    expect(row.trafficSplit?.rollbackReason).toMatch(
      /^canary error rate 100 % \(\d+ of \d+\) > stable 0 % \(0 of \d+\) \+ 5 points over 30 s → rolled back$/,
    );
    expect(await d.events()).toContain(`Canary version 2 rolled back: ${row.trafficSplit!.rollbackReason}`);
    const states = (await live.done).map((item) => item.deploymentUpdated.trafficSplit?.state);
    expect(states).toContain('ACTIVE');
    expect(states.at(-1)).toBe('ROLLED_BACK');
    // Everything goes to the stable version again.
    const after = await send(d.client, 20, 2);
    expect(after.failed).toBe(0);
    expect([...after.byVersion.keys()]).toEqual(['1']);
  }, 60_000);

  it('rolls back a canary whose p95 latency exceeds the stable one by more than the margin', async () => {
    canary.reply = () => ({ delayMs: 120 });
    expect(await d.mutate('startCanary', { weightPercent: 50, autoRollback: policy })).toEqual([]);
    await waitFor(async () => (await d.row()).trafficSplit?.state === 'ACTIVE', 10_000, 'the split');
    await send(d.client, 60, 4);
    const split = await waitFor(
      async () => {
        const s = (await d.row()).trafficSplit;
        return s?.state === 'ROLLED_BACK' ? s : undefined;
      },
      10_000,
      'the automatic rollback',
    );
    expect(split).toMatchObject({ canaryVersion: 3, rolledBackAutomatically: true });
    const figures =
      /^canary p95 (\d+) ms > stable (\d+) ms \+ 50 % over 30 s \(\d+ canary and \d+ stable answers\) → rolled back$/.exec(
        split.rollbackReason ?? '',
      );
    expect(figures, split.rollbackReason ?? 'no reason').not.toBeNull();
    // The canary's answers wait 120 ms; the figures are the measured ones.
    expect(Number(figures![1])).toBeGreaterThanOrEqual(120);
    expect(Number(figures![1])).toBeGreaterThan(1.5 * Number(figures![2]));
  }, 60_000);
});

describe('a server restart while a canary serves (fake replicas)', () => {
  const servers: TestServer[] = [];
  const replicas: FakeReplica[] = [];

  afterAll(async () => {
    for (const server of servers.reverse()) await server.cleanup();
    for (const replica of replicas) await replica.close();
  });

  it('ends the split as rolled back by the system, saying why, and the stable version serves', async () => {
    const stable = await startFakeReplica('stable');
    const canary = await startFakeReplica('canary');
    replicas.push(stable, canary);
    const runtime = () => new FixedUpstreamRuntime(stable.baseUrl, { canaryBaseUrl: canary.baseUrl });
    const first = await startTestServer({ db: 'sqlite', appOptions: { runtime: runtime() } });
    servers.push(first);
    const d = await deployWithKey(first, 'Restarted');
    expect(await d.mutate('startCanary', { weightPercent: 20 })).toEqual([]);
    await waitFor(async () => (await d.row()).trafficSplit?.state === 'ACTIVE', 10_000, 'the split');
    await first.stop();

    const second = await startTestServer({
      db: 'sqlite',
      reuse: { dataDir: first.config.dataDir },
      appOptions: { runtime: runtime() },
    });
    servers.push(second);
    const row = await waitFor(
      async () => {
        const r = (
          await second.gql<{ deployment: Row }>(`query($id: ID!) { deployment(id: $id) { ${ROW} } }`, {
            id: d.deployment.id,
          })
        ).data.deployment;
        return r.status === 'DEPLOYED' && r.trafficSplit?.state === 'ROLLED_BACK' ? r : undefined;
      },
      20_000,
      'the split closed after the restart',
    );
    expect(row.trafficSplit).toMatchObject({ canaryVersion: 2, rolledBackAutomatically: true });
    expect(row.trafficSplit?.rollbackReason).toMatch(/gone after a server restart/);
    expect(row.currentVersion).toBe(1);
    expect(row.replicas.map((r) => r.version)).toEqual([1]);
  }, 60_000);
});
