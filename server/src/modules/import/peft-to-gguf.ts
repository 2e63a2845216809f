import { readFile } from 'node:fs/promises';
import { GgufValueType, writeGguf, type GgufTensor } from '../demo-model/gguf-writer.js';

/**
 * PEFT LoRA (`adapter_config.json` + `adapter_model.safetensors`) → llama.cpp's LoRA GGUF, for llama-architecture
 * bases, following what llama.cpp's `convert_lora_to_gguf.py` writes: tensors renamed to the GGUF base names with
 * `.lora_a` / `.lora_b`, A kept as `[r, in]` (ggml dims `[in, r]`) and B as `[out, r]` (ggml `[r, out]`), the rows
 * of B for `q_proj`/`k_proj` permuted as the base's q/k weights are (HF's rotary layout → GGUF's), and
 * `adapter.lora.alpha` such that llama.cpp's alpha / r equals PEFT's scale.
 */

export interface PeftConversionInput {
  adapterConfig: Record<string, unknown>;
  safetensorsPath: string;
  outPath: string;
  /** The base's `llama.attention.head_count` and `…head_count_kv` (for the q/k permutation). */
  headCount: number;
  headCountKv: number;
}

const LAYER_MODULES: Record<string, string> = {
  'self_attn.q_proj': 'attn_q',
  'self_attn.k_proj': 'attn_k',
  'self_attn.v_proj': 'attn_v',
  'self_attn.o_proj': 'attn_output',
  'mlp.gate_proj': 'ffn_gate',
  'mlp.up_proj': 'ffn_up',
  'mlp.down_proj': 'ffn_down',
};

/** `base_model.model.model.layers.3.self_attn.q_proj` → `blk.3.attn_q.weight`; null for what llama.cpp lacks. */
export function ggufTargetName(peftModule: string): string | null {
  const name = peftModule.replace(/^base_model\.model\./, '');
  if (name === 'lm_head') return 'output.weight';
  const match = /^model\.layers\.(\d+)\.(.+)$/.exec(name);
  const target = match && LAYER_MODULES[match[2]!];
  return target ? `blk.${match[1]}.${target}.weight` : null;
}

/** HF's rotary row order → GGUF's, per head: rows (2, D/2) transposed (convert_hf_to_gguf's `permute`). */
export function permuteRows(data: Float32Array, rows: number, cols: number, heads: number): Float32Array {
  const perHead = rows / heads;
  const half = perHead / 2;
  const out = new Float32Array(data.length);
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < half; j++) {
        const from = h * perHead + i * half + j;
        const to = h * perHead + j * 2 + i;
        out.set(data.subarray(from * cols, from * cols + cols), to * cols);
      }
    }
  }
  return out;
}

function toFloat32(bytes: Buffer, dtype: string, name: string): Float32Array {
  if (dtype !== 'F32' && dtype !== 'F16' && dtype !== 'BF16') {
    throw new Error(`${name} is ${dtype}; only F32, F16 and BF16 LoRA weights can be converted.`);
  }
  const count = bytes.length / (dtype === 'F32' ? 4 : 2);
  const out = new Float32Array(count);
  // BF16 is the upper half of an F32: shift it into place through a shared view.
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < count; i++) {
    if (dtype === 'F32') out[i] = bytes.readFloatLE(i * 4);
    else if (dtype === 'BF16') bits[i] = bytes.readUInt16LE(i * 2) << 16;
    else out[i] = halfToFloat(bytes.readUInt16LE(i * 2));
  }
  return out;
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Converts one PEFT LoRA; throws with a user-facing reason for what llama.cpp could not apply. */
export async function convertPeftToGgufLora(input: PeftConversionInput): Promise<{ tensorCount: number }> {
  const config = input.adapterConfig;
  if (config['peft_type'] !== 'LORA') {
    throw new Error(`Only LoRA adapters can be converted; this one is ${String(config['peft_type'])}.`);
  }
  const rank = Number(config['r']);
  const alpha = Number(config['lora_alpha'] ?? rank);
  if (!Number.isInteger(rank) || rank <= 0) throw new Error('adapter_config.json has no valid "r".');
  const file = await readFile(input.safetensorsPath);
  const headerLength = Number(file.readBigUInt64LE(0));
  const header = JSON.parse(file.subarray(8, 8 + headerLength).toString('utf8')) as Record<
    string,
    { dtype: string; shape: number[]; data_offsets: [number, number] }
  >;
  const data = file.subarray(8 + headerLength);
  const tensors: GgufTensor[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const match = /^(.+)\.lora_([AB])(?:\.default)?\.weight$/.exec(name);
    if (!match) throw new Error(`${name} is not a LoRA weight (lora_A / lora_B); it cannot be converted.`);
    const target = ggufTargetName(match[1]!);
    if (!target) throw new Error(`${match[1]} has no counterpart in llama.cpp's llama architecture.`);
    const [rows, cols] = info.shape as [number, number];
    let values = toFloat32(data.subarray(...info.data_offsets), info.dtype, name);
    if (match[2] === 'B' && /\.attn_[qk]\.weight$/.test(target)) {
      const heads = target.endsWith('attn_q.weight') ? input.headCount : input.headCountKv;
      values = permuteRows(values, rows, cols, heads);
    }
    // safetensors is row-major [rows, cols]: ggml's dims list the contiguous one first.
    tensors.push({
      name: `${target}.lora_${match[2]!.toLowerCase()}`,
      dims: [cols, rows],
      type: 'F32',
      data: values,
    });
  }
  // PEFT scales B·A by alpha / r (alpha / √r with rsLoRA); llama.cpp by adapter.lora.alpha / r.
  const ggufAlpha = config['use_rslora'] === true ? alpha * Math.sqrt(rank) : alpha;
  await writeGguf(input.outPath, {
    metadata: [
      { key: 'general.architecture', type: GgufValueType.STRING, value: 'llama' },
      { key: 'general.type', type: GgufValueType.STRING, value: 'adapter' },
      { key: 'adapter.type', type: GgufValueType.STRING, value: 'lora' },
      // llama.cpp reads it as a float; an integer alpha (16) must not be written as UINT32.
      { key: 'adapter.lora.alpha', type: GgufValueType.FLOAT32, value: ggufAlpha },
    ],
    tensors,
  });
  return { tensorCount: tensors.length };
}
