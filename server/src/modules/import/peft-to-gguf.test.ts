import { gguf } from '@huggingface/gguf';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLlama, LlamaCompletion, LlamaLogLevel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterIncompatibility } from '../../runtime/local/adapter-compatibility.js';
import { buildVocab, generateDemoModel, N_EMBD, STEER, STEER_NORMALIZED } from '../demo-model/demo-model.js';
import { demoPeftAdapter, safetensorsFile, writeSizedPeftAdapter } from '../demo-model/demo-peft-adapter.js';
import { convertPeftToGgufLora, ggufTargetName, permuteRows } from './peft-to-gguf.js';

/** The F32 values of one tensor of a GGUF file, read back from the bytes. */
async function tensorValues(path: string, name: string): Promise<Float32Array> {
  const { tensorInfos, tensorDataOffset } = await gguf(path, { allowLocalFile: true });
  const info = tensorInfos.find((t) => t.name === name)!;
  const count = info.shape.reduce((a, b) => a * Number(b), 1);
  const file = await open(path, 'r');
  try {
    const bytes = Buffer.alloc(count * 4);
    await file.read(bytes, 0, bytes.length, Number(tensorDataOffset + info.offset));
    return new Float32Array(bytes.buffer, bytes.byteOffset, count);
  } finally {
    await file.close();
  }
}

const LAYER = 'base_model.model.model.layers.0.self_attn';

describe('PEFT LoRA → llama.cpp LoRA GGUF', () => {
  let dir: string;
  let modelPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hangar-peft-'));
    modelPath = (await generateDemoModel(join(dir, 'model.gguf'))).path;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const convert = (name: string, safetensors: Buffer, config: Record<string, unknown>, heads = 4) =>
    writeFile(join(dir, `${name}.safetensors`), safetensors).then(() =>
      convertPeftToGgufLora({
        adapterConfig: config,
        safetensorsPath: join(dir, `${name}.safetensors`),
        outPath: join(dir, `${name}.gguf`),
        headCount: heads,
        headCountKv: heads,
      }),
    );

  it('names tensors as llama.cpp does and permutes q/k rows as convert_hf_to_gguf does', () => {
    expect(ggufTargetName('base_model.model.model.layers.3.self_attn.q_proj')).toBe('blk.3.attn_q.weight');
    expect(ggufTargetName('base_model.model.model.layers.0.mlp.down_proj')).toBe('blk.0.ffn_down.weight');
    expect(ggufTargetName('base_model.model.lm_head')).toBe('output.weight');
    expect(ggufTargetName('base_model.model.model.embed_tokens')).toBeNull();
    expect(ggufTargetName('base_model.model.model.layers.0.mlp.q_proj')).toBeNull();
    expect(ggufTargetName('base_model.model.model.layers.0.self_attn.constructor')).toBeNull();
    // Two heads of four rows: HF's [0 1 2 3] per head is reshaped (2, 2) and transposed → [0 2 1 3].
    const rows = Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...permuteRows(rows, 8, 1, 2)]).toEqual([0, 2, 1, 3, 4, 6, 5, 7]);
  });

  it('writes the format facts llama.cpp reads: types, alpha as a float, tensor names, ggml dims, permuted q rows', async () => {
    const rank = 2;
    const q = { a: new Float32Array(rank * N_EMBD), b: new Float32Array(N_EMBD * rank) };
    q.a.forEach((_, i) => (q.a[i] = i / 100));
    q.b.forEach((_, i) => (q.b[i] = i));
    const result = await convert(
      'facts',
      safetensorsFile({
        [`${LAYER}.q_proj.lora_A.weight`]: { shape: [rank, N_EMBD], data: q.a },
        [`${LAYER}.q_proj.lora_B.weight`]: { shape: [N_EMBD, rank], data: q.b },
        [`${LAYER}.v_proj.lora_A.weight`]: { shape: [rank, N_EMBD], data: q.a },
        [`${LAYER}.v_proj.lora_B.weight`]: { shape: [N_EMBD, rank], data: q.b },
      }),
      { peft_type: 'LORA', r: rank, lora_alpha: 16, target_modules: ['q_proj', 'v_proj'] },
    );
    expect(result.tensorCount).toBe(4);
    const path = join(dir, 'facts.gguf');
    const parsed = await gguf(path, { allowLocalFile: true });
    const { tensorInfos } = parsed;
    const metadata = parsed.metadata as unknown as Record<string, unknown>;
    expect(metadata['general.architecture']).toBe('llama');
    expect(metadata['general.type']).toBe('adapter');
    expect(metadata['adapter.type']).toBe('lora');
    expect(metadata['adapter.lora.alpha']).toBe(16);
    const shapes = Object.fromEntries(tensorInfos.map((t) => [t.name, t.shape.map(Number)]));
    expect(shapes).toEqual({
      'blk.0.attn_q.weight.lora_a': [N_EMBD, rank],
      'blk.0.attn_q.weight.lora_b': [rank, N_EMBD],
      'blk.0.attn_v.weight.lora_a': [N_EMBD, rank],
      'blk.0.attn_v.weight.lora_b': [rank, N_EMBD],
    });
    expect(await tensorValues(path, 'blk.0.attn_q.weight.lora_a')).toEqual(q.a);
    // q's B rows are permuted per head (4 heads of 16), v's are not.
    expect(await tensorValues(path, 'blk.0.attn_q.weight.lora_b')).toEqual(permuteRows(q.b, N_EMBD, rank, 4));
    expect(await tensorValues(path, 'blk.0.attn_v.weight.lora_b')).toEqual(q.b);
    expect(await adapterIncompatibility(modelPath, path)).toBeNull();

    // rsLoRA scales by alpha / √r: llama.cpp's alpha / r equals it when alpha is multiplied by √r.
    await convert(
      'rslora',
      safetensorsFile({
        [`${LAYER}.v_proj.lora_A.weight`]: { shape: [rank, N_EMBD], data: q.a },
        [`${LAYER}.v_proj.lora_B.weight`]: { shape: [N_EMBD, rank], data: q.b },
      }),
      { peft_type: 'LORA', r: rank, lora_alpha: 16, use_rslora: true },
    );
    const rs = await gguf(join(dir, 'rslora.gguf'), { allowLocalFile: true });
    expect((rs.metadata as unknown as Record<string, number>)['adapter.lora.alpha']).toBeCloseTo(
      16 * Math.sqrt(rank),
      5,
    );
  });

  it('converts a PEFT adapter that llama.cpp then applies to the demo model (its output turns uppercase)', async () => {
    const vocab = buildVocab();
    const a = new Float32Array(N_EMBD);
    a[STEER] = 1;
    const b = new Float32Array(vocab.tokens.length);
    for (let byte = 0x41; byte <= 0x5a; byte++) b[vocab.byteToken(byte)] = 6 / STEER_NORMALIZED;
    for (let byte = 0x61; byte <= 0x7a; byte++) b[vocab.byteToken(byte)] = -4 / STEER_NORMALIZED;
    const result = await convert(
      'upper',
      safetensorsFile({
        'base_model.model.lm_head.lora_A.weight': { shape: [1, N_EMBD], data: a },
        'base_model.model.lm_head.lora_B.weight': { shape: [vocab.tokens.length, 1], data: b },
        [`${LAYER}.q_proj.lora_A.weight`]: { shape: [1, N_EMBD], data: new Float32Array(N_EMBD) },
        [`${LAYER}.q_proj.lora_B.weight`]: { shape: [N_EMBD, 1], data: new Float32Array(N_EMBD) },
      }),
      { peft_type: 'LORA', r: 1, lora_alpha: 1 },
    );
    expect(result.tensorCount).toBe(4);
    const demo = demoPeftAdapter();
    await convert('demo', demo.safetensors, demo.config);
    // PEFT scales B·A by lora_alpha / r: with r = 2, alpha 2 applies the shift as written, alpha 0.02 a hundredth.
    const full = demoPeftAdapter({ rank: 2, alpha: 2 });
    await convert('full', full.safetensors, full.config);
    const faint = demoPeftAdapter({ rank: 2, alpha: 0.02 });
    await convert('faint', faint.safetensors, faint.config);
    const outPath = join(dir, 'upper.gguf');
    expect(await adapterIncompatibility(modelPath, outPath)).toBeNull();
    expect(await adapterIncompatibility(modelPath, join(dir, 'demo.gguf'))).toBeNull();

    const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
    const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
    try {
      const complete = async (lora?: string) => {
        const context = await model.createContext({
          contextSize: 256,
          threads: 1,
          ...(lora ? { lora } : {}),
        });
        try {
          const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
          return await completion.generateCompletion('Hello', { maxTokens: 12, temperature: 0 });
        } finally {
          await context.dispose();
        }
      };
      const base = await complete();
      expect(await complete(outPath)).toMatch(/^[A-Z]+$/);
      const converted = await complete(join(dir, 'demo.gguf'));
      expect(converted).toMatch(/^[A-Z]+$/);
      expect(converted).not.toBe(base);
      // llama.cpp's scale is adapter.lora.alpha / rank, as PEFT's is lora_alpha / r.
      expect(await complete(join(dir, 'full.gguf'))).toMatch(/^[A-Z]+$/);
      expect(await complete(join(dir, 'faint.gguf'))).toBe(base);
    } finally {
      await model.dispose();
    }
  }, 60_000);

  it('keeps F16 weights F16 (the converted file is no larger than what was sent) and widens BF16 to F32', async () => {
    const f16 = Buffer.alloc(2 * N_EMBD).fill(0x3c); // 0x3c3c ≈ 1.06 in half precision
    const header = (name: string, begin: number) => ({
      dtype: 'F16',
      shape: name.endsWith('A.weight') ? [1, N_EMBD] : [N_EMBD, 1],
      data_offsets: [begin, begin + f16.length],
    });
    const json = Buffer.from(
      JSON.stringify({
        [`${LAYER}.v_proj.lora_A.weight`]: header('A.weight', 0),
        [`${LAYER}.v_proj.lora_B.weight`]: header('B.weight', f16.length),
      }),
    );
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(json.length));
    await convert('half', Buffer.concat([length, json, f16, f16]), { peft_type: 'LORA', r: 1 });
    const { tensorInfos } = await gguf(join(dir, 'half.gguf'), { allowLocalFile: true });
    expect(tensorInfos.map((t) => t.dtype)).toEqual([1, 1]); // GGML_TYPE_F16

    // BF16 is the upper half of an F32: widened exactly (1.5 = 0x3fc0, -2 = 0xc000).
    const bf16 = Buffer.alloc(2 * N_EMBD);
    for (let i = 0; i < N_EMBD; i++) bf16.writeUInt16LE(i % 2 ? 0xc000 : 0x3fc0, i * 2);
    const bfJson = Buffer.from(
      JSON.stringify({
        [`${LAYER}.v_proj.lora_A.weight`]: { ...header('A.weight', 0), dtype: 'BF16' },
        [`${LAYER}.v_proj.lora_B.weight`]: { ...header('B.weight', bf16.length), dtype: 'BF16' },
      }),
    );
    length.writeBigUInt64LE(BigInt(bfJson.length));
    await convert('bf16', Buffer.concat([length, bfJson, bf16, bf16]), { peft_type: 'LORA', r: 1 });
    const widened = await tensorValues(join(dir, 'bf16.gguf'), 'blk.0.attn_v.weight.lora_a');
    expect([...widened.subarray(0, 4)]).toEqual([1.5, -2, 1.5, -2]);
    const bfInfos = (await gguf(join(dir, 'bf16.gguf'), { allowLocalFile: true })).tensorInfos;
    expect(bfInfos.map((t) => t.dtype)).toEqual([0, 0]); // GGML_TYPE_F32
  });

  it('refuses what llama.cpp could not apply and hostile headers, saying what', async () => {
    const one = new Float32Array(4);
    await expect(
      convert(
        'embed',
        safetensorsFile({
          'base_model.model.model.embed_tokens.lora_A.weight': { shape: [1, 4], data: one },
        }),
        { peft_type: 'LORA', r: 1 },
      ),
    ).rejects.toThrow(
      /has "base_model\.model\.model\.embed_tokens\.lora_A\.weight", which adapts a module a llama model does not have/,
    );
    await expect(convert('ia3', safetensorsFile({}), { peft_type: 'IA3' })).rejects.toThrow(
      'adapter_config.json says peft_type "IA3"; only LoRA adapters (LORA) can be served.',
    );
    const pair = (rows: number, rank: number, module = 'q_proj') =>
      safetensorsFile({
        [`${LAYER}.${module}.lora_A.weight`]: { shape: [rank, 4], data: new Float32Array(rank * 4) },
        [`${LAYER}.${module}.lora_B.weight`]: { shape: [rows, rank], data: new Float32Array(rows * rank) },
      });
    await expect(convert('rank', pair(4, 2), { peft_type: 'LORA', r: 4 })).rejects.toThrow(
      /whose rank is 2 where adapter_config.json says r = 4/,
    );
    await expect(convert('heads', pair(6, 1, 'k_proj'), { peft_type: 'LORA', r: 1 }, 4)).rejects.toThrow(
      /has 6 rows, which do not split into 4 attention heads of an even size/,
    );
    // Offsets past the end of the data, and a header length far past the file.
    const past = pair(4, 1);
    const json = JSON.parse(past.subarray(8, 8 + Number(past.readBigUInt64LE(0))).toString()) as Record<
      string,
      { data_offsets: number[] }
    >;
    json[`${LAYER}.q_proj.lora_B.weight`]!.data_offsets = [1 << 20, (1 << 20) + 16];
    const lied = Buffer.from(JSON.stringify(json));
    const lengthBytes = Buffer.alloc(8);
    lengthBytes.writeBigUInt64LE(BigInt(lied.length));
    await expect(
      convert('past', Buffer.concat([lengthBytes, lied, Buffer.alloc(32)]), { peft_type: 'LORA', r: 1 }),
    ).rejects.toThrow(/ends at byte 1048592 of the data, but the data has only 32 bytes/);
    const huge = Buffer.from(past);
    huge.writeBigUInt64LE(2n ** 62n, 0);
    await expect(convert('huge', huge, { peft_type: 'LORA', r: 1 })).rejects.toThrow(
      /its header claims 4611686018427387904 bytes but the file has only/,
    );
  });

  it('stops an aborted conversion long before its end, rejecting with the reason and leaving no output', async () => {
    // A rank-16 LoRA on every linear module of a Llama-2-7B shape: 80 MB of F16, read ~1 MB at a time.
    const folder = join(dir, 'large');
    await writeSizedPeftAdapter(folder, { hidden: 4096, feedForward: 11008, layers: 32, rank: 16 });
    const adapterConfig = JSON.parse(await readFile(join(folder, 'adapter_config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const run = (outPath: string, signal?: AbortSignal) =>
      convertPeftToGgufLora({
        adapterConfig,
        safetensorsPath: join(folder, 'adapter_model.safetensors'),
        outPath,
        headCount: 32,
        headCountKv: 32,
        signal,
      });
    const started = performance.now();
    await run(join(dir, 'large.gguf'));
    const wholeMs = performance.now() - started;
    const wholeBytes = (await stat(join(dir, 'large.gguf'))).size;

    const out = join(dir, 'large-stopped.gguf');
    const controller = new AbortController();
    const conversion = run(out, controller.signal);
    let settled = false;
    conversion.catch(() => undefined).finally(() => (settled = true));
    let written = 0;
    while (!settled && written < 4 * 1024 * 1024) {
      written = (await stat(out).catch(() => ({ size: 0 }))).size;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const abortedAt = performance.now();
    controller.abort(new Error('The import was cancelled.'));
    await expect(conversion).rejects.toThrow('The import was cancelled.');
    const stopMs = performance.now() - abortedAt;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(wholeBytes);
    expect(existsSync(out)).toBe(false);
    expect(stopMs).toBeLessThan(wholeMs / 4);
  }, 60_000);
});
