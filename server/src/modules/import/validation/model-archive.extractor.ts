import { createWriteStream } from 'node:fs';
import { link, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { EntryGuard } from './entry-byte-cursor.js';
import {
  archiveBytesOf,
  crc32OfArchiveRange,
  openEntryStream,
  openZip,
  readCentralDirectory,
} from './zip-archive.reader.js';
import type { ValidationResult } from './validation-result.js';
import type { Entry, ZipFile } from 'yauzl';

/**
 * Extracts an archive that `validateModelArchive` accepted into `targetDir` (which must be empty or absent).
 * Only the files the validation listed are written, each checked again against its CRC-32, and no path can
 * leave `targetDir`. A stored entry whose data is exactly one of the archive's parts (an upload's, see
 * `archive-parts.ts`) becomes its file by a hard link instead: those bytes are already on disk, and were checked
 * by the validation; the part must still have the size and modification time it had then. On any failure, an
 * abort of `signal` included (checked between chunks), the partial content is removed.
 */
export async function extractValidatedArchive(
  zipPath: string,
  targetDir: string,
  result: ValidationResult,
  signal?: AbortSignal,
): Promise<void> {
  if (!result.ok)
    throw new Error('extractValidatedArchive needs a successful validation result; this one failed.');
  const root = resolve(targetDir);
  const current = await stat(zipPath);
  if (current.size !== result.archive.size || current.mtimeMs !== result.archive.mtimeMs) {
    throw new Error(`${zipPath} changed after it was validated; validate it again before extracting.`);
  }
  for (const part of result.archive.parts) {
    const now = await stat(part.path).catch(() => undefined);
    if (!now || now.size < part.length || now.mtimeMs !== part.mtimeMs) {
      throw new Error(`${zipPath} changed after it was validated; validate it again before extracting.`);
    }
  }
  await mkdir(root, { recursive: true });
  if ((await readdir(root)).length > 0) {
    throw new Error(`Extraction target ${root} is not empty; extract into a new folder.`);
  }

  const zipFile = await openZip(zipPath, result.archive.parts);
  const linked = new Set<string>();
  try {
    const byName = new Map<string, Entry>();
    await readCentralDirectory(zipFile, (entry) => {
      if (!byName.has(entry.fileName)) byName.set(entry.fileName, entry);
    });
    for (const file of result.files) {
      signal?.throwIfAborted();
      const entry = byName.get(file.entryName);
      if (!entry || entry.crc32 >>> 0 !== file.crc32 || entry.uncompressedSize !== file.size) {
        throw new Error(`"${file.entryName}" differs from what was validated; validate the archive again.`);
      }
      const destination = resolve(root, file.path);
      if (isAbsolute(file.path) || !destination.startsWith(root + sep)) {
        throw new Error(`Refusing to extract "${file.path}": it resolves outside ${root}.`);
      }
      await mkdir(dirname(destination), { recursive: true });
      if (entry.compressionMethod === 0) {
        const { fileDataStart } = await zipFile.readLocalFileHeaderPromise(entry, { minimal: true });
        const part = archiveBytesOf(zipFile).partAt(fileDataStart, entry.uncompressedSize);
        // A part is linked once: an entry sharing another's data (a hostile archive) gets a copy.
        if (part && !linked.has(part.path) && entry.compressedSize === entry.uncompressedSize) {
          if (await linkPart(part.path, destination)) {
            linked.add(part.path);
            continue;
          }
        }
        await copyStoredEntry(zipFile, entry, file.path, destination, signal);
      } else {
        const source = await openEntryStream(zipFile, entry);
        // 'wx' never follows or overwrites an existing path (a link planted in the folder cannot redirect it).
        await pipeline(
          source,
          new EntryGuard(file.path, entry.crc32, entry.uncompressedSize),
          createWriteStream(destination, { flags: 'wx' }),
          { signal },
        );
      }
    }
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  } finally {
    zipFile.close();
  }
}

/**
 * A stored (uncompressed) entry is a byte range of the archive: copied with reused buffers and checked against
 * its CRC-32 in the same pass, without the stream machinery (which allocated a buffer per chunk).
 */
async function copyStoredEntry(
  zipFile: ZipFile,
  entry: Entry,
  path: string,
  destination: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  // What yauzl's entry stream would refuse, refused here too (the validation already did).
  if (entry.isEncrypted() || entry.compressedSize !== entry.uncompressedSize) {
    throw new Error(`"${path}" differs from what was validated; validate the archive again.`);
  }
  const { fileDataStart } = await zipFile.readLocalFileHeaderPromise(entry, { minimal: true });
  // 'wx' never follows or overwrites an existing path (a link planted in the folder cannot redirect the write).
  const target = await open(destination, 'wx');
  try {
    const crc = await crc32OfArchiveRange(zipFile, fileDataStart, entry.uncompressedSize, 0, {
      copyTo: target,
      signal,
    });
    if (crc >>> 0 !== entry.crc32 >>> 0) {
      throw new Error(`"${path}" no longer matches its CRC-32 checksum; validate the archive again.`);
    }
  } finally {
    await target.close();
  }
}

/**
 * Gives the part's bytes the entry's name; false where a hard link cannot be made (another file system), so the
 * entry is copied. link() never follows or replaces an existing path, as 'wx' does for a copy.
 */
async function linkPart(partPath: string, destination: string): Promise<boolean> {
  try {
    await link(partPath, destination);
    return true;
  } catch (error) {
    if (
      ['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK', 'ENOSYS'].includes((error as NodeJS.ErrnoException).code ?? '')
    ) {
      return false;
    }
    throw error;
  }
}
