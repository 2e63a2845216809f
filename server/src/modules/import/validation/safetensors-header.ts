import type { ByteCursor } from './entry-byte-cursor.js';
import { reject } from './validation-result.js';

/** Bytes per element of each safetensors dtype (the format's own list). */
const DTYPE_BYTES: Record<string, number> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  F8_E8M0: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  I64: 8,
  U64: 8,
  F64: 8,
};

export interface SafetensorsTensor {
  name: string;
  dtype: string;
  shape: number[];
  /** Byte range within the data (after the header), as the header gives it. */
  dataOffsets: [number, number];
}

export interface SafetensorsSummary {
  tensors: SafetensorsTensor[];
  metadata: Record<string, string>;
  parameterCount: number;
  /** Where the data starts in the file: 8 + the header's length. */
  dataStart: number;
}

function lie(entryName: string, problem: string): never {
  return reject(
    'INVALID_FORMAT',
    `"${entryName}" is not a valid safetensors file: ${problem}. ` +
      'The file is damaged or was not written by the safetensors library; export the weights again ' +
      '(e.g. `model.save_pretrained(dir, safe_serialization=True)`) and re-create the zip.',
  );
}

/**
 * Reads the header (8-byte little-endian length, then JSON) from the entry stream and checks it against the
 * entry's size: every tensor's byte range must match dtype × shape, and the ranges must tile the data exactly,
 * as the safetensors loader itself requires.
 */
export async function readSafetensorsHeader(
  cursor: ByteCursor,
  entryName: string,
  fileSize: number,
  maxHeaderBytes: number,
): Promise<SafetensorsSummary> {
  if (fileSize < 8) lie(entryName, `it is only ${fileSize} bytes long`);
  const lengthBytes = await cursor.take(8);
  const headerLength = lengthBytes.readBigUInt64LE(0);
  if (headerLength > BigInt(fileSize - 8)) {
    lie(entryName, `its header claims ${headerLength} bytes but the file has only ${fileSize} bytes`);
  }
  if (headerLength > BigInt(maxHeaderBytes)) {
    lie(entryName, `its header is ${headerLength} bytes, more than the ${maxHeaderBytes} bytes allowed`);
  }
  const headerBytes = await cursor.take(Number(headerLength));
  let header: unknown;
  try {
    header = JSON.parse(headerBytes.toString('utf8'));
  } catch (error) {
    lie(entryName, `its header is not valid JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    lie(entryName, 'its header is not a JSON object');
  }
  const dataLength = fileSize - 8 - Number(headerLength);
  const tensors: SafetensorsTensor[] = [];
  const ranges: Array<[number, number, string]> = [];
  let metadata: Record<string, string> = {};
  let parameterCount = 0;
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = typeof raw === 'object' && raw !== null ? (raw as Record<string, string>) : {};
      continue;
    }
    const info = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof info !== 'object' || info === null) lie(entryName, `tensor "${name}" has no description`);
    const dtype = info.dtype;
    if (typeof dtype !== 'string' || !(dtype in DTYPE_BYTES)) {
      lie(entryName, `tensor "${name}" has the unknown dtype ${JSON.stringify(dtype)}`);
    }
    const shape = info.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
      lie(entryName, `tensor "${name}" has an invalid shape ${JSON.stringify(shape)}`);
    }
    const offsets = info.data_offsets;
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0)
    ) {
      lie(entryName, `tensor "${name}" has invalid data_offsets ${JSON.stringify(offsets)}`);
    }
    const [begin, end] = offsets as [number, number];
    const elements = (shape as number[]).reduce((product, dim) => product * dim, 1);
    const expectedBytes = elements * DTYPE_BYTES[dtype]!;
    if (end < begin || end - begin !== expectedBytes) {
      lie(
        entryName,
        `tensor "${name}" (${dtype} ${JSON.stringify(shape)}) needs ${expectedBytes} bytes but data_offsets ` +
          `[${begin}, ${end}] cover ${end - begin}`,
      );
    }
    if (end > dataLength) {
      lie(
        entryName,
        `tensor "${name}" ends at byte ${end} of the data, but the data has only ${dataLength} bytes`,
      );
    }
    tensors.push({ name, dtype, shape: shape as number[], dataOffsets: [begin, end] });
    ranges.push([begin, end, name]);
    parameterCount += elements;
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let covered = 0;
  for (const [begin, end, name] of ranges) {
    if (begin < covered) lie(entryName, `tensor "${name}" overlaps the tensor before it`);
    if (begin > covered) lie(entryName, `bytes ${covered}–${begin} of the data belong to no tensor`);
    covered = end;
  }
  if (covered !== dataLength) {
    lie(entryName, `the tensors cover ${covered} bytes but the file holds ${dataLength} bytes of data`);
  }
  return { tensors, metadata, parameterCount, dataStart: 8 + Number(headerLength) };
}
