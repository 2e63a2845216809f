import { crc32 } from '@node-rs/crc32';
import { Upload } from '@tus/utils';
import { appendFile, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { generateDemoModel } from '../src/modules/demo-model/demo-model.js';
import { SplitUploadStore } from '../src/modules/import/upload-store/split-upload.store.js';
import { ArchiveBytes } from '../src/modules/import/validation/archive-parts.js';
import {
  extractValidatedArchive,
  validateModelArchive,
  type ValidationSuccess,
} from '../src/modules/import/validation/index.js';
import { buildGgufBaseArchive, zipToBuffer } from './fixtures/archives/archive-builders.js';

/** Chunks as a socket delivers them. */
const body = (bytes: Buffer, chunk = 65536) =>
  Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
    })(),
  );

describe('the upload store that writes stored entries once', () => {
  let work: string;
  let zip: Buffer;
  let gguf: Buffer;
  let ggufStart: number;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'hangar-split-store-'));
    await buildGgufBaseArchive(join(work, 'tiny.zip'));
    zip = await readFile(join(work, 'tiny.zip'));
    // The entry's data: after the 30-byte local header and its name (yazl writes no extra field).
    ggufStart = 30 + zip.readUInt16LE(26);
    const end = zip.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08]), ggufStart);
    gguf = zip.subarray(ggufStart, end);
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  async function freshUpload(name: string): Promise<{ store: SplitUploadStore; dir: string }> {
    const dir = join(work, name);
    const store = new SplitUploadStore({ directory: dir });
    await new Promise((resolve) => setTimeout(resolve, 20)); // FileStore creates its folder asynchronously
    await store.create(new Upload({ id: 'up', size: zip.length, offset: 0 }));
    return { store, dir };
  }

  /** The archive as validation reads it, the validation, and the extraction into `<dir>/model`. */
  async function importFrom(store: SplitUploadStore, dir: string) {
    const upload = await store.getUpload('up');
    expect(upload.offset).toBe(zip.length);
    const parts = await store.partsOf('up', upload.offset);
    const bytes = await ArchiveBytes.open(join(dir, 'up'), parts);
    const seen = Buffer.alloc(zip.length);
    for (let at = 0; at < seen.length;) at += await bytes.readPromise(seen, at, seen.length - at, at);
    await new Promise((resolve) => bytes.close(resolve));
    const result = await validateModelArchive(join(dir, 'up'), { kind: 'BASE', fileName: 'tiny.zip', parts });
    expect(result.ok, result.ok ? '' : result.message).toBe(true);
    await extractValidatedArchive(join(dir, 'up'), join(dir, 'model'), result as ValidationSuccess);
    const model = join(dir, 'model', 'tiny-llama.gguf');
    expect((await readFile(model)).equals(gguf)).toBe(true);
    return { seen, parts, model };
  }

  it('keeps the GGUF out of the upload file and makes it the model file by a link', async () => {
    const { store, dir } = await freshUpload('once');
    expect(await store.write(body(zip), 'up', 0)).toBe(zip.length);
    const file = await stat(join(dir, 'up'));
    expect(file.size).toBe(zip.length);
    // Only the headers and the central directory take space in the upload file.
    expect(file.blocks * 512).toBeLessThan(64 * 1024);
    const { seen, parts, model } = await importFrom(store, dir);
    expect(seen.equals(zip)).toBe(true);
    expect(parts.map((p) => ({ start: p.start, length: p.length }))).toEqual([
      { start: ggufStart, length: gguf.length },
    ]);
    expect((await stat(model)).ino).toBe((await stat(parts[0]!.path)).ino);
    await store.remove('up');
    expect((await readFile(model)).equals(gguf)).toBe(true);
  });

  it('goes on parsing when a PATCH continues where the last one ended', async () => {
    const { store, dir } = await freshUpload('continued');
    const cut = ggufStart + 1000;
    expect(await store.write(body(zip.subarray(0, cut)), 'up', 0)).toBe(cut);
    expect((await store.getUpload('up')).offset).toBe(cut);
    expect(await store.write(body(zip.subarray(cut)), 'up', cut)).toBe(zip.length);
    const { seen, parts, model } = await importFrom(store, dir);
    expect(seen.equals(zip)).toBe(true);
    expect((await stat(model)).ino).toBe((await stat(parts[0]!.path)).ino);
  });

  it('resumes after a restart with the rest in the upload file, and after a kill cuts what the offset does not claim', async () => {
    const { store, dir } = await freshUpload('restarted');
    const cut = ggufStart + 5000;
    expect(await store.write(body(zip.subarray(0, cut)), 'up', 0)).toBe(cut);
    // A kill between a part's write and the upload file's growth leaves the part ahead of the offset.
    const [part] = await store.partsOf('up', cut);
    await appendFile(part!.path, Buffer.alloc(3000, 0xee));
    const restarted = new SplitUploadStore({ directory: dir });
    const offset = (await restarted.getUpload('up')).offset;
    expect(offset).toBe(cut);
    expect(await restarted.write(body(zip.subarray(offset), 777), 'up', offset)).toBe(zip.length);
    const { seen, parts } = await importFrom(restarted, dir);
    expect(seen.equals(zip)).toBe(true);
    expect(parts.map((p) => ({ start: p.start, length: p.length }))).toEqual([
      { start: ggufStart, length: cut - ggufStart },
    ]);
  });

  it('keeps bytes that are not a zip as they came', async () => {
    const { store, dir } = await freshUpload('not-a-zip');
    const bytes = Buffer.concat([
      Buffer.from('not a zip at all'),
      await zipToBuffer([{ name: 'a', data: 'b' }]),
    ]);
    await store.write(body(bytes), 'up', 0);
    expect((await readFile(join(dir, 'up'))).equals(bytes)).toBe(true);
    expect(await store.partsOf('up', bytes.length)).toEqual([]);
  });
});

describe('the CRC-32 of a part, computed as its bytes arrive', () => {
  let work: string;
  let zip: Buffer;
  /** The 12 MB stored entry behind a data descriptor, and where its data starts. */
  let padding: Buffer;
  let paddingStart: number;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'hangar-split-crc-'));
    const model = await generateDemoModel(join(work, 'tiny.gguf'));
    padding = Buffer.alloc(12 * 1024 * 1024);
    for (let i = 0, x = 0x9e3779b9; i < padding.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      padding[i] = x & 0xff;
    }
    const archive = new yazl.ZipFile();
    archive.addFile(model.path, 'tiny-llama/tiny-llama.gguf', { compress: false });
    // A stream: yazl writes a data descriptor, so the splitter finds the entry's end after the fact.
    archive.addReadStream(Readable.from([padding]), 'tiny-llama/extra/padding.bin', {
      compress: false,
      size: padding.length,
    });
    archive.end();
    const chunks: Buffer[] = [];
    for await (const chunk of archive.outputStream) chunks.push(chunk as Buffer);
    zip = Buffer.concat(chunks);
    paddingStart = zip.indexOf(padding.subarray(0, 64));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  async function upload(name: string, bytes: Buffer, cuts: number[] = []) {
    const dir = join(work, name);
    const store = new SplitUploadStore({ directory: dir });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.create(new Upload({ id: 'up', size: bytes.length, offset: 0 }));
    let offset = 0;
    for (const end of [...cuts, bytes.length]) {
      offset = await store.write(body(bytes.subarray(offset, end), 65536 + 7), 'up', offset);
    }
    const validate = async () =>
      validateModelArchive(join(dir, 'up'), {
        kind: 'BASE',
        fileName: 'tiny.zip',
        parts: await store.partsOf('up', bytes.length),
      });
    return { store, dir, validate };
  }

  const paddingPart = async (store: SplitUploadStore, size: number) =>
    (await store.partsOf('up', size)).find((p) => p.start === paddingStart);

  it('is recorded with the part, across PATCHes that cut the data and its descriptor, and the import validates', async () => {
    const descriptorAt = paddingStart + padding.length;
    for (const cuts of [
      [],
      [paddingStart + 5_000_000],
      [descriptorAt + 10],
      [descriptorAt - 3, descriptorAt + 17],
    ]) {
      const { store, validate } = await upload(`whole-${cuts.join('-')}`, zip, cuts);
      const part = await paddingPart(store, zip.length);
      expect(part?.length).toBe(padding.length);
      expect(part?.crc32).toBe(crc32(padding));
      const result = await validate();
      expect(result.ok, result.ok ? '' : result.message).toBe(true);
    }
  });

  it('refuses a damaged weights file whose CRC-32 was computed as it arrived', async () => {
    const damaged = Buffer.from(zip);
    damaged[paddingStart + 9_000_000]! ^= 0x40;
    const { store, validate } = await upload('damaged', damaged);
    expect((await paddingPart(store, damaged.length))?.crc32).toBeDefined();
    const result = await validate();
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/CRC-32 checksum does not match/);
  });

  it('is not used once the part changed, nor for a part cut by a resume after a restart', async () => {
    const { store, dir } = await upload('changed', zip);
    const part = (await paddingPart(store, zip.length))!;
    // The same size, other bytes: the record no longer matches the file's mtime, so validation reads it back.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await writeFile(part.path, Buffer.alloc(padding.length));
    expect((await paddingPart(store, zip.length))?.crc32).toBeUndefined();
    const refused = await validateModelArchive(join(dir, 'up'), {
      kind: 'BASE',
      fileName: 'tiny.zip',
      parts: await store.partsOf('up', zip.length),
    });
    expect(refused.ok).toBe(false);

    const cut = paddingStart + 3_000_000;
    const resumed = await upload('resumed', zip, [cut]);
    await truncate(join(resumed.dir, 'up'), cut); // a restart's view: nothing after the offset
    const restarted = new SplitUploadStore({ directory: resumed.dir });
    await restarted.write(body(zip.subarray(cut)), 'up', cut);
    const resumedPart = await paddingPart(restarted, zip.length);
    expect(resumedPart).toMatchObject({ length: cut - paddingStart });
    expect(resumedPart?.crc32).toBeUndefined();
  });
});
