/**
 * Scale to zero: the demo model from zero replicas to its first streamed token through the compiled server (as
 * `npm start` runs it), and what holding a request through that cold start adds over a warm request. Each round
 * waits for the deployment to scale to zero, sends a streamed request (cold), then the same request again (warm),
 * then, at zero again, a non-streamed one whose `x-hangar-cold-start-ms` header says how long it was held.
 * Target: ≤ 1.5 s from zero to the first token. `BENCH_COLDSTART_RUNS` rounds (default 5).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gql } from '../graphql-client.js';
import { streamCompletion } from '../gateway/sse-client.js';
import { startServerAsNpmStartDoes, stopServer } from '../import/import.server.js';

const RUNS = Number(process.env.BENCH_COLDSTART_RUNS ?? 5);
const TARGET_MS = 1500;
// The smallest idle time the option takes: each round waits it out (plus the policy's 1 s tick).
const IDLE_SECONDS = 1;
const BODY = { prompt: 'Once upon a time', max_tokens: 16, temperature: 0 };

/**
 * A cold streamed request read raw: when the `: hangar loading model` comment arrives (the replica's process is up)
 * and when the first text does.
 */
async function coldStream(
  baseUrl: string,
  key: string,
): Promise<{ processUpMs: number; firstTokenMs: number }> {
  const t0 = performance.now();
  const response = await fetch(`${baseUrl}/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...BODY, stream: true }),
  });
  if (!response.ok || !response.body) throw new Error(`status ${response.status}`);
  let processUpMs = 0;
  let firstTokenMs = 0;
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    text += decoder.decode(chunk, { stream: true });
    if (!processUpMs && text.includes(': hangar loading model\n')) processUpMs = performance.now() - t0;
    if (!firstTokenMs && /"text":"[^"]/.test(text)) firstTokenMs = performance.now() - t0;
  }
  if (!firstTokenMs) throw new Error('the cold stream carried no text');
  return { processUpMs, firstTokenMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
const row = (label: string, xs: number[]) =>
  console.log(
    `${label.padEnd(44)} median ${fmt(median(xs))}   min ${fmt(Math.min(...xs))}   max ${fmt(Math.max(...xs))}`,
  );
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hangar-bench-coldstart-'));
  const server = await startServerAsNpmStartDoes(dataDir, { HANGAR_DEMO_MODEL: '1' });
  try {
    const { url, token } = server;
    const models = await gql<{ models: { nodes: { id: string }[] } }>(
      url,
      token,
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    const { deployModel } = await gql<{
      deployModel: { deployment: { id: string; endpoint: { baseUrl: string } } };
    }>(
      url,
      token,
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id endpoint { baseUrl } } } }`,
      {
        i: {
          modelId: models.models.nodes[0]!.id,
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          name: 'Cold start bench',
          parameters: { inferenceBatchSize: 1 },
          scaling: { scaleToZeroAfterSeconds: IDLE_SECONDS },
        },
      },
    );
    const { id, endpoint } = deployModel.deployment;
    // Text completions (what the lean SSE client reads) are served under /api/v1.
    const baseUrl = endpoint.baseUrl.replace('/api/v2/', '/api/v1/');
    const { createApiKey } = await gql<{ createApiKey: { secret: string } }>(
      url,
      token,
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { deploymentId: id, name: 'bench' } },
    );
    const key = createApiKey.secret;
    const state = async () =>
      (
        await gql<{ deployment: { status: string; idle: boolean } }>(
          url,
          token,
          `query($id: ID!) { deployment(id: $id) { status idle } }`,
          { id },
        )
      ).deployment;
    const until = async (check: (s: { status: string; idle: boolean }) => boolean) => {
      for (let i = 0; i < 600; i++) {
        if (check(await state())) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('timed out waiting for the deployment');
    };
    await until((s) => s.status === 'DEPLOYED');

    const loadBefore = load();
    const cold: number[] = [];
    const processUp: number[] = [];
    const warm: number[] = [];
    const held: number[] = [];
    for (let round = 0; round < RUNS; round++) {
      await until((s) => s.idle);
      const started = await coldStream(baseUrl, key);
      processUp.push(started.processUpMs);
      cold.push(started.firstTokenMs);
      warm.push((await streamCompletion(baseUrl, key, BODY)).firstTokenMs);
      await until((s) => s.idle);
      const response = await fetch(`${baseUrl}/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(BODY),
      });
      await response.arrayBuffer();
      held.push(Number(response.headers.get('x-hangar-cold-start-ms')));
    }

    console.log(`machine: ${cpus().length} cores, load average (1/5/15 min) ${loadBefore}; ${RUNS} rounds`);
    row('zero → first token (streamed, cold)', cold);
    row('  of which: until the replica process is up', processUp);
    row('first token, warm replica', warm);
    row(
      'added by the cold start (cold − warm)',
      cold.map((c, i) => c - warm[i]!),
    );
    row('held (x-hangar-cold-start-ms, non-streamed)', held);
    const verdict = median(cold) <= TARGET_MS ? 'meets' : 'misses';
    console.log(
      `target: zero → first token ≤ ${TARGET_MS} ms: ${verdict} it (median ${median(cold).toFixed(0)} ms)`,
    );
    console.log(`load average after the run: ${load()}`);
  } finally {
    await stopServer(server.child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
