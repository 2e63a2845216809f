// The host app against the real Hangar server, in Debian's Chromium: a user imports a model zip through the
// dialog, deploys it through the wizard, watches the history and the model list update live, chats with it in the
// playground (streamed), creates an API key with an expiry and a rate limit, calls the endpoint with it and sees the
// call in the key's usage and on the metrics charts, follows a redeploy in the events view, rolls back from the
// history and finds every step in the audit log. A second test walks the first-run checks. Screenshots land in
// test-artifacts/host-app/.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { freePort, launchChromium, waitFor } from './harness.js';
import yazl from 'yazl';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '../../..');
const artifacts = join(repo, 'test-artifacts/host-app');

let server: ChildProcess | undefined;
let preview: ChildProcess | undefined;
let browser: Browser | undefined;
let dataDir = '';
let appUrl = '';
let token = '';

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

  browser = await launchChromium();
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

test('import a model, deploy it where it fits, chat in the playground, create a limited key and call the endpoint, follow a redeploy in the events, roll back from the history, find it all in the audit log', async () => {
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
  // "Will it fit?": the runtime's dry run answers on the review step.
  await expect
    .poll(() => page.locator('.hangar-wizard__fit').getAttribute('data-fit'), { timeout: 15_000 })
    .toBe('fits');
  await shot(page, 'review-will-it-fit');
  await page.getByRole('checkbox', { name: 'I accept all the Terms and Conditions' }).check();
  await page.getByRole('button', { name: 'Deploy' }).click();

  // The history opens on version 1 and turns to Success by subscription, without a reload.
  await expect.poll(() => page.url()).toMatch(/#\/deployments\/[^/]+\/history$/);
  const deploymentHash = new URL(page.url()).hash.replace(/\/history$/, '');
  await text(page.getByRole('heading', { level: 1 })).toContain('Support bot');
  await page.getByRole('navigation', { name: 'Deployment Support bot' }).waitFor();
  const latest = page.getByRole('listitem').filter({ hasText: 'Support bot_v1' });
  await text(latest).toContain('Latest');
  await expect
    .poll(async () => (await latest.locator('.hangar-status').textContent())?.trim(), { timeout: 60_000 })
    .toBe('Success');
  await shot(page, 'history-deployed');

  // Playground: chat from the browser with a short-lived key issued to the signed-in user; the answer streams
  // (text/event-stream) into the conversation. A JSON schema makes even the tiny random model write text.
  await page.getByRole('link', { name: 'Playground' }).click();
  const playground = page.locator('.hangar-playground');
  await playground.getByLabel('Response format').selectOption('json_schema');
  await playground.getByRole('textbox', { name: 'Message' }).fill('Hello');
  const streamed = page.waitForResponse((r) => r.url().endsWith('/chat/completions'));
  await playground.getByRole('button', { name: 'Send' }).click();
  const chatResponse = await streamed;
  expect(chatResponse.status()).toBe(200);
  expect(chatResponse.headers()['content-type']).toContain('text/event-stream');
  const reply = playground.locator(
    '.hangar-playground__message[data-role="assistant"] .hangar-playground__content',
  );
  await expect
    .poll(async () => {
      try {
        return JSON.parse((await reply.textContent()) ?? '') as unknown;
      } catch {
        return null; // still streaming
      }
    })
    .toEqual({ answer: expect.any(String) });
  await playground.getByRole('button', { name: 'Send' }).waitFor();
  await shot(page, 'playground');

  await page.getByRole('link', { name: 'API Keys' }).click();
  await page.getByRole('button', { name: 'Create a new API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create new API key' });
  await dialog.getByLabel('Name').fill('e2e');
  await dialog.getByLabel('Expires').selectOption({ label: 'In 30 days' });
  await dialog.getByLabel('Rate limit (requests per minute)').fill('60');
  await dialog.getByRole('button', { name: 'Generate key' }).click();
  const secret = (await dialog.locator('[data-secret]').textContent())?.trim() ?? '';
  await dialog.getByRole('button', { name: 'Copy and close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  const keyRow = page.getByRole('row', { name: /e2e/ });
  await text(keyRow).toContain('Active');
  await text(keyRow).toContain('60/min');
  await text(keyRow).toContain('0 requests');
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

  // The key's usage counts the call when its tab opens again.
  await page.goto(`${appUrl}/${deploymentHash}/keys`);
  await text(page.getByRole('row', { name: /e2e/ }).locator('[data-requests]')).toMatch(/^1 request · /);

  // Metrics: both calls (the playground's and the key's) are in the totals and the charts draw (the chart library
  // loads only now).
  await page.getByRole('link', { name: 'Metrics' }).click();
  const metrics = page.locator('.hangar-metrics');
  await text(metrics.getByRole('definition').first()).toBe('2');
  await expect
    .poll(() => metrics.locator('.hangar-metrics__plot canvas').count(), { timeout: 15_000 })
    .toBe(5);
  await shot(page, 'metrics');

  // Events: a second tab shows the stored lines on open, then follows the redeploy below without a reload.
  const eventsPage = await context.newPage();
  eventsPage.on('pageerror', (error) => pageErrors.push(error.message));
  await eventsPage.goto(`${appUrl}/${deploymentHash}/events`);
  const log = eventsPage.getByRole('log', { name: 'Event lines' });
  await text(log).toContain('Support bot_v1 is deployed.');

  // Redeploy with another temperature, from the deployment page.
  await page.goto(`${appUrl}/${deploymentHash}/history`);
  await page.getByRole('button', { name: 'Redeploy' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Temperature', { exact: true }).fill('0.3');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: 'I accept all the Terms and Conditions' }).check();
  await page.getByRole('button', { name: 'Deploy' }).click();
  const second = page.getByRole('listitem').filter({ hasText: 'Support bot_v2' });
  await expect
    .poll(async () => (await second.locator('.hangar-status').textContent())?.trim(), { timeout: 60_000 })
    .toBe('Success');
  await expect
    .poll(async () => (await log.textContent()) ?? '', { timeout: 30_000 })
    .toContain('Support bot_v2 is deployed.');
  await shot(eventsPage, 'events-live');
  await eventsPage.close();

  // Version details: v2 differs from v1 in the temperature only.
  await second.getByRole('button', { name: 'Details of v2' }).click();
  const diff = page.getByRole('table', { name: 'Changes from v1 to v2' });
  await expect.poll(() => diff.locator('tbody tr').count()).toBe(1);
  await text(
    diff
      .getByRole('row', { name: /Temperature/ })
      .getByRole('cell')
      .nth(1),
  ).toBe('0.3');
  const firstTemperature =
    (
      await diff
        .getByRole('row', { name: /Temperature/ })
        .getByRole('cell')
        .nth(0)
        .textContent()
    )?.trim() ?? '';

  // Roll back to v1, confirmed: v3 reuses v1's configuration and goes live.
  await page.getByRole('button', { name: 'Roll back to v1' }).click();
  const confirm = page.getByRole('dialog', { name: 'Roll back to v1?' });
  await text(confirm.getByRole('list', { name: 'What changes' })).toBe(
    `Temperature: 0.3 → ${firstTemperature}`,
  );
  await confirm.getByRole('button', { name: 'Roll back to v1' }).click();
  await confirm.waitFor({ state: 'hidden' });
  const third = page.getByRole('listitem').filter({ hasText: 'Support bot_v3' });
  await text(third.locator('.hangar-timeline__trigger')).toBe('Rollback to v1');
  await expect
    .poll(async () => (await third.locator('.hangar-status').textContent())?.trim(), { timeout: 60_000 })
    .toBe('Success');
  await third.getByRole('button', { name: 'Details of v3' }).click();
  await text(
    page
      .getByRole('table', { name: 'Changes from v2 to v3' })
      .getByRole('row', { name: /Temperature/ })
      .getByRole('cell')
      .nth(1),
  ).toBe(firstTemperature);
  await shot(page, 'history-rolled-back');

  // The audit log has every step of the walk, each found with its filter; the rollback once, on the deployment.
  await page.getByRole('link', { name: 'Audit log' }).click();
  const audit = page.getByRole('table', { name: 'Audit events' });
  for (const action of [
    'importModel',
    'deployModel',
    'createPlaygroundKey',
    'createApiKey',
    'redeployDeployment',
  ]) {
    await page.getByLabel('Action').selectOption(action);
    await expect.poll(() => audit.locator('tbody tr').count(), { message: action }).toBeGreaterThan(0);
  }
  await page.getByLabel('Action').selectOption('rollbackDeployment');
  await expect.poll(() => audit.locator('tbody tr').count()).toBe(1);
  await text(audit.locator('tbody tr')).toContain('Deployment');
  await shot(page, 'audit-log');

  expect(pageErrors).toEqual([]);
  await context.close();
}, 420_000);

test('first run: a bad token is named at sign-in, unknown IDs say "not found", nothing overflows at 390 px', async () => {
  if (!browser) throw new Error('browser did not start');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);

  await page.goto(appUrl);
  await page.getByLabel('Hangar access token').fill('not-a-real-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await text(page.getByRole('alert')).toContain('The server did not accept this token');
  await page.getByLabel('Hangar access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('row', { name: /hangar-demo-tiny-llama/ }).waitFor();
  await shot(page, 'models-390px');
  expect(await pageWidth()).toBeLessThanOrEqual(390);

  await page.goto(`${appUrl}/#/models/TW9kZWw6OTk5OQ`);
  await text(page.getByRole('heading', { level: 1 })).toBe('Model not found');
  await page.goto(`${appUrl}/#/deployments/dpl-does-not-exist/history`);
  await text(page.getByRole('heading', { level: 1 })).toBe('Deployment not found');

  // The wizard's terms are a real page.
  await page.goto(`${appUrl}/#/deploy`);
  await page.getByRole('link', { name: 'Terms and Conditions' }).first().click();
  await text(page.getByRole('heading', { level: 1 })).toBe('Terms and Conditions');

  // The demo deployment's page names it, and its tables fit the narrow screen.
  await page.goto(`${appUrl}/#/models`);
  await page.getByRole('button', { name: 'Open hangar-demo-tiny-llama' }).click();
  await text(page.getByRole('heading', { level: 1 })).toBe('hangar-demo-tiny-llama');
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  await shot(page, 'model-390px');

  expect(pageErrors).toEqual([]);
  await context.close();
}, 120_000);

test('save a deployment without starting it (with its endpoint timeout), then start it from its page', async () => {
  if (!browser) throw new Error('browser did not start');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${appUrl}/#token=${token}`);
  await expect.poll(() => page.url()).not.toContain('token=');

  await page.goto(`${appUrl}/#/deploy`);
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'hangar-demo-tiny-llama' });
  await page.getByLabel('Deployment name').fill('Saved for later');
  await page.getByLabel('Endpoint timeout (seconds)').fill('90');
  // Optimization, parameters, hardware (the one local profile is chosen for the user), review.
  for (const step of ['Optimization', 'Parameters', 'Hardware']) {
    await page.getByRole('button', { name: 'Next' }).click();
    await text(page.getByRole('heading', { level: 2 })).toBe(step);
  }
  await expect.poll(() => page.getByRole('combobox', { name: 'Hardware' }).inputValue()).not.toBe('');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: 'I accept all the Terms and Conditions' }).check();
  await page.getByRole('checkbox', { name: /Start the deployment now/ }).uncheck();
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  await expect.poll(() => page.url()).toMatch(/#\/deployments\/[^/]+\/history$/);
  await page.goto(page.url().replace(/\/history$/, '/settings'));
  const status = page.locator('.hangar-settings .hangar-status');
  await text(status).toBe('Ready to Deploy');
  await expect.poll(() => page.getByLabel('Model endpoint timeout (seconds)').inputValue()).toBe('90');
  await shot(page, 'saved-ready-to-deploy');
  await page.getByRole('button', { name: 'Start deployment' }).click();
  await expect.poll(async () => (await status.textContent())?.trim(), { timeout: 60_000 }).toBe('Deployed');
  await expect(page.getByRole('button', { name: 'Start deployment' }).count()).resolves.toBe(0);

  expect(pageErrors).toEqual([]);
  await context.close();
}, 120_000);

test('projects: on the Project page the admin switches to another project, and the console then shows only it, with its quota', async () => {
  if (!browser) throw new Error('browser did not start');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${appUrl}/#token=${token}`);
  await expect.poll(() => page.url()).not.toContain('token=');
  // A second project, as an instance admin creates one; the first test's import lives in the default project.
  const created = await fetch(`${appUrl}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation { createProject(input: { name: "Globex", slug: "globex" }) { userErrors { message } } }`,
    }),
  });
  expect(((await created.json()) as { data: { createProject: { userErrors: unknown[] } } }).data).toEqual({
    createProject: { userErrors: [] },
  });
  await page.goto(`${appUrl}/#/models`);
  await page.getByRole('row', { name: /tiny-import/ }).waitFor();

  await page.getByRole('link', { name: 'Project', exact: true }).click();
  await text(page.getByRole('heading', { level: 2 }).first()).toBe('Project Default');
  await page.getByRole('combobox', { name: 'Project' }).selectOption({ label: 'Globex (admin)' });
  await text(page.getByRole('heading', { level: 2 }).first()).toBe('Project Globex');
  await page.getByLabel('Max replicas').fill('2');
  await page.getByRole('button', { name: 'Save quotas' }).click();
  await text(page.locator('[data-section="quotas"]')).toContain('0 of 2');
  // The instance admin sets the project's monthly token budget under its meter.
  await page.getByLabel('Monthly token budget').fill('1,000,000');
  await page.getByRole('button', { name: 'Save budget' }).click();
  await page.getByText('Budget saved.').waitFor();
  await text(page.locator('[data-section="budgets"]')).toContain('1,000,000');
  await shot(page, 'project-globex');

  // Narrowed to Globex: the shared demo model is listed, the default project's import is not.
  await page.getByRole('link', { name: 'Open-source models' }).click();
  await page.getByRole('row', { name: /hangar-demo-tiny-llama/ }).waitFor();
  expect(await page.getByRole('row', { name: /tiny-import/ }).count()).toBe(0);
  expect(pageErrors).toEqual([]);
  await context.close();
}, 120_000);
