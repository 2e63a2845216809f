import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHfBaseArchive } from './fixtures/archives/archive-builders.js';
import { hostileArchives, type HostileArchive } from './fixtures/archives/hostile-archives.js';
import { createUpload, patchUpload, type TusTarget } from './fixtures/tus-requests.js';
import { startTestServer, waitFor, type TestServer } from './harness.js';

interface Outcome {
  id: string;
  status: string;
  importError: { class: string; message: string } | null;
}

/** Every file below `dir`, relative, except the database and the uploads area. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const abs = join(d, e.name);
      const rel = relative(dir, abs);
      if (rel === 'uploads' || rel.startsWith('hangar.sqlite')) continue;
      if (e.isDirectory()) await walk(abs);
      else out.push(rel);
    }
  };
  await walk(dir);
  return out.sort();
}

describe('the hostile corpus through the API', () => {
  let server: TestServer & { dataDir: string };
  let tus: TusTarget;
  let work: string;
  let baseId: string;

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite' });
    tus = { baseUrl: server.app.url, token: server.adminToken };
    work = await mkdtemp(join(tmpdir(), 'hangar-hostile-api-'));
    const basePath = join(work, 'tiny-llama.zip');
    await buildHfBaseArchive(basePath);
    const base = await uploadAndImport(basePath, 'tiny-llama.zip', { kind: 'BASE' });
    expect(base.status).toBe('READY_TO_DEPLOY');
    baseId = base.id;
  }, 60_000);
  afterAll(async () => {
    await server?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  async function uploadAndImport(
    path: string,
    fileName: string,
    input: Record<string, unknown>,
  ): Promise<Outcome> {
    const bytes = await readFile(path);
    const created = await createUpload(tus, fileName, bytes.length);
    expect(created.status, created.body).toBe(201);
    if (bytes.length > 0) await patchUpload(tus, created.id!, 0, bytes);
    const result = await server.gql<{ importModel: { model: { id: string } | null; userErrors: unknown[] } }>(
      `mutation($input: ImportModelInput!) { importModel(input: $input) { model { id } userErrors { message } } }`,
      { input: { uploadId: created.id, ...input } },
    );
    expect(result.data.importModel.userErrors).toEqual([]);
    const id = result.data.importModel.model!.id;
    return waitFor(
      async () => {
        const r = await server.gql<{ model: Outcome }>(
          `query($id: ID!) { model(id: $id) { id status importError { class message } } }`,
          { id },
        );
        return ['READY_TO_DEPLOY', 'IMPORT_FAILED'].includes(r.data.model.status) ? r.data.model : null;
      },
      30_000,
      `the import of ${fileName}`,
    );
  }

  it('refuses every archive with the right class, writes nothing outside the store, keeps serving', async () => {
    expect(hostileArchives.length).toBeGreaterThanOrEqual(50);
    const before = await filesUnder(server.dataDir);

    // Other requests keep being answered while the corpus is imported.
    let probing = true;
    const probes: number[] = [];
    const prober = (async () => {
      while (probing) {
        const r = await server.gql<{ viewer: { name: string } }>(`{ viewer { name } }`);
        probes.push(r.status === 200 && r.data.viewer.name ? 1 : 0);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const byName = hostileArchives.filter((h) => h.fileName && !/\.zip$/i.test(h.fileName));
    // An adapter without a chosen base is refused by importModel itself (the upload stays for a retry).
    const noBase = hostileArchives.filter((h) => h.kind === 'ADAPTER' && !h.base);
    const normal = hostileArchives.filter((h) => !byName.includes(h) && !noBase.includes(h) && !h.limits);
    const limited = hostileArchives.filter((h) => !byName.includes(h) && !noBase.includes(h) && h.limits);
    expect(noBase.length).toBeLessThanOrEqual(1);
    for (const h of noBase) {
      const created = await createUpload(tus, `${h.id}.zip`, 10);
      const refused = await server.gql<{ importModel: { model: unknown; userErrors: { code: string }[] } }>(
        `mutation($input: ImportModelInput!) { importModel(input: $input) { model { id } userErrors { code } } }`,
        { input: { uploadId: created.id, kind: 'ADAPTER' } },
      );
      expect(refused.data.importModel).toEqual({ model: null, userErrors: [{ code: 'REQUIRED' }] });
      // The user gives up: terminating the upload (tus DELETE) removes its bytes.
      const terminated = await fetch(`${server.app.url}/uploads/${created.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${server.adminToken}`, 'tus-resumable': '1.0.0' },
      });
      expect(terminated.status).toBe(204);
    }

    // A wrong file name is refused when the upload is created: no model, no bytes stored.
    for (const h of byName) {
      const created = await createUpload(tus, h.fileName!, 100);
      expect({ id: h.id, status: created.status }).toEqual({ id: h.id, status: 400 });
      expect(created.body).toMatch(/\.zip/);
    }

    const run = async (h: HostileArchive) => {
      const path = join(work, `${h.id}.zip`);
      await h.build(path);
      const outcome = await uploadAndImport(path, h.fileName ?? `${h.id}.zip`, {
        kind: h.kind,
        ...(h.kind === 'ADAPTER' && h.base ? { baseModelId: baseId } : {}),
      });
      await rm(path, { force: true });
      return { h, outcome };
    };
    const results: { h: HostileArchive; outcome: Outcome }[] = [];
    try {
      for (let i = 0; i < normal.length; i += 8) {
        results.push(...(await Promise.all(normal.slice(i, i + 8).map(run))));
      }
      for (const h of limited) {
        server.app.services.imports.archiveLimits = h.limits!;
        results.push(await run(h));
      }
    } finally {
      server.app.services.imports.archiveLimits = {};
      probing = false;
      await prober;
    }

    for (const { h, outcome } of results) {
      expect({ id: h.id, status: outcome.status, class: outcome.importError?.class }).toEqual({
        id: h.id,
        status: 'IMPORT_FAILED',
        class: h.expected,
      });
      expect(outcome.importError!.message.length, h.id).toBeGreaterThan(40);
    }
    expect(results.length + byName.length + noBase.length).toBe(hostileArchives.length);

    // Failed imports leave no folder in the store, and nothing landed anywhere else.
    expect(await filesUnder(server.dataDir)).toEqual(before);
    expect(
      await readdir(join(server.dataDir, 'uploads')).then((f) => f.filter((n) => !n.endsWith('.json'))),
    ).toEqual([]);
    await expect(stat('/tmp/hangar-ev')).rejects.toThrow();
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.every((p) => p === 1)).toBe(true);
  }, 180_000);
});
