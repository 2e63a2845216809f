import { request, type ClientRequest } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGgufBaseArchive } from './fixtures/archives/archive-builders.js';
import { createUpload, headUpload, patchUpload, type TusTarget } from './fixtures/tus-requests.js';
import { startTestServer, waitFor, type TestServer } from './harness.js';

const IMPORT = `mutation($input: ImportModelInput!) { importModel(input: $input) {
  model { id status bytesReceived bytesTotal } userErrors { field code message } } }`;

interface ImportResult {
  importModel: {
    model: { id: string; status: string; bytesReceived: number; bytesTotal: number } | null;
    userErrors: { field: string[]; code: string; message: string }[];
  };
}

/** A PATCH that sends `sent` bytes of a body announced as `body.length` and then holds the connection open. */
function stalledPatch(t: TusTarget, id: string, body: Buffer, sent: number): ClientRequest {
  const url = new URL(`${t.baseUrl}/uploads/${id}`);
  const req = request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${t.token}`,
      'tus-resumable': '1.0.0',
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
      'content-length': String(body.length),
    },
  });
  req.on('error', () => undefined);
  req.write(body.subarray(0, sent));
  return req;
}

describe('an import whose upload is resumed', () => {
  let server: TestServer & { dataDir: string };
  let tus: TusTarget;
  let bytes: Buffer;

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite', env: { HANGAR_DEMO_MODEL: '0' } });
    tus = { baseUrl: server.app.url, token: server.adminToken };
    const zipPath = join(server.dataDir, 'tiny.zip');
    await buildGgufBaseArchive(zipPath);
    bytes = await readFile(zipPath);
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  const modelOf = async (id: string) =>
    (
      await server.gql<{ model: { status: string; bytesReceived: number } }>(
        `query($id: ID!) { model(id: $id) { status bytesReceived } }`,
        { id },
      )
    ).data.model;

  it('returns the import in progress when importModel is called again for the same upload', async () => {
    const created = await createUpload(tus, 'tiny.zip', bytes.length);
    const half = Math.floor(bytes.length / 2);
    await patchUpload(tus, created.id!, 0, bytes.subarray(0, half));
    const first = await server.gql<ImportResult>(IMPORT, { input: { uploadId: created.id, kind: 'BASE' } });
    expect(first.data.importModel.userErrors).toEqual([]);
    const model = first.data.importModel.model!;

    // What the dialog does after a browser refresh: resume the upload, register the import again.
    const again = await server.gql<ImportResult>(IMPORT, { input: { uploadId: created.id, kind: 'BASE' } });
    expect(again.data.importModel.userErrors).toEqual([]);
    expect(again.data.importModel.model).toMatchObject({
      id: model.id,
      status: 'IMPORTING',
      bytesReceived: half,
      bytesTotal: bytes.length,
    });
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(`{ models { nodes { id } } }`);
    expect(models.data.models.nodes.map((m) => m.id)).toEqual([model.id]);

    expect((await patchUpload(tus, created.id!, half, bytes.subarray(half))).status).toBe(204);
    await waitFor(
      async () => (await modelOf(model.id)).status === 'READY_TO_DEPLOY',
      60_000,
      'the import to finish',
    );
  }, 90_000);

  it("still refuses another user's upload", async () => {
    const created = await createUpload(tus, 'tiny.zip', bytes.length);
    await server.gql<ImportResult>(IMPORT, { input: { uploadId: created.id, kind: 'BASE' } });
    const token = await server.gql<{ createUser: { token: string | null } }>(
      `mutation { createUser(input: { name: "Dee", email: "d@example.com", role: DEPLOYER }) { token } }`,
    );
    const other = await server.gql<ImportResult>(
      IMPORT,
      { input: { uploadId: created.id, kind: 'BASE' } },
      token.data.createUser.token,
    );
    expect(other.data.importModel.model).toBeNull();
    expect(other.data.importModel.userErrors).toMatchObject([
      { field: ['input', 'uploadId'], code: 'NOT_FOUND' },
    ]);
  });

  it('reports the bytes the server holds while a PATCH is still arriving', async () => {
    const created = await createUpload(tus, 'tiny.zip', bytes.length);
    const imported = await server.gql<ImportResult>(IMPORT, {
      input: { uploadId: created.id, kind: 'BASE' },
    });
    const { id } = imported.data.importModel.model!;
    expect(imported.data.importModel.model!.bytesReceived).toBe(0);

    const half = Math.floor(bytes.length / 2);
    const patch = stalledPatch(tus, created.id!, bytes, half);
    try {
      const held = await waitFor(
        async () => {
          const head = await headUpload(tus, created.id!);
          return head.offset === half ? head.offset : null;
        },
        20_000,
        'the server to hold half the file',
      );
      const reported = await waitFor(
        async () => ((await modelOf(id)).bytesReceived === held ? held : null),
        20_000,
        'bytesReceived to follow the bytes held',
      );
      expect(reported).toBe(half);
    } finally {
      patch.destroy();
    }
  }, 60_000);

  it('reports the bytes of a chunk whose PATCH ended before the next progress event', async () => {
    const created = await createUpload(tus, 'tiny.zip', bytes.length);
    const imported = await server.gql<ImportResult>(IMPORT, {
      input: { uploadId: created.id, kind: 'BASE' },
    });
    const { id } = imported.data.importModel.model!;
    // One quick chunk, then a pause before the next (a chunked client, or one that lost its connection).
    const chunk = Math.floor(bytes.length / 3);
    expect((await patchUpload(tus, created.id!, 0, bytes.subarray(0, chunk))).offset).toBe(chunk);
    const reported = await waitFor(
      async () => ((await modelOf(id)).bytesReceived === chunk ? chunk : null),
      20_000,
      'bytesReceived to reach the end of the chunk',
    );
    expect(reported).toBe(chunk);
  }, 60_000);
});
