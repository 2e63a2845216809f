import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, waitFor, type TestServer } from './harness.js';

/** Replica time of a real local replica (the demo model), persisted with the metrics rollups and priced. */

interface Cost {
  replicaHours: number;
  gpuHours: number;
  amount: number | null;
  currency: string;
}

describe('cost accounting of a deployment', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const earlier: TestServer[] = [];
  let deployment: { id: string };
  const since = new Date(Date.now() - 60_000);

  const costOf = async (): Promise<Cost> => {
    const result = await server.gql<{ deployment: { cost: Cost } }>(
      `query($id: ID!, $r: MetricsRangeInput!) { deployment(id: $id) { cost(range: $r) { replicaHours gpuHours amount currency } } }`,
      { id: deployment.id, r: { from: since.toISOString() } },
    );
    expect(result.errors).toBeUndefined();
    return result.data.deployment.cost;
  };
  const status = async () =>
    (
      await server.gql<{ deployment: { status: string; replicas: { status: string }[] } }>(
        `query($id: ID!) { deployment(id: $id) { status replicas { status } } }`,
        { id: deployment.id },
      )
    ).data.deployment;

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite', env: { HANGAR_COST_CURRENCY: 'EUR' } });
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    const deployed = await server.gql<{ deployModel: { deployment: { id: string }; userErrors: unknown[] } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } userErrors { message } } }`,
      {
        i: {
          modelId: models.data.models.nodes[0]!.id,
          name: 'Costed',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
        },
      },
    );
    expect(deployed.data.deployModel.userErrors).toEqual([]);
    deployment = deployed.data.deployModel.deployment;
  });
  afterAll(async () => {
    await server?.cleanup();
    for (const stopped of earlier) await stopped.cleanup();
  });

  it('prices hardware profiles per replica hour, in HANGAR_COST_CURRENCY', async () => {
    const profiles = await server.gql<{
      hardwareProfiles: { id: string; pricePerReplicaHour: number | null; currency: string }[];
    }>(`{ hardwareProfiles { id pricePerReplicaHour currency } }`);
    expect(profiles.errors).toBeUndefined();
    const local = profiles.data.hardwareProfiles.find((p) => p.id === 'local-cpu')!;
    expect(local).toEqual({ id: 'local-cpu', pricePerReplicaHour: 0.05, currency: 'EUR' });
  });

  it('accrues replica time while a replica runs, stops when it is gone, and costs hours × price', async () => {
    await waitFor(
      async () => (await status()).replicas.some((r) => r.status === 'READY'),
      90_000,
      'a ready replica',
    );
    const first = await costOf();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const second = await costOf();
    const accruedSeconds = (second.replicaHours - first.replicaHours) * 3600;
    console.log(`one replica over ~3 s of wall time: ${accruedSeconds.toFixed(2)} replica-seconds accrued`);
    // One replica: replica time grows with wall time (reads flush this instance's time up to now).
    expect(accruedSeconds).toBeGreaterThan(2.5);
    expect(accruedSeconds).toBeLessThan(4.5);
    expect(second.gpuHours).toBe(0);
    expect(second.currency).toBe('EUR');
    expect(second.amount).toBeCloseTo(second.replicaHours * 0.05, 10);

    const undeployed = await server.gql<{ undeployDeployment: { userErrors: unknown[] } }>(
      `mutation($i: UndeployDeploymentInput!) { undeployDeployment(input: $i) { userErrors { message } } }`,
      { i: { id: deployment.id } },
    );
    expect(undeployed.errors).toBeUndefined();
    await waitFor(async () => (await status()).replicas.length === 0, 30_000, 'the replica to stop');
    const stopped = await costOf();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const later = await costOf();
    expect(later.replicaHours).toBeCloseTo(stopped.replicaHours, 10);
    expect(later.replicaHours).toBeGreaterThan(second.replicaHours);

    // Persisted with the rollups: a restarted server reads the same replica time.
    await server.stop();
    earlier.push(server);
    server = await startTestServer({
      db: 'sqlite',
      env: { HANGAR_COST_CURRENCY: 'EUR' },
      reuse: { dataDir: server.dataDir },
    });
    const restarted = await costOf();
    expect(restarted.replicaHours).toBeCloseTo(later.replicaHours, 10);
    expect(restarted.amount).toBeCloseTo(later.amount!, 10);
  });

  it('rejects a range that ends before it starts', async () => {
    const result = await server.gql(
      `query($id: ID!, $r: MetricsRangeInput!) { deployment(id: $id) { cost(range: $r) { replicaHours } } }`,
      { id: deployment.id, r: { from: new Date().toISOString(), to: since.toISOString() } },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
