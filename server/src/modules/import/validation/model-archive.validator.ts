import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import type { ZipFile } from 'yauzl';
import type { ArchivePart } from './archive-parts.js';
import { resolveArchiveLimits, type ArchiveLimits } from './archive-limits.js';
import { checkArchiveFileName } from './archive-file-name.js';
import { deployConfigProblems, type DeployConfigFile } from './deploy-config.schema.js';
import { ByteCursor, EntryGuard } from './entry-byte-cursor.js';
import { checkGgufEntry, type GgufFacts } from './gguf-file-check.js';
import { adapterFacts, huggingFaceFacts, MAX_TRANSFORMERS_VERSION } from './model-facts.js';
import { detectFormat, isParsedJson, roleOf } from './model-layout.js';
import { planPeftLora } from './peft-lora.rules.js';
import { readSafetensorsHeader, type SafetensorsSummary } from './safetensors-header.js';
import {
  archiveBytesOf,
  classifyZipError,
  crc32OfArchiveRange,
  openEntryStream,
  openZip,
  readCentralDirectory,
} from './zip-archive.reader.js';
import { EntryCatalog, formatBytes, type CatalogEntry } from './zip-entry.rules.js';
import {
  ArchiveRejection,
  reject,
  type BaseModelFacts,
  type ModelFacts,
  type ValidatedFile,
  type ValidationResult,
} from './validation-result.js';

export interface ValidateModelArchiveOptions {
  kind: 'BASE' | 'ADAPTER';
  /** The base an adapter will be applied to; required for adapters. */
  base?: BaseModelFacts;
  limits?: Partial<ArchiveLimits>;
  /** Hugging Face layouts needing a newer Transformers are refused (default: the seed's 4.43.1). */
  maxTransformersVersion?: string;
  signal?: AbortSignal;
  /**
   * The name the user gave the file, checked for the .zip extension. Defaults to the last part of `zipPath`;
   * pass it when the upload is stored under another name (tus stores uploads under their id).
   */
  fileName?: string;
  /** Bytes of the archive kept in files of their own (an upload's stored entries, see `archive-parts.ts`). */
  parts?: readonly ArchivePart[];
}

/** What the content pass learned, per file. */
interface ContentFindings {
  json: Map<string, Record<string, unknown>>;
  safetensors: Map<string, SafetensorsSummary>;
  gguf: Map<string, GgufFacts>;
}

/**
 * Validates an uploaded model archive without extracting it: the central directory first (names, types, sizes,
 * ratios), then every entry streamed once (CRC-32, headers of weights, JSON files). Memory stays bounded by the
 * largest header read, never by the size of the archive.
 */
export async function validateModelArchive(
  zipPath: string,
  options: ValidateModelArchiveOptions,
): Promise<ValidationResult> {
  try {
    return await validate(zipPath, options);
  } catch (error) {
    if (error instanceof ArchiveRejection)
      return { ok: false, errorClass: error.errorClass, message: error.message };
    if (options.signal?.aborted) throw options.signal.reason;
    try {
      await classifyZipError(error as Error, zipPath);
    } catch (classified) {
      if (classified instanceof ArchiveRejection) {
        return { ok: false, errorClass: classified.errorClass, message: classified.message };
      }
    }
    throw error;
  }
}

async function validate(zipPath: string, options: ValidateModelArchiveOptions): Promise<ValidationResult> {
  const limits = resolveArchiveLimits(options.limits);
  const nameCheck = checkArchiveFileName(options.fileName ?? zipPath);
  if (!nameCheck.ok) reject('INVALID_FORMAT', nameCheck.message);
  const archiveStat = await stat(zipPath).catch(() =>
    reject(
      'UPLOAD_FAILURE',
      'The uploaded file cannot be found on the server; the upload did not complete. Upload it again.',
    ),
  );
  if (archiveStat.size === 0) {
    reject(
      'UPLOAD_FAILURE',
      'The uploaded file is empty (0 bytes): the upload did not transfer any data. Upload the file again.',
    );
  }
  options.signal?.throwIfAborted();

  const zipFile = await openZip(zipPath, options.parts);
  try {
    if (zipFile.entryCount > limits.maxEntryCount) {
      reject(
        'EXTRACTION_ISSUE',
        `The archive has ${zipFile.entryCount} entries; at most ${limits.maxEntryCount} are allowed. ` +
          'A model needs only a handful of files: zip just the model folder.',
      );
    }
    const catalog = new EntryCatalog(limits);
    await readCentralDirectory(zipFile, (entry) => catalog.add(entry));
    const files = catalog.entries.filter((e) => !e.isDirectory);
    if (files.length === 0) {
      reject(
        'INVALID_FORMAT',
        'The archive is empty: it contains no files. Put the model files into the zip and upload it again.',
      );
    }
    const stripped = stripCommonFolder(files);
    const format = detectFormat(
      options.kind,
      stripped.map((f) => f.path),
    );

    const findings = await readContents(zipFile, stripped, limits, options.signal);
    const facts = decideFacts(format, stripped, findings, options);
    const deployConfig = readDeployConfig(findings);
    return {
      ok: true,
      format,
      files: stripped.map((f): ValidatedFile => ({
        entryName: f.entry.fileName,
        path: f.path,
        size: f.entry.uncompressedSize,
        crc32: f.entry.crc32 >>> 0,
        role: roleOf(f.path),
      })),
      facts,
      ...(deployConfig ? { deployConfig } : {}),
      archive: { size: archiveStat.size, mtimeMs: archiveStat.mtimeMs, parts: [...(options.parts ?? [])] },
    };
  } finally {
    zipFile.close();
  }
}

/** Zips made of a folder ("model/config.json", ...) extract as if the folder's content was zipped. */
function stripCommonFolder(files: CatalogEntry[]): CatalogEntry[] {
  const first = files[0]!.path.split('/')[0]!;
  const common = files.every((f) => f.path.startsWith(`${first}/`));
  if (!common) return files;
  return files.map((f) => ({ ...f, path: f.path.slice(first.length + 1) }));
}

async function readContents(
  zipFile: ZipFile,
  files: CatalogEntry[],
  limits: ArchiveLimits,
  signal: AbortSignal | undefined,
): Promise<ContentFindings> {
  const findings: ContentFindings = { json: new Map(), safetensors: new Map(), gguf: new Map() };
  // File order keeps reads sequential on disk.
  const ordered = [...files].sort(
    (a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader,
  );
  for (const file of ordered) {
    signal?.throwIfAborted();
    const { entry, path } = file;
    const source = await openEntryStream(zipFile, entry);
    const guard = new EntryGuard(path, entry.crc32, entry.uncompressedSize);
    const onAbort = (): void => {
      source.destroy(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    pipeline(source, guard, () => {});
    const cursor = new ByteCursor(guard);
    try {
      await readEntry(cursor, path, entry.uncompressedSize, limits, findings);
      if (entry.compressionMethod === 0 && entry.uncompressedSize - guard.bytes > FAST_CRC_MIN_BYTES) {
        await finishStoredEntry(zipFile, file, guard, cursor, signal);
      } else {
        const length = await cursor.drain();
        if (length !== entry.uncompressedSize) {
          reject(
            'EXTRACTION_ISSUE',
            `"${path}" is shorter than its header declares; the archive is damaged. Create the zip again.`,
          );
        }
      }
    } catch (error) {
      source.destroy();
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await cursor.close().catch(() => {});
    }
  }
  return findings;
}

/** Below this many remaining bytes the stream is simply drained. */
const FAST_CRC_MIN_BYTES = 8 * 1024 * 1024;

/**
 * The readers only need the start of a weights file; the rest of a stored entry is checked (CRC-32) straight
 * from the archive, continuing the checksum the stream had computed so far.
 */
async function finishStoredEntry(
  zipFile: ZipFile,
  file: CatalogEntry,
  guard: EntryGuard,
  cursor: ByteCursor,
  signal: AbortSignal | undefined,
): Promise<void> {
  // Destroying stops further transforms, so bytes/crc are final for the part that went through the stream.
  guard.destroy();
  await cursor.close().catch(() => {});
  const { entry, path } = file;
  const { fileDataStart } = await zipFile.readLocalFileHeaderPromise(entry, { minimal: true });
  // A part holding exactly the entry's data has the CRC-32 of its bytes, computed as they were uploaded.
  const recorded = archiveBytesOf(zipFile).partAt(fileDataStart, entry.uncompressedSize)?.crc32;
  const crc =
    recorded ??
    (await crc32OfArchiveRange(
      zipFile,
      fileDataStart + guard.bytes,
      entry.uncompressedSize - guard.bytes,
      guard.crc,
      { signal },
    ));
  if (crc >>> 0 !== entry.crc32 >>> 0) {
    reject(
      'EXTRACTION_ISSUE',
      `"${path}" is damaged: its CRC-32 checksum does not match the data. ` +
        'The file was corrupted while it was created or copied; re-create the zip and upload it again.',
    );
  }
}

async function readEntry(
  cursor: ByteCursor,
  path: string,
  size: number,
  limits: ArchiveLimits,
  findings: ContentFindings,
): Promise<void> {
  const role = roleOf(path);
  const head = await cursor.peek(4);
  const looksLikeZip =
    head.length === 4 && (head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0x06054b50);
  // PyTorch's own format is a zip; anything else that is a zip is a nested archive.
  if (looksLikeZip && role !== 'PYTORCH_BIN') {
    reject(
      'INVALID_FORMAT',
      `"${path}" is itself a zip archive; nested archives are not unpacked. Extract it and put the model files directly into the zip you upload.`,
    );
  }
  if (isParsedJson(path, role)) {
    if (size > limits.maxJsonFileBytes) {
      reject(
        'INVALID_FORMAT',
        `"${path}" is ${formatBytes(size)}, too large for a configuration file (limit ${formatBytes(limits.maxJsonFileBytes)}). Check that the right file was zipped.`,
      );
    }
    const text = (await cursor.take(size)).toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      reject(
        'INVALID_FORMAT',
        `"${path}" is not valid JSON (${(error as Error).message}). Fix the file (or save it again) and create the zip again.`,
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      reject('INVALID_FORMAT', `"${path}" must hold a JSON object. Fix the file and create the zip again.`);
    }
    findings.json.set(path, value as Record<string, unknown>);
    return;
  }
  if (role === 'SAFETENSORS') {
    findings.safetensors.set(
      path,
      await readSafetensorsHeader(cursor, path, size, limits.maxSafetensorsHeaderBytes),
    );
    return;
  }
  if (role === 'GGUF') {
    findings.gguf.set(path, await checkGgufEntry(cursor, path, size));
    return;
  }
  if (role === 'PYTORCH_BIN' && !looksLikeZip && head[0] !== 0x80) {
    reject(
      'INVALID_FORMAT',
      `"${path}" is not a PyTorch checkpoint (neither torch.save's zip format nor a pickle). Save the weights again, preferably as safetensors.`,
    );
  }
  if (role === 'TOKENIZER' && size === 0) {
    reject(
      'INVALID_FORMAT',
      `"${path}" is empty. Save the tokenizer again (\`tokenizer.save_pretrained(dir)\`) and create the zip again.`,
    );
  }
}

function decideFacts(
  format: ReturnType<typeof detectFormat>,
  files: CatalogEntry[],
  findings: ContentFindings,
  options: ValidateModelArchiveOptions,
): ModelFacts {
  if (format === 'GGUF') return ggufArchiveFacts(findings.gguf);
  if (format === 'ADAPTER') {
    const adapterConfig = findings.json.get('adapter_config.json')!;
    const weights = findings.safetensors.get('adapter_model.safetensors')!;
    const facts = adapterFacts(adapterConfig, weights, findings.json.get('config.json'), options.base);
    planPeftLora(adapterConfig, weights, options.base);
    return facts;
  }
  const config = findings.json.get('config.json')!;
  for (const [path, index] of findings.json) {
    if (!path.endsWith('.safetensors.index.json')) continue;
    const weightMap = index['weight_map'];
    const shards = new Set(
      typeof weightMap === 'object' && weightMap !== null ? Object.values(weightMap) : [],
    );
    const present = new Set(files.map((f) => f.path));
    const missing = [...shards].filter((s) => typeof s === 'string' && !present.has(s));
    if (missing.length > 0) {
      reject(
        'INVALID_FORMAT',
        `${path} lists weight files that are not in the archive: ${missing.join(', ')}. Add all shards to the zip.`,
      );
    }
  }
  return huggingFaceFacts(
    config,
    [...findings.safetensors.values()],
    options.maxTransformersVersion ?? MAX_TRANSFORMERS_VERSION,
  );
}

function ggufArchiveFacts(ggufFiles: Map<string, GgufFacts>): ModelFacts {
  const paths = [...ggufFiles.keys()].sort();
  const mainPath = paths.find((p) => ggufFiles.get(p)!.architecture !== undefined);
  if (!mainPath) {
    reject(
      'INVALID_FORMAT',
      'The archive holds only later shards of a split GGUF model; the first shard (…-00001-of-…) with the model metadata is missing. Add it to the zip.',
    );
  }
  const main = ggufFiles.get(mainPath)!;
  if (main.splitCount !== undefined && main.splitCount > 1) {
    const shards = paths.filter((p) => ggufFiles.get(p)!.splitCount === main.splitCount);
    if (shards.length < main.splitCount) {
      reject(
        'INVALID_FORMAT',
        `"${mainPath}" is split into ${main.splitCount} files but only ${shards.length} are in the archive. Add all shards to the zip.`,
      );
    }
  }
  return {
    architecture: main.architecture!,
    name: main.name,
    contextLength: main.contextLength,
    hiddenSize: main.hiddenSize,
    blockCount: main.blockCount,
    headCount: main.headCount,
    vocabSize: main.vocabSize,
    fileType: main.fileType,
    parameterCount: main.parameterCount,
    hasChatTemplate: main.hasChatTemplate,
  };
}

function readDeployConfig(findings: ContentFindings): DeployConfigFile | undefined {
  const value = findings.json.get('deployconfig.json');
  if (value === undefined) return undefined;
  const problems = deployConfigProblems(value);
  if (problems.length > 0) {
    reject(
      'INVALID_FORMAT',
      `deployconfig.json is not a valid deployment configuration: ${problems.slice(0, 5).join('; ')}. ` +
        'Fix those fields, or remove deployconfig.json from the zip to configure the deployment by hand.',
    );
  }
  return value as unknown as DeployConfigFile;
}
