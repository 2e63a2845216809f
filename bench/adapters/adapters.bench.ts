/**
 * LoRA adapters on one replica: the RSS of one local replica (llama.cpp child process) serving the demo model with
 * N adapters attached in place (all applied to one context in turn), against base + N × adapter file size (the target: adapters cost their weights, not
 * another copy of the model) and against N + 1 replicas of the base (what serving each adapter as its own
 * deployment would cost). Each adapter answers one request before the reading, so its context has been used.
 * `BENCH_ADAPTERS=1,2,4,8` (default) sets the N measured; the machine's load average is printed before and after.
 * The target is checked on the RSS after every adapter has answered; "RSS attached" is read before those requests
 * (it still holds the heap of the previous round's). With a KB-sized demo adapter the growth is the allocators'
 * (V8's heap, glibc's arenas after llama.cpp's scheduler re-plans the graph for another adapter), not weights.
 */
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_PARAMETERS,
  DEFAULT_SCALING,
} from '../../server/src/core/deployment-config/deployment-config.js';
import { generateDemoAdapter } from '../../server/src/modules/demo-model/demo-adapter.js';
import { generateDemoModel } from '../../server/src/modules/demo-model/demo-model.js';
import { LocalRuntime } from '../../server/src/runtime/local/local-runtime.js';
import type { RuntimeAdapter, RuntimeDeploySpec } from '../../server/src/runtime/runtime.js';

const COUNTS = (process.env.BENCH_ADAPTERS ?? '1,2,4,8').split(',').map(Number);
const DEPLOYMENT = 'bench-adapters';
const MB = 1024 * 1024;

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const mb = (bytes: number) => `${(bytes / MB).toFixed(1).padStart(7)} MB`;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hangar-bench-adapters-'));
  const runtime = new LocalRuntime({ health: { intervalMs: 0 } });
  try {
    const model = await generateDemoModel(join(dir, 'model.gguf'));
    const first = await generateDemoAdapter(join(dir, 'adapter-0.gguf'), 'uppercase');
    const max = Math.max(...COUNTS);
    const adapters: RuntimeAdapter[] = [];
    // One file per adapter, as distinct adapters would be (llama.cpp loads each path once).
    for (let i = 0; i < max; i++) {
      const path = join(dir, `adapter-${i}.gguf`);
      if (i > 0) await copyFile(first.path, path);
      adapters.push({ name: `lora-${i}`, format: 'GGUF', localPath: path });
    }
    const adapterBytes = (await stat(first.path)).size;
    const spec: RuntimeDeploySpec = {
      deploymentId: DEPLOYMENT,
      version: 1,
      model: { id: 'bench', name: 'base', source: 'PLATFORM', format: 'GGUF', localPath: model.path },
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
    console.log(`machine: ${cpus().length} cores, load ${load()} (1 / 5 / 15 min) before`);
    await runtime.deploy(spec);
    await ready;
    const baseUrl = runtime.replicas(DEPLOYMENT)[0]!.baseUrl!;
    const pid = runtime.replicaPids(DEPLOYMENT)[0]!;
    const ask = async (name: string) => {
      const response = await fetch(`${baseUrl}/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: name, prompt: 'Hello', max_tokens: 8, temperature: 0 }),
      });
      if (!response.ok) throw new Error(`${name}: ${response.status} ${await response.text()}`);
    };
    await ask('base');
    const base = await rssOf(pid);
    console.log(`model file ${mb(model.sizeBytes)}, adapter file ${(adapterBytes / 1024).toFixed(1)} KB`);
    console.log(
      `${'adapters'.padEnd(9)}${'RSS attached'.padStart(14)}${'after requests'.padStart(16)}` +
        `${'per adapter'.padStart(13)}${'base + N × adapter'.padStart(21)}${'target'.padStart(8)}` +
        `${'N+1 replicas of base'.padStart(23)}`,
    );
    console.log(`${'0'.padEnd(9)}${mb(base).padStart(14)}`);
    for (const n of COUNTS) {
      await runtime.setAdapters(DEPLOYMENT, adapters.slice(0, n));
      const attached = await rssOf(pid);
      for (const adapter of adapters.slice(0, n)) await ask(adapter.name);
      const rss = await rssOf(pid);
      const target = base + n * adapterBytes;
      console.log(
        `${String(n).padEnd(9)}${mb(attached).padStart(14)}${mb(rss).padStart(16)}` +
          `${mb((rss - base) / n).padStart(13)}${mb(target).padStart(21)}` +
          `${(rss <= target ? 'met' : 'missed').padStart(8)}${mb((n + 1) * base).padStart(23)}`,
      );
    }
    console.log(`load ${load()} after`);
  } finally {
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
