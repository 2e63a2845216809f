import { gguf } from '@huggingface/gguf';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { Entry } from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/relay.js';
import { demoPeftAdapter } from '../src/modules/demo-model/demo-peft-adapter.js';
import { Model } from '../src/modules/model/model.entity.js';
import { ModelFormat, ModelKind, ModelSource, ModelStatus } from '../src/modules/model/model.enums.js';
import { openZip, readCentralDirectory } from '../src/modules/import/validation/zip-archive.reader.js';
import { writeZip } from './fixtures/archives/archive-builders.js';
import { createUpload, patchUpload, type TusTarget } from './fixtures/tus-requests.js';
import { startTestServer, waitFor, type TestServer } from './harness.js';

const BASE = 'hangar-demo-tiny-llama';

interface Imported {
  id: string;
  name: string;
  status: string;
  format: string;
  importError: { class: string; message: string } | null;
}

const rawId = (globalId: string): string => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

async function zipNames(path: string): Promise<string[]> {
  const zip = await openZip(path);
  const entries: Entry[] = [];
  await readCentralDirectory(zip, (entry) => entries.push(entry));
  zip.close();
  return entries.map((e) => e.fileName).sort();
}

describe('a PEFT adapter imported through the tus route, converted and attached (SQLite, real llama.cpp)', () => {
  let server: TestServer & { dataDir: string };
  let tus: TusTarget;
  let work: string;
  let baseId = '';
  let deployment: { id: string; deploymentId: string; endpoint: { baseUrl: string } };
  let client: OpenAI;

  async function uploadAndImport(
    items: Parameters<typeof writeZip>[1],
    fileName: string,
    base = baseId,
  ): Promise<Imported> {
    const path = join(work, fileName);
    await writeZip(path, items);
    const bytes = await readFile(path);
    const created = await createUpload(tus, fileName, bytes.length);
    expect(created.status, created.body).toBe(201);
    const patched = await patchUpload(tus, created.id!, 0, bytes);
    expect(patched.status, patched.body).toBe(204);
    const result = await server.gql<{ importModel: { model: { id: string } | null; userErrors: unknown[] } }>(
      `mutation($input: ImportModelInput!) { importModel(input: $input) { model { id } userErrors { message } } }`,
      { input: { uploadId: created.id, kind: 'ADAPTER', baseModelId: base } },
    );
    expect(result.data.importModel.userErrors).toEqual([]);
    const id = result.data.importModel.model!.id;
    return waitFor(
      async () => {
        const r = await server.gql<{ model: Imported }>(
          `query($id: ID!) { model(id: $id) { id name status format importError { class message } } }`,
          { id },
        );
        return ['READY_TO_DEPLOY', 'IMPORT_FAILED'].includes(r.data.model.status) ? r.data.model : null;
      },
      30_000,
      `the import of ${fileName}`,
    );
  }

  const peftItems = (adapter: ReturnType<typeof demoPeftAdapter>, folder = 'my-peft-lora') => [
    { name: `${folder}/adapter_config.json`, data: JSON.stringify(adapter.config, null, 2), compress: true },
    { name: `${folder}/adapter_model.safetensors`, data: adapter.safetensors },
  ];

  const ask = async (model: string) =>
    (
      await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Say something' }],
        max_tokens: 12,
        temperature: 0,
        seed: 7,
      })
    ).choices[0]!.message.content ?? '';

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite', env: { HANGAR_HEALTH_INTERVAL_SECONDS: '0' } });
    tus = { baseUrl: server.app.url, token: server.adminToken };
    work = await mkdtemp(join(tmpdir(), 'hangar-peft-import-'));
    const models = await server.gql<{ models: { nodes: { id: string; name: string }[] } }>(
      `query($s: String!) { models(filter: { search: $s }) { nodes { id name } } }`,
      { s: BASE },
    );
    baseId = models.data.models.nodes.find((n) => n.name === BASE)!.id;
    const deployed = await server.gql<{ deployModel: { deployment: typeof deployment } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) {
        deployment { id deploymentId endpoint { baseUrl } } userErrors { message } } }`,
      { i: { modelId: baseId, name: 'Peft', hardwareProfileId: 'local-cpu', acceptTerms: true } },
    );
    deployment = deployed.data.deployModel.deployment;
    const key = await server.gql<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { deploymentId: deployment.id, name: 'peft' } },
    );
    client = new OpenAI({
      baseURL: deployment.endpoint.baseUrl,
      apiKey: key.data.createApiKey.secret,
      maxRetries: 0,
    });
    await waitFor(
      async () => {
        const r = await server.gql<{ deployment: { status: string } }>(
          `query($id: ID!) { deployment(id: $id) { status } }`,
          { id: deployment.id },
        );
        return r.data.deployment.status === 'DEPLOYED';
      },
      90_000,
      'the deployment to be DEPLOYED',
    );
  }, 120_000);

  afterAll(async () => {
    await server?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it('converts the PEFT adapter to a GGUF LoRA at import; attached, it changes the output; export gives the PEFT files', async () => {
    const imported = await uploadAndImport(peftItems(demoPeftAdapter()), 'my-peft-lora.zip');
    expect(imported).toMatchObject({ status: 'READY_TO_DEPLOY', format: 'ADAPTER', importError: null });
    const store = join(server.dataDir, 'models');
    const converted = join(store, 'artifacts', rawId(imported.id), 'adapter.lora.gguf');
    const { metadata } = await gguf(converted, { allowLocalFile: true });
    expect((metadata as unknown as Record<string, unknown>)['general.type']).toBe('adapter');
    expect(existsSync(join(store, rawId(imported.id), 'adapter_model.safetensors'))).toBe(true);

    const base = await ask(BASE);
    const attached = await server.gql<{
      attachAdapter: { deployment: { adapters: { name: string }[] } | null; userErrors: unknown[] };
    }>(
      `mutation($i: AttachAdapterInput!) { attachAdapter(input: $i) {
        deployment { adapters { name } } userErrors { message } } }`,
      { i: { deploymentId: deployment.id, adapterModelId: imported.id } },
    );
    expect(attached.data.attachAdapter.userErrors).toEqual([]);
    expect(attached.data.attachAdapter.deployment!.adapters.map((a) => a.name)).toEqual([imported.name]);
    const adapted = await ask(imported.name);
    expect(adapted).toMatch(/^[A-Z]+$/);
    expect(adapted).not.toBe(base);
    // Deterministic: the same again, and the base is unchanged beside it.
    expect(await ask(imported.name)).toBe(adapted);
    expect(await ask(BASE)).toBe(base);

    const exported = await server.gql<{ exportModel: { url: string; userErrors: unknown[] } }>(
      `mutation($input: ExportModelInput!) { exportModel(input: $input) { url userErrors { message } } }`,
      { input: { id: imported.id } },
    );
    expect(exported.data.exportModel.userErrors).toEqual([]);
    const response = await fetch(`${server.app.url}${new URL(exported.data.exportModel.url).pathname}`);
    const exportPath = join(work, 'exported.zip');
    await writeFile(exportPath, Buffer.from(await response.arrayBuffer()));
    expect(await zipNames(exportPath)).toEqual([
      `${imported.name}/adapter_config.json`,
      `${imported.name}/adapter_model.safetensors`,
    ]);
  }, 60_000);

  it('refuses to attach a PEFT adapter that has no converted GGUF LoRA, saying why', async () => {
    // As a PEFT adapter imported for a base that is not a llama GGUF here would be (vLLM's format only).
    const em = server.app.orm.em.fork();
    const base = await em.findOneOrFail(Model, { name: BASE });
    const model = em.create(Model, {
      name: 'peft-only-lora',
      source: ModelSource.FILE,
      kind: ModelKind.ADAPTER,
      baseModel: base,
      format: ModelFormat.ADAPTER,
      status: ModelStatus.READY_TO_DEPLOY,
      storagePath: 'peft-only-lora/adapter_config.json',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await em.flush();
    const refused = await server.gql<{
      attachAdapter: { deployment: unknown; userErrors: { code: string; message: string }[] };
    }>(
      `mutation($i: AttachAdapterInput!) { attachAdapter(input: $i) { deployment { id } userErrors { code message } } }`,
      { i: { deploymentId: deployment.id, adapterModelId: toGlobalId('Model', model.id) } },
    );
    expect(refused.data.attachAdapter.deployment).toBeNull();
    expect(refused.data.attachAdapter.userErrors[0]!.code).toBe('UNSUPPORTED');
    expect(refused.data.attachAdapter.userErrors[0]!.message).toMatch(
      /^peft-only-lora cannot be attached to hangar-demo-tiny-llama: peft-only-lora is a PEFT adapter that was not converted to a GGUF LoRA at import/,
    );
  });

  it('refuses at import a PEFT adapter made for other dimensions, leaving nothing in the store', async () => {
    const narrow = await uploadAndImport(peftItems(demoPeftAdapter({ embedding: 32 })), 'narrow-peft.zip');
    expect(narrow.status).toBe('IMPORT_FAILED');
    expect(narrow.importError).toEqual({
      class: 'COMPATIBILITY_PROBLEM',
      message:
        'The adapter\'s "base_model.model.lm_head.lora_A.weight" is 32 wide where the base model is 64 (hidden size). ' +
        'The adapter was trained on a model of other dimensions: choose the base model it was trained on.',
    });
    const store = join(server.dataDir, 'models');
    expect(existsSync(join(store, rawId(narrow.id)))).toBe(false);
    expect(existsSync(join(store, 'artifacts', rawId(narrow.id)))).toBe(false);
  }, 30_000);

  it('fails the import, saying why, when the base model file cannot be read', async () => {
    const em = server.app.orm.em.fork();
    const lost = em.create(Model, {
      name: 'lost-base',
      source: ModelSource.FILE,
      kind: ModelKind.BASE,
      format: ModelFormat.GGUF,
      status: ModelStatus.READY_TO_DEPLOY,
      storagePath: 'lost-base/lost.gguf',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await em.flush();
    const adapter = demoPeftAdapter();
    const onLost = await uploadAndImport(
      peftItems({ ...adapter, config: { ...adapter.config, base_model_name_or_path: 'lost-base' } }),
      'on-lost-base.zip',
      toGlobalId('Model', lost.id),
    );
    expect(onLost.importError?.class).toBe('COMPATIBILITY_PROBLEM');
    expect(onLost.importError?.message).toMatch(
      /^The base model's file cannot be read \(.*\), so the adapter cannot be converted for it\. Import lost-base again, then the adapter\.$/,
    );
  }, 30_000);

  it('refuses hostile safetensors headers: offsets past the end, a huge header length', async () => {
    const good = demoPeftAdapter().safetensors;
    const headerLength = Number(good.readBigUInt64LE(0));
    const header = JSON.parse(good.subarray(8, 8 + headerLength).toString('utf8')) as Record<
      string,
      { data_offsets?: number[] }
    >;
    const last = Object.keys(header).at(-1)!;
    const [begin, end] = header[last]!.data_offsets!;
    header[last]!.data_offsets = [begin! + 4096, end! + 4096];
    const json = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(json.length));
    const past = await uploadAndImport(
      peftItems({
        ...demoPeftAdapter(),
        safetensors: Buffer.concat([length, json, good.subarray(8 + headerLength)]),
      }),
      'past-end.zip',
    );
    expect(past.importError?.class).toBe('INVALID_FORMAT');
    expect(past.importError?.message).toMatch(
      new RegExp(
        `tensor "${last.replace(/\./g, '\\.')}" ends at byte ${end! + 4096} of the data, but the data has only`,
      ),
    );

    const huge = Buffer.from(good);
    huge.writeBigUInt64LE(2n ** 63n, 0);
    const claimed = await uploadAndImport(
      peftItems({ ...demoPeftAdapter(), safetensors: huge }),
      'huge-header.zip',
    );
    expect(claimed.importError?.class).toBe('INVALID_FORMAT');
    expect(claimed.importError?.message).toMatch(
      /its header claims 9223372036854775808 bytes but the file has only/,
    );
    // The deployment kept serving through the refusals.
    expect(await ask(BASE)).not.toBe('');
  }, 30_000);
});
