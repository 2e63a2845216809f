import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_MODEL_NAME } from '../catalog/catalog.data.js';
import { DEMO_ADAPTER_FLAVOURS, logitShift, type DemoAdapterFlavour } from './demo-adapter.js';
import { buildVocab, N_EMBD, STEER, STEER_NORMALIZED } from './demo-model.js';

/**
 * A demo adapter in PEFT's format (`adapter_config.json` + `adapter_model.safetensors`, as
 * `peft_model.save_pretrained(dir)` writes them) for the demo model: the same logit shift as the GGUF demo
 * adapters, on `lm_head`, plus a faint change of layer 0's q/v projections so that the conversion's q permutation
 * has rows to move. Imports convert it to a GGUF LoRA (modules/import/peft-to-gguf.ts). `embedding` other than
 * the demo model's width makes one that does not fit it.
 */

export interface DemoPeftAdapterOptions {
  flavour?: DemoAdapterFlavour;
  /** The width the adapter is for (default: the demo model's). */
  embedding?: number;
  rank?: number;
  /** PEFT's lora_alpha (default: the rank, so B·A applies as written). */
  alpha?: number;
}

/** A safetensors file: u64 header length, JSON header (data_offsets into the data), packed little-endian F32. */
export function safetensorsFile(tensors: Record<string, { shape: number[]; data: Float32Array }>): Buffer {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
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
  return Buffer.concat([length, json, ...chunks]);
}

/** Deterministic small values in [-scale, scale] (no randomness: the adapter is the same on every machine). */
function faint(count: number, scale: number, seed: number): Float32Array {
  return Float32Array.from({ length: count }, (_, i) => Math.sin((i + 1) * seed) * scale);
}

/** The two files' contents. */
export function demoPeftAdapter(options: DemoPeftAdapterOptions = {}): {
  config: Record<string, unknown>;
  safetensors: Buffer;
} {
  const flavour = options.flavour ?? 'uppercase';
  const embedding = options.embedding ?? N_EMBD;
  const rank = options.rank ?? 1;
  const vocab = buildVocab();
  const nVocab = vocab.tokens.length;
  // lm_head: A (rank × width) reads the steering channel, B (vocab × rank) holds the per-token shift.
  const a = new Float32Array(rank * embedding);
  a[Math.min(STEER, embedding - 1)] = 1;
  const b = new Float32Array(nVocab * rank);
  logitShift(vocab, DEMO_ADAPTER_FLAVOURS[flavour].favours).forEach((v, token) => {
    b[token * rank] = v / STEER_NORMALIZED;
  });
  const layer = 'base_model.model.model.layers.0.self_attn';
  const safetensors = safetensorsFile({
    'base_model.model.lm_head.lora_A.weight': { shape: [rank, embedding], data: a },
    'base_model.model.lm_head.lora_B.weight': { shape: [nVocab, rank], data: b },
    [`${layer}.q_proj.lora_A.weight`]: { shape: [rank, embedding], data: faint(rank * embedding, 0.01, 1.3) },
    [`${layer}.q_proj.lora_B.weight`]: { shape: [embedding, rank], data: faint(embedding * rank, 0.01, 2.1) },
    [`${layer}.v_proj.lora_A.weight`]: { shape: [rank, embedding], data: faint(rank * embedding, 0.01, 3.7) },
    [`${layer}.v_proj.lora_B.weight`]: { shape: [embedding, rank], data: faint(embedding * rank, 0.01, 0.9) },
  });
  const config = {
    base_model_name_or_path: DEMO_MODEL_NAME,
    peft_type: 'LORA',
    task_type: 'CAUSAL_LM',
    r: rank,
    lora_alpha: options.alpha ?? rank,
    lora_dropout: 0,
    bias: 'none',
    fan_in_fan_out: false,
    use_rslora: false,
    use_dora: false,
    rank_pattern: {},
    alpha_pattern: {},
    modules_to_save: null,
    target_modules: ['q_proj', 'v_proj', 'lm_head'],
    inference_mode: true,
  };
  return { config, safetensors };
}

/** Writes `adapter_config.json` and `adapter_model.safetensors` into `dir`. */
export async function writeDemoPeftAdapter(dir: string, options: DemoPeftAdapterOptions = {}): Promise<void> {
  const { config, safetensors } = demoPeftAdapter(options);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'adapter_config.json'), JSON.stringify(config, null, 2) + '\n');
  await writeFile(join(dir, 'adapter_model.safetensors'), safetensors);
}

/** A llama shape in Hugging Face's terms, for an adapter of a real size (e.g. Llama-2-7B: 4096, 11008, 32, 32). */
export interface PeftAdapterShape {
  hidden: number;
  feedForward: number;
  layers: number;
  rank: number;
}

const PROJECTIONS = (hidden: number, ff: number): Array<[string, number, number]> => [
  ['self_attn.q_proj', hidden, hidden],
  ['self_attn.k_proj', hidden, hidden],
  ['self_attn.v_proj', hidden, hidden],
  ['self_attn.o_proj', hidden, hidden],
  ['mlp.gate_proj', hidden, ff],
  ['mlp.up_proj', hidden, ff],
  ['mlp.down_proj', ff, hidden],
];

/**
 * Writes a PEFT LoRA of a real size into `dir`: rank-r F16 pairs on all seven linear modules of every layer, as
 * PEFT saves them, the safetensors file written tensor by tensor (a 7B rank-64 adapter is ~320 MB and never in
 * memory whole). Its values are small half-precision numbers (0x1000–0x13ff ≈ 6e-5…1.2e-4): any bits would do
 * for the converter. Returns the safetensors file's size.
 */
export async function writeSizedPeftAdapter(
  dir: string,
  { hidden, feedForward, layers, rank }: PeftAdapterShape,
  baseModelName = 'sized-base',
): Promise<number> {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  const sizes: number[] = [];
  let offset = 0;
  for (let layer = 0; layer < layers; layer++) {
    for (const [module, inSize, outSize] of PROJECTIONS(hidden, feedForward)) {
      const prefix = `base_model.model.model.layers.${layer}.${module}`;
      for (const [side, shape] of [
        ['A', [rank, inSize]],
        ['B', [outSize, rank]],
      ] as const) {
        const bytes = shape[0] * shape[1] * 2;
        header[`${prefix}.lora_${side}.weight`] = {
          dtype: 'F16',
          shape,
          data_offsets: [offset, offset + bytes],
        };
        sizes.push(bytes);
        offset += bytes;
      }
    }
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  await mkdir(dir, { recursive: true });
  const config = {
    base_model_name_or_path: baseModelName,
    peft_type: 'LORA',
    task_type: 'CAUSAL_LM',
    r: rank,
    lora_alpha: 2 * rank,
    target_modules: PROJECTIONS(hidden, feedForward).map(([m]) => m.split('.')[1]),
  };
  await writeFile(join(dir, 'adapter_config.json'), JSON.stringify(config, null, 2) + '\n');
  const file = await open(join(dir, 'adapter_model.safetensors'), 'w');
  try {
    await file.write(Buffer.concat([length, json]));
    const block = Buffer.alloc(4 * 1024 * 1024);
    for (let i = 0; i < block.length; i += 2) block.writeUInt16LE(0x1000 + ((i / 2) % 1024), i);
    for (const bytes of sizes) {
      for (let done = 0; done < bytes; done += block.length) {
        await file.write(block.subarray(0, Math.min(block.length, bytes - done)));
      }
    }
  } finally {
    await file.close();
  }
  return 8 + json.length + offset;
}
