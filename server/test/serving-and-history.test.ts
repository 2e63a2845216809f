import { copyFile, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL_FILE_NAME } from '../src/modules/demo-model/demo-model.js';
import { DeploymentVersion } from '../src/modules/deployment/deployment-version.entity.js';
import { Deployment } from '../src/modules/deployment/deployment.entity.js';
import { VersionStatus } from '../src/modules/deployment/deployment.enums.js';
import { Model } from '../src/modules/model/model.entity.js';
import { ModelFormat, ModelSource } from '../src/modules/model/model.enums.js';
import { DATABASES, startTestServer, waitFor, type TestServer } from './harness.js';

type UserErrors = { field: string[] | null; message: string; code: string }[];
type Payload = {
  deployment: { id: string; deploymentId: string; status: string } | null;
  userErrors: UserErrors;
};
const PAYLOAD = `deployment { id deploymentId status } userErrors { field message code }`;

describe.each(DATABASES)('serving is what the runtime runs; deleting never takes history (%s)', (db) => {
  let server: TestServer;
  let demoModelId: string;

  async function mutate(mutation: string, inputType: string, input: Record<string, unknown>) {
    const result = await server.gql<Record<string, Payload>>(
      `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${PAYLOAD} } }`,
      { input },
    );
    expect(result.errors).toBeUndefined();
    return result.data[mutation]!;
  }

  async function deleteDeployment(id: string) {
    const result = await server.gql<{
      deleteDeployment: { deletedDeploymentId: string | null; userErrors: UserErrors };
    }>(
      `mutation($i: DeleteDeploymentInput!) { deleteDeployment(input: $i) { deletedDeploymentId userErrors { field message code } } }`,
      { i: { id } },
    );
    return result.data.deleteDeployment;
  }

  async function deleteModel(id: string) {
    const result = await server.gql<{
      deleteModel: { deletedModelId: string | null; userErrors: UserErrors };
    }>(
      `mutation($i: DeleteModelInput!) { deleteModel(input: $i) { deletedModelId userErrors { field message code } } }`,
      { i: { id } },
    );
    return result.data.deleteModel;
  }

  async function read(id: string) {
    const result = await server.gql<{
      deployment: {
        status: string;
        serving: boolean;
        versions: { version: number; status: string; failureReason: string | null; endedAt: string | null }[];
      };
    }>(
      `query($id: ID!) { deployment(id: $id) { status serving versions { version status failureReason endedAt } } }`,
      {
        id,
      },
    );
    return result.data.deployment;
  }

  beforeAll(async () => {
    // Reconciling every second for the whole file: it must never disturb what the mutations do.
    server = await startTestServer({ db, env: { HANGAR_RECONCILE_INTERVAL_SECONDS: '1' } });
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    demoModelId = models.data.models.nodes[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await server?.cleanup();
  });

  it('a FAILED redeploy whose previous version still serves: not deletable, undeployable, its key stops at once', async () => {
    const deployed = await mutate('deployModel', 'DeployModelInput', {
      modelId: demoModelId,
      name: 'still serving',
      hardwareProfileId: 'local-cpu',
      acceptTerms: true,
    });
    const { id, deploymentId } = deployed.deployment!;
    await waitFor(async () => (await read(id)).status === 'DEPLOYED', 90_000, 'v1 deployed');
    const key = await server.gql<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { deploymentId: id, name: 'k' } },
    );
    const secret = key.data.createApiKey.secret;
    const call = () =>
      fetch(`${server.app.url}/api/v2/deployments/${deploymentId}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], max_tokens: 2 }),
      });

    // The redeploy is refused by the runtime at once (its model file is gone); v1's replica keeps serving.
    const modelFile = join(server.config.dataDir, 'models', 'demo', DEMO_MODEL_FILE_NAME);
    await rename(modelFile, `${modelFile}.away`);
    try {
      const redeployed = await mutate('redeployDeployment', 'RedeployDeploymentInput', {
        id,
        parameters: { temperature: 0.5 },
      });
      expect(redeployed.userErrors).toEqual([]);
      await waitFor(async () => (await read(id)).status === 'FAILED', 30_000, 'v2 failed');
    } finally {
      await rename(`${modelFile}.away`, modelFile);
    }
    const failed = await read(id);
    expect(failed).toMatchObject({ status: 'FAILED', serving: true });
    expect((await call()).status).toBe(200);

    const refused = await deleteDeployment(id);
    expect(refused.deletedDeploymentId).toBeNull();
    expect(refused.userErrors).toEqual([
      {
        field: ['input', 'id'],
        code: 'INVALID_STATE',
        message: 'A deployment whose replicas still run cannot be deleted (it is FAILED); undeploy it first.',
      },
    ]);

    const undeployed = await mutate('undeployDeployment', 'UndeployDeploymentInput', { id });
    expect(undeployed.userErrors).toEqual([]);
    expect(undeployed.deployment!.status).toBe('UNDEPLOYED');
    const afterUndeploy = await call();
    expect(afterUndeploy.status).toBe(409);
    expect(((await afterUndeploy.json()) as { error: { code: string } }).error.code).toBe(
      'deployment_undeployed',
    );
    expect(server.app.services.runtime.replicas(deploymentId)).toEqual([]);
    expect((await read(id)).serving).toBe(false);
    expect((await deleteDeployment(id)).deletedDeploymentId).toBe(id);
  }, 180_000);

  it('refuses to delete a platform model, and a model that has deployments (their history stays)', async () => {
    const platform = await deleteModel(demoModelId);
    expect(platform).toEqual({
      deletedModelId: null,
      userErrors: [
        {
          field: ['input', 'id'],
          code: 'INVALID_STATE',
          message:
            'hangar-demo-tiny-llama is a platform model; it comes with the server and cannot be deleted.',
        },
      ],
    });

    // A file model of our own (a copy of the demo GGUF), with one deployment saved but never started.
    const em = server.app.orm.em.fork();
    const model = em.create(Model, {
      name: 'own model',
      source: ModelSource.FILE,
      format: ModelFormat.GGUF,
      storagePath: 'own/model.gguf',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await em.flush();
    await mkdir(join(server.config.dataDir, 'models', 'own'), { recursive: true });
    await copyFile(
      join(server.config.dataDir, 'models', 'demo', DEMO_MODEL_FILE_NAME),
      join(server.config.dataDir, 'models', 'own', 'model.gguf'),
    );
    const saved = await mutate('deployModel', 'DeployModelInput', {
      modelId: model.globalId,
      name: 'saved for later',
      hardwareProfileId: 'local-cpu',
      acceptTerms: true,
      startNow: false,
    });
    expect(saved.userErrors).toEqual([]);

    const inUse = await deleteModel(model.globalId);
    expect(inUse).toEqual({
      deletedModelId: null,
      userErrors: [
        {
          field: ['input', 'id'],
          code: 'IN_USE',
          message:
            'The model has 1 deployment(s) (0 active) with their history, events and API keys; undeploy and delete them before deleting the model.',
        },
      ],
    });
    expect(await em.fork().count(Deployment, { model: model.id })).toBe(1);

    expect((await deleteDeployment(saved.deployment!.id)).userErrors).toEqual([]);
    expect(await deleteModel(model.globalId)).toEqual({ deletedModelId: model.globalId, userErrors: [] });
  }, 60_000);

  it('a redeploy while v1 is still DEPLOYING closes v1 at once', async () => {
    const deployed = await mutate('deployModel', 'DeployModelInput', {
      modelId: demoModelId,
      name: 'superseded',
      hardwareProfileId: 'local-cpu',
      acceptTerms: true,
    });
    const { id } = deployed.deployment!;
    const redeployed = await mutate('redeployDeployment', 'RedeployDeploymentInput', {
      id,
      parameters: { temperature: 0.4 },
    });
    expect(redeployed.userErrors).toEqual([]);
    const v1 = (await read(id)).versions.find((v) => v.version === 1)!;
    expect(v1).toMatchObject({
      status: 'FAILED',
      failureReason: 'Superseded by version 2 before it was ready.',
    });
    expect(v1.endedAt).not.toBeNull();
    await waitFor(async () => (await read(id)).status === 'DEPLOYED', 90_000, 'v2 deployed');
    await mutate('undeployDeployment', 'UndeployDeploymentInput', { id });
  }, 120_000);

  it('one reconcile closes the rows a crash left open: an unfinished superseded version, an undeploy never ended', async () => {
    const saved = await mutate('deployModel', 'DeployModelInput', {
      modelId: demoModelId,
      name: 'crashed rows',
      hardwareProfileId: 'local-cpu',
      acceptTerms: true,
      startNow: false,
    });
    const { id } = saved.deployment!;
    // Rows as an older server left them when it was killed: v1 still DEPLOYING behind v2, and v2's undeploy
    // started (before this server started) but never ended.
    const em = server.app.orm.em.fork();
    const deployment = await em.findOneOrFail(Deployment, { deploymentId: saved.deployment!.deploymentId });
    const before = new Date(Date.now() - 3600_000);
    for (const version of [1, 2]) {
      em.create(DeploymentVersion, {
        deployment,
        version,
        name: `crashed rows_v${version}`,
        trigger: 'DEPLOY' as never,
        config: deployment.config,
        startedAt: before,
        status: version === 1 ? VersionStatus.DEPLOYING : VersionStatus.SUCCESS,
        endedAt: version === 1 ? null : before,
        undeployStartedAt: version === 2 ? before : null,
        undeployedBySystem: false,
      });
    }
    deployment.currentVersion = 2;
    deployment.status = 'UNDEPLOYED' as never;
    await em.flush();

    await server.app.services.deployments.reconcile();
    const rows = await em
      .fork()
      .find(DeploymentVersion, { deployment: deployment.id }, { orderBy: { version: 'asc' } });
    expect(rows.map((r) => [r.version, r.status, r.failureReason ?? null])).toEqual([
      [1, 'FAILED', 'Superseded by version 2 before it was ready.'],
      [2, 'SUCCESS', null],
    ]);
    expect(rows[0]!.endedAt).not.toBeNull();
    expect(rows[1]!.undeployEndedAt).not.toBeNull();
    const events = await server.gql<{ deployment: { events: { message: string }[] } }>(
      `query($id: ID!) { deployment(id: $id) { events { message } } }`,
      { id },
    );
    expect(events.data.deployment.events.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        'crashed rows_v1 failed: Superseded by version 2 before it was ready.',
        'crashed rows_v2: undeploy completed after an interruption.',
      ]),
    );
  }, 60_000);

  it('the local runtime is reconciled periodically: a deployment it stopped running comes back', async () => {
    const deployed = await mutate('deployModel', 'DeployModelInput', {
      modelId: demoModelId,
      name: 'comes back',
      hardwareProfileId: 'local-cpu',
      acceptTerms: true,
    });
    const { id, deploymentId } = deployed.deployment!;
    await waitFor(async () => (await read(id)).status === 'DEPLOYED', 90_000, 'deployed');
    // Behind the service's back, as a runtime that lost its replicas would be.
    await server.app.services.runtime.stop(deploymentId);
    await waitFor(
      async () => server.app.services.runtime.replicas(deploymentId).some((r) => r.status === 'READY'),
      90_000,
      'the replica started again by a periodic reconcile',
    );
    const events = await server.gql<{ deployment: { events: { message: string }[] } }>(
      `query($id: ID!) { deployment(id: $id) { events { message } } }`,
      { id },
    );
    expect(events.data.deployment.events.map((e) => e.message)).toContain(
      'The runtime was not running this deployment; starting it again.',
    );
    await mutate('undeployDeployment', 'UndeployDeploymentInput', { id });
  }, 180_000);
});
