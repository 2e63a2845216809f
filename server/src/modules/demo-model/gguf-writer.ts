import { open } from 'node:fs/promises';

/**
 * A small GGUF v3 writer (format: ggml's docs/gguf.md). It writes exactly what it is given, so tests can also
 * produce files with missing or wrongly typed keys to see how loaders fail.
 */

/** GGUF metadata value types (numbering from gguf.md). */
export const GgufValueType = {
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
} as const;
export type GgufValueType = (typeof GgufValueType)[keyof typeof GgufValueType];

export type GgufScalar = number | bigint | boolean | string;

/** One key/value pair with an explicit type; arrays also name their item type. */
export type GgufMetadataEntry =
  | { key: string; type: Exclude<GgufValueType, typeof GgufValueType.ARRAY>; value: GgufScalar }
  | { key: string; type: typeof GgufValueType.ARRAY; itemType: GgufValueType; value: GgufScalar[] };

/**
 * Record form: types are inferred — string → STRING, boolean → BOOL, non-negative integer → UINT32,
 * negative integer → INT32, other number → FLOAT32, bigint → UINT64; arrays take the type of their first item.
 * Use the entry form for anything else (e.g. INT32 token types, or a deliberately wrong type).
 */
export type GgufMetadataRecord = Record<string, GgufScalar | GgufScalar[]>;

export type GgufTensorType = 'F32' | 'F16';

export interface GgufTensor {
  name: string;
  /** Dimensions in ggml order: dims[0] is the contiguous one (a weight of `out × in` is `[in, out]`). */
  dims: number[];
  type: GgufTensorType;
  /**
   * The values, or a producer of them in consecutive pieces (a large tensor need never be whole in memory): each
   * piece either values to encode or bytes already in the tensor's type (copied as they are).
   */
  data: Float32Array | (() => AsyncIterable<Float32Array | Uint8Array>);
}

export interface GgufInput {
  metadata: GgufMetadataEntry[] | GgufMetadataRecord;
  tensors: GgufTensor[];
  /** Tensor data alignment (default 32); written as `general.alignment` unless the metadata already has it. */
  alignment?: number;
}

const GGML_TYPE: Record<GgufTensorType, number> = { F32: 0, F16: 1 };
const BYTES_PER_ELEMENT: Record<GgufTensorType, number> = { F32: 4, F16: 2 };
const DEFAULT_ALIGNMENT = 32;

function inferType(value: GgufScalar): Exclude<GgufValueType, typeof GgufValueType.ARRAY> {
  if (typeof value === 'string') return GgufValueType.STRING;
  if (typeof value === 'boolean') return GgufValueType.BOOL;
  if (typeof value === 'bigint') return GgufValueType.UINT64;
  if (Number.isInteger(value)) return value < 0 ? GgufValueType.INT32 : GgufValueType.UINT32;
  return GgufValueType.FLOAT32;
}

export function toMetadataEntries(metadata: GgufMetadataEntry[] | GgufMetadataRecord): GgufMetadataEntry[] {
  if (Array.isArray(metadata)) return metadata;
  return Object.entries(metadata).map(([key, value]): GgufMetadataEntry => {
    if (!Array.isArray(value)) return { key, type: inferType(value), value };
    const itemType = value.length > 0 ? inferType(value[0]!) : GgufValueType.UINT32;
    return { key, type: GgufValueType.ARRAY, itemType, value };
  });
}

/** Grows a buffer as values are appended; the header of a tiny model is a few KB, a real vocab a few MB. */
class ByteSink {
  private buffer = Buffer.alloc(64 * 1024);
  length = 0;

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const next = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }

  u8(v: number): void {
    this.reserve(1);
    this.buffer.writeUInt8(v, this.length);
    this.length += 1;
  }
  i8(v: number): void {
    this.reserve(1);
    this.buffer.writeInt8(v, this.length);
    this.length += 1;
  }
  u16(v: number): void {
    this.reserve(2);
    this.buffer.writeUInt16LE(v, this.length);
    this.length += 2;
  }
  i16(v: number): void {
    this.reserve(2);
    this.buffer.writeInt16LE(v, this.length);
    this.length += 2;
  }
  u32(v: number): void {
    this.reserve(4);
    this.buffer.writeUInt32LE(v, this.length);
    this.length += 4;
  }
  i32(v: number): void {
    this.reserve(4);
    this.buffer.writeInt32LE(v, this.length);
    this.length += 4;
  }
  f32(v: number): void {
    this.reserve(4);
    this.buffer.writeFloatLE(v, this.length);
    this.length += 4;
  }
  f64(v: number): void {
    this.reserve(8);
    this.buffer.writeDoubleLE(v, this.length);
    this.length += 8;
  }
  u64(v: number | bigint): void {
    this.reserve(8);
    this.buffer.writeBigUInt64LE(BigInt(v), this.length);
    this.length += 8;
  }
  i64(v: number | bigint): void {
    this.reserve(8);
    this.buffer.writeBigInt64LE(BigInt(v), this.length);
    this.length += 8;
  }
  string(v: string): void {
    const bytes = Buffer.from(v, 'utf8');
    this.u64(bytes.length);
    this.reserve(bytes.length);
    bytes.copy(this.buffer, this.length);
    this.length += bytes.length;
  }
  padTo(alignment: number): void {
    const pad = (alignment - (this.length % alignment)) % alignment;
    this.reserve(pad);
    this.buffer.fill(0, this.length, this.length + pad);
    this.length += pad;
  }
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

function writeScalar(sink: ByteSink, type: GgufValueType, value: GgufScalar, key: string): void {
  const num = (): number => {
    if (typeof value !== 'number')
      throw new TypeError(`GGUF key ${key}: expected a number, got ${typeof value}`);
    return value;
  };
  switch (type) {
    case GgufValueType.UINT8:
      return sink.u8(num());
    case GgufValueType.INT8:
      return sink.i8(num());
    case GgufValueType.UINT16:
      return sink.u16(num());
    case GgufValueType.INT16:
      return sink.i16(num());
    case GgufValueType.UINT32:
      return sink.u32(num());
    case GgufValueType.INT32:
      return sink.i32(num());
    case GgufValueType.FLOAT32:
      return sink.f32(num());
    case GgufValueType.FLOAT64:
      return sink.f64(num());
    case GgufValueType.BOOL:
      return sink.u8(value ? 1 : 0);
    case GgufValueType.STRING:
      return sink.string(String(value));
    case GgufValueType.UINT64:
      return sink.u64(typeof value === 'bigint' ? value : num());
    case GgufValueType.INT64:
      return sink.i64(typeof value === 'bigint' ? value : num());
    default:
      throw new TypeError(`GGUF key ${key}: unsupported value type ${type}`);
  }
}

function writeEntry(sink: ByteSink, entry: GgufMetadataEntry): void {
  sink.string(entry.key);
  sink.u32(entry.type);
  if (entry.type === GgufValueType.ARRAY) {
    sink.u32(entry.itemType);
    sink.u64(entry.value.length);
    for (const item of entry.value) writeScalar(sink, entry.itemType, item, entry.key);
  } else {
    writeScalar(sink, entry.type, entry.value, entry.key);
  }
}

// One shared word: an array per value made a 170 MB model take seconds longer to write.
const SCRATCH_F32 = new Float32Array(1);
const SCRATCH_U32 = new Uint32Array(SCRATCH_F32.buffer);

/** IEEE 754 half precision, round-to-nearest-even; done by hand because Node 20 has no Math.f16round. */
export function float32ToFloat16Bits(value: number): number {
  SCRATCH_F32[0] = value;
  const bits = SCRATCH_U32[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let result = mantissa >>> shift;
    const rest = mantissa & ((1 << shift) - 1);
    if (rest > half || (rest === half && result & 1)) result += 1;
    return sign | result;
  }
  let result = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && result & 1)) result += 1;
  // A carry out of the mantissa bumps the exponent, up to 0x7c00 (infinity) — the right answer for overflow.
  return sign | result;
}

function encodeValues(values: Float32Array, type: GgufTensorType): Buffer {
  if (type === 'F32') return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const out = Buffer.alloc(values.length * 2);
  for (let i = 0; i < values.length; i++) out.writeUInt16LE(float32ToFloat16Bits(values[i]!), i * 2);
  return out;
}

async function* tensorPieces(tensor: GgufTensor): AsyncIterable<Float32Array | Uint8Array> {
  if (tensor.data instanceof Float32Array) yield tensor.data;
  else yield* tensor.data();
}

function elementCount(tensor: GgufTensor): number {
  return tensor.dims.reduce((a, b) => a * b, 1);
}

/**
 * Writes a GGUF v3 file: header and tensor infos first, then each tensor's data padded to the alignment.
 * Tensor data goes to disk one tensor at a time, so large models do not need to fit in one buffer.
 */
export async function writeGguf(path: string, input: GgufInput): Promise<void> {
  const alignment = input.alignment ?? DEFAULT_ALIGNMENT;
  const entries = [...toMetadataEntries(input.metadata)];
  // Written even for the default so readers never have to guess; an entry given by the caller wins.
  if (!entries.some((e) => e.key === 'general.alignment')) {
    entries.push({ key: 'general.alignment', type: GgufValueType.UINT32, value: alignment });
  }
  for (const tensor of input.tensors) {
    if (tensor.data instanceof Float32Array && elementCount(tensor) !== tensor.data.length) {
      throw new RangeError(
        `GGUF tensor ${tensor.name}: dims [${tensor.dims.join(', ')}] need ${elementCount(tensor)} values, data has ${tensor.data.length}`,
      );
    }
  }

  const header = new ByteSink();
  header.u32(0x46554747); // "GGUF" read as little-endian uint32
  header.u32(3);
  header.u64(input.tensors.length);
  header.u64(entries.length);
  for (const entry of entries) writeEntry(header, entry);

  let offset = 0;
  for (const tensor of input.tensors) {
    header.string(tensor.name);
    header.u32(tensor.dims.length);
    for (const dim of tensor.dims) header.u64(dim);
    header.u32(GGML_TYPE[tensor.type]);
    header.u64(offset);
    const size = elementCount(tensor) * BYTES_PER_ELEMENT[tensor.type];
    offset += size + ((alignment - (size % alignment)) % alignment);
  }
  header.padTo(alignment);

  const file = await open(path, 'w');
  try {
    await file.write(header.bytes());
    for (const tensor of input.tensors) {
      let written = 0;
      for await (const piece of tensorPieces(tensor)) {
        const encoded = piece instanceof Float32Array;
        written += encoded ? piece.length : piece.length / BYTES_PER_ELEMENT[tensor.type];
        if (written > elementCount(tensor)) break;
        await file.write(encoded ? encodeValues(piece, tensor.type) : piece);
      }
      if (written !== elementCount(tensor)) {
        throw new RangeError(
          `GGUF tensor ${tensor.name}: dims [${tensor.dims.join(', ')}] need ${elementCount(tensor)} values, its data gave ${written}${written > elementCount(tensor) ? ' or more' : ''}`,
        );
      }
      const size = written * BYTES_PER_ELEMENT[tensor.type];
      const pad = (alignment - (size % alignment)) % alignment;
      if (pad > 0) await file.write(Buffer.alloc(pad));
    }
  } finally {
    await file.close();
  }
}
