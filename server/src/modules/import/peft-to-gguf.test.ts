import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLlama, LlamaCompletion, LlamaLogLevel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterIncompatibility } from '../../runtime/local/adapter-compatibility.js';
import { buildVocab, generateDemoModel, N_EMBD, STEER, STEER_NORMALIZED } from '../demo-model/demo-model.js';
import { convertPeftToGgufLora, ggufTargetName, permuteRows } from './peft-to-gguf.js';

/** A safetensors file as the safetensors library lays it out: u64 header length, JSON header, packed data. */
async function writeSafetensors(
  path: string,
  tensors: Record<string, { shape: number[]; data: Float32Array }>,
) {
  const header: Record<string, unknown> = {};
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [name, { shape, data }] of Object.entries(tensors)) {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + bytes.length] };
    chunks.push(bytes);
    offset += bytes.length;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  await writeFile(path, Buffer.concat([length, json, ...chunks]));
}

describe('PEFT LoRA → llama.cpp LoRA GGUF', () => {
  let dir: string;
  let modelPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hangar-peft-'));
    modelPath = (await generateDemoModel(join(dir, 'model.gguf'))).path;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('names tensors as llama.cpp does and permutes q/k rows as convert_hf_to_gguf does', () => {
    expect(ggufTargetName('base_model.model.model.layers.3.self_attn.q_proj')).toBe('blk.3.attn_q.weight');
    expect(ggufTargetName('base_model.model.model.layers.0.mlp.down_proj')).toBe('blk.0.ffn_down.weight');
    expect(ggufTargetName('base_model.model.lm_head')).toBe('output.weight');
    expect(ggufTargetName('base_model.model.model.embed_tokens')).toBeNull();
    // Two heads of four rows: HF's [0 1 2 3] per head is reshaped (2, 2) and transposed → [0 2 1 3].
    const rows = Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...permuteRows(rows, 8, 1, 2)]).toEqual([0, 2, 1, 3, 4, 6, 5, 7]);
  });

  it('converts a PEFT adapter that llama.cpp then applies to the demo model (its output turns uppercase)', async () => {
    const vocab = buildVocab();
    const a = new Float32Array(N_EMBD);
    a[STEER] = 1;
    const b = new Float32Array(vocab.tokens.length);
    for (let byte = 0x41; byte <= 0x5a; byte++) b[vocab.byteToken(byte)] = 6 / STEER_NORMALIZED;
    for (let byte = 0x61; byte <= 0x7a; byte++) b[vocab.byteToken(byte)] = -4 / STEER_NORMALIZED;
    const safetensorsPath = join(dir, 'adapter_model.safetensors');
    await writeSafetensors(safetensorsPath, {
      'base_model.model.lm_head.lora_A.weight': { shape: [1, N_EMBD], data: a },
      'base_model.model.lm_head.lora_B.weight': { shape: [vocab.tokens.length, 1], data: b },
      'base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight': {
        shape: [1, N_EMBD],
        data: new Float32Array(N_EMBD),
      },
      'base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight': {
        shape: [N_EMBD, 1],
        data: new Float32Array(N_EMBD),
      },
    });
    const outPath = join(dir, 'converted.gguf');
    const result = await convertPeftToGgufLora({
      adapterConfig: { peft_type: 'LORA', r: 1, lora_alpha: 1 },
      safetensorsPath,
      outPath,
      headCount: 4,
      headCountKv: 4,
    });
    expect(result.tensorCount).toBe(4);
    expect(await adapterIncompatibility(modelPath, outPath)).toBeNull();

    const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
    const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
    try {
      const context = await model.createContext({ contextSize: 256, threads: 1, lora: outPath });
      const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
      const text = await completion.generateCompletion('Hello', { maxTokens: 12, temperature: 0 });
      expect(text).toMatch(/^[A-Z]+$/);
    } finally {
      await model.dispose();
    }
  }, 60_000);

  it('refuses what llama.cpp could not apply, saying what', async () => {
    const safetensorsPath = join(dir, 'embed.safetensors');
    await writeSafetensors(safetensorsPath, {
      'base_model.model.model.embed_tokens.lora_A.weight': { shape: [1, 4], data: new Float32Array(4) },
    });
    await expect(
      convertPeftToGgufLora({
        adapterConfig: { peft_type: 'LORA', r: 1 },
        safetensorsPath,
        outPath: join(dir, 'x.gguf'),
        headCount: 4,
        headCountKv: 4,
      }),
    ).rejects.toThrow("model.embed_tokens has no counterpart in llama.cpp's llama architecture.");
    await expect(
      convertPeftToGgufLora({
        adapterConfig: { peft_type: 'IA3' },
        safetensorsPath,
        outPath: join(dir, 'y.gguf'),
        headCount: 4,
        headCountKv: 4,
      }),
    ).rejects.toThrow('Only LoRA adapters can be converted; this one is IA3.');
  });
});
