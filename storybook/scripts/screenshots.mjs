// Screenshots of stories from the static build (`npm run build -w storybook` first), for reviewing what a
// component looks like: node storybook/scripts/screenshots.mjs <story-id>… → test-artifacts/storybook/<id>.png.
// Play functions run as in Storybook, so interaction stories are shot in their end state.
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../storybook-static');
const out = resolve(here, '../../test-artifacts/storybook');
const port = Number(process.env.SCREENSHOT_PORT ?? 4681);
const ids = process.argv.slice(2);
if (!existsSync(join(root, 'iframe.html')))
  throw new Error('No storybook-static/: run `npm run build -w storybook` first.');
if (!ids.length) throw new Error('Pass story ids, e.g. deployments-deploymentevents--all-states.');

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};
const server = createServer((request, response) => {
  const path = join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
  if (!path.startsWith(root) || !existsSync(path) || statSync(path).isDirectory()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
  createReadStream(path).pipe(response);
}).listen(port, '127.0.0.1');

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
try {
  const page = await browser.newPage({
    viewport: { width: Number(process.env.SCREENSHOT_WIDTH ?? 1100), height: 800 },
  });
  for (const id of ids) {
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${id}&viewMode=story`);
    await page.locator('#storybook-root > *').first().waitFor();
    // Mocked answers arrive after 20 ms and play functions take a moment; wait until the story settles.
    await page.waitForTimeout(2500);
    const file = join(out, `${id}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
} finally {
  await browser.close();
  server.close();
}
