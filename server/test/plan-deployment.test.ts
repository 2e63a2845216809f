import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';

/** planDeployment on the local runtime (the Nomad side is in nomad-app.test.ts). */

const PLAN = `query($i: PlanDeploymentInput!) {
  planDeployment(input: $i) { fits reasons userErrors { field code } }
}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ db: 'sqlite' });
});
afterAll(async () => server?.cleanup());

it('the demo model fits the local runtime', async () => {
  const models = await server.gql<{ models: { nodes: { id: string; format: string }[] } }>(
    `{ models { nodes { id format } } }`,
  );
  const demo = models.data.models.nodes.find((model) => model.format === 'GGUF')!;
  const plan = await server.gql(PLAN, { i: { modelId: demo.id, hardwareProfileId: 'local-cpu' } });
  expect(plan.data).toEqual({ planDeployment: { fits: true, reasons: [], userErrors: [] } });
});

it('a Hugging Face model does not fit the local runtime, and says it needs a GPU runtime', async () => {
  const plan = await server.gql<{ planDeployment: { fits: boolean; reasons: string[] } }>(PLAN, {
    i: { catalogEntryId: 'meta-llama/Llama-3.2-1B', hardwareProfileId: 'local-cpu' },
  });
  expect(plan.data.planDeployment.fits).toBe(false);
  expect(plan.data.planDeployment.reasons).toEqual([expect.stringContaining('needs a GPU runtime (Nomad)')]);
});

it('GPU hardware is refused on the local runtime as a userError naming the field', async () => {
  const plan = await server.gql(PLAN, {
    i: { catalogEntryId: 'meta-llama/Llama-3.2-1B', hardwareProfileId: 'nvidia-a10g-x1' },
  });
  expect(plan.data).toEqual({
    planDeployment: {
      fits: null,
      reasons: [],
      userErrors: [{ field: ['input', 'hardwareProfileId'], code: 'UNSUPPORTED' }],
    },
  });
});
