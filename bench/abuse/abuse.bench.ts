/**
 * The hostile documents of the abuse test (server/test/abuse.documents.ts) against the server started as
 * `npm start` runs it: per document the status, the code and the time of its refusal (median of ROUNDS, no token),
 * then all of them at once while /healthz is probed, and the server's RSS before and after.
 * Targets (issue #17): each refusal ≤ 50 ms, /healthz unaffected, RSS growth across the run ≤ 50 MB.
 * Run: `npm run bench -- abuse`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ABUSE_DOCUMENTS } from '../../server/test/abuse.documents.js';
import { startServerAsNpmStartDoes, stopServer } from '../import/import.server.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_MS = 50;
const TARGET_RSS_MB = 50;
const mb = (bytes: number) => bytes / 1024 / 1024;

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function send(url: string, body: string): Promise<{ status: number; code: string; ms: number }> {
  const t0 = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const json = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return {
    status: response.status,
    code: json.errors?.[0]?.extensions?.code ?? '-',
    ms: performance.now() - t0,
  };
}

/** A raw GET (fetch refuses to send a malformed path). */
function rawGet(url: string, path: string): Promise<{ status: number; ms: number }> {
  const { hostname, port } = new URL(url);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    req.end();
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hangar-abuse-bench-'));
  const { child, url } = await startServerAsNpmStartDoes(dataDir);
  try {
    const pid = child.pid!;
    await send(url, JSON.stringify({ query: '{ __typename }' })); // warm up
    const rssBefore = await rssOf(pid);
    const rows: string[][] = [['document', 'status', 'code', 'median ms', 'max ms', 'target']];
    for (const doc of ABUSE_DOCUMENTS) {
      const body = JSON.stringify({ query: doc.query, variables: doc.variables });
      const results = [];
      for (let i = 0; i < ROUNDS; i++) results.push(await send(url, body));
      const ms = results.map((r) => r.ms);
      rows.push([
        doc.name,
        String(results[0]!.status),
        results[0]!.code,
        median(ms).toFixed(1),
        Math.max(...ms).toFixed(1),
        median(ms) <= TARGET_MS ? `≤ ${TARGET_MS} ok` : `> ${TARGET_MS} MISSED`,
      ]);
    }
    for (const path of ['/%E0%A4%A', '/graphql/%ZZ']) {
      const { status, ms } = await rawGet(url, path);
      rows.push([`GET ${path}`, String(status), '-', ms.toFixed(1), ms.toFixed(1), '']);
    }

    // Everything at once, three times over, while /healthz is probed every 20 ms.
    let stop = false;
    const health: number[] = [];
    const probe = (async () => {
      while (!stop) {
        const t0 = performance.now();
        await fetch(`${url}/healthz`);
        health.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const t0 = performance.now();
    await Promise.all(
      ABUSE_DOCUMENTS.flatMap((doc) =>
        [1, 2, 3].map(() => send(url, JSON.stringify({ query: doc.query, variables: doc.variables }))),
      ),
    );
    const burstMs = performance.now() - t0;
    stop = true;
    await probe;
    const rssAfter = await rssOf(pid);

    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
    console.log(
      `\nall ${ABUSE_DOCUMENTS.length * 3} at once: ${burstMs.toFixed(0)} ms; /healthz during it: ` +
        `${health.length} probes, median ${median(health).toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms`,
    );
    const growth = mb(rssAfter - rssBefore);
    console.log(
      `server RSS: ${mb(rssBefore).toFixed(0)} MB → ${mb(rssAfter).toFixed(0)} MB ` +
        `(${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB; target ≤ ${TARGET_RSS_MB} MB ${growth <= TARGET_RSS_MB ? 'ok' : 'MISSED'})`,
    );
  } finally {
    await stopServer(child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
