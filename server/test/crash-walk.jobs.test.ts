import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_MODEL_FILE_NAME } from '../src/modules/demo-model/demo-model.js';
import { buildGgufBaseArchive, writeZip } from './fixtures/archives/archive-builders.js';
import { createUpload, patchUpload } from './fixtures/tus-requests.js';
import { descendants, killServer, startServerProcess } from './crash-walk.harness.js';
import { useCrashWalk } from './crash-walk.walk.js';
import { waitFor } from './harness.js';

// SIGKILL of the real server during quantization, autoscaling, imports and a double crash, in a walk of its own.
describe('crash walk: SIGKILL of the server during quantization, autoscaling, imports and a double crash', () => {
  const { walk, q, mutate, deploy, byName, undeployIfActive, until, answers, killPoint, T } =
    useCrashWalk('jobs');
  it(
    'quantization (Q8_0): OPTIMIZING',
    () =>
      killPoint('quantization (Q8_0): OPTIMIZING', async () => {
        await deploy('walk-q', { optimization: { technique: 'GGUF_QUANTIZATION', quantization: 'Q8_0' } });
      }),
    T,
  );

  it(
    'quantization (Q4_K_M) on redeploy: OPTIMIZING',
    () =>
      killPoint('quantization (Q4_K_M) on redeploy: OPTIMIZING', async () => {
        const qRow = await byName('walk-q');
        await mutate('redeployDeployment', 'RedeployDeploymentInput', {
          id: qRow.id,
          optimization: { technique: 'GGUF_QUANTIZATION', quantization: 'Q4_K_M' },
        });
      }),
    T,
  );

  it(
    'autoscaling: a second replica started under load',
    () =>
      killPoint('autoscaling: a second replica started under load', async () => {
        await undeployIfActive('walk-q', 'walk-c', 'walk-g');
        const id = await deploy('walk-s', {
          parameters: { inferenceBatchSize: 1 },
          scaling: { minReplicas: 1, maxReplicas: 2, scaleUpDelaySeconds: 1, scaleDownDelaySeconds: 60 },
        });
        const s = await until('walk-s', (r) => r.status === 'DEPLOYED', 'walk-s deployed');
        const replicas = async () =>
          (
            await q<{ deployment: { replicas: { status: string }[] } }>(
              `query($id: ID!) { deployment(id: $id) { replicas { status } } }`,
              { id },
            )
          ).deployment.replicas;
        // Six callers that each send the next request as soon as one is answered: load (in flight + queued) stays
        // above one replica's capacity at every tick of the autoscaler's delay, however fast the answers come.
        let loading = true;
        const caller = async () => {
          while (loading) await answers(s, 64).catch(() => undefined);
        };
        const callers = Array.from({ length: 6 }, caller);
        try {
          await waitFor(
            async () => (await replicas()).length >= 2,
            60_000,
            'the autoscaler to add a replica',
          );
        } finally {
          loading = false;
          await Promise.all(callers);
        }
      }),
    T,
  );

  it(
    'double crash: killed again during the start-up reconciliation',
    () =>
      killPoint('double crash: killed again during the start-up reconciliation', async () => {
        // The kill at the end of this act is the second; the first hits a server that has just listened.
        const { orphans } = await killServer(walk.server!);
        expect(orphans).toEqual([]);
        walk.server = await startServerProcess(walk.dataDir);
      }),
    T,
  );

  it(
    'double crash: killed twice mid-deploy',
    () =>
      killPoint('double crash: killed twice mid-deploy', async () => {
        await undeployIfActive('walk-s');
        await deploy('walk-f');
        await waitFor(
          async () => (await descendants(walk.server!.child.pid!)).length > 0,
          30_000,
          'a replica process',
        );
        const { orphans } = await killServer(walk.server!);
        expect(orphans).toEqual([]);
        walk.server = await startServerProcess(walk.dataDir);
        await waitFor(
          async () => (await descendants(walk.server!.child.pid!)).length > 0,
          60_000,
          'a resumed replica',
        );
      }),
    T,
  );

  async function uploadArchive(name: string, half: boolean, padded = false): Promise<string> {
    const zipPath = join(walk.work, `${name}.zip`);
    if (padded) {
      // Enough data that validation takes a moment: the kill lands while it runs.
      const demo = await readFile(join(walk.dataDir, 'models', 'demo', DEMO_MODEL_FILE_NAME));
      await writeZip(zipPath, [
        { name: `${name}/model.gguf`, data: demo },
        { name: `${name}/extra/padding.bin`, data: Buffer.alloc(80 * 1024 * 1024, 7) },
      ]);
    } else {
      await buildGgufBaseArchive(zipPath);
    }
    const bytes = await readFile(zipPath);
    const tus = { baseUrl: walk.server!.url, token: walk.token };
    const created = await createUpload(tus, `${name}.zip`, bytes.length);
    const cut = half ? Math.floor(bytes.length / 2) : bytes.length;
    await patchUpload(tus, created.id!, 0, bytes.subarray(0, cut));
    return created.id!;
  }

  it(
    'import: upload half sent',
    () =>
      killPoint('import: upload half sent', async () => {
        await undeployIfActive('walk-f');
        await uploadArchive('half', true);
      }),
    T,
  );

  async function importUpload(uploadId: string): Promise<string | undefined> {
    const data = await q<{ importModel: { model: { status: string } | null; userErrors: unknown[] } }>(
      `mutation($i: ImportModelInput!) { importModel(input: $i) { model { status } userErrors { message } } }`,
      { i: { uploadId, kind: 'BASE' } },
    );
    expect(data.importModel.userErrors).toEqual([]);
    return data.importModel.model?.status;
  }

  // A model caught VALIDATING is validated again by the start-up import reconciliation.
  it(
    'import: VALIDATING',
    () =>
      killPoint('import: VALIDATING', async () => {
        expect(await importUpload(await uploadArchive('validating', false, true))).toBe('VALIDATING');
      }),
    T,
  );

  it(
    'import: two imports queued for validation',
    () =>
      killPoint('import: two imports queued for validation', async () => {
        const first = await uploadArchive('queued-1', false, true);
        const second = await uploadArchive('queued-2', false, true);
        expect(await importUpload(first)).toBe('VALIDATING');
        await importUpload(second);
      }),
    T,
  );

  it('leaves no stray quantization .partial file after the walk', async () => {
    const artifacts = join(walk.dataDir, 'models', 'artifacts');
    const files = (await readdir(artifacts, { recursive: true }).catch(() => [] as string[])).map(String);
    expect(files.filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});
