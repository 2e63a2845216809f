import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/app/entities.js';
import { openOrm } from '../src/db/orm.js';
import { Model } from '../src/modules/model/model.entity.js';
import { ModelStatus } from '../src/modules/model/model.enums.js';
import { buildGgufBaseArchive } from './fixtures/archives/archive-builders.js';
import { createUpload, headUpload, patchUpload, type TusTarget } from './fixtures/tus-requests.js';
import { startTestServer, waitFor, type TestServer } from './harness.js';

const IMPORT = `mutation($input: ImportModelInput!) { importModel(input: $input) {
  model { id status } userErrors { code message } } }`;
const MODEL = `query($id: ID!) { model(id: $id) { status statusDetail bytesReceived importError { class message } } }`;

interface ModelView {
  status: string;
  statusDetail: string | null;
  bytesReceived: number;
  importError: { class: string; message: string } | null;
}

const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

async function getModel(server: TestServer, id: string): Promise<ModelView> {
  return (await server.gql<{ model: ModelView }>(MODEL, { id })).data.model;
}

function waitStatus(server: TestServer, id: string, status: string): Promise<ModelView> {
  return waitFor(
    async () => {
      const model = await getModel(server, id);
      return model.status === status ? model : null;
    },
    60_000,
    `the model to be ${status}`,
  );
}

describe('imports across a server restart', () => {
  let server: TestServer & { dataDir: string };
  afterAll(async () => {
    await server?.cleanup();
  });

  it('validates complete uploads again, fails what lost its upload, keeps resumable uploads and removes stray files', async () => {
    server = await startTestServer({ db: 'sqlite', env: { HANGAR_DEMO_MODEL: '0' } });
    const tus: TusTarget = { baseUrl: server.app.url, token: server.adminToken };
    const zipPath = join(server.dataDir, 'tiny.zip');
    await buildGgufBaseArchive(zipPath);
    const bytes = await readFile(zipPath);
    const imported = async (uploadId: string) => {
      const result = await server.gql<{
        importModel: { model: { id: string; status: string } | null; userErrors: unknown[] };
      }>(IMPORT, { input: { uploadId, kind: 'BASE' } });
      expect(result.data.importModel.userErrors).toEqual([]);
      return result.data.importModel.model!;
    };
    const completeUpload = async () => {
      const created = await createUpload(tus, 'tiny.zip', bytes.length);
      expect((await patchUpload(tus, created.id!, 0, bytes)).offset).toBe(bytes.length);
      return created.id!;
    };

    // Two finished imports whose rows a crash will have left mid-validation (set below, as a kill would).
    const revalidated = await imported(await completeUpload());
    await waitStatus(server, revalidated.id, 'READY_TO_DEPLOY');
    const lost = await imported(await completeUpload());
    await waitStatus(server, lost.id, 'READY_TO_DEPLOY');
    const spareUpload = await completeUpload();
    // An upload half done, its model IMPORTING.
    const partial = await createUpload(tus, 'tiny.zip', bytes.length);
    const half = Math.floor(bytes.length / 2);
    await patchUpload(tus, partial.id!, 0, bytes.subarray(0, half));
    const resumable = await imported(partial.id!);
    expect(resumable.status).toBe('IMPORTING');
    await server.stop();

    // What a kill leaves: rows VALIDATING (one with its upload complete, one whose upload is gone), a half
    // extraction, upload files without their other half, a quantizer's and a download's partial files.
    const orm = await openOrm({ entities: ENTITIES, dataDir: server.dataDir });
    const em = orm.em.fork();
    const validating = { status: ModelStatus.VALIDATING };
    await em.nativeUpdate(Model, { id: rawId(revalidated.id) }, { ...validating, uploadId: spareUpload });
    await em.nativeUpdate(Model, { id: rawId(lost.id) }, { ...validating, uploadId: 'gone-upload' });
    await orm.close(true);
    const models = join(server.dataDir, 'models');
    const uploads = join(server.dataDir, 'uploads');
    const strays = [
      join(models, 'artifacts', rawId(revalidated.id), 'tiny.q8_0.gguf.partial-3f1c2a'),
      join(models, 'hf-download.gguf.partial'),
      join(uploads, 'data-without-record'),
      join(uploads, 'record-without-data.json'),
    ];
    await mkdir(join(models, 'artifacts', rawId(revalidated.id)), { recursive: true });
    for (const path of strays) await writeFile(path, 'x');

    server = await startTestServer({
      db: 'sqlite',
      env: { HANGAR_DEMO_MODEL: '0' },
      reuse: { dataDir: server.dataDir },
    });
    const restartedTus: TusTarget = { baseUrl: server.app.url, token: server.adminToken };

    expect(await waitStatus(server, revalidated.id, 'READY_TO_DEPLOY')).toMatchObject({ importError: null });
    expect((await headUpload(restartedTus, spareUpload)).status).toBe(404);
    expect(await getModel(server, lost.id)).toMatchObject({
      status: 'IMPORT_FAILED',
      importError: {
        class: 'UPLOAD_FAILURE',
        message: 'The import was interrupted by a server restart — import again.',
      },
    });
    for (const path of strays) expect(existsSync(path), path).toBe(false);

    // The half upload survived the restart: resuming it completes the import.
    expect(await getModel(server, resumable.id)).toMatchObject({ status: 'IMPORTING', bytesReceived: half });
    const head = await headUpload(restartedTus, partial.id!);
    expect(head.offset).toBe(half);
    expect((await patchUpload(restartedTus, partial.id!, half, bytes.subarray(half))).status).toBe(204);
    await waitStatus(server, resumable.id, 'READY_TO_DEPLOY');
    expect(await readdir(uploads)).toEqual([]);
  }, 180_000);
});

describe('uploads left idle', () => {
  let server: TestServer & { dataDir: string };
  afterAll(async () => {
    await server?.cleanup();
  });

  it('fails the import and frees the bytes of an upload idle longer than HANGAR_UPLOAD_IDLE_HOURS', async () => {
    // 0.001 h = 3.6 s.
    server = await startTestServer({
      db: 'sqlite',
      env: { HANGAR_DEMO_MODEL: '0', HANGAR_UPLOAD_IDLE_HOURS: '0.001' },
    });
    const tus: TusTarget = { baseUrl: server.app.url, token: server.adminToken };
    const zipPath = join(server.dataDir, 'tiny.zip');
    await buildGgufBaseArchive(zipPath);
    const bytes = await readFile(zipPath);
    const uploads = join(server.dataDir, 'uploads');

    const abandoned = await createUpload(tus, 'tiny.zip', bytes.length);
    await patchUpload(tus, abandoned.id!, 0, bytes.subarray(0, 1000));
    const result = await server.gql<{ importModel: { model: { id: string } } }>(IMPORT, {
      input: { uploadId: abandoned.id, kind: 'BASE' },
    });
    const modelId = result.data.importModel.model.id;
    // A finished upload nobody imported goes too.
    const unimported = await createUpload(tus, 'other.zip', bytes.length);
    await patchUpload(tus, unimported.id!, 0, bytes);

    const failed = await waitStatus(server, modelId, 'IMPORT_FAILED');
    expect(failed.importError).toMatchObject({ class: 'UPLOAD_FAILURE' });
    expect(failed.importError!.message).toMatch(
      /^No bytes arrived for 4 s, so the unfinished upload was removed/,
    );
    expect((await headUpload(tus, abandoned.id!)).status).toBe(404);
    await waitFor(
      async () => (await readdir(uploads)).length === 0,
      30_000,
      'the idle uploads to be removed',
    );
  }, 120_000);
});
