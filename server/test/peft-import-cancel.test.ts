import { closeSync, existsSync, fstatSync, openSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/relay.js';
import { writeSizedPeftAdapter } from '../src/modules/demo-model/demo-peft-adapter.js';
import { writeGguf } from '../src/modules/demo-model/gguf-writer.js';
import { Model } from '../src/modules/model/model.entity.js';
import { ModelFormat, ModelKind, ModelSource, ModelStatus } from '../src/modules/model/model.enums.js';
import { writeZip } from './fixtures/archives/archive-builders.js';
import { createUpload, patchUpload, type TusTarget } from './fixtures/tus-requests.js';
import { startTestServer, waitFor, type TestServer } from './harness.js';

/**
 * A PEFT adapter's conversion to a GGUF LoRA stopped midway: by deleting the model while it converts, and by
 * stopping the server (the import then starts again at the next start). The adapter is a rank-16 LoRA on every
 * linear module of a Llama-2-7B shape (80 MB, a few hundred ms of conversion); its base is a model row whose GGUF
 * file holds that shape's metadata only, which is all the converter reads of a base.
 */

const BASE_NAME = 'sized-base';
const rawId = (globalId: string): string => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

describe('a PEFT conversion stopped midway (SQLite)', () => {
  let server: TestServer & { dataDir: string };
  let work: string;
  let zip: Buffer;
  let safetensorsBytes = 0;
  let baseId = '';
  const dataDirs = new Set<string>();
  const opened: number[] = [];

  async function startServer(dataDir?: string): Promise<void> {
    server = await startTestServer({
      db: 'sqlite',
      env: { HANGAR_DEMO_MODEL: '0' },
      ...(dataDir ? { reuse: { dataDir } } : {}),
    });
    dataDirs.add(server.dataDir);
  }

  /**
   * Uploads the adapter and imports it; returns once its conversion has written something, with the partial output
   * held open: its size once the conversion has stopped is what it wrote, even after the file is removed.
   */
  async function importUntilConverting(): Promise<{ id: string; partial: string; written: () => number }> {
    const tus: TusTarget = { baseUrl: server.app.url, token: server.adminToken };
    const created = await createUpload(tus, 'large-peft.zip', zip.length);
    expect(created.status, created.body).toBe(201);
    expect((await patchUpload(tus, created.id!, 0, zip)).status).toBe(204);
    const result = await server.gql<{ importModel: { model: { id: string } | null; userErrors: unknown[] } }>(
      `mutation($input: ImportModelInput!) { importModel(input: $input) { model { id } userErrors { message } } }`,
      { input: { uploadId: created.id, kind: 'ADAPTER', baseModelId: baseId } },
    );
    expect(result.data.importModel.userErrors).toEqual([]);
    const id = result.data.importModel.model!.id;
    const partial = join(server.dataDir, 'models', 'artifacts', rawId(id), 'adapter.lora.gguf.partial');
    // Polled every millisecond: the conversion takes a few hundred.
    const deadline = Date.now() + 60_000;
    while (!existsSync(partial) || statSync(partial).size === 0) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the conversion to start writing');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const fd = openSync(partial, 'r');
    opened.push(fd);
    return { id, partial, written: () => fstatSync(fd).size };
  }

  /** The model's status, or the message of the error that answers for a model that is gone. */
  const modelStatus = async (id: string) => {
    const result = await server.gql<{ model: { status: string; importError: unknown } | null } | null>(
      `query($id: ID!) { model(id: $id) { status importError { class message } } }`,
      { id },
    );
    return result.data?.model ?? { error: result.errors?.[0]?.message };
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'hangar-peft-cancel-'));
    const shape = { hidden: 4096, feedForward: 11008, layers: 32, rank: 16 };
    safetensorsBytes = await writeSizedPeftAdapter(join(work, 'adapter'), shape, BASE_NAME);
    const basePath = join(work, 'base.gguf');
    await writeGguf(basePath, {
      metadata: {
        'general.architecture': 'llama',
        'llama.embedding_length': shape.hidden,
        'llama.feed_forward_length': shape.feedForward,
        'llama.block_count': shape.layers,
        'llama.attention.head_count': 32,
        'llama.attention.head_count_kv': 32,
      },
      tensors: [],
    });
    await writeZip(join(work, 'large-peft.zip'), [
      {
        name: 'large-peft/adapter_config.json',
        data: await readFile(join(work, 'adapter', 'adapter_config.json')),
      },
      {
        name: 'large-peft/adapter_model.safetensors',
        data: await readFile(join(work, 'adapter', 'adapter_model.safetensors')),
      },
    ]);
    zip = await readFile(join(work, 'large-peft.zip'));
    await startServer();
    const em = server.app.orm.em.fork();
    const base = em.create(Model, {
      name: BASE_NAME,
      source: ModelSource.FILE,
      kind: ModelKind.BASE,
      format: ModelFormat.GGUF,
      status: ModelStatus.READY_TO_DEPLOY,
      storagePath: basePath,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await em.flush();
    baseId = toGlobalId('Model', base.id);
  }, 120_000);

  afterAll(async () => {
    for (const fd of opened) closeSync(fd);
    await server?.cleanup();
    for (const dir of [...dataDirs, work]) await rm(dir, { recursive: true, force: true });
  });

  it('deleting the adapter while it converts stops the conversion and leaves nothing of it', async () => {
    const { id, partial, written } = await importUntilConverting();
    const deleted = await server.gql<{
      deleteModel: { deletedModelId: string | null; userErrors: unknown[] };
    }>(
      `mutation($input: DeleteModelInput!) { deleteModel(input: $input) { deletedModelId userErrors { message } } }`,
      { input: { id } },
    );
    expect(deleted.data.deleteModel).toEqual({ deletedModelId: id, userErrors: [] });
    // deleteModel answers once the import has stopped, its conversion a small part of the way through.
    expect(server.app.services.imports.isValidating(rawId(id))).toBe(false);
    expect(written()).toBeLessThan(safetensorsBytes / 2);
    expect(existsSync(partial)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(written()).toBeLessThan(safetensorsBytes / 2);
    expect(existsSync(join(server.dataDir, 'models', 'artifacts', rawId(id)))).toBe(false);
    expect(existsSync(join(server.dataDir, 'models', rawId(id)))).toBe(false);
    expect(await modelStatus(id)).toEqual({ error: `No Model has the ID "${id}".` });
  }, 120_000);

  it('stopping the server mid-conversion stops it and removes its output; the next start converts the adapter again', async () => {
    const { id, partial, written } = await importUntilConverting();
    const dataDir = server.dataDir;
    await server.stop();
    // Stopped, not finished: the server's stop waits for the import, which stops within a piece.
    expect(written()).toBeLessThan(safetensorsBytes / 2);
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(join(dataDir, 'models', rawId(id)))).toBe(false);

    await startServer(dataDir);
    const ready = await waitFor(
      async () => {
        const model = await modelStatus(id);
        return 'status' in model && model.status !== 'VALIDATING' ? model : null;
      },
      60_000,
      'the import to end after the restart',
    );
    expect(ready).toEqual({ status: 'READY_TO_DEPLOY', importError: null });
    const converted = join(dataDir, 'models', 'artifacts', rawId(id), 'adapter.lora.gguf');
    expect(statSync(converted).size).toBeGreaterThan(safetensorsBytes * 0.99);
  }, 180_000);
});
