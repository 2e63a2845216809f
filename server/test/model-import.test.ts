import OpenAI from 'openai';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAdapterArchive,
  buildGgufBaseArchive,
  buildHfBaseArchive,
  adapterItems,
  adapterConfig,
  writeZip,
} from './fixtures/archives/archive-builders.js';
import {
  createUpload,
  headUpload,
  patchThenDisconnect,
  patchUpload,
  type TusTarget,
} from './fixtures/tus-requests.js';
import { collect, startTestServer, waitFor, type TestServer } from './harness.js';

const MODEL_FIELDS = `id name status statusDetail format kind sizeBytes bytesReceived bytesTotal
  importError { class message } facts baseModel { name }`;

interface ModelView {
  id: string;
  name: string;
  status: string;
  statusDetail: string | null;
  format: string;
  kind: string;
  sizeBytes: number;
  bytesReceived: number;
  bytesTotal: number | null;
  importError: { class: string; message: string } | null;
  facts: Record<string, unknown> | null;
  baseModel: { name: string } | null;
}

/** The database id inside a Relay global id (the model store's folder name). */
const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

const IMPORT = `mutation($input: ImportModelInput!) { importModel(input: $input) {
  model { ${MODEL_FIELDS} } userErrors { field code message } } }`;

describe('model import over tus', () => {
  let server: TestServer & { dataDir: string };
  let tus: TusTarget;
  let work: string;

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite' });
    tus = { baseUrl: server.app.url, token: server.adminToken };
    work = await mkdtemp(join(tmpdir(), 'hangar-import-test-'));
  });
  afterAll(async () => {
    await server?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  const importUpload = (input: Record<string, unknown>) =>
    server.gql<{
      importModel: {
        model: ModelView | null;
        userErrors: { field: string[]; code: string; message: string }[];
      };
    }>(IMPORT, { input });
  const getModel = async (id: string) =>
    (await server.gql<{ model: ModelView }>(`query($id: ID!) { model(id: $id) { ${MODEL_FIELDS} } }`, { id }))
      .data.model;
  const waitSettled = (id: string) =>
    waitFor(
      async () => {
        const m = await getModel(id);
        return m.status === 'READY_TO_DEPLOY' || m.status === 'IMPORT_FAILED' ? m : null;
      },
      60_000,
      'the import to end',
    );

  /** Uploads a whole file in one PATCH and imports it. */
  async function uploadAndImport(path: string, fileName: string, input: Record<string, unknown>) {
    const bytes = await readFile(path);
    const created = await createUpload(tus, fileName, bytes.length);
    expect(created.status).toBe(201);
    const patched = await patchUpload(tus, created.id!, 0, bytes);
    expect(patched.offset).toBe(bytes.length);
    const result = await importUpload({ uploadId: created.id, ...input });
    expect(result.data.importModel.userErrors).toEqual([]);
    return waitSettled(result.data.importModel.model!.id);
  }

  it('uploads a GGUF zip in chunks, survives a dropped connection, validates, deploys and answers', async () => {
    const zipPath = join(work, 'tiny.zip');
    await buildGgufBaseArchive(zipPath);
    const bytes = await readFile(zipPath);
    const chunk = Math.ceil(bytes.length / 4);

    const created = await createUpload(tus, 'Tiny Llama (demo).zip', bytes.length);
    expect(created.status).toBe(201);
    const id = created.id!;
    const first = await patchUpload(tus, id, 0, bytes.subarray(0, chunk));
    expect(first).toMatchObject({ status: 204, offset: chunk });

    const imported = await importUpload({
      uploadId: id,
      kind: 'BASE',
      description: 'uploaded',
      tags: ['t1'],
    });
    expect(imported.data.importModel.userErrors).toEqual([]);
    const model = imported.data.importModel.model!;
    expect(model).toMatchObject({
      name: 'Tiny-Llama-demo',
      status: 'IMPORTING',
      bytesReceived: chunk,
      bytesTotal: bytes.length,
    });

    const ws = server.ws();
    const updates = collect<{ modelUpdated: { status: string; bytesReceived: number } | null }>(
      ws,
      `subscription($id: ID) { modelUpdated(id: $id) { status bytesReceived } }`,
      { id: model.id },
      (items) =>
        items.some((i) => ['READY_TO_DEPLOY', 'IMPORT_FAILED'].includes(i.modelUpdated?.status ?? '')),
    );
    await updates.ready;

    // The second chunk's connection drops halfway: the server keeps what arrived.
    await patchThenDisconnect(tus, id, chunk, bytes.subarray(chunk, 2 * chunk), Math.floor(chunk / 2));
    const resumedAt = await waitFor(
      async () => {
        const head = await headUpload(tus, id);
        return head.offset > chunk ? head.offset : null;
      },
      10_000,
      'the partial chunk to be stored',
    );
    expect(resumedAt).toBeLessThan(2 * chunk);
    // Resuming from the reported offset continues the upload; it does not start over.
    let offset = resumedAt;
    while (offset < bytes.length) {
      const next = await patchUpload(
        tus,
        id,
        offset,
        bytes.subarray(offset, Math.min(offset + chunk, bytes.length)),
      );
      expect(next.status).toBe(204);
      offset = next.offset;
    }

    const seen = (await updates.done).map((i) => i.modelUpdated!);
    const statuses = seen.map((s) => s.status);
    expect(statuses).toContain('VALIDATING');
    expect(statuses.at(-1)).toBe('READY_TO_DEPLOY');
    expect(statuses.indexOf('VALIDATING')).toBeLessThan(statuses.indexOf('READY_TO_DEPLOY'));
    expect(
      seen.some((s) => s.status === 'IMPORTING' && s.bytesReceived > chunk && s.bytesReceived < bytes.length),
    ).toBe(true);

    const ready = await getModel(model.id);
    expect(ready).toMatchObject({
      format: 'GGUF',
      kind: 'BASE',
      bytesReceived: bytes.length,
      importError: null,
    });
    expect(ready.facts).toMatchObject({ architecture: 'llama' });
    // The archive's folder was stripped; the upload itself is gone once imported.
    expect(await readdir(join(server.dataDir, 'models', rawId(model.id)))).toEqual(['tiny-llama.gguf']);
    expect((await headUpload(tus, id)).status).toBe(404);

    const deployed = await server.gql<{
      deployModel: { deployment: { deploymentId: string } | null; userErrors: unknown[] };
    }>(
      `mutation($input: DeployModelInput!) { deployModel(input: $input) { deployment { deploymentId } userErrors { message } } }`,
      { input: { modelId: model.id, name: 'Imported', hardwareProfileId: 'local-cpu', acceptTerms: true } },
    );
    expect(deployed.data.deployModel.userErrors).toEqual([]);
    const deploymentId = deployed.data.deployModel.deployment!.deploymentId;
    const status = await waitFor(
      async () => {
        const r = await server.gql<{
          deployments: { nodes: { deploymentId: string; status: string; failureReason: string | null }[] };
        }>(`{ deployments { nodes { deploymentId status failureReason } } }`);
        const d = r.data.deployments.nodes.find((n) => n.deploymentId === deploymentId);
        return d && d.status !== 'DEPLOYING' ? d : null;
      },
      90_000,
      'the deployment',
    );
    expect(status).toMatchObject({ status: 'DEPLOYED' });
    const replica = server.app.services.runtime.replicas(deploymentId).find((r) => r.status === 'READY');
    const openai = new OpenAI({ baseURL: replica!.baseUrl, apiKey: 'unused' });
    const completion = await openai.chat.completions.create({
      model: 'imported',
      messages: [{ role: 'user', content: 'Hello' }],
      max_tokens: 8,
      // Greedy: random weights sometimes sample end-of-text first; the greedy path always writes tokens.
      temperature: 0,
    });
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
    await server.gql(
      `mutation($i: UndeployDeploymentInput!) { undeployDeployment(input: $i) { userErrors { message } } }`,
      {
        i: {
          id: (
            await server.gql<{ deployments: { nodes: { id: string; deploymentId: string }[] } }>(
              `{ deployments { nodes { id deploymentId } } }`,
            )
          ).data.deployments.nodes.find((n) => n.deploymentId === deploymentId)!.id,
        },
      },
    );
  }, 120_000);

  it('refuses uploads without a token, with a non-.zip name, or above the size limit, and foreign upload ids', async () => {
    const anonymous = await createUpload({ ...tus, token: null }, 'a.zip', 10);
    expect(anonymous.status).toBe(401);
    const wrongName = await createUpload(tus, 'model.tar.gz', 10);
    expect(wrongName.status).toBe(400);
    expect(wrongName.body).toContain('.zip');
    const noName = await createUpload(tus, null, 10);
    expect(noName.status).toBe(400);
    const tooBig = await createUpload(tus, 'huge.zip', 60 * 1024 ** 3);
    expect(tooBig.status).toBe(413);
    const unknown = await importUpload({ uploadId: 'does-not-exist', kind: 'BASE' });
    expect(unknown.data.importModel.userErrors[0]).toMatchObject({ code: 'NOT_FOUND' });
    // Nobody may download an upload through tus.
    const get = await fetch(`${server.app.url}/uploads/anything`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(get.status).toBe(405);
  });

  it('names models after the file, uniquely', async () => {
    const zipPath = join(work, 'hf.zip');
    await buildHfBaseArchive(zipPath);
    const a = await uploadAndImport(zipPath, 'tiny-llama.zip', { kind: 'BASE' });
    const b = await uploadAndImport(zipPath, 'tiny-llama.zip', { kind: 'BASE' });
    expect(a).toMatchObject({ name: 'tiny-llama', status: 'READY_TO_DEPLOY', format: 'HF_SAFETENSORS' });
    expect(b.name).toBe('tiny-llama-2');
    // A Hugging Face-layout model needs a GPU runtime: the local runtime says so.
    const deployed = await server.gql<{
      deployModel: {
        deployment: { id: string; deploymentId: string } | null;
        userErrors: { message: string }[];
      };
    }>(
      `mutation($input: DeployModelInput!) { deployModel(input: $input) { deployment { id deploymentId } userErrors { message } } }`,
      { input: { modelId: a.id, name: 'HF on CPU', hardwareProfileId: 'local-cpu', acceptTerms: true } },
    );
    const messages = [
      ...deployed.data.deployModel.userErrors.map((e) => e.message),
      ...(deployed.data.deployModel.deployment
        ? [
            (
              await waitFor(
                async () => {
                  const r = await server.gql<{
                    deployment: { status: string; failureReason: string | null };
                  }>(`query($id: ID!) { deployment(id: $id) { status failureReason } }`, {
                    id: deployed.data.deployModel.deployment!.id,
                  });
                  return r.data.deployment.status === 'FAILED' ? r.data.deployment : null;
                },
                20_000,
                'the refusal',
              )
            ).failureReason ?? '',
          ]
        : []),
    ];
    expect(messages.join(' ')).toMatch(/needs a GPU runtime/);
  });

  it('imports an adapter onto a compatible base and refuses an incompatible one', async () => {
    const base = (await getModels()).find((m) => m.name === 'tiny-llama')!;
    const adapterZip = join(work, 'adapter.zip');
    await buildAdapterArchive(adapterZip);
    const good = await uploadAndImport(adapterZip, 'my-lora.zip', { kind: 'ADAPTER', baseModelId: base.id });
    expect(good).toMatchObject({
      status: 'READY_TO_DEPLOY',
      kind: 'ADAPTER',
      format: 'ADAPTER',
      baseModel: { name: 'tiny-llama' },
    });

    const demo = (await getModels()).find(
      (m) => m.name !== 'tiny-llama' && m.format === 'GGUF' && m.kind === 'BASE',
    )!;
    const bad = await uploadAndImport(adapterZip, 'my-lora.zip', { kind: 'ADAPTER', baseModelId: demo.id });
    expect(bad.status).toBe('IMPORT_FAILED');
    expect(bad.importError?.class).toBe('COMPATIBILITY_PROBLEM');
    expect(bad.importError?.message).toMatch(/hangar\/tiny-llama/);
    expect(existsSync(join(server.dataDir, 'models', rawId(bad.id)))).toBe(false);

    // An adapter whose hidden size differs from the base's is refused too.
    const wideZip = join(work, 'wide.zip');
    await writeZip(wideZip, adapterItems({ hidden: 64, config: adapterConfig() }));
    const wide = await uploadAndImport(wideZip, 'wide-lora.zip', { kind: 'ADAPTER', baseModelId: base.id });
    expect(wide.importError?.class).toBe('COMPATIBILITY_PROBLEM');

    const noBase = await importUpload({ uploadId: 'x', kind: 'ADAPTER' });
    expect(noBase.data.importModel.userErrors.map((e) => e.code)).toContain('REQUIRED');
  });

  it('deletes a model while it is importing: the upload stops and nothing is left behind', async () => {
    const zipPath = join(work, 'tiny2.zip');
    await buildGgufBaseArchive(zipPath);
    const bytes = await readFile(zipPath);
    const created = await createUpload(tus, 'to-delete.zip', bytes.length);
    const id = created.id!;
    await patchUpload(tus, id, 0, bytes.subarray(0, 1000));
    const imported = await importUpload({ uploadId: id, kind: 'BASE' });
    const model = imported.data.importModel.model!;
    expect(model.status).toBe('IMPORTING');
    const uploadFile = join(server.dataDir, 'uploads', id);
    expect((await stat(uploadFile)).size).toBe(1000);

    const deleted = await server.gql<{
      deleteModel: { deletedModelId: string | null; userErrors: unknown[] };
    }>(
      `mutation($i: DeleteModelInput!) { deleteModel(input: $i) { deletedModelId userErrors { message } } }`,
      {
        i: { id: model.id },
      },
    );
    expect(deleted.data.deleteModel).toEqual({ deletedModelId: model.id, userErrors: [] });
    expect(existsSync(uploadFile)).toBe(false);
    const resumed = await patchUpload(tus, id, 1000, bytes.subarray(1000));
    expect(resumed.status).toBe(404);
    expect(existsSync(join(server.dataDir, 'models', rawId(model.id)))).toBe(false);
  });

  it('deletes a model while it is validating: validation stops, nothing reaches the store', async () => {
    const gguf = await readFile(
      join(server.dataDir, 'models', 'demo', (await readdir(join(server.dataDir, 'models', 'demo')))[0]!),
    );
    const zipPath = join(work, 'big.zip');
    // Enough data that validation and extraction take a moment.
    await writeZip(zipPath, [
      { name: 'big/model.gguf', data: gguf },
      { name: 'big/extra/padding.bin', data: Buffer.alloc(150 * 1024 * 1024, 7) },
    ]);
    const bytes = await readFile(zipPath);
    const created = await createUpload(tus, 'big.zip', bytes.length);
    await patchUpload(tus, created.id!, 0, bytes);
    const imported = await importUpload({ uploadId: created.id, kind: 'BASE' });
    const model = imported.data.importModel.model!;
    expect(model.status).toBe('VALIDATING');
    const deleted = await server.gql<{ deleteModel: { deletedModelId: string | null } }>(
      `mutation($i: DeleteModelInput!) { deleteModel(input: $i) { deletedModelId } }`,
      { i: { id: model.id } },
    );
    expect(deleted.data.deleteModel.deletedModelId).toBe(model.id);
    await server.app.services.imports.settled();
    expect(existsSync(join(server.dataDir, 'models', rawId(model.id)))).toBe(false);
    expect(existsSync(join(server.dataDir, 'uploads', created.id!))).toBe(false);
    const gone = await server.gql(`query($id: ID!) { model(id: $id) { id } }`, { id: model.id });
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  }, 60_000);

  async function getModels() {
    return (
      await server.gql<{ models: { nodes: ModelView[] } }>(
        `{ models(first: 100) { nodes { ${MODEL_FIELDS} } } }`,
      )
    ).data.models.nodes;
  }
});
