import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL_FILE_NAME } from '../src/modules/demo-model/demo-model.js';
import { collect, DATABASES, startTestServer, waitFor, type TestServer } from './harness.js';

const DEPLOYMENT_FIELDS = `id deploymentId name status failureReason
  versions { version name status failureReason durationSeconds startedAt endedAt isLatest trigger
    deployedBy { name } configuration { parameters { temperature maxLength } }
    undeployment { by { name } bySystem startedAt endedAt } }`;

type Payload = {
  deployment: { id: string; deploymentId: string; status: string } | null;
  userErrors: { field: string[] | null; message: string; code: string }[];
};

type VersionRow = {
  version: number;
  name: string;
  status: string;
  trigger: string;
  rolledBackFrom: number | null;
  failureReason: string | null;
  configuration: { parameters: { temperature: number; maxLength: number } };
};

const PAYLOAD_FIELDS = `deployment { id deploymentId status } userErrors { field message code }`;

describe.each(DATABASES)('deployment lifecycle on %s', (db) => {
  let server: TestServer;
  let demoModelId: string;

  async function deploy(name: string, parameters: Record<string, number>): Promise<Payload> {
    const result = await server.gql<{ deployModel: Payload }>(
      `mutation($input: DeployModelInput!) { deployModel(input: $input) { ${PAYLOAD_FIELDS} } }`,
      {
        input: { modelId: demoModelId, name, hardwareProfileId: 'local-cpu', parameters, acceptTerms: true },
      },
    );
    return result.data.deployModel;
  }

  async function mutate(
    mutation: string,
    inputType: string,
    input: Record<string, unknown>,
  ): Promise<Payload> {
    const result = await server.gql<Record<string, Payload>>(
      `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${PAYLOAD_FIELDS} } }`,
      { input },
    );
    return result.data[mutation]!;
  }

  /** Waits until the deployment is DEPLOYED on `version` and only that version's replicas are left. */
  async function deployedOn(id: string, deploymentId: string, version: number) {
    const deployment = await waitFor(
      async () => {
        const r = await server.gql<{
          deployment: { status: string; failureReason: string | null; versions: VersionRow[] };
        }>(
          `query($id: ID!) { deployment(id: $id) { status failureReason
            versions { version name status trigger rolledBackFrom failureReason
              configuration { parameters { temperature maxLength } } } } }`,
          { id },
        );
        const d = r.data.deployment;
        return d.status === 'DEPLOYED' && d.versions[0]?.version === version ? d : null;
      },
      60_000,
      `version ${version} deployed`,
    );
    await waitFor(
      async () => {
        const replicas = server.app.services.runtime.replicas(deploymentId);
        return replicas.length > 0 && replicas.every((r) => r.version === version && r.status === 'READY');
      },
      30_000,
      `only version ${version}'s replicas left`,
    );
    return deployment;
  }

  /** A greedy answer from the replica serving the deployment (deterministic for one model and configuration). */
  async function greedyAnswer(deploymentId: string) {
    const replica = server.app.services.runtime.replicas(deploymentId).find((r) => r.status === 'READY');
    const openai = new OpenAI({ baseURL: replica!.baseUrl, apiKey: 'unused-by-the-replica' });
    const completion = await openai.chat.completions.create({
      model: 'demo',
      messages: [{ role: 'user', content: 'Say hello' }],
      max_tokens: 16,
      temperature: 0,
    });
    return { text: completion.choices[0]?.message.content, tokens: completion.usage?.completion_tokens };
  }

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

  it('retriggers a FAILED deployment back to DEPLOYED as a new version, keeps the failed one in history, and refuses to retrigger it while DEPLOYED', async () => {
    const modelFile = join(server.config.dataDir, 'models', 'demo', DEMO_MODEL_FILE_NAME);
    // The model file goes missing (a disk swapped, a bad cleanup): the runtime refuses to start the version.
    await rename(modelFile, `${modelFile}.away`);
    let created: Payload;
    try {
      created = await deploy('Comes Back', { temperature: 0.5, maxLength: 16 });
    } finally {
      await rename(`${modelFile}.away`, modelFile);
    }
    expect(created.userErrors).toEqual([]);
    const { id, deploymentId } = created.deployment!;
    const failed = await waitFor(
      async () => {
        const r = await server.gql<{ deployment: { status: string; failureReason: string | null } }>(
          `query($id: ID!) { deployment(id: $id) { status failureReason } }`,
          { id },
        );
        return r.data.deployment.status === 'FAILED' ? r.data.deployment : null;
      },
      30_000,
      'the failure',
    );
    expect(failed.failureReason).toMatch(/model file is missing/);

    // The file is back: re-triggering starts the same configuration again.
    const retriggered = await mutate('retriggerDeployment', 'RetriggerDeploymentInput', { id });
    expect(retriggered.userErrors).toEqual([]);
    expect(retriggered.deployment?.status).toBe('DEPLOYING');
    const back = await deployedOn(id, deploymentId, 2);
    expect(back.failureReason).toBeNull();
    expect(back.versions.map((v) => [v.name, v.trigger, v.status])).toEqual([
      ['Comes Back_v2', 'RETRIGGER', 'SUCCESS'],
      ['Comes Back_v1', 'DEPLOY', 'FAILED'],
    ]);
    expect(back.versions[1]!.failureReason).toMatch(/model file is missing/);
    expect(back.versions[0]!.configuration).toEqual(back.versions[1]!.configuration);
    expect((await greedyAnswer(deploymentId)).tokens).toBeGreaterThan(0);

    // A deployment that serves cannot be re-triggered; the refusal says when it can.
    const again = await mutate('retriggerDeployment', 'RetriggerDeploymentInput', { id });
    expect(again.deployment).toBeNull();
    expect(again.userErrors).toEqual([
      {
        field: ['input', 'id'],
        code: 'INVALID_STATE',
        message:
          'A deployment that is DEPLOYED cannot be re-triggered; allowed when FAILED, UNDEPLOYED, READY_TO_DEPLOY.',
      },
    ]);

    const undeployed = await mutate('undeployDeployment', 'UndeployDeploymentInput', { id });
    expect(undeployed.deployment?.status).toBe('UNDEPLOYED');
  });

  it("rolls back to v1 after a redeploy: v1's configuration serves again as v3", async () => {
    const created = await deploy('Roll Back', { temperature: 0.5, maxLength: 6 });
    expect(created.userErrors).toEqual([]);
    const { id, deploymentId } = created.deployment!;
    await deployedOn(id, deploymentId, 1);
    const v1Answer = await greedyAnswer(deploymentId);
    // The greedy path writes more tokens than v2 will allow, so v2's cap is visible in its answers.
    expect(v1Answer.tokens).toBeGreaterThan(2);

    const redeployed = await mutate('redeployDeployment', 'RedeployDeploymentInput', {
      id,
      parameters: { temperature: 1.2, maxLength: 2 },
    });
    expect(redeployed.userErrors).toEqual([]);
    await deployedOn(id, deploymentId, 2);
    expect((await greedyAnswer(deploymentId)).tokens).toBeLessThanOrEqual(2);

    const rolledBack = await mutate('rollbackDeployment', 'RollbackDeploymentInput', { id, version: 1 });
    expect(rolledBack.userErrors).toEqual([]);
    expect(rolledBack.deployment?.status).toBe('DEPLOYING');
    const after = await deployedOn(id, deploymentId, 3);
    expect(after.versions.map((v) => [v.name, v.trigger, v.rolledBackFrom, v.status])).toEqual([
      ['Roll Back_v3', 'ROLLBACK', 1, 'SUCCESS'],
      ['Roll Back_v2', 'REDEPLOY', null, 'SUCCESS'],
      ['Roll Back_v1', 'DEPLOY', null, 'SUCCESS'],
    ]);
    expect(after.versions[0]!.configuration).toEqual({ parameters: { temperature: 0.5, maxLength: 6 } });
    const current = await server.gql<{
      deployment: { configuration: { parameters: { temperature: number; maxLength: number } } };
    }>(`query($id: ID!) { deployment(id: $id) { configuration { parameters { temperature maxLength } } } }`, {
      id,
    });
    expect(current.data.deployment.configuration).toEqual({ parameters: { temperature: 0.5, maxLength: 6 } });
    // The replica of v3 answers as v1's did: same model, same configuration, greedy.
    expect(await greedyAnswer(deploymentId)).toEqual(v1Answer);

    const undeployed = await mutate('undeployDeployment', 'UndeployDeploymentInput', { id });
    expect(undeployed.deployment?.status).toBe('UNDEPLOYED');
  });
});
