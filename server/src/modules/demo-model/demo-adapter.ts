import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildVocab,
  DEMO_MODEL_NAME,
  seededUniform,
  sha256OfFile,
  steerChannel,
  steerNormalized,
  type GeneratedModel,
  type Vocab,
} from './demo-model.js';
import { TINY_SHAPE, type DemoModelShape } from './demo-model.shape.js';
import { GgufValueType, writeGguf, type GgufMetadataEntry, type GgufTensor } from './gguf-writer.js';

/**
 * Demo LoRA adapters for the demo model, in llama.cpp's LoRA GGUF format (`general.type = "adapter"`,
 * `adapter.type = "lora"`, `adapter.lora.alpha`, `<tensor>.lora_a` / `<tensor>.lora_b` next to the base's tensor
 * names). Each adapts only `output.weight`, with rank 1: A reads the demo model's constant steering channel and B
 * holds a per-token logit shift, so an adapter visibly moves the output toward one family of characters.
 * Given a size (a model shape and a rank), an adapter as people train them instead: rank-r F16 pairs on every
 * attention and MLP projection of every block (q, k, v, o, gate, up, down: several MB for the 85M demo model at
 * rank 16) besides the same shift on `output.weight`, for measuring what real adapters cost a replica.
 */

// Names and descriptions avoid the word "demo": searching for the demo model should find the base model only.
export const DEMO_ADAPTER_FLAVOURS = {
  uppercase: {
    name: 'Hangar LoRA Uppercase',
    description: 'A LoRA adapter Hangar generates for its tiny sample model: it answers in capital letters.',
    favours: (ch: string) => /[A-Z]/.test(ch),
  },
  digits: {
    name: 'Hangar LoRA Digits',
    description: 'A LoRA adapter Hangar generates for its tiny sample model: it answers in digits.',
    favours: (ch: string) => /[0-9]/.test(ch),
  },
} as const;
export type DemoAdapterFlavour = keyof typeof DEMO_ADAPTER_FLAVOURS;

/** Logit shift toward the favoured characters and away from the lowercase letters the base prefers. */
const FAVOURED_SHIFT = 6;
const LOWERCASE_SHIFT = -4;
const RANK = 1;

export interface DemoAdapterSize {
  /** The demo model shape the adapter is for (`demo-model.shape.ts`). */
  shape: DemoModelShape;
  rank: number;
  /** Varies the projections' values, so that several adapters of one size are distinct files (default 1). */
  seed?: number;
}

export function logitShift(vocab: Vocab, favours: (ch: string) => boolean): Float32Array {
  const shift = new Float32Array(vocab.tokens.length);
  for (let b = 0x20; b < 0x7f; b++) {
    const ch = String.fromCharCode(b);
    if (favours(ch)) shift[vocab.byteToken(b)] = FAVOURED_SHIFT;
    else if (/[a-z]/.test(ch)) shift[vocab.byteToken(b)] = LOWERCASE_SHIFT;
  }
  return shift;
}

function buildMetadata(flavour: DemoAdapterFlavour, rank: number): GgufMetadataEntry[] {
  const str = (key: string, value: string): GgufMetadataEntry => ({ key, type: GgufValueType.STRING, value });
  return [
    str('general.architecture', 'llama'),
    str('general.type', 'adapter'),
    str('general.name', DEMO_ADAPTER_FLAVOURS[flavour].name),
    str('general.description', DEMO_ADAPTER_FLAVOURS[flavour].description),
    str('general.base_model.0.name', DEMO_MODEL_NAME),
    str('adapter.type', 'lora'),
    // llama.cpp scales B·A by alpha / rank: alpha = rank applies the shift as written.
    { key: 'adapter.lora.alpha', type: GgufValueType.FLOAT32, value: rank },
  ];
}

/**
 * `output.weight`'s pair: ΔW = B·A, with A (rank × width) picking the steering channel and B (n_vocab × rank) the
 * shift per token in its first column, divided by the channel's normalized value so that ΔW·h adds about `shift`
 * to each logit (the other ranks are zero).
 */
function outputPair(vocab: Vocab, flavour: DemoAdapterFlavour, width: number, rank: number): GgufTensor[] {
  const a = new Float32Array(width * rank);
  a[steerChannel(width)] = 1;
  const b = new Float32Array(vocab.tokens.length * rank);
  logitShift(vocab, DEMO_ADAPTER_FLAVOURS[flavour].favours).forEach((v, token) => {
    b[token * rank] = v / steerNormalized(width);
  });
  const type = rank === RANK ? 'F32' : 'F16';
  return [
    // ggml dims: lora_a is [n_embd, rank] (same first dim as the base weight), lora_b is [rank, n_vocab].
    { name: 'output.weight.lora_a', dims: [width, rank], type, data: a },
    { name: 'output.weight.lora_b', dims: [rank, vocab.tokens.length], type, data: b },
  ];
}

/**
 * Rank-r pairs on every projection of every block, small seeded values. Like the demo model's blocks they neither
 * read the steering channel (A's column for it is zero where the input is the residual) nor write it (B's row for
 * it is zero where the output goes back into the residual), so the flavour's shift still shows.
 */
function projectionPairs({ shape, rank, seed = 1 }: DemoAdapterSize): GgufTensor[] {
  const random = seededUniform(0x4c6f5241 + seed);
  const { embedding: d, feedForward: ff } = shape;
  const steer = steerChannel(d);
  const tensors: GgufTensor[] = [];
  const pair = (name: string, input: number, output: number, readsResidual: boolean): void => {
    const a = Float32Array.from({ length: input * rank }, () => random(1 / Math.sqrt(input)));
    if (readsResidual) for (let r = 0; r < rank; r++) a[r * input + steer] = 0;
    const b = Float32Array.from({ length: rank * output }, () => random(0.01));
    if (!readsResidual) b.fill(0, steer * rank, steer * rank + rank);
    tensors.push(
      { name: `${name}.lora_a`, dims: [input, rank], type: 'F16', data: a },
      { name: `${name}.lora_b`, dims: [rank, output], type: 'F16', data: b },
    );
  };
  for (let layer = 0; layer < shape.blocks; layer++) {
    const p = `blk.${layer}`;
    for (const m of ['attn_q', 'attn_k', 'attn_v']) pair(`${p}.${m}.weight`, d, d, true);
    pair(`${p}.attn_output.weight`, d, d, false);
    pair(`${p}.ffn_gate.weight`, d, ff, true);
    pair(`${p}.ffn_up.weight`, d, ff, true);
    pair(`${p}.ffn_down.weight`, ff, d, false);
  }
  return tensors;
}

/**
 * Writes one demo adapter to `filePath` (atomically). Deterministic: no randomness at all. Without a size, the
 * rank-1 adapter of the tiny demo model's output; with one, also every projection (see above).
 */
export async function generateDemoAdapter(
  filePath: string,
  flavour: DemoAdapterFlavour,
  size?: DemoAdapterSize,
): Promise<GeneratedModel> {
  const vocab = buildVocab();
  const rank = size?.rank ?? RANK;
  const width = (size?.shape ?? TINY_SHAPE).embedding;
  const tensors = [...(size ? projectionPairs(size) : []), ...outputPair(vocab, flavour, width, rank)];
  const tmp = `${filePath}.tmp-${process.pid}-${Date.now()}`;
  try {
    await writeGguf(tmp, { metadata: buildMetadata(flavour, rank), tensors });
    await rename(tmp, filePath);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  const [sha256, info] = await Promise.all([sha256OfFile(filePath), stat(filePath)]);
  return { path: filePath, sha256, sizeBytes: info.size };
}

export const demoAdapterFileName = (flavour: DemoAdapterFlavour): string =>
  `hangar-demo-adapter-${flavour}.gguf`;

/** Returns the path of a demo adapter in `dir`, (re)generating it every time: it is a few KB and instant. */
export async function ensureDemoAdapter(dir: string, flavour: DemoAdapterFlavour): Promise<string> {
  const path = join(dir, demoAdapterFileName(flavour));
  await mkdir(dir, { recursive: true });
  await generateDemoAdapter(path, flavour);
  return path;
}
