import { gguf } from '@huggingface/gguf';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Model } from '../model/model.entity.js';
import { ModelFormat } from '../model/model.enums.js';
import { convertPeftToGgufLora } from './peft-to-gguf.js';
import { ArchiveRejection, type ImportErrorClass } from './validation/validation-result.js';

/** Where an imported PEFT adapter's GGUF LoRA is kept, relative to the model store (derived, like quantized files). */
export const convertedLoraPath = (modelId: string): string => join('artifacts', modelId, 'adapter.lora.gguf');

export type PeftImportOutcome =
  { ok: true; ggufLora: string } | { ok: false; errorClass: ImportErrorClass; message: string };

function asCount(value: unknown): number | undefined {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** What the converter needs from the base GGUF: its architecture, heads (for the q/k permutation) and sizes. */
async function baseGgufFacts(path: string) {
  const { metadata } = await gguf(path, { allowLocalFile: true });
  const m = metadata as unknown as Record<string, unknown>;
  const arch = String(m['general.architecture']);
  const headCount = asCount(m[`${arch}.attention.head_count`]);
  const headCountKv = asCount(m[`${arch}.attention.head_count_kv`]) ?? headCount;
  const hiddenSize = asCount(m[`${arch}.embedding_length`]);
  const headSize =
    asCount(m[`${arch}.attention.key_length`]) ??
    (hiddenSize && headCount ? hiddenSize / headCount : undefined);
  const tokens = m['tokenizer.ggml.tokens'];
  return {
    architecture: arch,
    headCount,
    headCountKv,
    hiddenSize,
    keyValueSize: headSize && headCountKv ? headSize * headCountKv : undefined,
    feedForwardSize: asCount(m[`${arch}.feed_forward_length`]),
    blockCount: asCount(m[`${arch}.block_count`]),
    vocabSize: Array.isArray(tokens) ? tokens.length : asCount(m[`${arch}.vocab_size`]),
  };
}

/**
 * The local runtime applies llama.cpp LoRAs only, so a PEFT adapter for a GGUF base stored here is converted at
 * import, next to its original files (which export hands back). Null when the base is not such a model: the
 * adapter stays PEFT only (vLLM's format). The converted file is checked against the base again when attached.
 * An abort of `signal` (the import cancelled, the server stopping) stops the conversion within a piece, removes
 * what it wrote, and rejects with the signal's reason.
 */
export async function convertPeftAtImport(
  modelStoreDir: string,
  model: Model,
  base: Model | null,
  signal?: AbortSignal,
): Promise<PeftImportOutcome | null> {
  if (!base || base.format !== ModelFormat.GGUF || !base.storagePath) return null;
  const basePath = isAbsolute(base.storagePath) ? base.storagePath : join(modelStoreDir, base.storagePath);
  let facts: Awaited<ReturnType<typeof baseGgufFacts>>;
  try {
    facts = await baseGgufFacts(basePath);
  } catch (error) {
    return {
      ok: false,
      errorClass: 'COMPATIBILITY_PROBLEM',
      message: `The base model's file cannot be read (${(error as Error).message}), so the adapter cannot be converted for it. Import ${base.name} again, then the adapter.`,
    };
  }
  if (facts.architecture !== 'llama' || !facts.headCount) {
    return {
      ok: false,
      errorClass: 'COMPATIBILITY_PROBLEM',
      message:
        `${base.name} is a ${facts.architecture} model; PEFT adapters are converted for llama-architecture GGUF ` +
        "models only. Convert the adapter with llama.cpp's convert_lora_to_gguf.py and import the GGUF LoRA instead.",
    };
  }
  const folder = join(modelStoreDir, model.id);
  const relative = convertedLoraPath(model.id);
  const out = join(modelStoreDir, relative);
  const partial = `${out}.partial`;
  try {
    await mkdir(join(out, '..'), { recursive: true });
    const adapterConfig = JSON.parse(await readFile(join(folder, 'adapter_config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    await convertPeftToGgufLora({
      adapterConfig,
      safetensorsPath: join(folder, 'adapter_model.safetensors'),
      outPath: partial,
      headCount: facts.headCount,
      headCountKv: facts.headCountKv ?? facts.headCount,
      base: facts,
      signal,
    });
    await rename(partial, out);
    return { ok: true, ggufLora: relative };
  } catch (error) {
    await rm(join(out, '..'), { recursive: true, force: true });
    if (signal?.aborted) throw signal.reason;
    if (error instanceof ArchiveRejection) {
      return { ok: false, errorClass: error.errorClass, message: error.message };
    }
    return {
      ok: false,
      errorClass: 'COMPATIBILITY_PROBLEM',
      message: `The adapter cannot be converted for ${base.name}: ${(error as Error).message} Choose the base model the adapter was trained on.`,
    };
  }
}
