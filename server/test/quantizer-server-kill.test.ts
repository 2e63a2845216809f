import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { writeLargeGguf } from './fixtures/large-gguf.js';
import { createUpload, patchUpload, type TusTarget } from './fixtures/tus-requests.js';
import { waitFor } from './harness.js';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

/** Runs the real entry point (src/app/main.ts) as a separate process, so that it can be SIGKILLed. */
function startServerProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      HANGAR_PORT: '0',
      HANGAR_HOST: '127.0.0.1',
      HANGAR_DATA_DIR: dataDir,
      HANGAR_DEMO_MODEL: '0',
      HANGAR_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${match[1]}` });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

async function gql<T>(url: string, token: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of quantizer children of `serverPid` (processes running quantize.child.mjs). */
async function quantizerPids(serverPid: number): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8');
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (cmdline.includes('quantize.child.mjs') && ppid === serverPid) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

describe('the quantizer child and a killed server', () => {
  const children: ChildProcess[] = [];
  let dataDir = '';
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('exits and removes its .partial file when the server is SIGKILLed mid-quantization', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hangar-quantize-kill-'));
    // 136 MB of F32: quantizing it to Q4_K_M takes seconds (5 s measured on 2 busy cores).
    const ggufPath = join(dataDir, 'large.gguf');
    await writeLargeGguf(ggufPath);
    const zipPath = join(dataDir, 'large.zip');
    const zip = new yazl.ZipFile();
    zip.addFile(ggufPath, 'large/large.gguf', { compress: false });
    zip.end();
    const out = createWriteStream(zipPath);
    zip.outputStream.pipe(out);
    await once(out, 'close');
    await rm(ggufPath);

    const server = await startServerProcess(dataDir);
    children.push(server.child);
    const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
    const tus: TusTarget = { baseUrl: server.url, token };
    const bytes = await readFile(zipPath);
    const upload = await createUpload(tus, 'large.zip', bytes.length);
    expect((await patchUpload(tus, upload.id!, 0, bytes)).offset).toBe(bytes.length);
    const imported = await gql<{ importModel: { model: { id: string } } }>(
      server.url,
      token,
      `mutation($i: ImportModelInput!) { importModel(input: $i) { model { id } userErrors { message } } }`,
      { i: { uploadId: upload.id, kind: 'BASE' } },
    );
    const modelId = imported.importModel.model.id;
    await waitFor(
      async () => {
        const { model } = await gql<{ model: { status: string; statusDetail: string | null } }>(
          server.url,
          token,
          `query($id: ID!) { model(id: $id) { status statusDetail } }`,
          { id: modelId },
        );
        if (model.status === 'IMPORT_FAILED') throw new Error(model.statusDetail ?? 'import failed');
        return model.status === 'READY_TO_DEPLOY';
      },
      120_000,
      'the large model to be imported',
    );

    await gql(
      server.url,
      token,
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } userErrors { message } } }`,
      {
        i: {
          modelId,
          name: 'quantized',
          hardwareProfileId: 'local-cpu',
          optimization: { technique: 'GGUF_QUANTIZATION', quantization: 'Q4_K_M' },
          acceptTerms: true,
        },
      },
    );
    const artifactDir = join(dataDir, 'models', 'artifacts', rawId(modelId));
    const partials = async () =>
      (await readdir(artifactDir).catch(() => [] as string[])).filter((n) => n.includes('.partial'));
    // Kill the server while llama.cpp is writing the quantized file.
    await waitFor(async () => (await partials()).length > 0, 60_000, 'quantization to start writing');
    const [quantizer] = await quantizerPids(server.child.pid!);
    expect(quantizer).toBeGreaterThan(0);
    server.child.kill('SIGKILL');

    await waitFor(async () => !processAlive(quantizer!), 15_000, 'the quantizer to exit with its server');
    expect(await partials()).toEqual([]);
    // Nothing finished behind the dead server's back either.
    expect((await readdir(artifactDir)).filter((n) => n.endsWith('.gguf'))).toEqual([]);
  }, 240_000);
});
