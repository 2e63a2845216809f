import { fstat } from 'node:fs';
import { open as openFile, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
// @node-rs/crc32 (crc32fast, PCLMULQDQ) ran at ~10 GiB/s here against node:zlib's ~4; same IEEE polynomial as zip.
import { crc32 } from '@node-rs/crc32';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ArchiveBytes, type ArchivePart } from './archive-parts.js';
import { reject } from './validation-result.js';

/** Read size for entry data: yauzl's own reader reads 16 KB at a time, which caps throughput far below the disk's. */
const READ_CHUNK_BYTES = 1024 * 1024;
/**
 * Read size for the CRC-32 pass over stored entries. Measured from the page cache on 2 cores: 4 MiB reads
 * overlapped with the checksum ran at ~6.5 GiB/s; 1 MiB paid too much per-read overhead (~4 GiB/s) and 8–16 MiB
 * no longer fit the caches (~5–6 GiB/s). 2 MiB: each pass holds two buffers (and a validation and an extraction
 * can overlap), which at 4 MiB was 8–16 MB of the server's 150 MB budget during an import, for a pass that runs
 * at several times the disk's write speed either way.
 */
const CRC_CHUNK_BYTES = 2 * 1024 * 1024;

/**
 * Reads [start, end) of the shared archive. Not fs.createReadStream: destroying that closes the descriptor even
 * with autoClose off, and yauzl destroys every entry stream while others still need the file.
 */
class FileRangeStream extends Readable {
  private position: number;

  constructor(
    private readonly bytes: ArchiveBytes,
    start: number,
    private readonly end: number,
  ) {
    super({ highWaterMark: READ_CHUNK_BYTES });
    this.position = start;
  }

  override _read(): void {
    const length = Math.min(READ_CHUNK_BYTES, this.end - this.position);
    if (length <= 0) {
      this.push(null);
      return;
    }
    const buffer = Buffer.allocUnsafe(length);
    this.bytes.read(buffer, 0, length, this.position, (error, bytesRead) => {
      if (error) return this.destroy(error);
      if (bytesRead === 0) return this.destroy(new Error('unexpected end of file'));
      this.position += bytesRead;
      this.push(bytesRead === length ? buffer : buffer.subarray(0, bytesRead));
    });
  }
}

/** yauzl's random-access reader over the archive's bytes, streaming ranges in large reads. */
class FileRangeReader extends yauzl.RandomAccessReader {
  constructor(readonly bytes: ArchiveBytes) {
    super();
    // The zip file's own reference: released by ZipFile.close(), after which the last stream closes the fd.
    (this as unknown as { ref(): void }).ref();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return new FileRangeStream(this.bytes, start, end);
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null) => void,
  ): void {
    let done = 0;
    const step = (): void => {
      if (done === length) return callback(null);
      this.bytes.read(buffer, offset + done, length - done, position + done, (error, bytesRead) => {
        if (error) return callback(error);
        if (bytesRead === 0) return callback(new Error('unexpected end of file'));
        done += bytesRead;
        step();
      });
    };
    step();
  }

  override close(callback: (err: Error | null) => void): void {
    this.bytes.close(callback);
  }
}

/**
 * Opens with lazy entries so the central directory is walked one record at a time. `parts` are bytes of the
 * archive kept in files of their own (an upload's stored entries); the archive is its file with them laid over.
 */
export async function openZip(path: string, parts: readonly ArchivePart[] = []): Promise<ZipFile> {
  // Raw descriptors, not FileHandles: yauzl owns their lifetime and closes them when the last stream ends.
  const bytes = await ArchiveBytes.open(path, parts);
  const { size } = await promisify(fstat)(bytes.fd).catch((error: Error) => {
    bytes.close(() => {});
    throw error;
  });
  const reader = new FileRangeReader(bytes);
  return new Promise((resolve, rejectPromise) => {
    yauzl.fromRandomAccessReader(
      reader,
      size,
      // strictFileNames: backslashes are refused instead of silently turned into separators.
      {
        lazyEntries: true,
        autoClose: false,
        strictFileNames: true,
        validateEntrySizes: true,
        decodeStrings: true,
      },
      (error, zipFile) => {
        if (error) {
          bytes.close(() => {});
          rejectPromise(error);
        } else {
          resolve(zipFile);
        }
      },
    );
  });
}

/**
 * The read buffers of the last finished CRC pass, for the next one. A buffer that outlives two scavenges is freed
 * only by a full GC, which external memory triggers late (tens of MB): fresh buffers per entry (validation, then
 * extraction) stayed in the server's RSS long after use. Kept only after a pass ends normally, when no read or
 * write can still be using them.
 */
const spareBuffers: Buffer[] = [];

/**
 * CRC-32 of a byte range of the archive, read with two reused buffers (constant memory, no per-chunk allocation:
 * fresh buffers per chunk piled up as garbage and grew the server's RSS). Used for the bulk of stored entries
 * (model weights are usually stored); with `copyTo`, each chunk is also written to that file at its offset in the
 * range, so extraction reads the archive once.
 */
export async function crc32OfArchiveRange(
  zipFile: ZipFile,
  start: number,
  length: number,
  initial: number,
  options: { signal?: AbortSignal; copyTo?: FileHandle } = {},
): Promise<number> {
  const { signal, copyTo } = options;
  const bytes = archiveBytesOf(zipFile);
  // The next read runs on the thread pool while the CRC of the current buffer is computed (and it is written).
  const buffers = [
    spareBuffers.pop() ?? Buffer.allocUnsafe(CRC_CHUNK_BYTES),
    spareBuffers.pop() ?? Buffer.allocUnsafe(CRC_CHUNK_BYTES),
  ];
  const readChunk = async (index: number, offset: number): Promise<{ bytesRead: number }> => ({
    bytesRead: await bytes.readPromise(
      buffers[index % 2]!,
      0,
      Math.min(CRC_CHUNK_BYTES, length - offset),
      start + offset,
    ),
  });
  let crc = initial;
  let done = 0;
  let writing: Promise<void> = Promise.resolve();
  let pending = length > 0 ? readChunk(0, 0) : undefined;
  for (let index = 0; pending; index++) {
    signal?.throwIfAborted();
    const { bytesRead } = await pending;
    if (bytesRead === 0) throw new Error('not enough bytes in the stream: the archive ends inside an entry');
    const current = buffers[index % 2]!.subarray(0, bytesRead);
    const position = done;
    done += bytesRead;
    // The other buffer is read into next: its write must have finished.
    await writing;
    pending = done < length ? readChunk(index + 1, done) : undefined;
    crc = crc32(current, crc);
    if (copyTo) writing = writeFully(copyTo, current, position);
  }
  await writing;
  // Two spares at most: passes running at the same time each allocate their own.
  if (spareBuffers.length === 0) spareBuffers.push(...buffers);
  return crc;
}

/** The bytes a zip file opened by `openZip` reads. */
export function archiveBytesOf(zipFile: ZipFile): ArchiveBytes {
  return (zipFile as unknown as { reader: FileRangeReader }).reader.bytes;
}

async function writeFully(file: FileHandle, data: Buffer, position: number): Promise<void> {
  for (let written = 0; written < data.length;) {
    const { bytesWritten } = await file.write(data, written, data.length - written, position + written);
    written += bytesWritten;
  }
}

/** All central directory records, without reading any file data. */
export function readCentralDirectory(zipFile: ZipFile, onEntry: (entry: Entry) => void): Promise<void> {
  return new Promise((resolve, rejectPromise) => {
    const fail = (error: Error): void => {
      zipFile.removeAllListeners('entry');
      rejectPromise(error);
    };
    zipFile.on('entry', (entry: Entry) => {
      try {
        onEntry(entry);
        zipFile.readEntry();
      } catch (error) {
        fail(error as Error);
      }
    });
    zipFile.once('end', () => resolve());
    zipFile.once('error', fail);
    zipFile.readEntry();
  });
}

export function openEntryStream(zipFile: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, rejectPromise) => {
    zipFile.openReadStream(entry, (error, stream) => (error ? rejectPromise(error) : resolve(stream)));
  });
}

async function startsLikeZip(path: string): Promise<boolean> {
  const handle = await openFile(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

const REPACK = 'Re-create the zip with a standard tool (e.g. `zip -r model.zip model/`) and upload it again.';

/** Turns yauzl's and zlib's errors into the seed's classes with a message a user can act on. */
export async function classifyZipError(error: Error, zipPath: string): Promise<never> {
  const text = error.message;
  if (/end of central directory record signature not found/i.test(text)) {
    if (await startsLikeZip(zipPath)) {
      reject(
        'UPLOAD_FAILURE',
        'The archive is incomplete: it starts like a zip but its end (the central directory) is missing, ' +
          'so the upload was most likely interrupted. Upload the file again and wait until it has finished.',
      );
    }
    reject(
      'INVALID_FORMAT',
      'The file is not a zip archive even though its name ends in .zip. ' +
        'Create a real zip archive of the model folder (e.g. `zip -r model.zip model/`) and upload that.',
    );
  }
  if (/invalid relative path|absolute path|invalid characters in fileName/i.test(text)) {
    reject(
      'EXTRACTION_ISSUE',
      `The archive contains an unsafe entry path (${text.replace(/^.*?: /, '')}): paths must be relative, ` +
        'use "/" as separator and never contain "..". ' +
        REPACK,
    );
  }
  if (/too many bytes in the stream/i.test(text)) {
    reject(
      'EXTRACTION_ISSUE',
      `An entry expands to more data than the archive declares (${text}): a zip bomb or a damaged archive. ${REPACK}`,
    );
  }
  if (/encrypt/i.test(text)) {
    reject('EXTRACTION_ISSUE', `The archive is encrypted (${text}). Create it again without a password.`);
  }
  if (/compression method/i.test(text)) {
    reject(
      'EXTRACTION_ISSUE',
      `The archive uses a compression method the importer cannot read (${text}). Use Deflate or no compression. ${REPACK}`,
    );
  }
  reject('EXTRACTION_ISSUE', `The archive is damaged and cannot be read (${text}). ${REPACK}`);
}
