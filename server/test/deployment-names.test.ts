import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startTestServer, type TestServer } from './harness.js';

const DEPLOY = `mutation($i: DeployModelInput!) {
  deployModel(input: $i) { deployment { id name } userErrors { field code message } }
}`;

interface Deployed {
  deployModel: {
    deployment: { id: string; name: string } | null;
    userErrors: { field: string[]; code: string; message: string }[];
  };
}

describe.each(DATABASES)('deployment names are unique on %s', (db) => {
  let server: TestServer;
  let modelId = '';

  // Saved without starting: the name rule is what is tested, not the runtime.
  const deploy = (name: string) =>
    server.gql<Deployed>(DEPLOY, {
      i: { modelId, name, hardwareProfileId: 'local-cpu', acceptTerms: true, startNow: false },
    });

  beforeAll(async () => {
    server = await startTestServer({ db });
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    modelId = models.data.models.nodes[0]!.id;
  });
  afterAll(async () => server?.cleanup());

  it('refuses a name another deployment has, whatever its case and surrounding spaces (TAKEN)', async () => {
    const first = await deploy('Support Bot');
    expect(first.data.deployModel.userErrors).toEqual([]);
    for (const name of ['Support Bot', '  support bot ', 'SUPPORT BOT']) {
      const again = await deploy(name);
      expect(again.data.deployModel).toEqual({
        deployment: null,
        userErrors: [
          {
            field: ['input', 'name'],
            code: 'TAKEN',
            message:
              'A deployment named "Support Bot" exists already (names are compared without regard to case): choose another name, or redeploy that one.',
          },
        ],
      });
    }
    const listed = await server.gql<{ deployments: { nodes: { name: string }[] } }>(
      `{ deployments(first: 50) { nodes { name } } }`,
    );
    expect(listed.data.deployments.nodes.filter((d) => d.name.toLowerCase() === 'support bot')).toHaveLength(
      1,
    );
  });

  it('takes LIKE wildcards in a name literally', async () => {
    expect((await deploy('bot_1')).data.deployModel.userErrors).toEqual([]);
    // `_` and `%` would match any character in a LIKE pattern: these are other names.
    expect((await deploy('botX1')).data.deployModel.userErrors).toEqual([]);
    expect((await deploy('bo%')).data.deployModel.userErrors).toEqual([]);
    expect((await deploy('bot')).data.deployModel.userErrors).toEqual([]);
  });

  it('frees the name once the deployment is deleted', async () => {
    const saved = await deploy('Short-lived');
    const id = saved.data.deployModel.deployment!.id;
    const deleted = await server.gql<{ deleteDeployment: { userErrors: unknown[] } }>(
      `mutation($i: DeleteDeploymentInput!) { deleteDeployment(input: $i) { userErrors { message } } }`,
      { i: { id } },
    );
    expect(deleted.data.deleteDeployment.userErrors).toEqual([]);
    expect((await deploy('short-lived')).data.deployModel.userErrors).toEqual([]);
  });
});
