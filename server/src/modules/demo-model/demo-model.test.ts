import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gguf } from '@huggingface/gguf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_MODEL_FILE_NAME,
  DEMO_MODEL_NAME,
  DEMO_MODEL_SHA256,
  ensureDemoModel,
  generateDemoModel,
} from './demo-model.js';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hangar-demo-model-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('demo model', () => {
  it('is byte-identical every time it is generated', async () => {
    const first = await generateDemoModel(join(dir, 'a.gguf'));
    const second = await generateDemoModel(join(dir, 'b.gguf'));
    expect(Buffer.compare(await readFile(first.path), await readFile(second.path))).toBe(0);
    expect(first.sha256).toBe(DEMO_MODEL_SHA256);
    expect(first.sizeBytes).toBe((await readFile(first.path)).length);
  });

  it('describes itself honestly and carries what llama.cpp needs', async () => {
    const { path } = await generateDemoModel(join(dir, 'meta.gguf'));
    const { metadata: parsed, tensorInfos } = await gguf(path, { allowLocalFile: true });
    const metadata = parsed as unknown as Record<string, unknown>;
    expect(metadata['general.name']).toBe(DEMO_MODEL_NAME);
    expect(String(metadata['general.description'])).toMatch(/random weights/);
    expect(metadata['general.architecture']).toBe('llama');
    expect(metadata['tokenizer.ggml.model']).toBe('llama');
    expect(String(metadata['tokenizer.chat_template'])).toContain('<|im_start|>');
    expect((metadata['tokenizer.ggml.tokens'] as string[]).length).toBe(262);
    expect(tensorInfos.map((t) => t.name)).toContain('blk.1.ffn_down.weight');
  });

  it('ensureDemoModel regenerates a damaged file and keeps a good one', async () => {
    const modelDir = join(dir, 'models');
    const path = await ensureDemoModel(modelDir);
    expect(path).toBe(join(modelDir, DEMO_MODEL_FILE_NAME));
    const firstWrite = (await stat(path)).mtimeMs;
    await ensureDemoModel(modelDir);
    expect((await stat(path)).mtimeMs).toBe(firstWrite);

    await writeFile(path, 'not a model');
    await ensureDemoModel(modelDir);
    expect(
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    ).toBe(DEMO_MODEL_SHA256);
  });

  it('loads in node-llama-cpp and generates text', async () => {
    const { path } = await generateDemoModel(join(dir, 'run.gguf'));
    // In a child process, as the runtime does: a bad model may abort the process that loads it.
    const script = `
      import { getLlama, LlamaChatSession } from ${JSON.stringify(import.meta.resolve('node-llama-cpp'))};
      const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });
      const model = await llama.loadModel({ modelPath: process.argv[2] });
      const context = await model.createContext({ contextSize: 1024, threads: 1 });
      const session = new LlamaChatSession({ contextSequence: context.getSequence() });
      const text = await session.prompt('Say something', { maxTokens: 16, temperature: 0 });
      console.log(JSON.stringify({ text }));
      process.exit(0);
    `;
    // A file, not `node -e`: node-llama-cpp forks a binary check that inherits execArgv.
    const scriptPath = join(dir, 'smoke.mjs');
    await writeFile(scriptPath, script);
    const { stdout } = await run(process.execPath, [scriptPath, path]);
    const { text } = JSON.parse(stdout.trim().split('\n').pop()!) as { text: string };
    expect(text.length).toBeGreaterThan(0);
  });
});
