import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gguf } from '@huggingface/gguf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoModel } from '../src/modules/demo-model/demo-model.js';
import { quantizeGguf, QuantizationError } from '../src/runtime/local/quantize/gguf-quantizer.js';

const run = promisify(execFile);
let dir: string;
let demoPath: string;
let demoSize: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hangar-quantize-'));
  const demo = await generateDemoModel(join(dir, 'demo.gguf'));
  demoPath = demo.path;
  demoSize = demo.sizeBytes;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Loads the file in node-llama-cpp in a child process (a bad model may abort) and generates a few tokens. */
async function generateWith(modelPath: string): Promise<string> {
  const script = `
    import { getLlama, LlamaCompletion } from ${JSON.stringify(import.meta.resolve('node-llama-cpp'))};
    const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });
    const model = await llama.loadModel({ modelPath: process.argv[2] });
    const context = await model.createContext({ contextSize: 256, threads: 1 });
    const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
    // Greedy: random weights sometimes sample end-of-text first; the greedy path is fixed for a given file.
    const text = await completion.generateCompletion('Once upon a time', { maxTokens: 12, temperature: 0 });
    console.log(JSON.stringify({ text }));
    process.exit(0);
  `;
  // A file, not \`node -e\`: node-llama-cpp forks a binary check that inherits execArgv.
  const scriptPath = join(dir, `generate-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(scriptPath, script);
  const { stdout } = await run(process.execPath, [scriptPath, modelPath], { timeout: 60_000 });
  return (JSON.parse(stdout.trim().split('\n').pop()!) as { text: string }).text;
}

describe('quantizeGguf', () => {
  it('quantizes the demo model to q8_0, and the result loads and generates', async () => {
    const output = join(dir, 'demo.q8_0.gguf');
    const result = await quantizeGguf(demoPath, output, { quantization: 'Q8_0' });
    // Every 2-D weight becomes Q8_0; the 1-D norms stay F32.
    expect(result.tensorTypes).toEqual({ Q8_0: 16, F32: 5 });
    expect(result.fallbackTensorCount).toBe(0);
    expect(result.sizeBytes).toBeLessThan(demoSize * 0.6);
    const header = await gguf(output, { allowLocalFile: true });
    expect((header.metadata as Record<string, unknown>)['general.file_type']).toBe(7);
    expect((await generateWith(output)).length).toBeGreaterThan(0);
  });

  it('quantizes to q4_K_M; 64-wide tensors fall back to q5_0/q8_0 and the result still generates', async () => {
    const output = join(dir, 'demo.q4_k_m.gguf');
    const result = await quantizeGguf(demoPath, output, { quantization: 'Q4_K_M' });
    // k-quants need rows of 256 values; the demo model's rows are 64 or 128 wide, so none can be q4_K/q6_K.
    expect(result.tensorTypes['Q4_K']).toBeUndefined();
    expect(result.fallbackTensorCount).toBeGreaterThan(0);
    expect(Object.keys(result.tensorTypes).sort()).toEqual(['F32', 'Q5_0', 'Q8_0']);
    expect(result.sizeBytes).toBeLessThan(demoSize * 0.5);
    const header = await gguf(output, { allowLocalFile: true });
    expect((header.metadata as Record<string, unknown>)['general.file_type']).toBe(15);
    expect((await generateWith(output)).length).toBeGreaterThan(0);
  });

  it('a broken input fails with QuantizationError, leaves no output and does not affect this process', async () => {
    const broken = join(dir, 'broken.gguf');
    await writeFile(broken, 'GGUF this is not really a model');
    const output = join(dir, 'broken.q8_0.gguf');
    await expect(quantizeGguf(broken, output, { quantization: 'Q8_0' })).rejects.toBeInstanceOf(
      QuantizationError,
    );
    expect((await readdir(dir)).filter((name) => name.startsWith('broken.q8_0'))).toEqual([]);
  });
});
