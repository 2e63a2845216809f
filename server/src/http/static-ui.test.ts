import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticUiRoute } from './static-ui.js';

describe('the dashboard route', () => {
  let root = '';
  let server: Server;
  let url = '';

  beforeAll(async () => {
    const parent = await mkdtemp(join(tmpdir(), 'hangar-ui-'));
    root = join(parent, 'dist');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Hangar</title>');
    await writeFile(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
    await writeFile(join(parent, 'secret.txt'), 'outside the root');
    const route = createStaticUiRoute(root);
    server = createServer((req, res) => {
      void Promise.resolve(route(req, res)).then((handled) => {
        if (!handled) res.writeHead(404).end('not the UI');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(join(root, '..'), { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes', async () => {
    for (const path of ['/', '/deployments/dpl-abc']) {
      const response = await fetch(url + path);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<title>Hangar</title>');
    }
  });

  it('serves assets with a long cache and the right type', async () => {
    const response = await fetch(`${url}/assets/app-1234.js`);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('leaves server paths alone and never serves files outside its folder', async () => {
    expect(await (await fetch(`${url}/graphql`)).text()).toBe('not the UI');
    expect(await (await fetch(`${url}/api/v2/deployments/x/models`)).text()).toBe('not the UI');
    const escape = await fetch(`${url}/..%2Fsecret.txt`);
    expect(await escape.text()).not.toContain('outside the root');
  });
});
