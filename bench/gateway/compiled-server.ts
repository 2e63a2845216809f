import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const serverDir = fileURLToPath(new URL('../../server/', import.meta.url));
let built: Promise<void> | undefined;

/** Compiles the server to server/build as `npm start` does (once per run), so the benchmarks measure that code. */
export function buildServer(): Promise<void> {
  built ??= promisify(execFile)('npm', ['run', 'build'], { cwd: serverDir }).then(() => undefined);
  return built;
}

/** The node flags of `npm start` (server/package.json's `serve`: `node <flags> build/app/main.js`). */
export async function serveFlags(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(`${serverDir}package.json`, 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = pkg.scripts.serve!.split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'build/app/main.js')
    throw new Error(
      'server/package.json "serve" no longer runs `node <flags> build/app/main.js`: update the bench.',
    );
  return words.slice(1, -1);
}
