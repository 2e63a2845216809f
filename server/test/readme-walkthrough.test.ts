import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../src/app/config.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** The shell block of a README section, exactly as a reader would copy it. */
async function readmeBlock(heading: string): Promise<string> {
  const readme = await readFile(join(repo, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`## ${heading}`));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error(`README.md has no sh block under "## ${heading}"`);
  return block[1]!;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('the README, run as written', () => {
  let work: string;
  let server: ReturnType<typeof run> & { child: ChildProcess };

  beforeAll(async () => {
    // The walkthrough runs from a folder holding `data/`, as the repository root does after `npm start`. The
    // server gets that folder as its data dir, so a developer's own data/ is never touched by the test.
    work = await mkdtemp(join(tmpdir(), 'hangar-readme-'));
    server = run('npm', ['start'], repo, {
      ...process.env,
      HANGAR_DATA_DIR: join(work, 'data'),
      HANGAR_LOG_LEVEL: 'warn',
    });
    for (let i = 0; ; i++) {
      if (server.child.exitCode !== null) throw new Error(`npm start exited:\n${server.output()}`);
      try {
        if ((await fetch('http://127.0.0.1:4000/healthz')).ok) break;
      } catch {
        // still building or starting
      }
      if (i > 600)
        throw new Error(`npm start did not answer on port 4000 within 5 minutes:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 330_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      // npm start runs two levels of npm and then node: stop the whole group.
      process.kill(-server.child.pid!, 'SIGTERM');
      await server.exited;
    }
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('npm start prints the sign-in link with the admin token on first start', () => {
    expect(server.output()).toMatch(
      /Open the dashboard, signed in as admin: http:\/\/localhost:4000\/#token=hgr_pat_/,
    );
  });

  it('the curl walkthrough lists the demo model, deploys it, sees it DEPLOYED and gets a chat completion', async () => {
    const block = await readmeBlock('A first deployment with curl');
    const walk = run('bash', ['-c', block], work, process.env);
    const code = await walk.exited;
    const out = walk.output();
    expect(code, out).toBe(0);
    expect(out).toContain('"name":"hangar-demo-tiny-llama"');
    expect(out).toMatch(/"deployModel":\{"deployment":\{"id":"[^"]+","deploymentId":"dpl-[^"]+"/);
    expect(out).toContain('"userErrors":[]');
    expect(out).toMatch(/"name":"Demo","status":"DEPLOYED","versions":\[\{"name":"Demo_v1"/);
    expect(out).toMatch(/"object":"chat\.completion"/);
    expect(out).not.toMatch(/"error"/);
  }, 180_000);

  it("the default data directory is the repository's data/, whichever folder the server starts from", () => {
    const cwd = process.cwd();
    try {
      process.chdir(join(repo, 'server'));
      expect(configFromEnv({}).dataDir).toBe(join(repo, 'data'));
    } finally {
      process.chdir(cwd);
    }
  });
});
