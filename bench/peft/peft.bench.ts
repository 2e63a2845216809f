/**
 * The PEFT → GGUF LoRA converter on an adapter of a real size: a rank-`BENCH_PEFT_RANK` (64) LoRA on all seven
 * linear modules of a Llama-2-7B-shaped model (width 4096, feed-forward 11008, 32 layers), F16, as PEFT saves it
 * (~320 MB at rank 64). Prints the input and output sizes, the time, and the converter's peak RSS growth above the
 * process's RSS before it started (target ≤ 32 MB whatever the adapter's size: it reads ~1 MB or one head's rows
 * at a time). `BENCH_PEFT_RANK=16` for a quick run; the load average before and after.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSizedPeftAdapter } from '../../server/src/modules/demo-model/demo-peft-adapter.js';
import { convertPeftToGgufLora } from '../../server/src/modules/import/peft-to-gguf.js';

const RANK = Number(process.env.BENCH_PEFT_RANK ?? 64);
const WIDTH = 4096;
const FF = 11008;
const LAYERS = 32;
const HEADS = 32;
const MB = 1024 * 1024;

const dir = await mkdtemp(join(tmpdir(), 'hangar-bench-peft-'));
try {
  const input = join(dir, 'adapter_model.safetensors');
  const output = join(dir, 'adapter.lora.gguf');
  await writeSizedPeftAdapter(dir, { hidden: WIDTH, feedForward: FF, layers: LAYERS, rank: RANK });
  const load = loadavg()[0]!.toFixed(2);
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  const { tensorCount } = await convertPeftToGgufLora({
    adapterConfig: { peft_type: 'LORA', r: RANK, lora_alpha: 2 * RANK, target_modules: 'all-linear' },
    safetensorsPath: input,
    outPath: output,
    headCount: HEADS,
    headCountKv: HEADS,
    base: { hiddenSize: WIDTH, blockCount: LAYERS },
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const [inSize, outSize] = await Promise.all([stat(input), stat(output)]).then((s) => s.map((x) => x.size));
  const growth = (peak - before) / MB;
  console.log(
    [
      `rank ${RANK}, ${tensorCount} tensors, F16 → F16`,
      `input ${(inSize! / MB).toFixed(0)} MB, output ${(outSize! / MB).toFixed(0)} MB (${(outSize! / inSize!).toFixed(3)}×)`,
      `converted in ${seconds.toFixed(1)} s (${(inSize! / MB / seconds).toFixed(0)} MB/s)`,
      `RSS before ${(before / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB: growth ${growth.toFixed(0)} MB (target ≤ 32 MB) ${growth <= 32 ? 'OK' : 'OVER'}`,
      `load average ${load} → ${loadavg()[0]!.toFixed(2)}`,
    ].join('\n'),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
