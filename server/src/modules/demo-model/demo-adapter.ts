import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildVocab,
  DEMO_MODEL_NAME,
  N_EMBD,
  sha256OfFile,
  STEER,
  STEER_NORMALIZED,
  type GeneratedModel,
  type Vocab,
} from './demo-model.js';
import { GgufValueType, writeGguf, type GgufMetadataEntry } from './gguf-writer.js';

/**
 * Demo LoRA adapters for the demo model, in llama.cpp's LoRA GGUF format (`general.type = "adapter"`,
 * `adapter.type = "lora"`, `adapter.lora.alpha`, `<tensor>.lora_a` / `<tensor>.lora_b` next to the base's tensor
 * names). Each adapts only `output.weight`, with rank 1: A reads the demo model's constant steering channel and B
 * holds a per-token logit shift, so an adapter visibly moves the output toward one family of characters.
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

export function logitShift(vocab: Vocab, favours: (ch: string) => boolean): Float32Array {
  const shift = new Float32Array(vocab.tokens.length);
  for (let b = 0x20; b < 0x7f; b++) {
    const ch = String.fromCharCode(b);
    if (favours(ch)) shift[vocab.byteToken(b)] = FAVOURED_SHIFT;
    else if (/[a-z]/.test(ch)) shift[vocab.byteToken(b)] = LOWERCASE_SHIFT;
  }
  return shift;
}

function buildMetadata(flavour: DemoAdapterFlavour): GgufMetadataEntry[] {
  const str = (key: string, value: string): GgufMetadataEntry => ({ key, type: GgufValueType.STRING, value });
  return [
    str('general.architecture', 'llama'),
    str('general.type', 'adapter'),
    str('general.name', DEMO_ADAPTER_FLAVOURS[flavour].name),
    str('general.description', DEMO_ADAPTER_FLAVOURS[flavour].description),
    str('general.base_model.0.name', DEMO_MODEL_NAME),
    str('adapter.type', 'lora'),
    // llama.cpp scales B·A by alpha / rank: alpha = rank applies the shift as written.
    { key: 'adapter.lora.alpha', type: GgufValueType.FLOAT32, value: RANK },
  ];
}

/** Writes one demo adapter to `filePath` (atomically). Deterministic: no randomness at all. */
export async function generateDemoAdapter(
  filePath: string,
  flavour: DemoAdapterFlavour,
): Promise<GeneratedModel> {
  const vocab = buildVocab();
  const nVocab = vocab.tokens.length;
  // ΔW = B·A, with A (rank × n_embd) picking the steering channel and B (n_vocab × rank) the shift per token,
  // divided by the channel's normalized value so that ΔW·h adds about `shift` to each logit.
  const a = new Float32Array(N_EMBD * RANK);
  a[STEER] = 1;
  const b = logitShift(vocab, DEMO_ADAPTER_FLAVOURS[flavour].favours).map((v) => v / STEER_NORMALIZED);
  const tmp = `${filePath}.tmp-${process.pid}-${Date.now()}`;
  try {
    await writeGguf(tmp, {
      metadata: buildMetadata(flavour),
      tensors: [
        // ggml dims: lora_a is [n_embd, rank] (same first dim as the base weight), lora_b is [rank, n_vocab].
        { name: 'output.weight.lora_a', dims: [N_EMBD, RANK], type: 'F32', data: a },
        { name: 'output.weight.lora_b', dims: [RANK, nVocab], type: 'F32', data: b },
      ],
    });
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
