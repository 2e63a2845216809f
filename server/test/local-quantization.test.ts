import OpenAI from 'openai';
import { readdir, readFile, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGgufBaseArchive } from './fixtures/archives/archive-builders.js';
import { createUpload, patchUpload } from './fixtures/tus-requests.js';
import { collect, startTestServer, waitFor, type TestServer } from './harness.js';

const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

describe('GGUF quantization as the local runtime’s optimization', () => {
  let server: TestServer & { dataDir: string };
  let modelId: string;

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite' });
    const models = await server.gql<{ models: { nodes: { id: string; format: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id format } } }`,
    );
    modelId = models.data.models.nodes.find((m) => m.format === 'GGUF')!.id;
  });
  afterAll(async () => server?.cleanup());

  async function deploy(name: string) {
    const ws = server.ws();
    const statuses = collect<{ deploymentUpdated: { name: string; status: string } }>(
      ws,
      `subscription($modelId: ID) { deploymentUpdated(modelId: $modelId) { name status } }`,
      { modelId },
      (items) =>
        items.some(
          (i) =>
            i.deploymentUpdated.name === name && ['DEPLOYED', 'FAILED'].includes(i.deploymentUpdated.status),
        ),
      90_000,
    );
    await statuses.ready;
    const r = await server.gql<{
      deployModel: { deployment: { id: string; deploymentId: string } | null; userErrors: unknown[] };
    }>(
      `mutation($input: DeployModelInput!) { deployModel(input: $input) { deployment { id deploymentId } userErrors { message } } }`,
      {
        input: {
          modelId,
          name,
          hardwareProfileId: 'local-cpu',
          optimization: { technique: 'GGUF_QUANTIZATION', quantization: 'Q8_0' },
          acceptTerms: true,
        },
      },
    );
    expect(r.data.deployModel.userErrors).toEqual([]);
    const seen = (await statuses.done)
      .filter((i) => i.deploymentUpdated.name === name)
      .map((i) => i.deploymentUpdated.status);
    const deployment = r.data.deployModel.deployment!;
    const details = await server.gql<{
      deployment: { failureReason: string | null; events: { message: string }[] };
    }>(`query($id: ID!) { deployment(id: $id) { failureReason events(last: 100) { message } } }`, {
      id: deployment.id,
    });
    return {
      ...deployment,
      seen,
      ...details.data.deployment,
      messages: details.data.deployment.events.map((e) => e.message),
    };
  }

  it('goes OPTIMIZING → DEPLOYED on the quantized file, and a second deploy reuses it', async () => {
    const first = await deploy('Quantized');
    expect(first.failureReason).toBeNull();
    expect(first.seen).toContain('OPTIMIZING');
    expect(first.seen.indexOf('OPTIMIZING')).toBeLessThan(first.seen.indexOf('DEPLOYED'));
    expect(first.messages.join('\n')).toMatch(/quantized to Q8_0/);

    const artifactDir = join(server.dataDir, 'models', 'artifacts', rawId(modelId));
    const artifacts = await readdir(artifactDir);
    expect(artifacts).toHaveLength(1);
    expect(artifacts[0]).toMatch(/\.q8_0\.gguf$/);
    const artifact = join(artifactDir, artifacts[0]!);
    const header = await readFile(artifact).then((b) => b.subarray(0, 4).toString('latin1'));
    expect(header).toBe('GGUF');

    // The replica process has the quantized file open (llama.cpp maps it), not the original.
    const pids = (
      server.app.services.runtime as unknown as { replicaPids(id: string): number[] }
    ).replicaPids(first.deploymentId);
    expect(pids.length).toBeGreaterThan(0);
    const maps = await readFile(`/proc/${pids[0]}/maps`, 'utf8');
    expect(maps).toContain(artifact);
    const replica = server.app.services.runtime
      .replicas(first.deploymentId)
      .find((r) => r.status === 'READY')!;
    const completion = await new OpenAI({ baseURL: replica.baseUrl, apiKey: 'x' }).chat.completions.create({
      model: 'q',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 4,
      // Greedy: random weights sometimes sample end-of-text first; the greedy path always writes tokens.
      temperature: 0,
    });
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);

    const madeAt = (await stat(artifact)).mtimeMs;
    const second = await deploy('Quantized again');
    expect(second.failureReason).toBeNull();
    expect(second.seen).not.toContain('OPTIMIZING');
    expect(second.seen.at(-1)).toBe('DEPLOYED');
    expect(second.messages.join('\n')).toMatch(/reusing the Q8_0 artifact/);
    expect((await stat(artifact)).mtimeMs).toBe(madeAt);
    expect(await readdir(artifactDir)).toEqual(artifacts);
  }, 150_000);

  it('reports a quantization failure like any deploy failure', async () => {
    const zipPath = join(server.dataDir, '..', `damaged-${Date.now()}.zip`);
    await buildGgufBaseArchive(zipPath);
    const bytes = await readFile(zipPath);
    await rm(zipPath);
    const tus = { baseUrl: server.app.url, token: server.adminToken };
    const created = await createUpload(tus, 'damaged-later.zip', bytes.length);
    await patchUpload(tus, created.id!, 0, bytes);
    const imported = await server.gql<{ importModel: { model: { id: string } } }>(
      `mutation($input: ImportModelInput!) { importModel(input: $input) { model { id } } }`,
      { input: { uploadId: created.id, kind: 'BASE' } },
    );
    modelId = imported.data.importModel.model.id;
    await waitFor(
      async () => {
        const r = await server.gql<{ model: { status: string } }>(
          `query($id: ID!) { model(id: $id) { status } }`,
          {
            id: modelId,
          },
        );
        return r.data.model.status === 'READY_TO_DEPLOY';
      },
      30_000,
      'the import',
    );
    // The stored file is damaged after the import (disk trouble): llama.cpp cannot read its tensors.
    const stored = join(server.dataDir, 'models', rawId(modelId), 'tiny-llama.gguf');
    await truncate(stored, Math.floor((await stat(stored)).size / 2));

    const failed = await deploy('Damaged');
    expect(failed.seen).toContain('OPTIMIZING');
    expect(failed.seen.at(-1)).toBe('FAILED');
    expect(failed.failureReason).toMatch(/^Quantizing to Q8_0 failed: /);
    await expect(readdir(join(server.dataDir, 'models', 'artifacts', rawId(modelId)))).resolves.toEqual([]);
  }, 90_000);
});
