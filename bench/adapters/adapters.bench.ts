/**
 * LoRA adapters on one replica: the RSS of one local replica (llama.cpp child process) with N adapters attached in
 * place (all applied to its one context in turn), against base + N × adapter file size (the target: adapters cost
 * their weights, not another copy of the model) and against N + 1 replicas of the base (what serving each adapter
 * as its own deployment would cost). Two cases, each in its own replica:
 * - realistic: the 85M demo model (`BENCH_ADAPTERS_PARAMS`, generated once into the temp dir as bench/routing does)
 *   with rank-`BENCH_ADAPTERS_RANK` (16) F16 adapters on every attention and MLP projection, distinct files of a few
 *   MB, made by the demo adapter generator;
 * - tiny: the 0.1M tiny demo model with its 1.9 KB rank-1 demo adapter copied N times: no weights worth the name,
 *   so what grows there is llama.cpp's and the allocators' per-switch bookkeeping, not adapter memory.
 * Each adapter answers one request before the reading, so the context has switched to it and back. RSS is split
 * into anonymous memory (heaps, llama.cpp's buffers: adapters land there) and file pages (the mmapped model, which
 * N + 1 replicas of one file share in the page cache: the last column counts them once).
 * `BENCH_ADAPTERS=1,2,4,8` (default) sets the N measured (cumulative: one replica, adapters added each row); two
 * rows marked N' follow, where the last N answer again: what grows there grows per switch, not per adapter.
 * `BENCH_ADAPTERS_CASES=tiny,realistic` the cases; the machine's load average is printed before and after.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_PARAMETERS,
  DEFAULT_SCALING,
} from '../../server/src/core/deployment-config/deployment-config.js';
import { generateDemoAdapter } from '../../server/src/modules/demo-model/demo-adapter.js';
import { buildVocab, generateDemoModel } from '../../server/src/modules/demo-model/demo-model.js';
import {
  parameterCount,
  parseParameterCount,
  shapeForParameters,
  type DemoModelShape,
} from '../../server/src/modules/demo-model/demo-model.shape.js';
import { LocalRuntime } from '../../server/src/runtime/local/local-runtime.js';
import type { RuntimeAdapter, RuntimeDeploySpec } from '../../server/src/runtime/runtime.js';

const COUNTS = (process.env.BENCH_ADAPTERS ?? '1,2,4,8').split(',').map(Number);
const CASES = (process.env.BENCH_ADAPTERS_CASES ?? 'tiny,realistic').split(',');
const PARAMS = process.env.BENCH_ADAPTERS_PARAMS ?? '85M';
const RANK = Number(process.env.BENCH_ADAPTERS_RANK ?? 16);
const MB = 1024 * 1024;

interface Memory {
  rss: number;
  anon: number;
  file: number;
}

async function memoryOf(pid: number): Promise<Memory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)![1]) * 1024;
  return { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') + kb('RssShmem') };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const mb = (bytes: number, width = 10) => `${(bytes / MB).toFixed(1)} MB`.padStart(width);

/** The sized model, generated once into the temp dir (the same file bench/routing uses). */
async function sizedModel(shape: DemoModelShape): Promise<string> {
  const dir = join(tmpdir(), 'hangar-bench-models');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `demo-llama-${shape.embedding}x${shape.blocks}.gguf`);
  if (!(await stat(path).catch(() => undefined))) {
    const vocab = buildVocab().tokens.length;
    console.log(`generating a ${(parameterCount(shape, vocab) / 1e6).toFixed(1)} M-parameter demo model…`);
    await generateDemoModel(path, shape, `Hangar Demo Llama ${PARAMS}`);
  }
  return path;
}

interface Case {
  label: string;
  modelPath: string;
  adapters: RuntimeAdapter[];
  adapterBytes: number;
}

async function tinyCase(dir: string, max: number): Promise<Case> {
  const model = await generateDemoModel(join(dir, 'tiny.gguf'));
  const first = await generateDemoAdapter(join(dir, 'tiny-adapter-0.gguf'), 'uppercase');
  const adapters: RuntimeAdapter[] = [];
  // One file per adapter, as distinct adapters would be (llama.cpp loads each path once).
  for (let i = 0; i < max; i++) {
    const path = join(dir, `tiny-adapter-${i}.gguf`);
    if (i > 0) await copyFile(first.path, path);
    adapters.push({ name: `lora-${i}`, format: 'GGUF', localPath: path });
  }
  return {
    label:
      `tiny demo model (${mb(model.sizeBytes, 0)}), its rank-1 output-only demo adapter ` +
      `(${(first.sizeBytes / 1024).toFixed(1)} KB): growth here is bookkeeping, not weights`,
    modelPath: model.path,
    adapters,
    adapterBytes: first.sizeBytes,
  };
}

async function realisticCase(dir: string, max: number): Promise<Case> {
  const wanted = parseParameterCount(PARAMS);
  if (!wanted) throw new Error(`BENCH_ADAPTERS_PARAMS must be a count such as 85M (got ${PARAMS})`);
  const shape = shapeForParameters(wanted, buildVocab().tokens.length);
  const modelPath = await sizedModel(shape);
  const adapters: RuntimeAdapter[] = [];
  let bytes = 0;
  for (let i = 0; i < max; i++) {
    const path = join(dir, `adapter-${i}.gguf`);
    const generated = await generateDemoAdapter(path, i % 2 ? 'digits' : 'uppercase', {
      shape,
      rank: RANK,
      seed: i + 1,
    });
    bytes = generated.sizeBytes;
    adapters.push({ name: `lora-${i}`, format: 'GGUF', localPath: path });
  }
  return {
    label:
      `${PARAMS} demo model (${mb((await stat(modelPath)).size, 0)}, width ${shape.embedding}, ${shape.blocks} ` +
      `blocks), rank-${RANK} F16 adapters on q/k/v/o/gate/up/down + output (${mb(bytes, 0)} each)`,
    modelPath,
    adapters,
    adapterBytes: bytes,
  };
}

async function measure(c: Case): Promise<void> {
  const deploymentId = `bench-adapters-${c.adapters.length}`;
  const runtime = new LocalRuntime({ health: { intervalMs: 0 } });
  try {
    const spec: RuntimeDeploySpec = {
      deploymentId,
      version: 1,
      model: { id: 'bench', name: 'base', source: 'PLATFORM', format: 'GGUF', localPath: c.modelPath },
      config: {
        optimization: DEFAULT_OPTIMIZATION,
        parameters: { ...DEFAULT_PARAMETERS, inferenceBatchSize: 1 },
        hardwareProfileId: 'local-cpu',
        scaling: { ...DEFAULT_SCALING, minReplicas: 1, maxReplicas: 1 },
      },
    };
    const ready = new Promise<void>((resolve, reject) =>
      runtime.onEvent((e) => {
        if (e.type === 'ready') resolve();
        if (e.type === 'failed') reject(new Error(e.reason));
      }),
    );
    await runtime.deploy(spec);
    await ready;
    const baseUrl = runtime.replicas(deploymentId)[0]!.baseUrl!;
    const pid = runtime.replicaPids(deploymentId)[0]!;
    const ask = async (name: string) => {
      const response = await fetch(`${baseUrl}/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: name, prompt: 'Hello', max_tokens: 8, temperature: 0 }),
      });
      if (!response.ok) throw new Error(`${name}: ${response.status} ${await response.text()}`);
    };
    await ask('base');
    const base = await memoryOf(pid);
    console.log(`\n${c.label}`);
    console.log(
      `${'N'.padEnd(3)}${'RSS attached'.padStart(13)}${'RSS answered'.padStart(13)}${'anon'.padStart(10)}` +
        `${'file'.padStart(10)}${'per adapter'.padStart(12)}${'base+N×file'.padStart(12)}${'target'.padStart(8)}` +
        `${'(N+1)×RSS'.padStart(11)}${'(N+1)×anon+file'.padStart(16)}`,
    );
    console.log(
      `${'0'.padEnd(3)}${''.padStart(13)}${mb(base.rss, 13)}${mb(base.anon)}${mb(base.file)}` +
        `${''.padStart(12)}${''.padStart(12)}${''.padStart(8)}`,
    );
    const row = async (label: string, n: number, attached: Memory | null): Promise<void> => {
      for (const adapter of c.adapters.slice(0, n)) await ask(adapter.name);
      await ask('base');
      const now = await memoryOf(pid);
      const target = base.rss + n * c.adapterBytes;
      console.log(
        `${label.padEnd(3)}${attached ? mb(attached.rss, 13) : ''.padStart(13)}${mb(now.rss, 13)}` +
          `${mb(now.anon)}${mb(now.file)}` +
          `${mb((now.rss - base.rss) / n, 12)}${mb(target, 12)}` +
          `${(now.rss <= target ? 'met' : 'missed').padStart(8)}${mb((n + 1) * base.rss, 11)}` +
          `${mb((n + 1) * base.anon + base.file, 16)}`,
      );
    };
    for (const n of COUNTS) {
      await runtime.setAdapters(deploymentId, c.adapters.slice(0, n));
      await row(String(n), n, await memoryOf(pid));
    }
    // The last N answer again (as many switches once more, no new weights): growth here is per switch.
    const last = COUNTS.at(-1)!;
    for (let round = 0; round < 2; round++) await row(`${last}'`, last, null);
  } finally {
    await runtime.close();
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hangar-bench-adapters-'));
  const max = Math.max(...COUNTS);
  try {
    const cases: Case[] = [];
    if (CASES.includes('realistic')) cases.push(await realisticCase(dir, max));
    if (CASES.includes('tiny')) cases.push(await tinyCase(dir, max));
    console.log(`machine: ${cpus().length} cores, load ${load()} (1 / 5 / 15 min) before`);
    for (const c of cases) await measure(c);
    console.log(`\nload ${load()} after`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
