import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry } from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGgufBaseArchive } from './fixtures/archives/archive-builders.js';
import {
  openEntryStream,
  openZip,
  readCentralDirectory,
} from '../src/modules/import/validation/zip-archive.reader.js';
import { createUpload, patchUpload, type TusTarget } from './fixtures/tus-requests.js';
import { startTestServer, waitFor, type TestServer } from './harness.js';

const CONFIG_FIELDS = `optimization { technique quantization }
  parameters { temperature maxLength topP topK stopSequences inferenceBatchSize }
  hardwareProfileId scaling { minReplicas maxReplicas scaleUpDelaySeconds scaleDownDelaySeconds }`;

async function zipEntries(path: string): Promise<Map<string, Buffer>> {
  const zip = await openZip(path);
  const entries: Entry[] = [];
  await readCentralDirectory(zip, (entry) => entries.push(entry));
  const out = new Map<string, Buffer>();
  for (const entry of entries) {
    const chunks: Buffer[] = [];
    for await (const chunk of await openEntryStream(zip, entry)) chunks.push(chunk as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return out;
}

describe('model export and deployconfig.json round trip', () => {
  let server: TestServer & { dataDir: string };
  let tus: TusTarget;
  let work: string;

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite' });
    tus = { baseUrl: server.app.url, token: server.adminToken };
    work = await mkdtemp(join(tmpdir(), 'hangar-export-test-'));
  });
  afterAll(async () => {
    await server?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  async function importFile(path: string, fileName: string) {
    const bytes = await readFile(path);
    const created = await createUpload(tus, fileName, bytes.length);
    await patchUpload(tus, created.id!, 0, bytes);
    const r = await server.gql<{ importModel: { model: { id: string } } }>(
      `mutation($input: ImportModelInput!) { importModel(input: $input) { model { id } userErrors { message } } }`,
      { input: { uploadId: created.id, kind: 'BASE' } },
    );
    const id = r.data.importModel.model.id;
    return waitFor(
      async () => {
        const m = await server.gql<{
          model: {
            id: string;
            name: string;
            status: string;
            suggestedDeployConfig: Record<string, unknown> | null;
          };
        }>(
          `query($id: ID!) { model(id: $id) { id name status suggestedDeployConfig { ${CONFIG_FIELDS} description tags } } }`,
          { id },
        );
        return m.data.model.status === 'READY_TO_DEPLOY' ? m.data.model : null;
      },
      30_000,
      'the import',
    );
  }

  it('exports files + deployconfig.json of the latest deployment; re-importing suggests the same configuration', async () => {
    const zipPath = join(work, 'original.zip');
    await buildGgufBaseArchive(zipPath);
    const original = await importFile(zipPath, 'original.zip');
    expect(original.suggestedDeployConfig).toBeNull();

    const deployInput = {
      modelId: original.id,
      name: 'Configured',
      description: 'tuned for support',
      tags: ['support', 'cpu'],
      optimization: { technique: 'GGUF_QUANTIZATION', quantization: 'Q4_K_M' },
      parameters: {
        temperature: 0.3,
        maxLength: 64,
        topP: 0.8,
        topK: 12,
        stopSequences: ['###'],
        inferenceBatchSize: 2,
      },
      hardwareProfileId: 'local-cpu',
      scaling: { minReplicas: 1, maxReplicas: 2, scaleUpDelaySeconds: 15, scaleDownDelaySeconds: 120 },
      acceptTerms: true,
      startNow: false,
    };
    const deployed = await server.gql<{
      deployModel: { deployment: { configuration: Record<string, unknown> } | null; userErrors: unknown[] };
    }>(
      `mutation($input: DeployModelInput!) { deployModel(input: $input) { deployment { configuration { ${CONFIG_FIELDS} } } userErrors { message } } }`,
      { input: deployInput },
    );
    expect(deployed.data.deployModel.userErrors).toEqual([]);

    const exported = await server.gql<{
      exportModel: { url: string; expiresAt: string; userErrors: unknown[] };
    }>(
      `mutation($input: ExportModelInput!) { exportModel(input: $input) { url expiresAt userErrors { message } } }`,
      { input: { id: original.id } },
    );
    expect(exported.data.exportModel.userErrors).toEqual([]);
    const url = new URL(exported.data.exportModel.url);
    const response = await fetch(`${server.app.url}${url.pathname}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const exportPath = join(work, 'exported.zip');
    await writeFile(exportPath, Buffer.from(await response.arrayBuffer()));

    const entries = await zipEntries(exportPath);
    expect([...entries.keys()].sort()).toEqual(['original/deployconfig.json', 'original/tiny-llama.gguf']);
    const gguf = await readFile(
      join(
        server.dataDir,
        'models',
        Buffer.from(original.id, 'base64').toString().split(':')[1]!,
        'tiny-llama.gguf',
      ),
    );
    expect(entries.get('original/tiny-llama.gguf')!.equals(gguf)).toBe(true);
    const deployConfig = JSON.parse(entries.get('original/deployconfig.json')!.toString('utf8'));
    expect(deployConfig).toEqual({
      formatVersion: 1,
      optimization: deployInput.optimization,
      parameters: deployInput.parameters,
      hardwareProfileId: 'local-cpu',
      // The whole configuration as deployed: the fields the deploy left out carry their defaults.
      scaling: {
        ...deployInput.scaling,
        scaleToZeroAfterSeconds: 0,
        autoscalerMode: 'ACTIVE',
        targetTtftMs: 0,
        targetTokensPerSecondPerReplica: 0,
      },
      description: 'tuned for support',
      tags: ['support', 'cpu'],
    });

    const reimported = await importFile(exportPath, 'original.zip');
    expect(reimported.name).toBe('original-2');
    expect(reimported.suggestedDeployConfig).toEqual({
      ...deployed.data.deployModel.deployment!.configuration,
      description: 'tuned for support',
      tags: ['support', 'cpu'],
    });
  });

  it('refuses forged links and needs DEPLOYER to export', async () => {
    const forged = await fetch(`${server.app.url}/exports/eyJtIjoieCIsImUiOjk5OTk5OTk5OTl9.bad-signature`);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toMatch(/invalid or has expired/);
    const anonymous = await server.gql(
      `mutation { exportModel(input: { id: "TW9kZWw6eA==" }) { url } }`,
      {},
      null,
    );
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
