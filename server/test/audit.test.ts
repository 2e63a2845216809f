import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGgufBaseArchive } from './fixtures/archives/archive-builders.js';
import { createUpload, patchUpload } from './fixtures/tus-requests.js';
import { startTestServer, waitFor, type TestServer } from './harness.js';

type Ids = Record<string, string>;

/**
 * Every mutation of the schema, each with one call that succeeds; the audit log must then name every one.
 * A mutation added to the schema without a case here fails the first test: audit coverage cannot drift.
 */
describe('the audit log', () => {
  let server: TestServer;
  let work: string;
  const ids: Ids = {};

  /** Runs a mutation, fails on any error or userError, and returns its payload. */
  async function mutate(field: string, inputType: string, input: unknown, selection: string) {
    const result = await server.gql<Record<string, Record<string, unknown> & { userErrors: unknown[] }>>(
      `mutation($input: ${inputType}!) { ${field}(input: $input) { ${selection} userErrors { field code message } } }`,
      { input },
    );
    expect(result.errors, `${field} errors`).toBeUndefined();
    expect(result.data[field]!.userErrors, `${field} userErrors`).toEqual([]);
    return result.data[field]!;
  }

  const deploymentStatus = async (id: string) =>
    (
      await server.gql<{ deployment: { status: string } }>(
        `query($id: ID!) { deployment(id: $id) { status } }`,
        { id },
      )
    ).data.deployment.status;
  const settledAs = (id: string, status: string) =>
    waitFor(async () => (await deploymentStatus(id)) === status, 60_000, `deployment ${status}`);

  /** In order: later cases use what earlier ones created. */
  const CASES: [string, () => Promise<void>][] = [
    [
      'createUser',
      async () => {
        const p = await mutate(
          'createUser',
          'CreateUserInput',
          { name: 'auditee', email: 'a@example.com', role: 'VIEWER' },
          'user { id }',
        );
        ids.user = (p.user as { id: string }).id;
      },
    ],
    [
      'updateUserRole',
      async () => {
        await mutate(
          'updateUserRole',
          'UpdateUserRoleInput',
          { id: ids.user, role: 'DEPLOYER' },
          'user { role }',
        );
      },
    ],
    [
      'createProject',
      async () => {
        const p = await mutate(
          'createProject',
          'CreateProjectInput',
          { name: 'Audited Co' },
          'project { id }',
        );
        ids.project = (p.project as { id: string }).id;
      },
    ],
    [
      'renameProject',
      async () => {
        await mutate(
          'renameProject',
          'RenameProjectInput',
          { id: ids.project, name: 'Audited Inc' },
          'project { name }',
        );
      },
    ],
    [
      'setProjectQuotas',
      async () => {
        await mutate(
          'setProjectQuotas',
          'SetProjectQuotasInput',
          { projectId: ids.project, maxReplicas: 4 },
          'project { id }',
        );
      },
    ],
    [
      'setProjectBudget',
      async () => {
        await mutate(
          'setProjectBudget',
          'SetProjectBudgetInput',
          { projectId: ids.project, monthlyTokenBudget: 50_000 },
          'project { id }',
        );
      },
    ],
    [
      'setProjectMember',
      async () => {
        await mutate(
          'setProjectMember',
          'SetProjectMemberInput',
          { projectId: ids.project, userId: ids.user, role: 'DEPLOYER' },
          'member { role }',
        );
      },
    ],
    [
      'removeProjectMember',
      async () => {
        await mutate(
          'removeProjectMember',
          'RemoveProjectMemberInput',
          { projectId: ids.project, userId: ids.user },
          'project { id }',
        );
      },
    ],
    [
      'deleteProject',
      async () => {
        await mutate('deleteProject', 'DeleteProjectInput', { id: ids.project }, 'deletedProjectId');
      },
    ],
    [
      'createAccessToken',
      async () => {
        const p = await mutate(
          'createAccessToken',
          'CreateAccessTokenInput',
          { name: 'laptop' },
          'token accessToken { id }',
        );
        ids.accessToken = (p.accessToken as { id: string }).id;
      },
    ],
    [
      'revokeAccessToken',
      async () => {
        await mutate(
          'revokeAccessToken',
          'RevokeAccessTokenInput',
          { id: ids.accessToken },
          'accessToken { id }',
        );
      },
    ],
    [
      'createConnection',
      async () => {
        const p = await mutate(
          'createConnection',
          'CreateConnectionInput',
          { name: 'hf', token: 'hf_abcdefghijklmnopqrstuvwxyz012345' },
          'connection { id }',
        );
        ids.connection = (p.connection as { id: string }).id;
      },
    ],
    [
      'testConnection',
      async () => {
        // No hub listens (HANGAR_HF_ENDPOINT above): the check fails, and is audited all the same.
        await mutate('testConnection', 'TestConnectionInput', { id: ids.connection }, 'result { ok }');
      },
    ],
    [
      'deleteConnection',
      async () => {
        await mutate(
          'deleteConnection',
          'DeleteConnectionInput',
          { id: ids.connection },
          'deletedConnectionId',
        );
      },
    ],
    [
      'deployModel',
      async () => {
        const p = await mutate(
          'deployModel',
          'DeployModelInput',
          {
            modelId: ids.demo,
            name: 'Audited',
            hardwareProfileId: 'local-cpu',
            acceptTerms: true,
            startNow: false,
          },
          'deployment { id status }',
        );
        ids.deployment = (p.deployment as { id: string }).id;
      },
    ],
    [
      'attachAdapter',
      async () => {
        // One of the demo adapters on the demo model; the deployment is saved, not running: the list is stored.
        const found = await server.gql<{ models: { nodes: { id: string }[] } }>(
          `{ models(filter: { search: "Hangar LoRA Uppercase" }) { nodes { id } } }`,
        );
        ids.adapter = found.data.models.nodes[0]!.id;
        await mutate(
          'attachAdapter',
          'AttachAdapterInput',
          { deploymentId: ids.deployment, adapterModelId: ids.adapter },
          'deployment { id }',
        );
      },
    ],
    [
      'detachAdapter',
      async () => {
        await mutate(
          'detachAdapter',
          'DetachAdapterInput',
          { deploymentId: ids.deployment, adapterModelId: ids.adapter },
          'deployment { id }',
        );
      },
    ],
    [
      'updateDeployment',
      async () => {
        await mutate(
          'updateDeployment',
          'UpdateDeploymentInput',
          { id: ids.deployment, description: 'audited' },
          'deployment { id }',
        );
      },
    ],
    [
      'retriggerDeployment',
      async () => {
        await mutate(
          'retriggerDeployment',
          'RetriggerDeploymentInput',
          { id: ids.deployment },
          'deployment { id }',
        );
        await settledAs(ids.deployment!, 'DEPLOYED');
      },
    ],
    [
      'redeployDeployment',
      async () => {
        await mutate(
          'redeployDeployment',
          'RedeployDeploymentInput',
          { id: ids.deployment, parameters: { temperature: 0.2 } },
          'deployment { id }',
        );
        await settledAs(ids.deployment!, 'DEPLOYED');
      },
    ],
    [
      'rollbackDeployment',
      async () => {
        await mutate(
          'rollbackDeployment',
          'RollbackDeploymentInput',
          { id: ids.deployment, version: 1 },
          'deployment { id }',
        );
        await settledAs(ids.deployment!, 'DEPLOYED');
      },
    ],
    [
      'startCanary',
      async () => {
        await mutate(
          'startCanary',
          'StartCanaryInput',
          { id: ids.deployment, weightPercent: 10, autoRollback: { enabled: false } },
          'deployment { id }',
        );
        await waitFor(
          async () =>
            (
              await server.gql<{ deployment: { replicas: { version: number; status: string }[] } }>(
                `query($id: ID!) { deployment(id: $id) { replicas { version status } } }`,
                { id: ids.deployment },
              )
            ).data.deployment.replicas.some((r) => r.version === 4 && r.status === 'READY'),
          60_000,
          'the canary serving',
        );
        await server.app.services.deployments.settled();
      },
    ],
    [
      'setCanaryWeight',
      async () => {
        await mutate(
          'setCanaryWeight',
          'SetCanaryWeightInput',
          { id: ids.deployment, weightPercent: 30 },
          'deployment { id }',
        );
      },
    ],
    [
      'promoteCanary',
      async () => {
        await mutate('promoteCanary', 'PromoteCanaryInput', { id: ids.deployment }, 'deployment { id }');
      },
    ],
    [
      'rollbackCanary',
      async () => {
        await mutate(
          'startCanary',
          'StartCanaryInput',
          { id: ids.deployment, weightPercent: 10 },
          'deployment { id }',
        );
        await mutate('rollbackCanary', 'RollbackCanaryInput', { id: ids.deployment }, 'deployment { id }');
      },
    ],
    [
      'createApiKey',
      async () => {
        const p = await mutate(
          'createApiKey',
          'CreateApiKeyInput',
          { deploymentId: ids.deployment, name: 'ci' },
          'apiKey { id }',
        );
        ids.apiKey = (p.apiKey as { id: string }).id;
      },
    ],
    [
      'createPlaygroundKey',
      async () => {
        await mutate(
          'createPlaygroundKey',
          'CreatePlaygroundKeyInput',
          { deploymentId: ids.deployment },
          'apiKey { id }',
        );
      },
    ],
    [
      'setApiKeyBudget',
      async () => {
        await mutate(
          'setApiKeyBudget',
          'SetApiKeyBudgetInput',
          { apiKeyId: ids.apiKey, monthlyTokenBudget: 1000 },
          'apiKey { id }',
        );
      },
    ],
    [
      'revokeApiKey',
      async () => {
        await mutate('revokeApiKey', 'RevokeApiKeyInput', { id: ids.apiKey }, 'apiKey { id }');
      },
    ],
    [
      'undeployDeployment',
      async () => {
        await mutate(
          'undeployDeployment',
          'UndeployDeploymentInput',
          { id: ids.deployment },
          'deployment { id }',
        );
        await settledAs(ids.deployment!, 'UNDEPLOYED');
      },
    ],
    [
      'deleteDeployment',
      async () => {
        await mutate(
          'deleteDeployment',
          'DeleteDeploymentInput',
          { id: ids.deployment },
          'deletedDeploymentId',
        );
      },
    ],
    [
      'importModel',
      async () => {
        const zipPath = join(work, 'audit.zip');
        await buildGgufBaseArchive(zipPath);
        const bytes = await readFile(zipPath);
        const tus = { baseUrl: server.app.url, token: server.adminToken };
        const created = await createUpload(tus, 'audit.zip', bytes.length);
        await patchUpload(tus, created.id!, 0, bytes);
        const p = await mutate(
          'importModel',
          'ImportModelInput',
          { uploadId: created.id, kind: 'BASE' },
          'model { id }',
        );
        ids.model = (p.model as { id: string }).id;
        await waitFor(
          async () => {
            const r = await server.gql<{ model: { status: string } }>(
              `query($id: ID!) { model(id: $id) { status } }`,
              { id: ids.model },
            );
            return r.data.model.status === 'READY_TO_DEPLOY';
          },
          60_000,
          'the import',
        );
      },
    ],
    [
      'updateModel',
      async () => {
        await mutate(
          'updateModel',
          'UpdateModelInput',
          { id: ids.model, description: 'audited' },
          'model { id }',
        );
      },
    ],
    [
      'exportModel',
      async () => {
        await mutate('exportModel', 'ExportModelInput', { id: ids.model }, 'url');
      },
    ],
    [
      'deleteModel',
      async () => {
        await mutate('deleteModel', 'DeleteModelInput', { id: ids.model }, 'deletedModelId');
      },
    ],
  ];

  beforeAll(async () => {
    // testConnection asks a hub: a closed local port answers at once (refused), with no network.
    server = await startTestServer({ db: 'sqlite', env: { HANGAR_HF_ENDPOINT: 'http://127.0.0.1:9' } });
    work = await mkdtemp(join(tmpdir(), 'hangar-audit-test-'));
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    ids.demo = models.data.models.nodes[0]!.id;
  });
  afterAll(async () => {
    await server?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it('has a case for every mutation field of the schema', () => {
    const mutations = Object.keys(server.app.schema.getMutationType()!.getFields()).sort();
    expect(CASES.map(([name]) => name).sort()).toEqual(mutations);
  });

  it('records an audit event, with the actor, for every mutation of the schema', async () => {
    for (const [, run] of CASES) await run();
    const audit = await server.gql<{ auditEvents: { action: string; actorName: string }[] }>(
      `{ auditEvents(last: 1000) { action actorName } }`,
    );
    const byAction = new Map(audit.data.auditEvents.map((e) => [e.action, e.actorName]));
    const missing = CASES.map(([name]) => name).filter((name) => !byAction.has(name));
    expect(missing).toEqual([]);
    for (const [name] of CASES) expect(byAction.get(name), name).toBe('admin');
  });
});
