import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { RouteHandler } from './http-server.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Paths that belong to the server itself, never to the UI. */
const RESERVED = /^\/(graphql|api|uploads|exports|metrics|healthz)(\/|$)/;

/**
 * Serves the built host app (the dashboard at `/`). Unknown paths fall back to index.html so client-side routes
 * survive a reload. Files are streamed; nothing outside `root` is ever served.
 */
export function createStaticUiRoute(root: string): RouteHandler {
  const base = normalize(root + sep);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (RESERVED.test(path)) return false;
    const candidate = normalize(join(base, path));
    if (!candidate.startsWith(base)) return false;
    let file = candidate;
    let info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      file = join(base, 'index.html');
      info = await stat(file).catch(() => null);
      if (!info?.isFile()) return false;
    }
    const immutable = file.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    createReadStream(file).pipe(res);
    return true;
  };
}
