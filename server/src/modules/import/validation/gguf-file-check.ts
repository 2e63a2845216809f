import { gguf, type GGUFParseOutput } from '@huggingface/gguf';
import type { ByteCursor } from './entry-byte-cursor.js';
import { ArchiveRejection, reject } from './validation-result.js';

/** [elements per block, bytes per block] of every ggml tensor type the bundled llama.cpp reads (ggml.c's type_traits). */
const GGML_TYPE_LAYOUT: Record<number, { name: string; block: number; bytes: number }> = {
  0: { name: 'F32', block: 1, bytes: 4 },
  1: { name: 'F16', block: 1, bytes: 2 },
  2: { name: 'Q4_0', block: 32, bytes: 18 },
  3: { name: 'Q4_1', block: 32, bytes: 20 },
  6: { name: 'Q5_0', block: 32, bytes: 22 },
  7: { name: 'Q5_1', block: 32, bytes: 24 },
  8: { name: 'Q8_0', block: 32, bytes: 34 },
  9: { name: 'Q8_1', block: 32, bytes: 36 },
  10: { name: 'Q2_K', block: 256, bytes: 84 },
  11: { name: 'Q3_K', block: 256, bytes: 110 },
  12: { name: 'Q4_K', block: 256, bytes: 144 },
  13: { name: 'Q5_K', block: 256, bytes: 176 },
  14: { name: 'Q6_K', block: 256, bytes: 210 },
  15: { name: 'Q8_K', block: 256, bytes: 292 },
  16: { name: 'IQ2_XXS', block: 256, bytes: 66 },
  17: { name: 'IQ2_XS', block: 256, bytes: 74 },
  18: { name: 'IQ3_XXS', block: 256, bytes: 98 },
  19: { name: 'IQ1_S', block: 256, bytes: 50 },
  20: { name: 'IQ4_NL', block: 32, bytes: 18 },
  21: { name: 'IQ3_S', block: 256, bytes: 110 },
  22: { name: 'IQ2_S', block: 256, bytes: 82 },
  23: { name: 'IQ4_XS', block: 256, bytes: 136 },
  24: { name: 'I8', block: 1, bytes: 1 },
  25: { name: 'I16', block: 1, bytes: 2 },
  26: { name: 'I32', block: 1, bytes: 4 },
  27: { name: 'I64', block: 1, bytes: 8 },
  28: { name: 'F64', block: 1, bytes: 8 },
  29: { name: 'IQ1_M', block: 256, bytes: 56 },
  30: { name: 'BF16', block: 1, bytes: 2 },
  34: { name: 'TQ1_0', block: 256, bytes: 54 },
  35: { name: 'TQ2_0', block: 256, bytes: 66 },
  39: { name: 'MXFP4', block: 32, bytes: 17 },
  40: { name: 'NVFP4', block: 64, bytes: 36 },
  41: { name: 'Q1_0', block: 128, bytes: 18 },
  42: { name: 'Q2_0', block: 64, bytes: 18 },
};

/** Tokenizer models llama.cpp's vocab loader accepts; anything else throws while loading. */
const KNOWN_TOKENIZER_MODELS = new Set(['llama', 'gpt2', 'bert', 't5', 'rwkv', 'plamo2', 'no_vocab', 'none']);

/** Architectures whose tensor layout is checked tensor by tensor (the llama family, which the local runtime runs). */
const LLAMA_LAYOUT_ARCHITECTURES = new Set(['llama', 'qwen2', 'qwen3', 'mistral3']);

export interface GgufFacts {
  architecture?: string;
  name?: string;
  contextLength?: number;
  hiddenSize?: number;
  blockCount?: number;
  headCount?: number;
  vocabSize?: number;
  fileType?: string;
  parameterCount: number;
  hasChatTemplate: boolean;
  splitCount?: number;
  splitIndex?: number;
}

/** The parser asks for 2 MB ranges in increasing order; serve them from the entry stream as it arrives. */
function fetchFromCursor(cursor: ByteCursor, totalSize: number): typeof fetch {
  return async (_input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const range = new Headers(init?.headers).get('range') ?? '';
    const match = /bytes=(\d+)-(\d+)/.exec(range);
    if (!match) throw new Error('GGUF reader asked for data without a byte range');
    const start = Number(match[1]);
    const end = Math.min(Number(match[2]), totalSize - 1);
    if (start < cursor.position) throw new Error('GGUF reader went backwards in the stream');
    await cursor.skipTo(start);
    const bytes = end >= start ? await cursor.take(end - start + 1) : Buffer.alloc(0);
    return new Response(new Uint8Array(bytes), {
      status: 206,
      headers: { 'content-range': `bytes ${start}-${start + bytes.length - 1}/${totalSize}` },
    });
  };
}

function invalid(entryName: string, problem: string, fix: string): never {
  return reject(
    'INVALID_FORMAT',
    `"${entryName}" is not a GGUF file the runtime can load: ${problem}. ${fix}`,
  );
}

const RECONVERT =
  'Convert the model again with llama.cpp (convert_hf_to_gguf.py) or download an intact GGUF file, then re-create the zip.';

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

/** Reads the GGUF header from the stream and checks what llama.cpp relies on without checking itself. */
export async function checkGgufEntry(
  cursor: ByteCursor,
  entryName: string,
  fileSize: number,
): Promise<GgufFacts> {
  const head = await cursor.peek(8);
  if (head.length === 8 && head.readUInt32LE(0) === 0x46554747 && head.readUInt32LE(4) === 1) {
    invalid(entryName, 'it is GGUF version 1, which llama.cpp no longer reads', RECONVERT);
  }
  let parsed: GGUFParseOutput<{ strict: false }>;
  try {
    parsed = (await gguf(`https://zip-entry.invalid/${encodeURIComponent(entryName)}`, {
      fetch: fetchFromCursor(cursor, fileSize),
    })) as unknown as GGUFParseOutput<{ strict: false }>;
  } catch (error) {
    if (error instanceof ArchiveRejection) throw error;
    const reason = (error as Error).message;
    if (/magic number/i.test(reason)) {
      invalid(
        entryName,
        'it does not start with the GGUF magic bytes',
        'Make sure the file really is a GGUF model. ' + RECONVERT,
      );
    }
    invalid(entryName, `its header cannot be read (${reason})`, RECONVERT);
  }
  const metadata = parsed.metadata as Record<string, unknown>;

  const splitCount = asNumber(metadata['split.count']);
  const splitIndex = asNumber(metadata['split.no']);
  const isLaterShard = splitIndex !== undefined && splitIndex > 0;

  const tensorBytes = checkTensorPlacement(parsed, entryName, fileSize);
  const facts: GgufFacts = {
    parameterCount: tensorBytes.parameterCount,
    hasChatTemplate: typeof metadata['tokenizer.chat_template'] === 'string',
    splitCount,
    splitIndex,
  };
  if (isLaterShard) return facts;

  const architecture = metadata['general.architecture'];
  if (typeof architecture !== 'string' || architecture === '') {
    invalid(entryName, 'the key general.architecture is missing', RECONVERT);
  }
  const required = [
    `${architecture}.context_length`,
    `${architecture}.embedding_length`,
    `${architecture}.block_count`,
    `${architecture}.attention.head_count`,
  ];
  if (LLAMA_LAYOUT_ARCHITECTURES.has(architecture)) {
    required.push(`${architecture}.feed_forward_length`, `${architecture}.attention.layer_norm_rms_epsilon`);
  }
  required.push('tokenizer.ggml.model', 'tokenizer.ggml.tokens');
  if (architecture === 'llama') required.push('tokenizer.ggml.token_type');
  const missing = required.filter((key) => metadata[key] === undefined);
  if (missing.length > 0) {
    invalid(entryName, `required metadata is missing: ${missing.join(', ')}`, RECONVERT);
  }

  const contextLength = positive(metadata, `${architecture}.context_length`, entryName);
  const hiddenSize = positive(metadata, `${architecture}.embedding_length`, entryName);
  const blockCount = positive(metadata, `${architecture}.block_count`, entryName);
  const headCountRaw = metadata[`${architecture}.attention.head_count`];
  const headCount = Array.isArray(headCountRaw)
    ? asNumber(headCountRaw[0])
    : positive(metadata, `${architecture}.attention.head_count`, entryName);
  if (blockCount > 4096) invalid(entryName, `block_count ${blockCount} is implausible`, RECONVERT);
  if (
    headCount !== undefined &&
    headCount > 0 &&
    metadata[`${architecture}.attention.key_length`] === undefined &&
    hiddenSize % headCount !== 0
  ) {
    invalid(
      entryName,
      `embedding_length ${hiddenSize} is not divisible by head_count ${headCount}`,
      RECONVERT,
    );
  }
  const headCountKv = asNumber(metadata[`${architecture}.attention.head_count_kv`]);
  if (
    headCountKv !== undefined &&
    headCount !== undefined &&
    (headCountKv <= 0 || headCount % headCountKv !== 0)
  ) {
    invalid(
      entryName,
      `head_count ${headCount} is not a multiple of head_count_kv ${headCountKv}`,
      RECONVERT,
    );
  }

  const vocabSize = checkTokenizer(metadata, entryName);
  if (LLAMA_LAYOUT_ARCHITECTURES.has(architecture)) {
    checkLlamaTensors(parsed, entryName, {
      hiddenSize,
      blockCount,
      vocabSize,
      feedForward: asNumber(metadata[`${architecture}.feed_forward_length`]),
    });
  }

  const fileTypeId = asNumber(metadata['general.file_type']);
  return {
    ...facts,
    architecture,
    name: typeof metadata['general.name'] === 'string' ? metadata['general.name'] : undefined,
    contextLength,
    hiddenSize,
    blockCount,
    headCount,
    vocabSize,
    fileType: fileTypeId === undefined ? undefined : fileTypeLabel(fileTypeId),
  };
}

function positive(metadata: Record<string, unknown>, key: string, entryName: string): number {
  const value = asNumber(metadata[key]);
  if (value === undefined || !Number.isInteger(value) || value <= 0) {
    invalid(entryName, `${key} must be a positive integer, found ${String(metadata[key])}`, RECONVERT);
  }
  return value;
}

function checkTokenizer(metadata: Record<string, unknown>, entryName: string): number {
  const model = metadata['tokenizer.ggml.model'];
  if (typeof model !== 'string' || !KNOWN_TOKENIZER_MODELS.has(model)) {
    invalid(
      entryName,
      `tokenizer.ggml.model ${JSON.stringify(model)} is not a tokenizer llama.cpp knows`,
      RECONVERT,
    );
  }
  const tokens = metadata['tokenizer.ggml.tokens'];
  if (!Array.isArray(tokens) || tokens.length === 0 || !tokens.every((t) => typeof t === 'string')) {
    invalid(entryName, 'tokenizer.ggml.tokens must be a non-empty array of strings', RECONVERT);
  }
  for (const key of ['tokenizer.ggml.token_type', 'tokenizer.ggml.scores']) {
    const values = metadata[key];
    if (values !== undefined && (!Array.isArray(values) || values.length !== tokens.length)) {
      invalid(
        entryName,
        `${key} has ${Array.isArray(values) ? values.length : 'no'} entries but there are ${tokens.length} tokens`,
        RECONVERT,
      );
    }
  }
  if (model === 'gpt2' && !Array.isArray(metadata['tokenizer.ggml.merges'])) {
    invalid(entryName, 'a gpt2 (BPE) tokenizer needs tokenizer.ggml.merges', RECONVERT);
  }
  for (const key of [
    'tokenizer.ggml.bos_token_id',
    'tokenizer.ggml.eos_token_id',
    'tokenizer.ggml.unknown_token_id',
    'tokenizer.ggml.padding_token_id',
  ]) {
    const id = asNumber(metadata[key]);
    if (id !== undefined && (id < 0 || id >= tokens.length)) {
      invalid(entryName, `${key} is ${id} but the vocabulary has only ${tokens.length} tokens`, RECONVERT);
    }
  }
  return tokens.length;
}

function checkTensorPlacement(
  parsed: GGUFParseOutput<{ strict: false }>,
  entryName: string,
  fileSize: number,
): { parameterCount: number } {
  const alignment = asNumber((parsed.metadata as Record<string, unknown>)['general.alignment']) ?? 32;
  const dataStart = Number(parsed.tensorDataOffset);
  if (dataStart > fileSize) {
    invalid(entryName, 'the file ends before its tensor data starts (it is truncated)', RECONVERT);
  }
  const ranges: Array<[number, number, string]> = [];
  const names = new Set<string>();
  let parameterCount = 0;
  for (const tensor of parsed.tensorInfos) {
    if (names.has(tensor.name)) invalid(entryName, `tensor "${tensor.name}" appears twice`, RECONVERT);
    names.add(tensor.name);
    const layout = GGML_TYPE_LAYOUT[tensor.dtype];
    if (!layout) {
      invalid(entryName, `tensor "${tensor.name}" has the unknown ggml type ${tensor.dtype}`, RECONVERT);
    }
    const dims = tensor.shape.map(Number);
    if (dims.some((d) => !Number.isSafeInteger(d) || d <= 0)) {
      invalid(entryName, `tensor "${tensor.name}" has an invalid shape [${dims.join(', ')}]`, RECONVERT);
    }
    if (dims[0]! % layout.block !== 0) {
      invalid(
        entryName,
        `tensor "${tensor.name}" of type ${layout.name} has rows of ${dims[0]} values, not a multiple of its block size ${layout.block}`,
        RECONVERT,
      );
    }
    const elements = dims.reduce((product, d) => product * d, 1);
    const bytes = (elements / layout.block) * layout.bytes;
    const start = Number(tensor.offset);
    if (start % alignment !== 0) {
      invalid(entryName, `tensor "${tensor.name}" is not aligned to ${alignment} bytes`, RECONVERT);
    }
    if (!Number.isSafeInteger(bytes) || dataStart + start + bytes > fileSize) {
      invalid(
        entryName,
        `the data of tensor "${tensor.name}" (bytes ${dataStart + start}–${dataStart + start + bytes}) lies beyond the end of the ${fileSize}-byte file, so the file is truncated`,
        'Upload the complete file: ' + RECONVERT,
      );
    }
    ranges.push([start, start + bytes, tensor.name]);
    parameterCount += elements;
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i]![0] < ranges[i - 1]![1]) {
      invalid(entryName, `tensors "${ranges[i - 1]![2]}" and "${ranges[i]![2]}" overlap`, RECONVERT);
    }
  }
  return { parameterCount };
}

function checkLlamaTensors(
  parsed: GGUFParseOutput<{ strict: false }>,
  entryName: string,
  dims: { hiddenSize: number; blockCount: number; vocabSize: number; feedForward?: number },
): void {
  const shapes = new Map(parsed.tensorInfos.map((t) => [t.name, t.shape.map(Number)]));
  const expectShape = (name: string, expected: Array<number | undefined>): void => {
    const shape = shapes.get(name);
    if (!shape) invalid(entryName, `the tensor "${name}" is missing`, RECONVERT);
    const matches = expected.every((d, i) => d === undefined || shape[i] === d);
    if (!matches) {
      invalid(
        entryName,
        `tensor "${name}" has shape [${shape.join(', ')}], expected [${expected.map((d) => d ?? '*').join(', ')}]`,
        RECONVERT,
      );
    }
  };
  const { hiddenSize, vocabSize } = dims;
  expectShape('token_embd.weight', [hiddenSize, vocabSize]);
  expectShape('output_norm.weight', [hiddenSize]);
  if (shapes.has('output.weight')) expectShape('output.weight', [hiddenSize, vocabSize]);
  for (let block = 0; block < dims.blockCount; block++) {
    const prefix = `blk.${block}.`;
    expectShape(`${prefix}attn_norm.weight`, [hiddenSize]);
    for (const name of ['attn_q', 'attn_k', 'attn_v']) expectShape(`${prefix}${name}.weight`, [hiddenSize]);
    expectShape(`${prefix}attn_output.weight`, [undefined, hiddenSize]);
    expectShape(`${prefix}ffn_norm.weight`, [hiddenSize]);
    if (shapes.has(`${prefix}ffn_gate_inp.weight`)) {
      for (const name of ['ffn_gate_exps', 'ffn_up_exps', 'ffn_down_exps'])
        expectShape(`${prefix}${name}.weight`, []);
    } else {
      expectShape(`${prefix}ffn_gate.weight`, [hiddenSize, dims.feedForward]);
      expectShape(`${prefix}ffn_up.weight`, [hiddenSize, dims.feedForward]);
      expectShape(`${prefix}ffn_down.weight`, [dims.feedForward, hiddenSize]);
    }
  }
}

/** llama.cpp's `llama_ftype` numbering, for display. */
function fileTypeLabel(id: number): string {
  const labels: Record<number, string> = {
    0: 'F32',
    1: 'F16',
    2: 'Q4_0',
    3: 'Q4_1',
    7: 'Q8_0',
    8: 'Q5_0',
    9: 'Q5_1',
    10: 'Q2_K',
    11: 'Q3_K_S',
    12: 'Q3_K_M',
    13: 'Q3_K_L',
    14: 'Q4_K_S',
    15: 'Q4_K_M',
    16: 'Q5_K_S',
    17: 'Q5_K_M',
    18: 'Q6_K',
    32: 'BF16',
  };
  return labels[id] ?? `type ${id}`;
}
