import { gguf } from '@huggingface/gguf';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildVocab, generateDemoModel } from './demo-model.js';
import { parameterCount, parseParameterCount, shapeForParameters, TINY_SHAPE } from './demo-model.shape.js';

const vocab = buildVocab().tokens.length;

describe('demo model sizes', () => {
  it('reads 85M, 1.2B, 500k and plain counts, and refuses the rest', () => {
    expect(parseParameterCount('85M')).toBe(85_000_000);
    expect(parseParameterCount('1.2B')).toBe(1_200_000_000);
    expect(parseParameterCount('500k')).toBe(500_000);
    expect(parseParameterCount('123456')).toBe(123_456);
    for (const bad of ['', '0', 'M', '85MB', '-3M', '1e6']) expect(parseParameterCount(bad)).toBeUndefined();
  });

  it('an 85M request is a 768-wide, 12-block model within 1 % of 85 M parameters', () => {
    const shape = shapeForParameters(85_000_000, vocab);
    expect(shape).toEqual({ embedding: 768, blocks: 12, heads: 12, feedForward: 2048 });
    expect(Math.abs(parameterCount(shape, vocab) / 85_000_000 - 1)).toBeLessThan(0.01);
  });

  it('never goes below the tiny model’s width, and the tiny model counts ~0.1 M', () => {
    expect(shapeForParameters(1000, vocab).embedding).toBe(TINY_SHAPE.embedding);
    expect(parameterCount(TINY_SHAPE, vocab)).toBe(2 * (4 * 64 * 64 + 3 * 64 * 128) + 2 * 262 * 64 + 5 * 64);
  });

  it('writes a sized model whose metadata and tensors have that shape', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hangar-demo-shape-'));
    try {
      const shape = shapeForParameters(3_000_000, vocab);
      const { path } = await generateDemoModel(join(dir, 'm.gguf'), shape, 'Hangar Demo Llama 3M');
      const { metadata, tensorInfos } = await gguf(path, { allowLocalFile: true });
      const meta = metadata as unknown as Record<string, unknown>;
      expect(meta['general.name']).toBe('Hangar Demo Llama 3M');
      expect(meta['llama.embedding_length']).toBe(shape.embedding);
      expect(meta['llama.block_count']).toBe(shape.blocks);
      const count = tensorInfos.reduce((sum, t) => sum + t.shape.reduce((a, b) => a * Number(b), 1), 0);
      expect(count).toBe(parameterCount(shape, vocab));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
