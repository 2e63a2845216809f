import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from './harness.js';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Runs the real entry point (src/app/main.ts, which `npm start` runs compiled) as a separate process, like a user would. */
function startServerProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      HANGAR_PORT: '0',
      HANGAR_HOST: '127.0.0.1',
      HANGAR_DATA_DIR: dataDir,
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

async function gql<T>(
  url: string,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
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

/** Pids of the replica processes a server process started (its children running replica-server). */
async function replicaPids(serverPid: number): Promise<number[]> {
  const { readdir } = await import('node:fs/promises');
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8');
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (cmdline.includes('replica-server') && ppid === serverPid) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

describe('killing and restarting the server', () => {
  const children: ChildProcess[] = [];
  let dataDir = '';
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves no orphan replicas and no deployment stuck after SIGKILL mid-deploy and a restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hangar-restart-'));
    const first = await startServerProcess(dataDir);
    children.push(first.child);
    const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
    const models = await gql<{ models: { nodes: { id: string }[] } }>(
      first.url,
      token,
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    const deployed = await gql<{ deployModel: { deployment: { id: string } } }>(
      first.url,
      token,
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } userErrors { message } } }`,
      {
        i: {
          modelId: models.models.nodes[0]!.id,
          name: 'survivor',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          scaling: { minReplicas: 2, maxReplicas: 2 },
        },
      },
    );
    const { id } = deployed.deployModel.deployment;
    const status = async (url: string) =>
      (
        await gql<{ deployment: { status: string } }>(
          url,
          token,
          `query($id: ID!) { deployment(id: $id) { status } }`,
          { id },
        )
      ).deployment.status;

    // Kill the server while replicas are starting: nothing may survive it.
    await waitFor(async () => (await replicaPids(first.child.pid!)).length > 0, 30_000, 'replica processes');
    const pids = await replicaPids(first.child.pid!);
    first.child.kill('SIGKILL');
    await waitFor(
      async () => pids.every((pid) => !processAlive(pid)),
      15_000,
      'replicas to exit with their server',
    );

    // The restarted server resolves the deployment caught mid-transition.
    const second = await startServerProcess(dataDir);
    children.push(second.child);
    const final = await waitFor(
      async () => {
        const s = await status(second.url);
        return s === 'DEPLOYED' || s === 'FAILED' ? s : null;
      },
      90_000,
      'deployment to settle after restart',
    );
    expect(final).toBe('DEPLOYED');
    const lines = await gql<{ deployment: { events: { message: string }[] } }>(
      second.url,
      token,
      `query($id: ID!) { deployment(id: $id) { events(last: 100) { message } } }`,
      { id },
    );
    expect(lines.deployment.events.map((e) => e.message)).toContain('Resuming after a server restart.');

    // A graceful stop (SIGTERM) takes the replicas with it too, and the spare process the launcher started once
    // they were ready (replica-launcher.ts: one spare, not more): two serving replicas plus one spare.
    await waitFor(
      async () => (await replicaPids(second.child.pid!)).length >= 3,
      30_000,
      'the spare replica process',
    );
    const running = await replicaPids(second.child.pid!);
    expect(running.length).toBe(3);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    await waitFor(
      async () => running.every((pid) => !processAlive(pid)),
      15_000,
      'replicas to stop with the server',
    );
  }, 240_000);
});
