import { mkdir, open, readFile, readdir, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArchivePart } from '../validation/index.js';

/**
 * An upload's parts live in `<uploads>/<id>.parts/<start>`: each file holds the archive's bytes from offset
 * `<start>` on (one stored entry's data). The folder listing is the durable record: no journal to keep in step.
 * A part finished by one parse has its CRC-32, computed as its bytes arrived, in `<start>.crc32`, with the size
 * and mtime it had then: the validation takes it instead of reading the part back while both still match.
 */
export const PARTS_SUFFIX = '.parts';

export function partsDir(uploadFile: string): string {
  return `${uploadFile}${PARTS_SUFFIX}`;
}

export function partPath(uploadFile: string, start: number): string {
  return join(partsDir(uploadFile), String(start));
}

const CRC_SUFFIX = '.crc32';

interface CrcRecord {
  crc32: number;
  size: number;
  mtimeMs: number;
}

/** Records the CRC-32 of a closed part's bytes, with the size and mtime they have now. */
export async function recordPartCrc(uploadFile: string, start: number, crc32: number): Promise<void> {
  const path = partPath(uploadFile, start);
  const { size, mtimeMs } = await stat(path);
  const record: CrcRecord = { crc32: crc32 >>> 0, size, mtimeMs };
  await writeFile(`${path}${CRC_SUFFIX}`, JSON.stringify(record));
}

/** The recorded CRC-32 of a part, if its file still has the size and mtime it had when it was recorded. */
async function recordedCrc(
  path: string,
  info: { size: number; mtimeMs: number },
): Promise<number | undefined> {
  const text = await readFile(`${path}${CRC_SUFFIX}`, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const record = JSON.parse(text) as Partial<CrcRecord>;
    const valid =
      Number.isInteger(record.crc32) && record.size === info.size && record.mtimeMs === info.mtimeMs;
    return valid ? record.crc32! >>> 0 : undefined;
  } catch {
    return undefined;
  }
}

/** The parts of an upload, by start, each cut at `size` (the bytes the upload file says it holds). */
export async function listParts(uploadFile: string, size: number): Promise<ArchivePart[]> {
  const dir = partsDir(uploadFile);
  const names = await readdir(dir).catch(() => [] as string[]);
  const parts: ArchivePart[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const start = Number(name);
    const path = join(dir, name);
    const info = await stat(path);
    const length = Math.min(info.size, Math.max(0, size - start));
    if (length <= 0) continue;
    // A CRC-32 is only good for the whole part: a part cut at `size` is read back.
    const crc32 = length === info.size ? await recordedCrc(path, info) : undefined;
    parts.push({ start, length, path, mtimeMs: info.mtimeMs, ...(crc32 === undefined ? {} : { crc32 }) });
  }
  return parts.sort((a, b) => a.start - b.start);
}

/**
 * Makes the parts agree with an upload file of `size` bytes before bytes from `size` on arrive by another way
 * (a resumed PATCH): what a part holds beyond `size` is cut, a part starting there is removed, and so is the CRC
 * record of either (a whole part before `size` keeps its record).
 */
export async function trimParts(uploadFile: string, size: number): Promise<void> {
  const dir = partsDir(uploadFile);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const path = join(dir, name);
    const start = Number(name);
    if (!/^\d+$/.test(name)) {
      const kept = name.endsWith(CRC_SUFFIX) && names.includes(name.slice(0, -CRC_SUFFIX.length));
      if (!kept) await unlink(path);
    } else if (start >= size) {
      await unlink(path);
      await unlink(`${path}${CRC_SUFFIX}`).catch(() => undefined);
    } else if ((await stat(path)).size > size - start) {
      await unlink(`${path}${CRC_SUFFIX}`).catch(() => undefined);
      await truncate(path, size - start);
    }
  }
}

export async function removeParts(uploadFile: string): Promise<void> {
  await rm(partsDir(uploadFile), { recursive: true, force: true });
}

export async function createPart(uploadFile: string, start: number) {
  await mkdir(partsDir(uploadFile), { recursive: true });
  return open(partPath(uploadFile, start), 'w');
}
