// Single sign-on in Debian's Chromium: with OpenID Connect on, the sign-in page offers "Sign in with <provider>";
// the provider's own login form (oidc-provider, a real one, in a process of its own) sends the browser back through
// Hangar's callback with the token in the fragment, which the app uses and removes from the address bar.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { freePort, launchChromium, waitFor } from './harness.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '../../..');

const children: ChildProcess[] = [];
let browser: Browser | undefined;
let dataDir = '';
let appUrl = '';

beforeAll(async () => {
  // The other browser test builds the components and the app; build only what is missing.
  if (!existsSync(join(repo, 'components/dist/index.js')))
    execFileSync('npm', ['run', 'build', '-w', 'components'], { cwd: repo, stdio: 'ignore' });
  execFileSync('npm', ['run', 'build:app', '-w', 'examples/host-app'], { cwd: repo, stdio: 'ignore' });

  const [serverPort, previewPort] = [await freePort(), await freePort()];
  appUrl = `http://127.0.0.1:${previewPort}`;

  const provider = spawn(process.execPath, ['--import', 'tsx', 'test/oidc/serve-test-provider.ts'], {
    cwd: join(repo, 'server'),
    env: {
      ...process.env,
      OIDC_TEST_REDIRECT_URI: `${appUrl}/auth/oidc/callback`,
      OIDC_TEST_ACCOUNTS: JSON.stringify({
        'alice-sub': { email: 'alice@acme.test', name: 'Alice Ng', groups: ['*:DEPLOYER', 'acme:ADMIN'] },
      }),
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(provider);
  const [line] = await Promise.race([
    (async () => {
      for await (const l of createInterface({ input: provider.stdout! })) return [l];
      throw new Error('the OIDC provider exited before printing its issuer');
    })(),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no OIDC provider')), 60_000)),
  ]);
  const { issuer, clientId, clientSecret } = JSON.parse(line!) as Record<string, string>;

  dataDir = mkdtempSync(join(tmpdir(), 'hangar-sso-e2e-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: join(repo, 'server'),
    env: {
      ...process.env,
      HANGAR_PORT: String(serverPort),
      HANGAR_DATA_DIR: dataDir,
      HANGAR_LOG_LEVEL: 'warn',
      HANGAR_DEMO_MODEL: '0',
      // The dashboard is the preview server (it proxies /auth, /graphql): the callback and the landing go there.
      HANGAR_PUBLIC_URL: appUrl,
      HANGAR_OIDC_ISSUER: issuer!,
      HANGAR_OIDC_CLIENT_ID: clientId!,
      HANGAR_OIDC_CLIENT_SECRET: clientSecret!,
      HANGAR_OIDC_SCOPES: 'openid email profile groups',
      HANGAR_OIDC_NAME: 'Acme ID',
    },
    stdio: 'ignore',
  });
  children.push(server);
  await waitFor(`http://127.0.0.1:${serverPort}/healthz`, server, 'Hangar server');

  const preview = spawn(
    process.execPath,
    [
      join(repo, 'node_modules/vite/bin/vite.js'),
      'preview',
      '--port',
      String(previewPort),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    {
      cwd: join(here, '..'),
      env: { ...process.env, HANGAR_URL: `http://127.0.0.1:${serverPort}` },
      stdio: 'ignore',
    },
  );
  children.push(preview);
  await waitFor(appUrl, preview, 'vite preview');

  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const child of children.reverse()) {
    if (child.exitCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('signs in with the identity provider: the button, its login form, back with the token, which leaves the URL', async () => {
  if (!browser) throw new Error('browser did not start');
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.goto(appUrl);
  const button = page.getByRole('link', { name: 'Sign in with Acme ID' });
  await button.waitFor();
  await button.click();

  // The provider's own page (oidc-provider's development login form).
  await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/interaction\//);
  await page.locator('input[name=login]').fill('alice-sub');
  await page.locator('input[name=password]').fill('any');
  await page.locator('button[type=submit]').click();

  // Back in the console, signed in with the role of the `*:DEPLOYER` group.
  await expect
    .poll(async () => (await page.locator('.acme-viewer').textContent())?.trim(), { timeout: 30_000 })
    .toBe('Alice Ng · deployer');
  expect(page.url()).toBe(`${appUrl}/#/models`);
  expect(await page.evaluate(() => localStorage.getItem('acme-console.hangar-token'))).toMatch(/^hgr_pat_/);
  expect(pageErrors).toEqual([]);
});
