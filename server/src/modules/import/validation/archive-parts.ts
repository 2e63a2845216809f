import { close, open, read } from 'node:fs';
import { promisify } from 'node:util';

/**
 * Bytes of an uploaded archive kept outside its file: archive offsets [start, start + length) are the first
 * `length` bytes of `path` (a stored entry's data, written there as it arrived; see `upload-store/`). Everywhere
 * else the archive file holds its own bytes.
 */
export interface ArchivePart {
  start: number;
  length: number;
  path: string;
  /** Extraction refuses a part changed after validation, as it refuses a changed archive. */
  mtimeMs: number;
  /** The CRC-32 of all `length` bytes, computed as they arrived (the validation then need not read them back). */
  crc32?: number;
}

/** One archive as the validator reads it: its file, with its parts laid over it. */
export class ArchiveBytes {
  private constructor(
    readonly fd: number,
    private readonly parts: { part: ArchivePart; fd: number }[],
  ) {}

  static async open(path: string, parts: readonly ArchivePart[] = []): Promise<ArchiveBytes> {
    const openFd = promisify(open);
    const fd = await openFd(path, 'r');
    const opened: { part: ArchivePart; fd: number }[] = [];
    try {
      for (const part of [...parts].sort((a, b) => a.start - b.start)) {
        opened.push({ part, fd: await openFd(part.path, 'r') });
      }
    } catch (error) {
      for (const descriptor of [fd, ...opened.map((o) => o.fd)]) close(descriptor, () => {});
      throw error;
    }
    return new ArchiveBytes(fd, opened);
  }

  /**
   * Reads up to `length` bytes at archive offset `position`, stopping where a part begins or ends (callers read
   * on from there, as after any short read).
   */
  read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null, bytesRead: number) => void,
  ): void {
    let fd = this.fd;
    let at = position;
    let count = length;
    for (const { part, fd: partFd } of this.parts) {
      if (position >= part.start + part.length) continue;
      if (position >= part.start) {
        fd = partFd;
        at = position - part.start;
        count = Math.min(length, part.start + part.length - position);
      } else {
        count = Math.min(length, part.start - position);
      }
      break;
    }
    read(fd, buffer, offset, count, at, (error, bytesRead) => callback(error, bytesRead));
  }

  readPromise(buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
    return new Promise((resolve, reject) =>
      this.read(buffer, offset, length, position, (error, bytesRead) =>
        error ? reject(error) : resolve(bytesRead),
      ),
    );
  }

  /** The part that holds exactly archive bytes [start, start + length), if one does. */
  partAt(start: number, length: number): ArchivePart | undefined {
    return this.parts.find((p) => p.part.start === start && p.part.length === length)?.part;
  }

  close(callback: (error: Error | null) => void): void {
    let left = this.parts.length + 1;
    let first: Error | null = null;
    for (const descriptor of [this.fd, ...this.parts.map((p) => p.fd)]) {
      close(descriptor, (error) => {
        first ??= error ?? null;
        if (--left === 0) callback(first);
      });
    }
  }
}
