import { createReadStream } from 'node:fs';
import { open, rm, stat, type FileHandle } from 'node:fs/promises';
import { GgufValueType, writeGguf, type GgufTensor } from '../demo-model/gguf-writer.js';
import { DEFAULT_ARCHIVE_LIMITS } from './validation/archive-limits.js';
import { ByteCursor } from './validation/entry-byte-cursor.js';
import {
  llamaLoraTarget,
  planPeftLora,
  type PeftBaseFacts,
  type PeftLoraTensor,
} from './validation/peft-lora.rules.js';
import { readSafetensorsHeader, type SafetensorsSummary } from './validation/safetensors-header.js';

/**
 * PEFT LoRA (`adapter_config.json` + `adapter_model.safetensors`) → llama.cpp's LoRA GGUF, for llama-architecture
 * bases, following what llama.cpp's `convert_lora_to_gguf.py` writes: tensors renamed to the GGUF base names with
 * `.lora_a` / `.lora_b`, A kept as `[r, in]` (ggml dims `[in, r]`) and B as `[out, r]` (ggml `[r, out]`), the rows
 * of B for `q_proj`/`k_proj` permuted as the base's q/k weights are (HF's rotary layout → GGUF's), and
 * `adapter.lora.alpha` such that llama.cpp's alpha / r equals PEFT's scale. The weights are read and written a
 * piece at a time, so memory stays bounded whatever the adapter's size.
 */

export interface PeftConversionInput {
  adapterConfig: Record<string, unknown>;
  safetensorsPath: string;
  outPath: string;
  /** The base's `llama.attention.head_count` and `…head_count_kv` (for the q/k permutation). */
  headCount: number;
  headCountKv: number;
  /** What the base is known to be: the adapter's sizes are checked against it. */
  base?: PeftBaseFacts;
  /** Largest safetensors header read (default: the archive limit). */
  maxHeaderBytes?: number;
  /** Stops the conversion between pieces (~1 MB or one head's rows each); it rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** `base_model.model.model.layers.3.self_attn.q_proj` → `blk.3.attn_q.weight`; null for what llama.cpp lacks. */
export function ggufTargetName(peftModule: string): string | null {
  return llamaLoraTarget(peftModule)?.ggufWeight ?? null;
}

/**
 * HF's rotary row order → GGUF's, per head: rows (2, D/2) transposed (convert_hf_to_gguf's `permute`). Works on
 * values or on raw bytes (`cols` then counts bytes per row).
 */
export function permuteRows<T extends Float32Array | Uint8Array>(
  data: T,
  rows: number,
  cols: number,
  heads: number,
): T {
  const perHead = rows / heads;
  const half = perHead / 2;
  const out = (
    data instanceof Float32Array ? new Float32Array(data.length) : new Uint8Array(data.length)
  ) as T;
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

const BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2 };

/** BF16 is the upper half of an F32: shifted into place through a shared view. */
function bf16ToFloat32(bytes: Buffer): Float32Array {
  const count = bytes.length / 2;
  const out = new Float32Array(count);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < count; i++) bits[i] = bytes.readUInt16LE(i * 2) << 16;
  return out;
}

/** About 1 MB of source bytes per read. */
const PIECE_BYTES = 1024 * 1024;

/** Fills `into` from `position`; the file must not have shrunk since its header was checked. */
async function readExactly(file: FileHandle, into: Buffer, position: number, name: string): Promise<Buffer> {
  let filled = 0;
  while (filled < into.length) {
    const { bytesRead } = await file.read(into, filled, into.length - filled, position + filled);
    if (bytesRead === 0) throw new Error(`${name} ends early: the file changed after it was checked.`);
    filled += bytesRead;
  }
  return into;
}

/** F32 and F16 are copied as they are (GGUF stores them alike, little-endian); BF16 is widened to F32. */
const outputType = (dtype: string): 'F32' | 'F16' => (dtype === 'F16' ? 'F16' : 'F32');

/**
 * The data of one LoRA matrix in pieces: ~1 MB at a time, or one attention head's rows at a time where the rows
 * are permuted (a head's rows are permuted among themselves only).
 */
function pieces(
  file: FileHandle,
  dataStart: number,
  tensor: PeftLoraTensor,
  permuteHeads: number | null,
  scratch: Buffer,
  signal: AbortSignal | undefined,
): () => AsyncIterable<Float32Array | Uint8Array> {
  const [rows, cols] = tensor.shape;
  const bytesPerValue = BYTES[tensor.dtype]!;
  const start = dataStart + tensor.dataOffsets[0];
  const convert = (bytes: Buffer): Float32Array | Uint8Array =>
    tensor.dtype === 'BF16' ? bf16ToFloat32(bytes) : bytes;
  return async function* () {
    if (permuteHeads !== null) {
      const perHead = rows / permuteHeads;
      const headBytes = perHead * cols * bytesPerValue;
      for (let h = 0; h < permuteHeads; h++) {
        signal?.throwIfAborted();
        const bytes = await readExactly(
          file,
          scratch.subarray(0, headBytes),
          start + h * headBytes,
          tensor.name,
        );
        const permuted = permuteRows(bytes, perHead, cols * bytesPerValue, 1);
        yield convert(Buffer.from(permuted.buffer, permuted.byteOffset, permuted.byteLength));
      }
      return;
    }
    const total = rows * cols * bytesPerValue;
    const step = PIECE_BYTES - (PIECE_BYTES % bytesPerValue);
    for (let offset = 0; offset < total; offset += step) {
      signal?.throwIfAborted();
      const into = scratch.subarray(0, Math.min(step, total - offset));
      yield convert(await readExactly(file, into, start + offset, tensor.name));
    }
  };
}

async function readHeader(path: string, maxHeaderBytes: number): Promise<SafetensorsSummary> {
  const { size } = await stat(path);
  const cursor = new ByteCursor(createReadStream(path, { end: Math.min(size, 8 + maxHeaderBytes) }));
  try {
    return await readSafetensorsHeader(cursor, 'adapter_model.safetensors', size, maxHeaderBytes);
  } finally {
    await cursor.close();
  }
}

/** The head count a q/k lora_B's rows are permuted by; checked, since a hostile shape must not misplace rows. */
function permutationHeads(tensor: PeftLoraTensor, input: PeftConversionInput): number | null {
  if (tensor.side !== 'B' || (tensor.module !== 'q_proj' && tensor.module !== 'k_proj')) return null;
  const heads = tensor.module === 'q_proj' ? input.headCount : input.headCountKv;
  const rows = tensor.shape[0];
  if (!Number.isInteger(heads) || heads < 1 || rows % heads !== 0 || (rows / heads) % 2 !== 0) {
    throw new Error(
      `${tensor.name} has ${rows} rows, which do not split into ${heads} attention heads of an even size: ` +
        'the adapter was trained on a model of other dimensions.',
    );
  }
  return heads;
}

/**
 * Converts one PEFT LoRA; throws with a user-facing reason for what llama.cpp could not apply, or the signal's
 * reason when it is aborted. A conversion that fails or is stopped midway removes what it wrote of `outPath`.
 */
export async function convertPeftToGgufLora(input: PeftConversionInput): Promise<{ tensorCount: number }> {
  input.signal?.throwIfAborted();
  const summary = await readHeader(
    input.safetensorsPath,
    input.maxHeaderBytes ?? DEFAULT_ARCHIVE_LIMITS.maxSafetensorsHeaderBytes,
  );
  const plan = planPeftLora(input.adapterConfig, summary, input.base);
  const heads = plan.tensors.map((t) => permutationHeads(t, input));
  // One buffer for every read (the writer has written a piece before it asks for the next): ~1 MB, or one head.
  const scratchBytes = plan.tensors.reduce((most, t, i) => {
    const perHead = heads[i] ? (t.shape[0] / heads[i]) * t.shape[1] * BYTES[t.dtype]! : 0;
    return Math.max(most, perHead);
  }, PIECE_BYTES);
  const scratch = Buffer.allocUnsafe(scratchBytes);
  const file = await open(input.safetensorsPath, 'r');
  try {
    const tensors = plan.tensors.map((t, i): GgufTensor => ({
      name: t.ggufName,
      // safetensors is row-major [rows, cols]: ggml's dims list the contiguous one first.
      dims: [t.shape[1], t.shape[0]],
      // F16 stays F16 (the file keeps its size); BF16's range needs F32.
      type: outputType(t.dtype),
      data: pieces(file, summary.dataStart, t, heads[i]!, scratch, input.signal),
    }));
    // PEFT scales B·A by alpha / r (alpha / √r with rsLoRA); llama.cpp by adapter.lora.alpha / r.
    const ggufAlpha = plan.useRslora ? plan.alpha * Math.sqrt(plan.rank) : plan.alpha;
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
  } catch (error) {
    await rm(input.outPath, { force: true });
    throw error;
  } finally {
    await file.close();
  }
}
