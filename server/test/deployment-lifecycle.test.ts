import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, DATABASES, startTestServer, waitFor, type TestServer } from './harness.js';

const DEPLOYMENT_FIELDS = `id deploymentId name status failureReason
  versions { version name status failureReason durationSeconds startedAt endedAt isLatest trigger
    deployedBy { name } configuration { parameters { temperature maxLength } }
    undeployment { by { name } bySystem startedAt endedAt } }`;

describe.each(DATABASES)('deployment lifecycle on %s', (db) => {
  let server: TestServer;
  let demoModelId: string;

  beforeAll(async () => {
    server = await startTestServer({ db });
    const models = await server.gql<{ models: { nodes: { id: string; name: string; status: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id name status } } }`,
    );
    const demo = models.data.models.nodes[0];
    expect(demo?.status).toBe('READY_TO_DEPLOY');
    demoModelId = demo!.id;
  });
  afterAll(async () => server?.cleanup());

  it('deploys the demo model, streams DEPLOYING → DEPLOYED, answers, redeploys to _v2 and undeploys', async () => {
    const ws = server.ws();
    const statuses = collect<{ deploymentUpdated: { status: string } }>(
      ws,
      `subscription($modelId: ID) { deploymentUpdated(modelId: $modelId) { status } }`,
      { modelId: demoModelId },
      (items) => items.some((i) => i.deploymentUpdated.status === 'DEPLOYED'),
    );
    await statuses.ready;

    const deployed = await server.gql<{
      deployModel: {
        deployment: { id: string; deploymentId: string; status: string } | null;
        userErrors: unknown[];
      };
    }>(
      `mutation($input: DeployModelInput!) { deployModel(input: $input) { deployment { id deploymentId status } userErrors { field message code } } }`,
      {
        input: {
          modelId: demoModelId,
          name: 'Demo Chat',
          description: 'first try',
          tags: ['demo'],
          hardwareProfileId: 'local-cpu',
          parameters: { temperature: 0.5, maxLength: 16 },
          acceptTerms: true,
        },
      },
    );
    expect(deployed.data.deployModel.userErrors).toEqual([]);
    const deployment = deployed.data.deployModel.deployment!;
    expect(deployment.status).toBe('DEPLOYING');

    const seen = (await statuses.done).map((i) => i.deploymentUpdated.status);
    expect(seen[0]).toBe('DEPLOYING');
    expect(seen.at(-1)).toBe('DEPLOYED');

    // The replica answers an OpenAI-compatible chat completion.
    const replica = server.app.services.runtime
      .replicas(deployment.deploymentId)
      .find((r) => r.status === 'READY');
    expect(replica?.baseUrl).toBeTruthy();
    const openai = new OpenAI({ baseURL: replica!.baseUrl, apiKey: 'unused-by-the-replica' });
    const completion = await openai.chat.completions.create({
      model: 'demo',
      messages: [{ role: 'user', content: 'Say hello' }],
      max_tokens: 8,
      // Greedy: random weights sometimes sample end-of-text first; the greedy path always writes tokens.
      temperature: 0,
    });
    expect(completion.choices[0]?.message.role).toBe('assistant');
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);

    // Redeploy with new parameters → version 2.
    const redeployed = await server.gql<{
      redeployDeployment: { deployment: { status: string } | null; userErrors: unknown[] };
    }>(
      `mutation($input: RedeployDeploymentInput!) { redeployDeployment(input: $input) { deployment { status } userErrors { field message } } }`,
      { input: { id: deployment.id, parameters: { temperature: 1.2 } } },
    );
    expect(redeployed.data.redeployDeployment.userErrors).toEqual([]);
    const afterRedeploy = await waitFor(
      async () => {
        const r = await server.gql<{ deployment: { status: string; versions: { status: string }[] } }>(
          `query($id: ID!) { deployment(id: $id) { ${DEPLOYMENT_FIELDS} } }`,
          { id: deployment.id },
        );
        return r.data.deployment.status === 'DEPLOYED' && r.data.deployment.versions[0]?.status === 'SUCCESS'
          ? r.data.deployment
          : null;
      },
      60_000,
      'version 2 deployed',
    );
    const versions = (afterRedeploy as unknown as { versions: Record<string, unknown>[] }).versions;
    expect(versions.map((v) => v.name)).toEqual(['Demo Chat_v2', 'Demo Chat_v1']);
    expect(versions.map((v) => v.isLatest)).toEqual([true, false]);
    expect(versions.map((v) => (v.deployedBy as { name: string }).name)).toEqual(['admin', 'admin']);
    expect(versions.map((v) => v.trigger)).toEqual(['REDEPLOY', 'DEPLOY']);
    expect(versions[0]!.configuration).toEqual({ parameters: { temperature: 1.2, maxLength: 16 } });
    expect(versions[1]!.configuration).toEqual({ parameters: { temperature: 0.5, maxLength: 16 } });
    for (const v of versions) {
      expect(v.status).toBe('SUCCESS');
      expect(typeof v.durationSeconds).toBe('number');
      expect(v.endedAt).toBeTruthy();
    }
    // Old replicas are replaced by the new version's.
    await waitFor(
      async () => server.app.services.runtime.replicas(deployment.deploymentId).every((r) => r.version === 2),
      30_000,
      'old replicas gone',
    );

    // Undeploy: un-deployment details recorded, replicas gone.
    const undeployed = await server.gql<{
      undeployDeployment: { deployment: { status: string } | null; userErrors: unknown[] };
    }>(
      `mutation($input: UndeployDeploymentInput!) { undeployDeployment(input: $input) { deployment { status } userErrors { message } } }`,
      { input: { id: deployment.id } },
    );
    expect(undeployed.data.undeployDeployment).toEqual({
      deployment: { status: 'UNDEPLOYED' },
      userErrors: [],
    });
    expect(server.app.services.runtime.replicas(deployment.deploymentId)).toEqual([]);
    const history = await server.gql<{
      deployment: {
        versions: {
          name: string;
          undeployment: {
            by: { name: string } | null;
            bySystem: boolean;
            startedAt: string;
            endedAt: string;
          } | null;
        }[];
      };
    }>(
      `query($id: ID!) { deployment(id: $id) { versions { name undeployment { by { name } bySystem startedAt endedAt } } } }`,
      { id: deployment.id },
    );
    const latest = history.data.deployment.versions[0]!;
    expect(latest.name).toBe('Demo Chat_v2');
    expect(latest.undeployment?.by?.name).toBe('admin');
    expect(latest.undeployment?.bySystem).toBe(false);
    expect(new Date(latest.undeployment!.endedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(latest.undeployment!.startedAt).getTime(),
    );
    expect(history.data.deployment.versions[1]!.undeployment).toBeNull();

    // The progress lines were kept.
    const events = await server.gql<{ deployment: { events: { message: string }[] } }>(
      `query($id: ID!) { deployment(id: $id) { events(last: 100) { message } } }`,
      { id: deployment.id },
    );
    const lines = events.data.deployment.events.map((e) => e.message);
    expect(lines).toContain('Demo Chat_v1 is deployed.');
    expect(lines).toContain('Undeployed.');
  });
});
