import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { crc32 } from '@node-rs/crc32';
import { ArchiveRejection } from './validation-result.js';

/**
 * Sits between yauzl's entry stream and the readers: computes the CRC-32 (yauzl does not check it) and stops
 * a decompression bomb as soon as the ratio is exceeded instead of after it has filled the disk.
 */
export class EntryGuard extends Transform {
  crc = 0;
  bytes = 0;

  constructor(
    private readonly entryName: string,
    private readonly expectedCrc: number,
    private readonly maxBytes: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(
        new ArchiveRejection(
          'EXTRACTION_ISSUE',
          `"${this.entryName}" expands to more data than its header declares (a zip bomb, or a damaged archive). ` +
            'Re-create the archive with a standard zip tool and upload it again.',
        ),
      );
      return;
    }
    this.crc = crc32(chunk, this.crc);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.crc !== this.expectedCrc >>> 0) {
      callback(
        new ArchiveRejection(
          'EXTRACTION_ISSUE',
          `"${this.entryName}" is damaged: its CRC-32 checksum does not match the data. ` +
            'The file was corrupted while it was created or copied; re-create the zip and upload it again.',
        ),
      );
      return;
    }
    callback();
  }
}

/**
 * Sequential reads over a stream with bounded buffering: only what the caller asked for is held. Readers that
 * need the start of a file (headers) take what they need and `drain()` the rest.
 */
export class ByteCursor {
  private readonly iterator: AsyncIterator<Buffer>;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private ended = false;
  /** Offset of the first pending byte in the entry. */
  position = 0;

  constructor(stream: Readable) {
    this.iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  private async fill(wanted: number): Promise<void> {
    while (this.pendingBytes < wanted && !this.ended) {
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      this.pending.push(next.value);
      this.pendingBytes += next.value.length;
    }
  }

  /** Up to `length` bytes from the current position (fewer only at the end of the entry). */
  async take(length: number): Promise<Buffer> {
    await this.fill(length);
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    const taken = all.subarray(0, length);
    const rest = all.subarray(taken.length);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    this.position += taken.length;
    return taken;
  }

  /** Up to `length` bytes from the current position, left in place for the next read. */
  async peek(length: number): Promise<Buffer> {
    await this.fill(length);
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = all.length > 0 ? [all] : [];
    return all.subarray(0, length);
  }

  /** Discards bytes up to `offset`. */
  async skipTo(offset: number): Promise<void> {
    while (this.position < offset) {
      const step = Math.min(offset - this.position, 4 * 1024 * 1024);
      const skipped = await this.take(step);
      if (skipped.length === 0) return;
    }
  }

  /** Reads to the end (so the CRC and size checks run) and returns the entry's length. */
  async drain(): Promise<number> {
    this.position += this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    while (!this.ended) {
      const next = await this.iterator.next();
      if (next.done) this.ended = true;
      else this.position += next.value.length;
    }
    return this.position;
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}
