import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gguf } from '@huggingface/gguf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float32ToFloat16Bits, GgufValueType, writeGguf } from './gguf-writer.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hangar-gguf-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeGguf', () => {
  it('writes a file that an independent GGUF reader parses back', async () => {
    const path = join(dir, 'record.gguf');
    await writeGguf(path, {
      metadata: {
        'general.architecture': 'llama',
        'llama.block_count': 2,
        'some.float': 0.5,
        'some.flag': true,
        'tokenizer.ggml.tokens': ['a', 'b'],
      },
      tensors: [
        { name: 'a', dims: [3], type: 'F32', data: new Float32Array([1, 2, 3]) },
        { name: 'b', dims: [2, 2], type: 'F16', data: new Float32Array([1, -2, 0.5, 65504]) },
      ],
    });
    const { metadata: parsed, tensorInfos } = await gguf(path, { allowLocalFile: true });
    const metadata = parsed as unknown as Record<string, unknown>;
    expect(metadata.version).toBe(3);
    expect(metadata['general.architecture']).toBe('llama');
    expect(metadata['llama.block_count']).toBe(2);
    expect(metadata['some.float']).toBe(0.5);
    expect(metadata['some.flag']).toBe(true);
    expect(metadata['tokenizer.ggml.tokens']).toEqual(['a', 'b']);
    expect(metadata['general.alignment']).toBe(32);
    expect(tensorInfos.map((t) => [t.name, t.shape.map(Number), t.offset])).toEqual([
      ['a', [3], 0n],
      ['b', [2, 2], 32n],
    ]);

    // Tensor data starts at an aligned offset right after the header, and holds the values as written.
    const bytes = await readFile(path);
    const dataStart = bytes.length - 64;
    expect(dataStart % 32).toBe(0);
    expect(bytes.readFloatLE(dataStart + 8)).toBe(3);
    expect(bytes.readUInt16LE(dataStart + 32 + 6)).toBe(0x7bff);
  });

  it('writes exactly the given types, even wrong ones, for tests of broken files', async () => {
    const path = join(dir, 'broken.gguf');
    await writeGguf(path, {
      metadata: [
        { key: 'general.architecture', type: GgufValueType.STRING, value: 'llama' },
        { key: 'llama.block_count', type: GgufValueType.STRING, value: 'two' },
        {
          key: 'llama.token_types',
          type: GgufValueType.ARRAY,
          itemType: GgufValueType.INT32,
          value: [1, -1],
        },
      ],
      tensors: [],
    });
    const metadata = (await gguf(path, { allowLocalFile: true })).metadata as unknown as Record<
      string,
      unknown
    >;
    expect(metadata['llama.block_count']).toBe('two');
    expect(metadata['llama.token_types']).toEqual([1, -1]);
  });

  it('rejects tensor data that does not match its dims', async () => {
    await expect(
      writeGguf(join(dir, 'bad.gguf'), {
        metadata: {},
        tensors: [{ name: 'x', dims: [4], type: 'F32', data: new Float32Array(3) }],
      }),
    ).rejects.toThrow(/need 4 values/);
  });

  it('converts to half precision with correct rounding', () => {
    expect(float32ToFloat16Bits(1)).toBe(0x3c00);
    expect(float32ToFloat16Bits(-2)).toBe(0xc000);
    expect(float32ToFloat16Bits(65504)).toBe(0x7bff);
    expect(float32ToFloat16Bits(1e6)).toBe(0x7c00);
    expect(float32ToFloat16Bits(2 ** -24)).toBe(0x0001);
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie rounds to even
    expect(float32ToFloat16Bits(Number.NaN) & 0x7c00).toBe(0x7c00);
  });
});
