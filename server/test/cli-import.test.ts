import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoModel } from '../src/modules/demo-model/demo-model.js';
import { writeZip } from './fixtures/archives/archive-builders.js';
import { startTestServer, type TestServer } from './harness.js';

const CLI = fileURLToPath(new URL('../bin/hangar.mjs', import.meta.url));
const CHUNK = 1024 * 1024;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `killWhen` sees stdout so far and may ask for SIGKILL (an interrupted terminal). */
function runCli(args: string[], killWhen?: (stdout: string) => boolean): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (killWhen?.(stdout)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const uploadedLines = (stdout: string) =>
  [...stdout.matchAll(/uploaded (\d+)\/(\d+) bytes/g)].map((m) => Number(m[1]));

describe('npx hangar import', () => {
  let server: TestServer;
  let work: string;

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite' });
    work = await mkdtemp(join(tmpdir(), 'hangar-cli-test-'));
  });
  afterAll(async () => {
    await server?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it('uploads in chunks, resumes after being killed, and reports the model ready', async () => {
    // A real model plus enough extra bytes that the upload takes many requests.
    const gguf = await readFile((await generateDemoModel(join(work, 'tiny.gguf'))).path);
    const zipPath = join(work, 'cli-model.zip');
    await writeZip(zipPath, [
      { name: 'cli-model/tiny-llama.gguf', data: gguf },
      { name: 'cli-model/notes/padding.bin', data: randomBytes(24 * CHUNK) },
    ]);
    const size = (await readFile(zipPath)).length;
    const common = [
      'import',
      zipPath,
      '--server',
      server.app.url,
      '--token',
      server.adminToken,
      '--state',
      join(work, 'uploads.json'),
      '--chunk-size',
      String(CHUNK),
      '--tags',
      'cli,test',
    ];

    const interrupted = await runCli(common, (out) => uploadedLines(out).length >= 3);
    expect(interrupted.signal).toBe('SIGKILL');
    const before = uploadedLines(interrupted.stdout);
    expect(before.at(-1)).toBeLessThan(size);

    const resumed = await runCli(common);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('Resuming an earlier upload of cli-model.zip.');
    const after = uploadedLines(resumed.stdout);
    // It continued from where the first run stopped instead of sending the first chunks again.
    expect(after[0]).toBeGreaterThan(before.at(-1)!);
    expect(after.at(-1)).toBe(size);
    expect(resumed.stdout).toMatch(/Importing as "cli-model"/);
    expect(resumed.stdout).toMatch(/Ready to deploy: cli-model \(GGUF\)/);

    const models = await server.gql<{
      models: { nodes: { name: string; status: string; tags: string[] }[] };
    }>(`{ models(filter: { search: "cli-model" }) { nodes { name status tags } } }`);
    expect(models.data.models.nodes).toEqual([
      { name: 'cli-model', status: 'READY_TO_DEPLOY', tags: ['cli', 'test'] },
    ]);
  }, 120_000);

  it('explains refusals: not a zip, adapter without base, a failed validation, a bad token', async () => {
    const notZip = await runCli(['import', join(work, 'model.gguf'), '--token', 'x']);
    expect(notZip.code).toBe(2);
    expect(notZip.stderr).toMatch(/not a \.zip archive/);

    const noBase = await runCli(['import', join(work, 'a.zip'), '--adapter', '--token', 'x']);
    expect(noBase.stderr).toMatch(/--adapter needs --base/);

    const broken = join(work, 'broken.zip');
    await writeZip(broken, [{ name: 'readme.txt', data: 'no model here' }]);
    const failed = await runCli([
      'import',
      broken,
      '--server',
      server.app.url,
      '--token',
      server.adminToken,
      '--state',
      join(work, 's2.json'),
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/import failed \(INVALID_FORMAT\)/);

    const badToken = await runCli([
      'import',
      broken,
      '--server',
      server.app.url,
      '--token',
      'hgr_pat_wrong',
      '--state',
      join(work, 's3.json'),
    ]);
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toMatch(/HTTP 401/);
  }, 60_000);
});
