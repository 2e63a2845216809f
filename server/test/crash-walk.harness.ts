import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { waitFor } from './harness.js';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The real entry point as its own process (like server-restart.test.ts), reused data dir across restarts. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Resolves once the start-up reconciliation has finished (its log line). */
  reconciled: Promise<void>;
  output: () => string;
}

export function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      HANGAR_PORT: '0',
      HANGAR_HOST: '127.0.0.1',
      HANGAR_DATA_DIR: dataDir,
      HANGAR_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let onReconciled!: () => void;
  const reconciled = new Promise<void>((resolve) => (onReconciled = resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${output.slice(-4000)}`)),
      90_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('reconciled the runtime with the database')) onReconciled();
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${match[1]}`, reconciled, output: () => output });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}):\n${output.slice(-4000)}`));
    });
  });
}

export async function gql<T>(
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

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process below `rootPid` (replicas, a quantizer…), from /proc. */
export async function descendants(rootPid: number): Promise<{ pid: number; cmdline: string }[]> {
  const parentOf = new Map<number, { ppid: number; cmdline: string }>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      parentOf.set(Number(entry), { ppid, cmdline });
    } catch {
      // The process ended while we looked.
    }
  }
  const found: { pid: number; cmdline: string }[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const [pid, info] of parentOf) {
      if (info.ppid === parent) {
        found.push({ pid, cmdline: info.cmdline });
        queue.push(pid);
      }
    }
  }
  return found;
}

/** SIGKILLs the server and waits until every process it had started has gone too (no orphans). */
export async function killServer(server: ServerProcess): Promise<{ orphans: string[] }> {
  const below = await descendants(server.child.pid!);
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGKILL');
  await exited;
  try {
    await waitFor(async () => below.every((p) => !processAlive(p.pid)), 20_000, 'children to exit');
    return { orphans: [] };
  } catch {
    return {
      orphans: below.filter((p) => processAlive(p.pid)).map((p) => `${p.pid} ${p.cmdline.slice(0, 120)}`),
    };
  }
}
