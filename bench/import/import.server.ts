/**
 * The Hangar server under measurement, started exactly as `npm start` runs it: the server package's `build`
 * script, then its `serve` command (read from server/package.json, so the two cannot drift apart) in its own
 * process, whose pid is the server's own (`exec`), so the RSS sampled is the server's and nothing else's.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const serverDir = fileURLToPath(new URL('../../server/', import.meta.url));

export interface BenchServer {
  child: ChildProcess;
  url: string;
  token: string;
}

/** `env` adds to (or overrides) the bench's settings, e.g. `HANGAR_DEMO_MODEL: '1'` for a bench that serves it. */
export async function startServerAsNpmStartDoes(
  dataDir: string,
  env: Record<string, string> = {},
  nodeFlags: string[] = [],
): Promise<BenchServer> {
  const scripts = (
    JSON.parse(await readFile(join(serverDir, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  if (!scripts.start?.includes('npm run serve')) {
    throw new Error('server/package.json "start" no longer runs "serve": update the import bench.');
  }
  await promisify(execFile)('npm', ['run', 'build'], { cwd: serverDir });
  // Extra flags (a CPU profile) go right after `node`: NODE_OPTIONS refuses some of them.
  const serve = scripts.serve!.replace(/^node /, ['node', ...nodeFlags, ''].join(' '));
  const child = spawn('sh', ['-c', `exec ${serve}`], {
    cwd: serverDir,
    env: {
      ...process.env,
      HANGAR_PORT: '0',
      HANGAR_HOST: '127.0.0.1',
      HANGAR_DATA_DIR: dataDir,
      HANGAR_DEMO_MODEL: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /listening on http:\/\/localhost:(\d+)\//.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening`)));
  });
  const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
  return { child, url: `http://127.0.0.1:${port}`, token };
}

/** SIGTERM, as a service manager stops it; resolves when it has exited. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
