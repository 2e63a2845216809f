import { mkdir, open, readdir, rm, stat, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArchivePart } from '../validation/index.js';

/**
 * An upload's parts live in `<uploads>/<id>.parts/<start>`: each file holds the archive's bytes from offset
 * `<start>` on (one stored entry's data). The folder listing is the durable record: no journal to keep in step.
 */
export const PARTS_SUFFIX = '.parts';

export function partsDir(uploadFile: string): string {
  return `${uploadFile}${PARTS_SUFFIX}`;
}

export function partPath(uploadFile: string, start: number): string {
  return join(partsDir(uploadFile), String(start));
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
    if (length > 0) parts.push({ start, length, path, mtimeMs: info.mtimeMs });
  }
  return parts.sort((a, b) => a.start - b.start);
}

/**
 * Makes the parts agree with an upload file of `size` bytes before bytes from `size` on arrive by another way
 * (a resumed PATCH): what a part holds beyond `size` is cut, a part starting there is removed.
 */
export async function trimParts(uploadFile: string, size: number): Promise<void> {
  const dir = partsDir(uploadFile);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const path = join(dir, name);
    const start = Number(name);
    if (!/^\d+$/.test(name) || start >= size) await unlink(path);
    else if ((await stat(path)).size > size - start) await truncate(path, size - start);
  }
}

export async function removeParts(uploadFile: string): Promise<void> {
  await rm(partsDir(uploadFile), { recursive: true, force: true });
}

export async function createPart(uploadFile: string, start: number) {
  await mkdir(partsDir(uploadFile), { recursive: true });
  return open(partPath(uploadFile, start), 'w');
}
