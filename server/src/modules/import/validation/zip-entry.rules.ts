import type { Entry } from 'yauzl';
import type { ArchiveLimits } from './archive-limits.js';
import { reject } from './validation-result.js';

const REPACK = 'Re-create the zip with a standard tool (e.g. `zip -r model.zip model/`) and upload it again.';

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
/** "version made by" host systems whose high external-attribute bits are a Unix mode. */
const UNIX_HOSTS = new Set([3, 19]);

const NESTED_ARCHIVE = /\.(zip|7z|rar|tar|tgz|tar\.gz|tar\.xz|tar\.bz2|tar\.zst)$/i;

/** Files zip tools add on macOS; never part of a model, skipped rather than refused. */
export function isPlatformJunk(path: string): boolean {
  return path.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(path);
}

export interface CatalogEntry {
  entry: Entry;
  /** Normalised path ("./" and empty segments removed). */
  path: string;
  isDirectory: boolean;
}

/**
 * Checks every central directory record before any data is read: names, types, encryption, methods,
 * declared sizes and ratios. Everything that can be refused from metadata alone is refused here.
 */
export class EntryCatalog {
  readonly entries: CatalogEntry[] = [];
  private totalUncompressed = 0;
  private readonly filePaths = new Set<string>();
  private readonly directoryPaths = new Set<string>();

  constructor(private readonly limits: ArchiveLimits) {}

  add(entry: Entry): void {
    const name = entry.fileName;
    if (entry.fileNameLength > this.limits.maxEntryNameLength) {
      reject(
        'EXTRACTION_ISSUE',
        `An entry name is ${entry.fileNameLength} bytes long ("${name.slice(0, 60)}…"); at most ` +
          `${this.limits.maxEntryNameLength} bytes are allowed. Shorten the file and folder names and create the zip again.`,
      );
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(name)) {
      reject(
        'EXTRACTION_ISSUE',
        `The entry ${JSON.stringify(name)} has control characters in its name. Rename the file and create the zip again.`,
      );
    }
    if (name.includes(':')) {
      reject(
        'EXTRACTION_ISSUE',
        `The entry "${name}" contains ":" (a drive letter or alternate data stream), which is unsafe to extract. ${REPACK}`,
      );
    }
    const isDirectory = name.endsWith('/');
    const segments = name.split('/').filter((s) => s !== '' && s !== '.');
    if (segments.length === 0) {
      reject('EXTRACTION_ISSUE', `The archive has an entry with an empty name ("${name}"). ${REPACK}`);
    }
    if (segments.length > this.limits.maxPathDepth) {
      reject(
        'EXTRACTION_ISSUE',
        `"${name}" is nested ${segments.length} folders deep; at most ${this.limits.maxPathDepth} are allowed. ` +
          'Flatten the folder structure and create the zip again.',
      );
    }
    const path = segments.join('/');
    this.checkType(entry, path, isDirectory);
    if (!isDirectory) this.checkData(entry, path);
    if (isPlatformJunk(path)) return;
    this.checkUnique(path, isDirectory);
    this.entries.push({ entry, path, isDirectory });
  }

  private checkType(entry: Entry, path: string, isDirectory: boolean): void {
    if (!UNIX_HOSTS.has(entry.versionMadeBy >> 8)) return;
    const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (type === S_IFLNK) {
      reject(
        'EXTRACTION_ISSUE',
        `"${path}" is a symbolic link; links are refused because they can point outside the model folder. ` +
          'Replace the link with the file it points to (e.g. `zip -r` without `--symlinks`) and create the zip again.',
      );
    }
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
      reject(
        'EXTRACTION_ISSUE',
        `"${path}" is a special file (device, socket or FIFO), not a regular file. ${REPACK}`,
      );
    }
    if (type === S_IFDIR && !isDirectory) {
      reject('EXTRACTION_ISSUE', `"${path}" is marked as a folder but named like a file. ${REPACK}`);
    }
  }

  private checkData(entry: Entry, path: string): void {
    if (entry.isEncrypted()) {
      reject(
        'EXTRACTION_ISSUE',
        `"${path}" is password-protected. Encrypted archives cannot be imported; create the zip again without a password.`,
      );
    }
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      reject(
        'EXTRACTION_ISSUE',
        `"${path}" uses compression method ${entry.compressionMethod}, which the importer does not support. ` +
          'Only Deflate and "stored" (no compression) are read; create the zip again with a standard zip tool ' +
          '(e.g. `zip -r`, or 7-Zip with the Deflate method).',
      );
    }
    if (NESTED_ARCHIVE.test(path)) {
      reject(
        'INVALID_FORMAT',
        `"${path}" is an archive inside the archive; nested archives are not unpacked. ` +
          'Extract it and put the model files directly into the zip you upload.',
      );
    }
    const size = entry.uncompressedSize;
    if (size > this.limits.maxEntryUncompressedBytes) {
      reject(
        'EXTRACTION_ISSUE',
        `"${path}" unpacks to ${formatBytes(size)}, more than the ${formatBytes(this.limits.maxEntryUncompressedBytes)} ` +
          'allowed for one file. Split the weights into shards (e.g. `save_pretrained(max_shard_size=...)`).',
      );
    }
    this.totalUncompressed += size;
    if (this.totalUncompressed > this.limits.maxTotalUncompressedBytes) {
      reject(
        'EXTRACTION_ISSUE',
        `The archive unpacks to more than ${formatBytes(this.limits.maxTotalUncompressedBytes)}, the limit for one model. ` +
          'Remove files the model does not need, or ask an administrator to raise the limit.',
      );
    }
    if (
      size >= this.limits.compressionRatioMinBytes &&
      size / Math.max(entry.compressedSize, 1) > this.limits.maxCompressionRatio
    ) {
      reject(
        'EXTRACTION_ISSUE',
        `"${path}" is compressed ${Math.round(size / Math.max(entry.compressedSize, 1))}:1 (${formatBytes(entry.compressedSize)} → ` +
          `${formatBytes(size)}), beyond the ${this.limits.maxCompressionRatio}:1 allowed; such archives are refused as zip bombs. ` +
          'Model weights do not compress that well: create the zip again from the real model files.',
      );
    }
  }

  private checkUnique(path: string, isDirectory: boolean): void {
    // Case-folded: on case-insensitive file systems two such entries would overwrite each other.
    const key = path.toLowerCase();
    if (isDirectory) {
      if (this.filePaths.has(key)) this.clash(path);
      this.directoryPaths.add(key);
      return;
    }
    if (this.filePaths.has(key)) this.conflict(path);
    if (this.directoryPaths.has(key)) this.clash(path);
    this.filePaths.add(key);
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (this.filePaths.has(parent)) this.clash(path);
      this.directoryPaths.add(parent);
    }
  }

  private clash(path: string): never {
    return reject(
      'EXTRACTION_ISSUE',
      `"${path}" needs a file and a folder of the same name, which cannot both exist on disk. ` +
        'Rename one of them and create the zip again.',
    );
  }

  private conflict(path: string): never {
    return reject(
      'EXTRACTION_ISSUE',
      `The archive contains "${path}" more than once (names that differ only in case or in "./" count as the same). ` +
        'Remove the duplicate and create the zip again.',
    );
  }
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
