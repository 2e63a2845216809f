import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeReplica, type FakeReplica } from '../src/gateway/fake-replica.fixture.js';
import { FixedUpstreamRuntime } from './fixtures/fixed-upstream.runtime.js';
import { startTestServer, TEST_REDIS_URL, waitFor, type TestServer } from './harness.js';

/**
 * The gateway keeps deployments and API keys in memory instead of reading them per request; these tests hold it
 * to what a user notices: no database work per call, and a revocation or a redeploy that counts at once.
 */
describe('gateway lookups', () => {
  let replica: FakeReplica;
  let server: TestServer;
  let statements: string[] = [];

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
    await waitDeployed(s, deployment.id);
    return deployment;
  }

  async function waitDeployed(s: TestServer, id: string) {
    await waitFor(
      async () =>
        (
          await s.gql<{ deployment: { status: string } }>(
            `query($id: ID!) { deployment(id: $id) { status } }`,
            { id },
          )
        ).data.deployment.status === 'DEPLOYED',
      20_000,
      'the deployment to be DEPLOYED',
    );
  }

  async function createKey(s: TestServer, deploymentId: string) {
    const result = await s.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }`,
      { i: { deploymentId, name: 'lookups' } },
    );
    return result.data.createApiKey;
  }

  async function revoke(s: TestServer, id: string) {
    const result = await s.gql<{ revokeApiKey: { userErrors: unknown[] } }>(
      `mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { userErrors { message } } }`,
      { i: { id } },
    );
    expect(result.data.revokeApiKey.userErrors).toEqual([]);
  }

  function chat(s: TestServer, deploymentId: string, key: string, extra: Record<string, unknown> = {}) {
    return fetch(`${s.app.url}/api/v2/deployments/${deploymentId}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], ...extra }),
    });
  }

  beforeAll(async () => {
    replica = await startFakeReplica('lookups');
    server = await startTestServer({
      db: 'sqlite',
      appOptions: {
        runtime: new FixedUpstreamRuntime(replica.baseUrl),
        onQuery: (sql) => statements.push(sql),
      },
    });
  });
  afterAll(async () => {
    await server?.cleanup();
    await replica?.close();
  });

  it('answers repeated calls without reading the database', async () => {
    const deployment = await deploy(server, 'lookups-cached');
    const { secret } = await createKey(server, deployment.id);
    expect((await chat(server, deployment.deploymentId, secret)).status).toBe(200);
    statements = [];
    for (let i = 0; i < 20; i++)
      expect((await chat(server, deployment.deploymentId, secret)).status).toBe(200);
    // The usage rollups are written every few seconds by a timer, off the request path (modules/metrics/).
    expect(
      statements.filter((sql) => !/metric_(rollups|latency_buckets)|^\s*(begin|commit)\b/i.test(sql)),
    ).toEqual([]);
  });

  it('refuses a revoked key on the very next call', async () => {
    const deployment = await deploy(server, 'lookups-revoked');
    const key = await createKey(server, deployment.id);
    expect((await chat(server, deployment.deploymentId, key.secret)).status).toBe(200);
    await revoke(server, key.apiKey.id);
    const refused = await chat(server, deployment.deploymentId, key.secret);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);
  });

  it('applies a redeploy’s new limits on the next call', async () => {
    const deployment = await deploy(server, 'lookups-redeploy');
    const { secret } = await createKey(server, deployment.id);
    expect((await chat(server, deployment.deploymentId, secret, { max_tokens: 100 })).status).toBe(400);
    const redeployed = await server.gql<{ redeployDeployment: { userErrors: unknown[] } }>(
      `mutation($i: RedeployDeploymentInput!) { redeployDeployment(input: $i) { userErrors { message } } }`,
      { i: { id: deployment.id, parameters: { maxLength: 200 } } },
    );
    expect(redeployed.data.redeployDeployment.userErrors).toEqual([]);
    await waitDeployed(server, deployment.id);
    expect((await chat(server, deployment.deploymentId, secret, { max_tokens: 100 })).status).toBe(200);
  });

  it('a key revoked on one instance is refused by another (PostgreSQL + Redis)', async () => {
    const a = await startTestServer({
      db: 'postgresql',
      env: { HANGAR_REDIS_URL: TEST_REDIS_URL },
      appOptions: { runtime: new FixedUpstreamRuntime(replica.baseUrl) },
    });
    const b = await startTestServer({
      db: 'postgresql',
      env: { HANGAR_REDIS_URL: TEST_REDIS_URL },
      reuse: { dataDir: a.dataDir, databaseUrl: a.databaseUrl },
      appOptions: { runtime: new FixedUpstreamRuntime(replica.baseUrl, { everyDeployment: true }) },
    });
    try {
      const deployment = await deploy(a, 'lookups-two-instances');
      const key = await createKey(a, deployment.id);
      // Instance B serves the deployment too (same database, same upstream) and caches the key.
      expect((await chat(b, deployment.deploymentId, key.secret)).status).toBe(200);
      await revoke(a, key.apiKey.id);
      await waitFor(
        async () => (await chat(b, deployment.deploymentId, key.secret)).status === 401,
        5_000,
        'instance B to refuse the revoked key',
      );
    } finally {
      await b.stop();
      await a.cleanup();
    }
  });
});
