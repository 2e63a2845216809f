import { crc32 } from '@node-rs/crc32';
import { FileStore } from '@tus/file-store';
import { ERRORS, isPathInsideDirectory } from '@tus/utils';
import { open, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { collectAfterStream, garbageCollector } from '../../../core/stream-garbage.js';
import type { ArchivePart } from '../validation/index.js';
import { createPart, listParts, partPath, recordPartCrc, removeParts, trimParts } from './upload-parts.js';
import { TAIL_BYTES, ZipStreamSplitter, type SplitAction } from './zip-stream-splitter.js';

/** The upload file grows over part bytes written at least every this many bytes… */
const EXTEND_EVERY_BYTES = 16 * 1024 * 1024;
/** …and this long after the last ones. */
const EXTEND_AFTER_MS = 100;

/**
 * tus's file store, writing each byte once: a stored entry's data goes straight into a part file (see
 * `zip-stream-splitter.ts`), the rest into the upload file at its offset, which stays as long as the bytes
 * received (the parts' ranges are holes in it), so tus's offset (its size) is unchanged. Bytes reach the part
 * before the upload file grows over them, so after a kill the offset never claims bytes that are not on disk.
 * A PATCH that continues where this process's last one ended goes on parsing; any other (after a restart, or a
 * write that failed) keeps its bytes in the upload file. The upload's dead chunk buffers are collected as it goes
 * (`core/stream-garbage.ts`). Each part's CRC-32 is computed as its bytes are written and recorded when it
 * closes (`upload-parts.ts`), so the validation does not read it back; a part cut by a resume has no record.
 */
export class SplitUploadStore extends FileStore {
  /** Where each upload's parsing stands, for a PATCH that continues it. */
  private readonly splitters = new Map<
    string,
    { splitter: ZipStreamSplitter; checksum: PartChecksum | undefined }
  >();

  override async write(
    readable: IncomingMessage | Readable,
    fileId: string,
    offset: number,
  ): Promise<number> {
    const file = this.resolvePath(fileId);
    const kept = this.splitters.get(fileId);
    this.splitters.delete(fileId);
    let splitter = kept?.splitter;
    let checksum = kept?.checksum;
    if (!splitter || splitter.position !== offset) {
      await trimParts(file, offset);
      splitter = offset === 0 ? ZipStreamSplitter.fromStart() : ZipStreamSplitter.keepingFrom(offset);
      checksum = undefined;
    }
    const writer = new SplitWriter(await open(file, 'r+'), file, splitter, checksum);
    try {
      await writer.resume();
      await pipeline(readable, writer);
    } catch {
      throw ERRORS.FILE_WRITE_ERROR;
    } finally {
      const ended = await writer.closeFiles();
      if (ended) this.splitters.set(fileId, { splitter, checksum: writer.checksum });
      collectAfterStream();
    }
    return splitter.position;
  }

  override async remove(fileId: string): Promise<void> {
    this.splitters.delete(fileId);
    // The upload first, as tus's own store removes it (a HEAD meanwhile sees it or not); parts left by a kill
    // between the two are removed at the next start (import.reconciler.ts).
    try {
      await super.remove(fileId);
    } finally {
      await removeParts(this.resolvePath(fileId));
    }
  }

  /** The parts of an upload (empty when all its bytes are in the upload file). */
  async partsOf(fileId: string, size: number): Promise<ArchivePart[]> {
    return listParts(this.resolvePath(fileId), size);
  }

  /** The upload file (FileStore's own `resolve` is private). */
  resolvePath(fileId: string): string {
    const path = join(this.directory, fileId);
    if (!isPathInsideDirectory(this.directory, path)) throw ERRORS.FILE_NOT_FOUND;
    return path;
  }
}

/** Carries out a splitter's actions, one batch of chunks at a time. */
class SplitWriter extends Writable {
  private part: FileHandle | undefined;
  /** Archive bytes before this offset are on disk (in the upload file or a part). */
  private durable: number;
  private size: number;
  private failed = false;
  /** The batch being written (closing the files waits for it: a cut-off body ends the pipeline early). */
  private inflight: Promise<void> = Promise.resolve();
  private extendTimer: NodeJS.Timeout | undefined;
  private filesClosed = false;
  /** The body's dead chunk buffers are collected as it goes (`core/stream-garbage.ts`). */
  private readonly collect = garbageCollector();

  constructor(
    private readonly upload: FileHandle,
    private readonly uploadPath: string,
    private readonly splitter: ZipStreamSplitter,
    /** The open part's checksum (a continued PATCH's, from the last one). */
    public checksum: PartChecksum | undefined,
  ) {
    super({ highWaterMark: 1024 * 1024 });
    this.durable = splitter.position;
    this.size = splitter.position;
  }

  /** Reopens the part a continued PATCH goes on writing. */
  async resume(): Promise<void> {
    const start = this.splitter.openPart;
    if (start !== undefined) this.part = await open(partPath(this.uploadPath, start), 'r+');
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    // One file operation chain: a timed extension (below) never overlaps a batch's writes.
    this.inflight = this.inflight.then(() => this.apply(chunks.map((c) => c.chunk)));
    this.inflight.then(
      () => callback(),
      (error: unknown) => {
        this.failed = true;
        callback(error as Error);
      },
    );
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this._writev([{ chunk }], callback);
  }

  private async apply(chunks: Buffer[]): Promise<void> {
    const actions: SplitAction[] = [];
    for (const chunk of chunks) {
      this.collect(chunk.length);
      actions.push(...this.splitter.feed(chunk));
    }
    // Runs of adjacent bytes for one file are written together.
    for (let i = 0; i < actions.length;) {
      const action = actions[i]!;
      if (action.kind === 'archive' || action.kind === 'part') {
        const buffers = [action.data];
        let end = action.position + action.data.length;
        let j = i + 1;
        for (; j < actions.length; j++) {
          const next = actions[j]!;
          if (next.kind !== action.kind || next.position !== end) break;
          buffers.push(next.data);
          end += next.data.length;
        }
        if (action.kind === 'archive') {
          await writeAll(this.upload, buffers, action.position);
          this.size = Math.max(this.size, end);
        } else {
          for (const buffer of buffers) this.checksum?.add(buffer);
          await writeAll(this.part!, buffers, action.position - action.start);
        }
        i = j;
        continue;
      }
      if (action.kind === 'open') {
        await this.part?.close();
        this.part = await createPart(this.uploadPath, action.start);
        this.checksum = new PartChecksum();
      } else {
        await this.part!.truncate(action.end - action.start);
        await this.part!.close();
        this.part = undefined;
        const crc = this.checksum?.of(action.end - action.start);
        this.checksum = undefined;
        if (crc !== undefined) await recordPartCrc(this.uploadPath, action.start, crc);
        if (action.moved.length) {
          await writeAll(this.upload, [action.moved], action.end);
          this.size = Math.max(this.size, action.end + action.moved.length);
        }
      }
      i++;
    }
    this.durable = this.splitter.position;
    // The upload file's size is tus's offset: it grows over a part's bytes once they are written. Every batch
    // would cost a metadata update per socket read (it halved the upload's speed); every few MB, and shortly
    // after the bytes stop (a stalled PATCH, whose offset a HEAD reports), is enough.
    clearTimeout(this.extendTimer);
    if (this.durable - this.size >= EXTEND_EVERY_BYTES) await this.extend();
    else if (this.size < this.durable) {
      this.extendTimer = setTimeout(() => {
        this.inflight = this.inflight.then(() => this.extend()).catch(() => undefined);
      }, EXTEND_AFTER_MS).unref();
    }
  }

  private async extend(): Promise<void> {
    const durable = this.durable;
    if (this.size >= durable || this.filesClosed) return;
    await this.upload.truncate(durable);
    this.size = durable;
  }

  /**
   * Closes the files; after a failed write, cuts the upload back to what is on disk. Whether the splitter can go
   * on with the next PATCH.
   */
  async closeFiles(): Promise<boolean> {
    await this.inflight.catch(() => undefined);
    clearTimeout(this.extendTimer);
    await this.inflight.catch(() => undefined);
    const clean = !this.failed && this.durable === this.splitter.position;
    try {
      await this.part?.close();
      if (clean) await this.extend();
      else {
        await this.upload.truncate(this.durable);
        await trimParts(this.uploadPath, this.durable);
        this.splitter.position = this.durable;
      }
    } finally {
      this.filesClosed = true;
      await this.upload.close();
    }
    return clean;
  }
}

/**
 * CRC-32 of a part's bytes as they are written, lagging TAIL_BYTES behind: a `close` may take back that many from
 * the part's end (a data descriptor found after the fact).
 */
class PartChecksum {
  private crc = 0;
  /** Bytes counted in `crc`. */
  private counted = 0;
  /** The bytes after those, not yet counted (a copy, at most TAIL_BYTES). */
  private held = Buffer.alloc(0);

  add(data: Buffer): void {
    const joined = data.length >= TAIL_BYTES ? undefined : Buffer.concat([this.held, data]);
    if (!joined) {
      this.count(this.held);
      this.count(data.subarray(0, data.length - TAIL_BYTES));
      this.held = Buffer.from(data.subarray(data.length - TAIL_BYTES));
      return;
    }
    const over = Math.max(0, joined.length - TAIL_BYTES);
    this.count(joined.subarray(0, over));
    this.held = joined.subarray(over);
  }

  /** The CRC-32 of the part's first `length` bytes, if they are all still known. */
  of(length: number): number | undefined {
    const extra = length - this.counted;
    if (extra < 0 || extra > this.held.length) return undefined;
    return crc32(this.held.subarray(0, extra), this.crc);
  }

  private count(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.crc = crc32(bytes, this.crc);
    this.counted += bytes.length;
  }
}

async function writeAll(file: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let at = position;
  let pending = buffers;
  while (pending.length) {
    const { bytesWritten } = await file.writev(pending, at);
    at += bytesWritten;
    let skip = bytesWritten;
    const rest: Buffer[] = [];
    for (const buffer of pending) {
      if (skip >= buffer.length) skip -= buffer.length;
      else {
        rest.push(skip ? buffer.subarray(skip) : buffer);
        skip = 0;
      }
    }
    pending = rest;
  }
}
