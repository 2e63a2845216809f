// The host app against the real Hangar server, in Debian's Chromium: a user imports a model zip through the
// dialog, deploys it through the wizard, watches the history and the model list update live, creates an API key
// and calls the endpoint with it. Screenshots land in test-artifacts/host-app/.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import yazl from 'yazl';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '../../..');
const artifacts = join(repo, 'test-artifacts/host-app');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let server: ChildProcess | undefined;
let preview: ChildProcess | undefined;
let browser: Browser | undefined;
let dataDir = '';
let appUrl = '';
let token = '';

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitFor(url: string, child: ChildProcess, what: string) {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not answer on ${url}`);
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  execFileSync('npm', ['run', 'build', '-w', 'examples/host-app'], { cwd: repo, stdio: 'ignore' });

  dataDir = mkdtempSync(join(tmpdir(), 'hangar-host-e2e-'));
  const serverPort = await freePort();
  server = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: join(repo, 'server'),
    env: {
      ...process.env,
      HANGAR_PORT: String(serverPort),
      HANGAR_DATA_DIR: dataDir,
      HANGAR_LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  await waitFor(`http://127.0.0.1:${serverPort}/healthz`, server, 'Hangar server');
  token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();

  // `vite preview` serves the built app and proxies /graphql (HTTP and WebSocket), /api and /uploads to the server.
  const previewPort = await freePort();
  // Started as node + vite's own script (not npx) so that killing it stops the server itself.
  preview = spawn(
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
  appUrl = `http://127.0.0.1:${previewPort}`;
  await waitFor(appUrl, preview, 'vite preview');

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  preview?.kill('SIGTERM');
  // SIGTERM lets the server stop its model replicas before exiting.
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server?.once('exit', r));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// playwright-core has no web-first assertions (those live in @playwright/test): poll what the user would see.
const text = (locator: Locator) =>
  expect.poll(async () => (await locator.textContent())?.trim(), { timeout: 15_000 });

/** A .zip holding the server's generated demo GGUF under another name: a small model a user could import. */
async function modelZip(): Promise<string> {
  const zipPath = join(dataDir, 'tiny-import.zip');
  const zip = new yazl.ZipFile();
  zip.addFile(join(dataDir, 'models/demo/hangar-demo-tiny-llama.gguf'), 'tiny-import.gguf');
  zip.end();
  await new Promise<void>((done, fail) =>
    zip.outputStream.pipe(createWriteStream(zipPath)).on('close', done).on('error', fail),
  );
  return zipPath;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

test('import a model, deploy it, watch it go live, create a key and call the endpoint', async () => {
  if (!browser) throw new Error('browser did not start');
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  // The sign-in link the server prints on first start.
  await page.goto(`${appUrl}/#token=${token}`);
  // The token leaves the address bar once stored.
  await expect.poll(() => page.url()).not.toContain('token=');
  await page.getByRole('row', { name: /hangar-demo-tiny-llama/ }).waitFor();

  // Import: the .zip goes up over tus, then the dialog follows Importing → Validating → Ready to Deploy.
  await page.getByRole('button', { name: 'Import model' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import model' });
  await importDialog.locator('input[type=file]').setInputFiles(await modelZip());
  await text(importDialog.locator('.hangar-import__file')).toBe('tiny-import.zip');
  await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect
    .poll(async () => (await importDialog.getByRole('status').textContent()) ?? '', { timeout: 60_000 })
    .toContain('Ready to Deploy');
  await shot(page, 'import-ready');
  await importDialog.getByRole('button', { name: 'Close' }).click();
  // The list got the new model by subscription.
  const importedRow = page.getByRole('row', { name: /tiny-import/ });
  await text(importedRow).toContain('Ready to Deploy');
  const modelName = (await importedRow.getByRole('rowheader').locator('button').textContent())?.trim() ?? '';
  await text(importedRow.getByRole('cell').nth(0)).toBe('0');

  await page.getByRole('button', { name: 'Deploy a model' }).click();
  await page.getByRole('radio', { name: 'Imported model' }).check();
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: modelName });
  await page.getByLabel('Deployment name').fill('Support bot');
  await page.getByLabel('Tags').fill('e2e, demo');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Parameters');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => page.getByRole('combobox', { name: 'Hardware' }).inputValue()).not.toBe('');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: 'I accept all the Terms and Conditions' }).check();
  await page.getByRole('button', { name: 'Deploy' }).click();

  // The history opens on version 1 and turns to Success by subscription, without a reload.
  const latest = page.getByRole('listitem').filter({ hasText: 'Support bot_v1' });
  await text(latest).toContain('Latest');
  await expect
    .poll(async () => (await latest.locator('.hangar-status').textContent())?.trim(), { timeout: 60_000 })
    .toBe('Success');
  await shot(page, 'history-deployed');

  await page.getByRole('link', { name: 'API Keys' }).click();
  await page.getByRole('button', { name: 'Create a new API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new API key' });
  await dialog.getByLabel('Name').fill('e2e');
  await dialog.getByRole('button', { name: 'Generate key' }).click();
  const secret = (await dialog.locator('[data-secret]').textContent())?.trim() ?? '';
  await dialog.getByRole('button', { name: 'Copy and close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await text(page.getByRole('row', { name: /e2e/ })).toContain('Active');
  await shot(page, 'api-keys');

  // Copy cURL from the deployments list, then make that call with the key.
  await page.goto(`${appUrl}/#/models`);
  await text(
    page
      .getByRole('row', { name: /tiny-import/ })
      .getByRole('cell')
      .nth(0),
  ).toBe('1');
  await shot(page, 'models');
  await page.getByRole('button', { name: `Open ${modelName}` }).click();
  await page.getByRole('button', { name: 'Copy cURL for Support bot' }).click();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  const url = curl.match(/https?:\/\/\S+\/chat\/completions/)?.[0];
  expect(url).toBeTruthy();
  const response = await fetch(url ?? '', {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'Hello' }], max_tokens: 8 }),
  });
  expect(response.status).toBe(200);
  // The tiny generated model may stop at once (EOS), so the check is the shape, not the words.
  const completion = (await response.json()) as {
    object: string;
    choices: Array<{ message: { role: string; content: unknown } }>;
  };
  expect(completion.object).toBe('chat.completion');
  expect(completion.choices[0]?.message.role).toBe('assistant');
  expect(typeof completion.choices[0]?.message.content).toBe('string');
  await shot(page, 'deployments');

  expect(pageErrors).toEqual([]);
  await context.close();
}, 180_000);
