import { mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL_FILE_NAME } from '../src/modules/demo-model/demo-model.js';
import { buildGgufBaseArchive, writeZip } from './fixtures/archives/archive-builders.js';
import { createUpload, patchUpload } from './fixtures/tus-requests.js';
import {
  descendants,
  gql,
  killServer,
  startServerProcess,
  type ServerProcess,
} from './crash-walk.harness.js';
import { waitFor } from './harness.js';

/**
 * SIGKILL of the real server process at many points of every lifecycle, one data dir for the whole walk (each
 * restart is the next point's server). After every restart: no process the killed server started is left, one
 * reconcile leaves nothing transitional (no version DEPLOYING but the current one of an active deployment, no
 * undeploy without its end, and a model caught VALIDATING is validated again), no row that existed before the kill is gone, and every DEPLOYED
 * deployment answers through the gateway.
 */

interface Row {
  id: string;
  deploymentId: string;
  name: string;
  status: string;
  currentVersion: number;
  versions: { version: number; status: string; undeployment: { endedAt: string | null } | null }[];
}

const ACTIVE = ['DEPLOYING', 'OPTIMIZING', 'DEPLOYED'];
const ROWS = `deployments(first: 100) { nodes { id deploymentId name status currentVersion
  versions { version status undeployment { endedAt } } } }`;

describe('crash walk: SIGKILL of the server at every lifecycle point', () => {
  let dataDir = '';
  let server: ServerProcess | null = null;
  let token = '';
  let demoModelId = '';
  let work = '';
  const secrets = new Map<string, string>();
  const table: { point: string; result: string }[] = [];

  const q = <T>(query: string, variables?: Record<string, unknown>) =>
    gql<T>(server!.url, token, query, variables);

  async function rows(): Promise<Row[]> {
    return (await q<{ deployments: { nodes: Row[] } }>(`{ ${ROWS} }`)).deployments.nodes;
  }

  async function models(): Promise<{ id: string; name: string; status: string }[]> {
    return (
      await q<{ models: { nodes: { id: string; name: string; status: string }[] } }>(
        `{ models(first: 100) { nodes { id name status } } }`,
      )
    ).models.nodes;
  }

  async function mutate(name: string, type: string, input: Record<string, unknown>): Promise<void> {
    const data = await q<Record<string, { userErrors: { message: string }[] }>>(
      `mutation($i: ${type}!) { ${name}(input: $i) { userErrors { message } } }`,
      { i: input },
    );
    expect(data[name]!.userErrors).toEqual([]);
  }

  /** Sends a mutation without waiting for its answer (the kill lands while it runs). */
  function fire(name: string, type: string, input: Record<string, unknown>): void {
    void fetch(`${server!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation($i: ${type}!) { ${name}(input: $i) { userErrors { message } } }`,
        variables: { i: input },
      }),
    }).catch(() => undefined);
  }

  async function deploy(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const data = await q<{ deployModel: { deployment: { id: string }; userErrors: unknown[] } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } userErrors { message } } }`,
      { i: { modelId: demoModelId, name, hardwareProfileId: 'local-cpu', acceptTerms: true, ...extra } },
    );
    expect(data.deployModel.userErrors).toEqual([]);
    const id = data.deployModel.deployment.id;
    const key = await q<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { deploymentId: id, name: 'walk' } },
    );
    secrets.set(id, key.createApiKey.secret);
    return id;
  }

  async function byName(name: string): Promise<Row> {
    return (await rows()).find((r) => r.name === name)!;
  }

  /** Fewer live deployments, less to bring back at every restart: each point keeps only what it needs. */
  async function undeployIfActive(...names: string[]): Promise<void> {
    for (const name of names) {
      const row = await byName(name);
      if (row && row.status !== 'UNDEPLOYED' && row.status !== 'READY_TO_DEPLOY') {
        await mutate('undeployDeployment', 'UndeployDeploymentInput', { id: row.id });
      }
    }
  }

  async function until(name: string, ok: (row: Row) => boolean, what: string): Promise<Row> {
    return waitFor(
      async () => {
        const row = await byName(name);
        return ok(row) ? row : null;
      },
      90_000,
      what,
    );
  }

  async function answers(row: Row, maxTokens = 2): Promise<number> {
    if (!secrets.has(row.id)) {
      // Deployed by a request the kill cut short: its answer (and key) never came back.
      const key = await q<{ createApiKey: { secret: string } }>(
        `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
        { i: { deploymentId: row.id, name: 'walk' } },
      );
      secrets.set(row.id, key.createApiKey.secret);
    }
    const response = await fetch(`${server!.url}/api/v2/deployments/${row.deploymentId}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secrets.get(row.id)}` },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], max_tokens: maxTokens }),
    });
    await response.body?.cancel();
    return response.status;
  }

  async function start(): Promise<void> {
    server = await startServerProcess(dataDir);
    token ||= (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
  }

  /** Runs one kill point: `act` brings the server to the point, then SIGKILL, restart and the checks. */
  async function killPoint(point: string, act: () => Promise<{ gone?: string[] } | void>): Promise<void> {
    try {
      if (!server) await start();
      await server!.reconciled;
      const before = await rows();
      const modelsBefore = await models();
      const { gone = [] } = (await act()) ?? {};
      const { orphans } = await killServer(server!);
      server = null;
      expect(orphans, 'processes the killed server had started').toEqual([]);
      await start();
      await server!.reconciled;

      // One reconcile: nothing transitional is left that nothing will finish.
      const after = await rows();
      for (const row of after) {
        for (const v of row.versions) {
          if (v.status === 'DEPLOYING') {
            expect({
              row: row.name,
              version: v.version,
              current: v.version === row.currentVersion && ACTIVE.includes(row.status),
            }).toEqual({ row: row.name, version: v.version, current: true });
          }
          expect({
            row: row.name,
            version: v.version,
            undeployEnded: v.undeployment ? v.undeployment.endedAt !== null : true,
          }).toEqual({ row: row.name, version: v.version, undeployEnded: true });
        }
      }
      // A model caught VALIDATING is validated again by the start-up reconciliation: it must settle, not stay.
      await waitFor(
        async () => (await models()).every((m) => m.status !== 'VALIDATING'),
        120_000,
        'models caught VALIDATING to be validated again',
      );
      // No row lost: every deployment (but one the point deleted) and every version is still there.
      for (const old of before) {
        if (gone.includes(old.name)) continue;
        const now = after.find((r) => r.id === old.id);
        expect(now?.name, `deployment ${old.name}`).toBe(old.name);
        expect(now!.versions.length).toBeGreaterThanOrEqual(old.versions.length);
      }
      const modelsAfter = await models();
      for (const m of modelsBefore)
        expect(
          modelsAfter.some((n) => n.id === m.id),
          `model ${m.name}`,
        ).toBe(true);
      // Active deployments come back up, and answer.
      const settled = await waitFor(
        async () => {
          const now = await rows();
          return now.every((r) => r.status !== 'DEPLOYING' && r.status !== 'OPTIMIZING') ? now : null;
        },
        120_000,
        'active deployments to settle',
      );
      for (const row of settled.filter((r) => r.status === 'DEPLOYED')) {
        expect(await answers(row), `${row.name} answers`).toBe(200);
      }
      const served = settled.filter((r) => r.status === 'DEPLOYED').map((r) => r.name);
      table.push({ point, result: `recovered (serving: ${served.join(', ') || 'none'})` });
    } catch (error) {
      table.push({ point, result: `FAILED: ${(error as Error).message.split('\n')[0]!.slice(0, 160)}` });
      throw error;
    }
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lifecycle-crash-walk-'));
    work = await mkdtemp(join(tmpdir(), 'lifecycle-crash-work-'));
    await start();
    const found = await q<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    demoModelId = found.models.nodes[0]!.id;
  }, 120_000);

  afterAll(async () => {
    if (server) await killServer(server);
    const width = Math.max(...table.map((r) => r.point.length), 10);
    console.log(
      ['kill point'.padEnd(width) + ' | result', '-'.repeat(width) + '-|-------']
        .concat(table.map((r) => `${r.point.padEnd(width)} | ${r.result}`))
        .join('\n'),
    );
    await rm(dataDir, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  const T = 300_000;

  it(
    'deploy: mutation answered, replicas starting',
    () =>
      killPoint('deploy: mutation answered, replicas starting', async () => {
        await deploy('walk-a');
      }),
    T,
  );

  it(
    'deploy: replica process loading the model',
    () =>
      killPoint('deploy: replica process loading the model', async () => {
        await deploy('walk-b');
        await waitFor(
          async () => (await descendants(server!.child.pid!)).length > 0,
          30_000,
          'a replica process',
        );
      }),
    T,
  );

  it(
    'deploy: request in flight',
    () =>
      killPoint('deploy: request in flight', async () => {
        fire('deployModel', 'DeployModelInput', {
          modelId: demoModelId,
          name: 'walk-g',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
        });
        await new Promise((r) => setTimeout(r, 40));
      }),
    T,
  );

  it('deployed: steady state', () => killPoint('deployed: steady state', async () => {}), T);

  it(
    'redeploy: mutation answered (v2 starting, v1 serving)',
    () =>
      killPoint('redeploy: mutation answered (v2 starting, v1 serving)', async () => {
        await mutate('redeployDeployment', 'RedeployDeploymentInput', {
          id: (await byName('walk-a')).id,
          parameters: { temperature: 0.5 },
        });
      }),
    T,
  );

  it(
    'redeploy: new version ready, old one stopping',
    () =>
      killPoint('redeploy: new version ready, old one stopping', async () => {
        const a = await byName('walk-a');
        await mutate('redeployDeployment', 'RedeployDeploymentInput', {
          id: a.id,
          parameters: { temperature: 0.6 },
        });
        await until(
          'walk-a',
          (r) => r.status === 'DEPLOYED' && r.currentVersion === a.currentVersion + 1,
          'the new version',
        );
      }),
    T,
  );

  it(
    'redeploy: request in flight',
    () =>
      killPoint('redeploy: request in flight', async () => {
        fire('redeployDeployment', 'RedeployDeploymentInput', {
          id: (await byName('walk-a')).id,
          parameters: { temperature: 0.7 },
        });
        await new Promise((r) => setTimeout(r, 40));
      }),
    T,
  );

  it(
    'redeploy while v1 is still DEPLOYING',
    () =>
      killPoint('redeploy while v1 is still DEPLOYING', async () => {
        const id = await deploy('walk-c');
        await mutate('redeployDeployment', 'RedeployDeploymentInput', {
          id,
          parameters: { temperature: 0.4 },
        });
      }),
    T,
  );

  it(
    'rollback: mutation answered',
    () =>
      killPoint('rollback: mutation answered', async () => {
        await mutate('rollbackDeployment', 'RollbackDeploymentInput', {
          id: (await byName('walk-a')).id,
          version: 1,
        });
      }),
    T,
  );

  it(
    'rollback: rolled-back version deployed',
    () =>
      killPoint('rollback: rolled-back version deployed', async () => {
        const a = await byName('walk-a');
        await mutate('rollbackDeployment', 'RollbackDeploymentInput', { id: a.id, version: 2 });
        await until(
          'walk-a',
          (r) => r.status === 'DEPLOYED' && r.currentVersion === a.currentVersion + 1,
          'the rollback',
        );
      }),
    T,
  );

  it(
    'undeploy: request in flight',
    () =>
      killPoint('undeploy: request in flight', async () => {
        fire('undeployDeployment', 'UndeployDeploymentInput', { id: (await byName('walk-c')).id });
        await new Promise((r) => setTimeout(r, 30));
      }),
    T,
  );

  it(
    'undeploy: status flipped, replicas draining',
    () =>
      killPoint('undeploy: status flipped, replicas draining', async () => {
        const b = await byName('walk-b');
        fire('undeployDeployment', 'UndeployDeploymentInput', { id: b.id });
        await until('walk-b', (r) => r.status === 'UNDEPLOYED', 'the undeploy to start');
      }),
    T,
  );

  it(
    'undeploy: answered',
    () =>
      killPoint('undeploy: answered', async () => {
        const c = await byName('walk-c');
        if (c.status !== 'UNDEPLOYED')
          await mutate('undeployDeployment', 'UndeployDeploymentInput', { id: c.id });
        await undeployIfActive('walk-g');
      }),
    T,
  );

  it(
    'retrigger of an UNDEPLOYED deployment: mutation answered',
    () =>
      killPoint('retrigger of an UNDEPLOYED deployment: mutation answered', async () => {
        await mutate('retriggerDeployment', 'RetriggerDeploymentInput', { id: (await byName('walk-b')).id });
      }),
    T,
  );

  it(
    'retrigger of a saved deployment (READY_TO_DEPLOY): mutation answered',
    () =>
      killPoint('retrigger of a saved deployment (READY_TO_DEPLOY): mutation answered', async () => {
        const id = await deploy('walk-d', { startNow: false });
        await mutate('retriggerDeployment', 'RetriggerDeploymentInput', { id });
      }),
    T,
  );

  it(
    'retrigger of a FAILED redeploy whose previous version still serves',
    () =>
      killPoint('retrigger of a FAILED redeploy whose previous version still serves', async () => {
        await undeployIfActive('walk-b');
        const d = await until('walk-d', (r) => r.status === 'DEPLOYED', 'walk-d deployed');
        const modelFile = join(dataDir, 'models', 'demo', DEMO_MODEL_FILE_NAME);
        await rename(modelFile, `${modelFile}.away`);
        try {
          await mutate('redeployDeployment', 'RedeployDeploymentInput', {
            id: d.id,
            parameters: { temperature: 0.2 },
          });
          await until('walk-d', (r) => r.status === 'FAILED', 'the failed redeploy');
        } finally {
          await rename(`${modelFile}.away`, modelFile);
        }
        await mutate('retriggerDeployment', 'RetriggerDeploymentInput', { id: d.id });
      }),
    T,
  );

  it(
    'undeploy of a FAILED redeploy still serving: request in flight',
    () =>
      killPoint('undeploy of a FAILED redeploy still serving: request in flight', async () => {
        const d = await byName('walk-d');
        const modelFile = join(dataDir, 'models', 'demo', DEMO_MODEL_FILE_NAME);
        await rename(modelFile, `${modelFile}.away`);
        try {
          await mutate('redeployDeployment', 'RedeployDeploymentInput', {
            id: d.id,
            parameters: { temperature: 0.3 },
          });
          await until('walk-d', (r) => r.status === 'FAILED', 'the failed redeploy');
        } finally {
          await rename(`${modelFile}.away`, modelFile);
        }
        fire('undeployDeployment', 'UndeployDeploymentInput', { id: d.id });
        await new Promise((r) => setTimeout(r, 30));
      }),
    T,
  );

  it(
    'delete: request in flight',
    () =>
      killPoint('delete: request in flight', async () => {
        const d = await byName('walk-d');
        if (d.status !== 'UNDEPLOYED')
          await mutate('undeployDeployment', 'UndeployDeploymentInput', { id: d.id });
        fire('deleteDeployment', 'DeleteDeploymentInput', { id: d.id });
        await new Promise((r) => setTimeout(r, 20));
        return { gone: ['walk-d'] };
      }),
    T,
  );

  it(
    'delete: answered',
    () =>
      killPoint('delete: answered', async () => {
        const id = await deploy('walk-e', { startNow: false });
        await mutate('deleteDeployment', 'DeleteDeploymentInput', { id });
        const d = (await rows()).find((r) => r.name === 'walk-d');
        if (d) await mutate('deleteDeployment', 'DeleteDeploymentInput', { id: d.id });
        return { gone: ['walk-d', 'walk-e'] };
      }),
    T,
  );

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
        const { orphans } = await killServer(server!);
        expect(orphans).toEqual([]);
        server = await startServerProcess(dataDir);
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
          async () => (await descendants(server!.child.pid!)).length > 0,
          30_000,
          'a replica process',
        );
        const { orphans } = await killServer(server!);
        expect(orphans).toEqual([]);
        server = await startServerProcess(dataDir);
        await waitFor(
          async () => (await descendants(server!.child.pid!)).length > 0,
          60_000,
          'a resumed replica',
        );
      }),
    T,
  );

  async function uploadArchive(name: string, half: boolean, padded = false): Promise<string> {
    const zipPath = join(work, `${name}.zip`);
    if (padded) {
      // Enough data that validation takes a moment: the kill lands while it runs.
      const demo = await readFile(join(dataDir, 'models', 'demo', DEMO_MODEL_FILE_NAME));
      await writeZip(zipPath, [
        { name: `${name}/model.gguf`, data: demo },
        { name: `${name}/extra/padding.bin`, data: Buffer.alloc(80 * 1024 * 1024, 7) },
      ]);
    } else {
      await buildGgufBaseArchive(zipPath);
    }
    const bytes = await readFile(zipPath);
    const tus = { baseUrl: server!.url, token };
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
    const artifacts = join(dataDir, 'models', 'artifacts');
    const files = (await readdir(artifacts, { recursive: true }).catch(() => [] as string[])).map(String);
    expect(files.filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});
