import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startTestServer, type TestServer } from './harness.js';

const DEPLOY = `mutation($input: DeployModelInput!) { deployModel(input: $input) { deployment { id status } userErrors { field message code } } }`;

type Payload = {
  deployment: { id: string; status: string } | null;
  userErrors: { field: string[] | null; message: string; code: string }[];
};

describe.each(DATABASES)('refusal rules on %s', (db) => {
  let server: TestServer;
  let demoModelId: string;
  const valid = () => ({
    modelId: demoModelId,
    name: 'Refusals',
    hardwareProfileId: 'local-cpu',
    acceptTerms: true,
    startNow: false,
  });

  async function deployErrors(overrides: Record<string, unknown>) {
    const result = await server.gql<{ deployModel: Payload }>(DEPLOY, {
      input: { ...valid(), ...overrides },
    });
    expect(result.errors).toBeUndefined();
    return result.data.deployModel;
  }

  beforeAll(async () => {
    server = await startTestServer({ db });
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    demoModelId = models.data.models.nodes[0]!.id;
  });
  afterAll(async () => server?.cleanup());

  it.each([
    [
      'temperature above 2',
      { parameters: { temperature: 2.5 } },
      ['input', 'parameters', 'temperature'],
      'OUT_OF_RANGE',
    ],
    [
      'negative temperature',
      { parameters: { temperature: -0.1 } },
      ['input', 'parameters', 'temperature'],
      'OUT_OF_RANGE',
    ],
    ['max length 0', { parameters: { maxLength: 0 } }, ['input', 'parameters', 'maxLength'], 'OUT_OF_RANGE'],
    ['top p above 1', { parameters: { topP: 1.5 } }, ['input', 'parameters', 'topP'], 'OUT_OF_RANGE'],
    ['top k 0', { parameters: { topK: 0 } }, ['input', 'parameters', 'topK'], 'OUT_OF_RANGE'],
    ['top k 101', { parameters: { topK: 101 } }, ['input', 'parameters', 'topK'], 'OUT_OF_RANGE'],
    [
      'five stop sequences',
      { parameters: { stopSequences: ['a', 'b', 'c', 'd', 'e'] } },
      ['input', 'parameters', 'stopSequences'],
      'TOO_MANY',
    ],
    [
      'batch size 0',
      { parameters: { inferenceBatchSize: 0 } },
      ['input', 'parameters', 'inferenceBatchSize'],
      'OUT_OF_RANGE',
    ],
    [
      'batch size 257',
      { parameters: { inferenceBatchSize: 257 } },
      ['input', 'parameters', 'inferenceBatchSize'],
      'OUT_OF_RANGE',
    ],
    ['min replicas 0', { scaling: { minReplicas: 0 } }, ['input', 'scaling', 'minReplicas'], 'OUT_OF_RANGE'],
    [
      'min replicas 11',
      { scaling: { minReplicas: 11, maxReplicas: 20 } },
      ['input', 'scaling', 'minReplicas'],
      'OUT_OF_RANGE',
    ],
    [
      'max replicas 51',
      { scaling: { maxReplicas: 51 } },
      ['input', 'scaling', 'maxReplicas'],
      'OUT_OF_RANGE',
    ],
    [
      'max below min',
      { scaling: { minReplicas: 3, maxReplicas: 2 } },
      ['input', 'scaling', 'maxReplicas'],
      'OUT_OF_RANGE',
    ],
    [
      'scale-up delay 3601',
      { scaling: { scaleUpDelaySeconds: 3601 } },
      ['input', 'scaling', 'scaleUpDelaySeconds'],
      'OUT_OF_RANGE',
    ],
    [
      'negative scale-down delay',
      { scaling: { scaleDownDelaySeconds: -1 } },
      ['input', 'scaling', 'scaleDownDelaySeconds'],
      'OUT_OF_RANGE',
    ],
    ['timeout 29', { endpointTimeoutSeconds: 29 }, ['input', 'endpointTimeoutSeconds'], 'OUT_OF_RANGE'],
    ['timeout 181', { endpointTimeoutSeconds: 181 }, ['input', 'endpointTimeoutSeconds'], 'OUT_OF_RANGE'],
    ['terms not accepted', { acceptTerms: false }, ['input', 'acceptTerms'], 'TERMS_NOT_ACCEPTED'],
    ['empty name', { name: '  ' }, ['input', 'name'], 'REQUIRED'],
    ['unknown hardware', { hardwareProfileId: 'nope' }, ['input', 'hardwareProfileId'], 'NOT_FOUND'],
    [
      'GPU hardware on the local runtime',
      { hardwareProfileId: 'nvidia-a10g-x1' },
      ['input', 'hardwareProfileId'],
      'UNSUPPORTED',
    ],
    [
      'vLLM optimization on the local runtime',
      { optimization: { technique: 'VLLM', quantization: 'AWQ' } },
      ['input', 'optimization', 'technique'],
      'UNSUPPORTED',
    ],
    [
      'quantization the technique does not offer',
      { optimization: { technique: 'CTRANSLATE2', quantization: 'AWQ' } },
      ['input', 'optimization', 'quantization'],
      'UNSUPPORTED',
    ],
    [
      'unknown model',
      { modelId: 'TW9kZWw6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw' },
      ['input', 'modelId'],
      'NOT_FOUND',
    ],
  ])('refuses %s with a userError naming the field', async (_label, overrides, field, code) => {
    const payload = await deployErrors(overrides);
    expect(payload.deployment).toBeNull();
    expect(payload.userErrors).toContainEqual(expect.objectContaining({ field, code }));
    expect(payload.userErrors.every((e) => e.message.length > 10)).toBe(true);
  });

  it('reports every violation at once and creates nothing', async () => {
    const before = await server.gql<{ deployments: { totalCount: number } }>(
      `{ deployments { totalCount } }`,
    );
    const payload = await deployErrors({
      acceptTerms: false,
      parameters: { temperature: 9, topK: 0 },
      scaling: { minReplicas: 0 },
    });
    expect(payload.userErrors.map((e) => e.field?.join('.'))).toEqual(
      expect.arrayContaining([
        'input.acceptTerms',
        'input.parameters.temperature',
        'input.parameters.topK',
        'input.scaling.minReplicas',
      ]),
    );
    const after = await server.gql<{ deployments: { totalCount: number } }>(`{ deployments { totalCount } }`);
    expect(after.data.deployments.totalCount).toBe(before.data.deployments.totalCount);
  });

  it('refuses redeploy, rollback and undeploy of a saved deployment, checks its edits, and deletes it', async () => {
    const created = await deployErrors({ name: 'Saved for later' });
    expect(created.userErrors).toEqual([]);
    expect(created.deployment?.status).toBe('READY_TO_DEPLOY');
    const id = created.deployment!.id;

    const redeploy = await server.gql<{ redeployDeployment: Payload }>(
      `mutation($input: RedeployDeploymentInput!) { redeployDeployment(input: $input) { deployment { id status } userErrors { field message code } } }`,
      { input: { id, parameters: { temperature: 1 } } },
    );
    expect(redeploy.data.redeployDeployment.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'id'], code: 'INVALID_STATE' }),
    ]);

    const rollback = await server.gql<{ rollbackDeployment: Payload }>(
      `mutation($input: RollbackDeploymentInput!) { rollbackDeployment(input: $input) { deployment { id } userErrors { field code } } }`,
      { input: { id, version: 1 } },
    );
    expect(rollback.data.rollbackDeployment.userErrors.map((e) => e.code)).toContain('INVALID_STATE');

    const undeploy = await server.gql<{ undeployDeployment: Payload }>(
      `mutation($input: UndeployDeploymentInput!) { undeployDeployment(input: $input) { deployment { id } userErrors { field code } } }`,
      { input: { id } },
    );
    expect(undeploy.data.undeployDeployment.userErrors).toEqual([
      { field: ['input', 'id'], code: 'INVALID_STATE' },
    ]);

    const update = await server.gql<{ updateDeployment: Payload }>(
      `mutation($input: UpdateDeploymentInput!) { updateDeployment(input: $input) { deployment { id } userErrors { field code } } }`,
      { input: { id, endpointTimeoutSeconds: 200, tags: ['x'.repeat(80)] } },
    );
    expect(update.data.updateDeployment.userErrors).toEqual(
      expect.arrayContaining([
        { field: ['input', 'endpointTimeoutSeconds'], code: 'OUT_OF_RANGE' },
        { field: ['input', 'tags', '0'], code: 'INVALID' },
      ]),
    );
    const okUpdate = await server.gql<{
      updateDeployment: { deployment: { endpointTimeoutSeconds: number; tags: string[] } };
    }>(
      `mutation($input: UpdateDeploymentInput!) { updateDeployment(input: $input) { deployment { endpointTimeoutSeconds tags } userErrors { code } } }`,
      { input: { id, endpointTimeoutSeconds: 120, tags: ['a', 'a', ' b '] } },
    );
    expect(okUpdate.data.updateDeployment.deployment).toEqual({
      endpointTimeoutSeconds: 120,
      tags: ['a', 'b'],
    });

    // READY_TO_DEPLOY can be deleted; the model cannot be deleted while a deployment is active (none here).
    const deleted = await server.gql<{
      deleteDeployment: { deletedDeploymentId: string | null; userErrors: unknown[] };
    }>(
      `mutation($input: DeleteDeploymentInput!) { deleteDeployment(input: $input) { deletedDeploymentId userErrors { code } } }`,
      { input: { id } },
    );
    expect(deleted.data.deleteDeployment).toEqual({ deletedDeploymentId: id, userErrors: [] });
    const gone = await server.gql(`query($id: ID!) { deployment(id: $id) { id } }`, { id });
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('edits only description and tags of a model, and refuses bad values', async () => {
    const bad = await server.gql<{ updateModel: { userErrors: { field: string[]; code: string }[] } }>(
      `mutation($input: UpdateModelInput!) { updateModel(input: $input) { model { id } userErrors { field code } } }`,
      { input: { id: demoModelId, description: 'x'.repeat(2001) } },
    );
    expect(bad.data.updateModel.userErrors).toEqual([{ field: ['input', 'description'], code: 'INVALID' }]);
    const ok = await server.gql<{
      updateModel: { model: { name: string; description: string; tags: string[] } };
    }>(
      `mutation($input: UpdateModelInput!) { updateModel(input: $input) { model { name description tags } userErrors { code } } }`,
      { input: { id: demoModelId, description: 'Edited', tags: ['demo', 'offline'] } },
    );
    expect(ok.data.updateModel.model).toEqual({
      name: 'hangar-demo-tiny-llama',
      description: 'Edited',
      tags: ['demo', 'offline'],
    });
    const renamed = await server.gql(
      `mutation($input: UpdateModelInput!) { updateModel(input: $input) { model { id } } }`,
      { input: { id: demoModelId, name: 'other' } },
    );
    expect(renamed.status).toBe(400);
  });
});
