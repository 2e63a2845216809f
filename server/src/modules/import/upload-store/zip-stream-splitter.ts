/**
 * Decides, byte by byte as an upload arrives, where each byte of a ZIP archive is kept: in the upload file at its
 * own offset, or in a part file holding one stored entry's data (so that entry becomes its model file by a hard
 * link, its bytes written once). Only local headers are parsed, and nothing here is trusted: whatever the headers
 * claim, every byte lands exactly once at its offset in the virtual archive (upload file + parts), which the
 * validation then reads as it reads any zip. A header that lies only makes a part miss its entry, which is then
 * copied as before. Anything unexpected (an unknown signature, encryption, a broken zip64 field) switches to
 * keeping every further byte in the upload file.
 */

/** Stored entries smaller than this (with their size in the local header) stay in the upload file. */
export const PART_MIN_BYTES = 64 * 1024;
/** At most this many parts per upload (a hostile archive of many small entries cannot make thousands of files). */
export const MAX_PARTS = 64;

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
/** The signatures that may follow an entry's data (and its descriptor). */
const NEXT_SIGNATURES = new Set([LOCAL_HEADER, 0x02014b50, 0x06064b50, 0x06054b50]);
const PK = Buffer.from('PK', 'latin1');
/**
 * Enough of the past for a zip64 descriptor (24 bytes) before a signature split across chunks (3 bytes); also the
 * most a `close` action takes back from bytes already given to its part.
 */
export const TAIL_BYTES = 32;

export type SplitAction =
  /** Write `data` to the upload file at `position`. */
  | { kind: 'archive'; position: number; data: Buffer }
  /** A part begins at `start` (the first byte of a stored entry's data). */
  | { kind: 'open'; start: number }
  /** Write `data` to the part that began at `start`, at `position` of the archive. */
  | { kind: 'part'; start: number; position: number; data: Buffer }
  /**
   * The part that began at `start` ends at `end`: bytes already given to it from `end` on (a data descriptor
   * found after the fact) are cut from it, and are in `moved`, to be written to the upload file at `end`.
   */
  | { kind: 'close'; start: number; end: number; moved: Buffer };

interface HeaderState {
  kind: 'header';
  start: number;
  bytes: Buffer[];
  length: number;
  /** The 30 fixed bytes, once they are in. */
  fixed?: Buffer;
}

type State =
  | HeaderState
  | { kind: 'data'; end: number; part: boolean }
  | { kind: 'scan'; start: number; part: boolean }
  | { kind: 'keep' };

const DESCRIPTOR_FORMS: { length: number; signed: boolean; size: 4 | 8 }[] = [
  { length: 24, signed: true, size: 8 },
  { length: 16, signed: true, size: 4 },
  { length: 20, signed: false, size: 8 },
  { length: 12, signed: false, size: 4 },
];

export class ZipStreamSplitter {
  /** Archive offset of the next byte fed. */
  position: number;
  /** The part being written, if any (its start). */
  openPart: number | undefined;
  private state: State;
  private parts = 0;
  /** A copy of the last bytes fed in scan state (for descriptors and signatures split across chunks). */
  private tail = Buffer.alloc(0);

  private constructor(position: number, state: State) {
    this.position = position;
    this.state = state;
  }

  /** A new upload: parsing from its first byte. */
  static fromStart(): ZipStreamSplitter {
    return new ZipStreamSplitter(0, header(0));
  }

  /** An upload resumed where no parser state is known: every further byte stays in the upload file. */
  static keepingFrom(position: number): ZipStreamSplitter {
    return new ZipStreamSplitter(position, { kind: 'keep' });
  }

  feed(chunk: Buffer): SplitAction[] {
    const out: SplitAction[] = [];
    for (let i = 0; i < chunk.length;) i += this.step(chunk, i, out);
    return out;
  }

  /** Consumes bytes of `chunk` from `i` (possibly none, when the state changes); returns how many. */
  private step(chunk: Buffer, i: number, out: SplitAction[]): number {
    const state = this.state;
    const rest = chunk.length - i;
    if (state.kind === 'keep') return this.emit(out, chunk.subarray(i), false);
    if (state.kind === 'header') {
      const taken = chunk.subarray(i, i + Math.min(headerWanted(state) - state.length, rest));
      state.bytes.push(Buffer.from(taken));
      state.length += taken.length;
      this.emit(out, taken, false);
      if (state.length === 30 && !state.fixed) {
        state.fixed = Buffer.concat(state.bytes);
        state.bytes = [state.fixed];
        if (state.fixed.readUInt32LE(0) !== LOCAL_HEADER) this.state = { kind: 'keep' };
      }
      if (state.fixed && state.length === headerWanted(state)) this.afterHeader(state, out);
      return taken.length;
    }
    if (state.kind === 'data') {
      const taken = chunk.subarray(i, i + Math.min(state.end - this.position, rest));
      this.emit(out, taken, state.part);
      if (this.position === state.end) this.endData(state.end, Buffer.alloc(0), out);
      return taken.length;
    }
    return this.scan(state, chunk, i, out);
  }

  private emit(out: SplitAction[], data: Buffer, part: boolean): number {
    if (data.length === 0) return 0;
    if (part) out.push({ kind: 'part', start: this.openPart!, position: this.position, data });
    else out.push({ kind: 'archive', position: this.position, data });
    this.position += data.length;
    return data.length;
  }

  private afterHeader(state: HeaderState, out: SplitAction[]): void {
    if (this.state !== state) return;
    const bytes = Buffer.concat(state.bytes);
    const flags = bytes.readUInt16LE(6);
    const method = bytes.readUInt16LE(8);
    const dataStart = state.start + bytes.length;
    if (flags & 1) return void (this.state = { kind: 'keep' });
    const stored = method === 0 && this.parts < MAX_PARTS;
    let next: State;
    if (flags & 8) {
      // Sizes follow the data (a data descriptor): the data ends where a descriptor that matches it does.
      next = { kind: 'scan', start: dataStart, part: stored };
      this.tail = Buffer.alloc(0);
    } else {
      const sizes = localSizes(bytes);
      if (!sizes) return void (this.state = { kind: 'keep' });
      const part = stored && sizes.compressed === sizes.uncompressed && sizes.compressed >= PART_MIN_BYTES;
      next = { kind: 'data', end: dataStart + sizes.compressed, part };
    }
    this.state = next;
    if (next.part) {
      this.parts++;
      this.openPart = dataStart;
      out.push({ kind: 'open', start: dataStart });
    }
    if (next.kind === 'data' && next.end === dataStart) this.endData(dataStart, Buffer.alloc(0), out);
  }

  /** The entry's data ended at `end`; `moved` (bytes fed from `end` on) goes to the upload file. */
  private endData(end: number, moved: Buffer, out: SplitAction[]): void {
    if (this.openPart !== undefined) out.push({ kind: 'close', start: this.openPart, end, moved });
    else if (moved.length > 0) out.push({ kind: 'archive', position: end, data: moved });
    this.openPart = undefined;
    this.state = header(this.position);
  }

  /**
   * Data of unknown length: fed on until a signature that may follow an entry sits right after a data
   * descriptor whose compressed size is the length of the data so far.
   */
  private scan(
    state: { start: number; part: boolean },
    chunk: Buffer,
    i: number,
    out: SplitAction[],
  ): number {
    const chunkStart = this.position;
    // A signature that began in the previous chunk.
    const back = Math.min(3, this.tail.length);
    const joined = Buffer.concat([this.tail.subarray(this.tail.length - back), chunk.subarray(i, i + 3)]);
    for (let k = 0; k < back && k + 4 <= joined.length; k++) {
      const at = chunkStart - back + k;
      if (!NEXT_SIGNATURES.has(joined.readUInt32LE(k))) continue;
      const length = descriptorBefore(state.start, at, this.tail, chunkStart);
      if (length !== undefined) return this.closeScan(state, at, length, chunk, i, out);
    }
    for (let from = i; ;) {
      const hit = chunk.indexOf(PK, from);
      if (hit < 0 || hit + 4 > chunk.length) break;
      from = hit + 1;
      if (!NEXT_SIGNATURES.has(chunk.readUInt32LE(hit))) continue;
      const at = chunkStart + (hit - i);
      const before =
        hit - i >= TAIL_BYTES
          ? chunk.subarray(hit - TAIL_BYTES, hit)
          : Buffer.concat([this.tail, chunk.subarray(i, hit)]);
      const length = descriptorBefore(state.start, at, before, at);
      if (length !== undefined) return this.closeScan(state, at, length, chunk, i, out);
    }
    // No end in this chunk: all of it is data (a signature cut at its end is checked with the next chunk).
    const data = chunk.subarray(i);
    this.emit(out, data, state.part);
    this.tail =
      data.length >= TAIL_BYTES
        ? Buffer.from(data.subarray(data.length - TAIL_BYTES))
        : Buffer.concat([this.tail, data]).subarray(-TAIL_BYTES);
    return data.length;
  }

  /** Ends scanned data before its descriptor (`length` bytes) and the signature at `at`. */
  private closeScan(
    state: { part: boolean },
    at: number,
    length: number,
    chunk: Buffer,
    i: number,
    out: SplitAction[],
  ): number {
    const chunkStart = this.position;
    const end = at - length;
    const consumed = Math.max(0, at - chunkStart);
    const data = chunk.subarray(i, i + consumed);
    const keep = Math.max(0, end - chunkStart);
    this.emit(out, data.subarray(0, keep), state.part);
    // Bytes fed from `end` on (the descriptor, a signature begun in the previous chunk) go to the upload file.
    const fromTail = this.tail.subarray(this.tail.length - Math.max(0, chunkStart - end));
    const moved = Buffer.concat([fromTail, data.subarray(keep)]);
    const signatureFed = Math.max(0, chunkStart - at);
    const signature = Buffer.from(this.tail.subarray(this.tail.length - signatureFed));
    this.tail = Buffer.alloc(0);
    this.position = chunkStart + consumed;
    this.endData(end, moved, out);
    const next = this.state as HeaderState;
    next.start = at;
    if (signatureFed > 0) {
      next.bytes.push(signature);
      next.length = signatureFed;
    }
    return consumed;
  }
}

function header(start: number): HeaderState {
  return { kind: 'header', start, bytes: [], length: 0 };
}

/**
 * The length of a data descriptor ending at `at` whose compressed size is its distance from `start`, if there is
 * one; `before` holds the bytes up to `end`.
 */
function descriptorBefore(start: number, at: number, before: Buffer, end: number): number | undefined {
  const read = (position: number, size: 4 | 8): number | undefined => {
    const index = before.length - (end - position);
    if (index < 0 || index + size > before.length) return undefined;
    return size === 4 ? before.readUInt32LE(index) : Number(before.readBigUInt64LE(index));
  };
  for (const { length, signed, size } of DESCRIPTOR_FORMS) {
    const descriptor = at - length;
    if (descriptor < start) continue;
    if (signed && read(descriptor, 4) !== DATA_DESCRIPTOR) continue;
    if (read(descriptor + (signed ? 8 : 4), size) === descriptor - start) return length;
  }
  return undefined;
}

function headerWanted(state: HeaderState): number {
  if (!state.fixed) return 30;
  return 30 + state.fixed.readUInt16LE(26) + state.fixed.readUInt16LE(28);
}

/** Sizes from a local header without a descriptor, zip64 extra field included; undefined if unreadable. */
function localSizes(header: Buffer): { compressed: number; uncompressed: number } | undefined {
  let compressed = header.readUInt32LE(18);
  let uncompressed = header.readUInt32LE(22);
  if (compressed !== 0xffffffff && uncompressed !== 0xffffffff) return { compressed, uncompressed };
  const nameLength = header.readUInt16LE(26);
  const extra = header.subarray(30 + nameLength);
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    const body = extra.subarray(at + 4, at + 4 + size);
    if (id === 1) {
      let field = 0;
      const next = (): number | undefined => {
        if (field + 8 > body.length) return undefined;
        const value = Number(body.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (uncompressed === 0xffffffff) uncompressed = next() ?? -1;
      if (compressed === 0xffffffff) compressed = next() ?? -1;
      if (compressed < 0 || uncompressed < 0 || !Number.isSafeInteger(compressed)) return undefined;
      return { compressed, uncompressed };
    }
    at += 4 + size;
  }
  return undefined;
}
