import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startTestServer, type TestServer } from './harness.js';

describe.each(DATABASES)('creation times on %s', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db });
  });
  afterAll(async () => server?.cleanup());

  it('stay as they were when later mutations touch the same rows', async () => {
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(`{ models { nodes { id } } }`);
    const deployed = await server.gql<{ deployModel: { deployment: { id: string; createdAt: string } } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id createdAt } userErrors { message } } }`,
      {
        i: {
          modelId: models.data.models.nodes[0]!.id,
          name: 'Times',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          startNow: false,
        },
      },
    );
    const deployment = deployed.data.deployModel.deployment;
    const before = await server.gql<{ viewer: { createdAt: string } }>(`{ viewer { createdAt } }`);
    await new Promise((r) => setTimeout(r, 1_100));
    await server.gql(`mutation($i: CreateAccessTokenInput!) { createAccessToken(input: $i) { token } }`, {
      i: { name: 'another' },
    });
    await server.gql(
      `mutation($i: UpdateDeploymentInput!) { updateDeployment(input: $i) { deployment { id } } }`,
      {
        i: { id: deployment.id, description: 'changed' },
      },
    );
    const after = await server.gql<{
      viewer: { createdAt: string };
      deployment: { createdAt: string; description: string };
    }>(`query($id: ID!) { viewer { createdAt } deployment(id: $id) { createdAt description } }`, {
      id: deployment.id,
    });
    expect(after.data.deployment.description).toBe('changed');
    expect(after.data.viewer.createdAt).toBe(before.data.viewer.createdAt);
    expect(after.data.deployment.createdAt).toBe(deployment.createdAt);
  });
});
