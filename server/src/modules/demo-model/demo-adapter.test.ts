import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gguf } from '@huggingface/gguf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterIncompatibility } from '../../runtime/local/adapter-compatibility.js';
import { generateDemoAdapter } from './demo-adapter.js';
import { generateDemoModel } from './demo-model.js';
import type { DemoModelShape } from './demo-model.shape.js';

describe('the demo LoRA adapters', () => {
  let dir: string;
  let modelPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hangar-demo-adapter-'));
    modelPath = (await generateDemoModel(join(dir, 'model.gguf'))).path;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('are byte-identical every time they are generated, and differ from each other', async () => {
    const a = await generateDemoAdapter(join(dir, 'a.gguf'), 'uppercase');
    const b = await generateDemoAdapter(join(dir, 'b.gguf'), 'uppercase');
    const digits = await generateDemoAdapter(join(dir, 'd.gguf'), 'digits');
    expect(await readFile(a.path)).toEqual(await readFile(b.path));
    expect(digits.sha256).not.toBe(a.sha256);
  });

  it('carry the metadata llama.cpp needs to load a LoRA, and fit the demo model', async () => {
    const path = (await generateDemoAdapter(join(dir, 'u.gguf'), 'uppercase')).path;
    const { metadata, tensorInfos } = await gguf(path, { allowLocalFile: true });
    expect(metadata).toMatchObject({
      'general.architecture': 'llama',
      'general.type': 'adapter',
      'adapter.type': 'lora',
      'adapter.lora.alpha': 1,
    });
    expect(tensorInfos.map((t) => [t.name, t.shape.map(Number)])).toEqual([
      ['output.weight.lora_a', [64, 1]],
      ['output.weight.lora_b', [1, 262]],
    ]);
    expect(await adapterIncompatibility(modelPath, path)).toBeNull();
  });

  it('is refused when given as the base model of another adapter, or a base model as the adapter', async () => {
    const path = (await generateDemoAdapter(join(dir, 'x.gguf'), 'digits')).path;
    expect(await adapterIncompatibility(modelPath, modelPath)).toBe(
      'The file is not a LoRA adapter (its GGUF metadata lacks general.type "adapter" and adapter.type "lora").',
    );
    expect(await adapterIncompatibility(path, path)).toBe(
      "The adapter changes output.weight, which the deployment's model does not have.",
    );
  });

  it('with a size, adapt every projection of every block at that rank, fit a model of that shape, and differ by seed', async () => {
    const shape: DemoModelShape = { embedding: 128, blocks: 2, heads: 2, feedForward: 384 };
    const sized = (await generateDemoModel(join(dir, 'sized.gguf'), shape, 'sized')).path;
    const one = await generateDemoAdapter(join(dir, 's1.gguf'), 'uppercase', { shape, rank: 4, seed: 1 });
    const two = await generateDemoAdapter(join(dir, 's2.gguf'), 'uppercase', { shape, rank: 4, seed: 2 });
    const { metadata, tensorInfos } = await gguf(one.path, { allowLocalFile: true });
    expect((metadata as unknown as Record<string, unknown>)['adapter.lora.alpha']).toBe(4);
    const shapes = new Map(tensorInfos.map((t) => [t.name, t.shape.map(Number)]));
    expect(shapes.size).toBe(2 * 7 * 2 + 2);
    expect(shapes.get('blk.1.ffn_down.weight.lora_a')).toEqual([384, 4]);
    expect(shapes.get('blk.1.ffn_down.weight.lora_b')).toEqual([4, 128]);
    expect(shapes.get('output.weight.lora_b')).toEqual([4, 262]);
    expect(await adapterIncompatibility(sized, one.path)).toBeNull();
    expect(await adapterIncompatibility(modelPath, one.path)).toMatch(
      /trained on a model of other dimensions/,
    );
    expect(two.sha256).not.toBe(one.sha256);
    expect(two.sizeBytes).toBe(one.sizeBytes);
  });
});
