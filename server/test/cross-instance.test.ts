import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestServer, TEST_REDIS_URL, waitFor, type TestServer } from './harness.js';

describe('two server instances sharing PostgreSQL and Redis', () => {
  let a: TestServer & { dataDir: string; databaseUrl?: string };
  let b: TestServer;
  // Statements instance B runs while counting: what its subscribers cost for an event published on A.
  let statementsOnB: string[] = [];
  let countingOnB = false;

  beforeAll(async () => {
    a = await startTestServer({ db: 'postgresql', env: { HANGAR_REDIS_URL: TEST_REDIS_URL } });
    b = await startTestServer({
      db: 'postgresql',
      env: { HANGAR_REDIS_URL: TEST_REDIS_URL },
      reuse: { dataDir: a.dataDir, databaseUrl: a.databaseUrl },
      appOptions: { onQuery: (sql) => countingOnB && statementsOnB.push(sql) },
    });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.cleanup();
  });

  it('a mutation on one instance reaches a subscriber on the other', async () => {
    const models = await a.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    const modelId = models.data.models.nodes[0]!.id;
    const created = await a.gql<{ deployModel: { deployment: { id: string } } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } userErrors { message } } }`,
      {
        i: {
          modelId,
          name: 'cross-instance',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          startNow: false,
        },
      },
    );
    const id = created.data.deployModel.deployment.id;

    const updates = collect<{ deploymentUpdated: { id: string; description: string } }>(
      b.ws(),
      `subscription($id: ID) { deploymentUpdated(deploymentId: $id) { id description } }`,
      { id },
      (items) => items.some((i) => i.deploymentUpdated.description === 'changed on instance A'),
      20_000,
    );
    await updates.ready;
    await a.gql(
      `mutation($i: UpdateDeploymentInput!) { updateDeployment(input: $i) { userErrors { message } } }`,
      {
        i: { id, description: 'changed on instance A' },
      },
    );
    const received = await updates.done;
    expect(received.at(-1)).toEqual({ deploymentUpdated: { id, description: 'changed on instance A' } });

    const modelUpdates = collect<{ modelUpdated: { id: string; tags: string[] } }>(
      a.ws(),
      `subscription($id: ID) { modelUpdated(id: $id) { id tags } }`,
      { id: modelId },
      (items) => items.some((i) => i.modelUpdated.tags.includes('from-b')),
      20_000,
    );
    await modelUpdates.ready;
    await b.gql(`mutation($i: UpdateModelInput!) { updateModel(input: $i) { userErrors { message } } }`, {
      i: { id: modelId, tags: ['demo', 'from-b'] },
    });
    expect((await modelUpdates.done).at(-1)?.modelUpdated.tags).toEqual(['demo', 'from-b']);
  });

  it('a deployment created on one instance appears in a list subscription on the other, and leaves it when deleted', async () => {
    const models = await a.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    const modelId = models.data.models.nodes[0]!.id;
    type Change = { deploymentsChanged: { kind: string; id: string; deployment: { name: string } | null } };
    let createdId = '';
    const changes = collect<Change>(
      b.ws(),
      `subscription($m: ID) { deploymentsChanged(modelId: $m) { kind id deployment { name } } }`,
      { m: modelId },
      (items) =>
        items.some((i) => i.deploymentsChanged.kind === 'DELETED' && i.deploymentsChanged.id === createdId),
      30_000,
    );
    await changes.ready;
    const created = await a.gql<{ deployModel: { deployment: { id: string } } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } userErrors { message } } }`,
      {
        i: {
          modelId,
          name: 'listed on B',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          startNow: false,
        },
      },
    );
    createdId = created.data.deployModel.deployment.id;
    await waitFor(
      async () => changes.items.find((i) => i.deploymentsChanged.id === createdId),
      20_000,
      'the creation on instance B',
    );
    expect(changes.items.find((i) => i.deploymentsChanged.id === createdId)).toEqual({
      deploymentsChanged: { kind: 'CREATED', id: createdId, deployment: { name: 'listed on B' } },
    });
    const deleted = await a.gql<{ deleteDeployment: { userErrors: unknown[] } }>(
      `mutation($i: DeleteDeploymentInput!) { deleteDeployment(input: $i) { userErrors { message } } }`,
      { i: { id: createdId } },
    );
    expect(deleted.data.deleteDeployment.userErrors).toEqual([]);
    const received = await changes.done;
    expect(received.at(-1)).toEqual({
      deploymentsChanged: { kind: 'DELETED', id: createdId, deployment: null },
    });
  });

  it('through Redis, instance B reads once per event from A, whether 1 or 50 of its sockets subscribe', async () => {
    const models = await a.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    const created = await a.gql<{ deployModel: { deployment: { id: string } } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } userErrors { message } } }`,
      {
        i: {
          modelId: models.data.models.nodes[0]!.id,
          name: 'counted on B',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          startNow: false,
        },
      },
    );
    const id = created.data.deployModel.deployment.id;
    const row = `subscription($id: ID) { deploymentUpdated(deploymentId: $id) { id status description model { name } } }`;
    type Row = { deploymentUpdated: { description: string } };
    const seen: Row[][] = [];
    const subscribe = (count: number) => {
      for (let i = 0; i < count; i++) {
        const items: Row[] = [];
        seen.push(items);
        b.ws().subscribe<Row>(
          { query: row, variables: { id } },
          { next: (v) => items.push(v.data as Row), error: () => undefined, complete: () => undefined },
        );
      }
    };
    const statementsFor = async (description: string) => {
      statementsOnB = [];
      countingOnB = true;
      await a.gql(
        `mutation($i: UpdateDeploymentInput!) { updateDeployment(input: $i) { userErrors { message } } }`,
        {
          i: { id, description },
        },
      );
      await waitFor(
        async () => seen.every((items) => items.at(-1)?.deploymentUpdated.description === description),
        20_000,
        `every subscriber on B to see "${description}"`,
      );
      countingOnB = false;
      return statementsOnB.length;
    };

    subscribe(1);
    await waitFor(async () => b.app.live.subscriberCount >= 1, 10_000, 'the first subscription on B');
    const forOne = await statementsFor('seen by one on B');
    subscribe(49);
    await waitFor(async () => b.app.live.subscriberCount >= 50, 20_000, '50 subscriptions on B');
    const forFifty = await statementsFor('seen by fifty on B');

    expect(forOne).toBeGreaterThan(0);
    expect(forOne).toBeLessThanOrEqual(3);
    expect(forFifty).toBe(forOne);
  });
});
