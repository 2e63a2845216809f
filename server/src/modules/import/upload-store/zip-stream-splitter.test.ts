import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { MAX_PARTS, PART_MIN_BYTES, ZipStreamSplitter, type SplitAction } from './zip-stream-splitter.js';

/** Carries out the actions in memory: the upload file's bytes (holes are zero) and each part's. */
function layout(actions: SplitAction[]): { archive: Buffer; parts: Map<number, Buffer> } {
  let archive: Buffer = Buffer.alloc(0);
  const parts = new Map<number, Buffer>();
  const put = (target: Buffer, at: number, data: Buffer): Buffer => {
    const grown =
      target.length < at + data.length
        ? Buffer.concat([target, Buffer.alloc(at + data.length - target.length)])
        : target;
    data.copy(grown, at);
    return grown;
  };
  for (const a of actions) {
    if (a.kind === 'archive') archive = put(archive, a.position, a.data);
    else if (a.kind === 'open') parts.set(a.start, Buffer.alloc(0));
    else if (a.kind === 'part') parts.set(a.start, put(parts.get(a.start)!, a.position - a.start, a.data));
    else {
      parts.set(a.start, parts.get(a.start)!.subarray(0, a.end - a.start));
      archive = put(archive, a.end, a.moved);
    }
  }
  return { archive, parts };
}

/** The archive as the validator reads it: the upload file with the parts laid over it. */
function virtual(size: number, l: ReturnType<typeof layout>): Buffer {
  const out = Buffer.alloc(size);
  l.archive.copy(out, 0, 0, Math.min(size, l.archive.length));
  for (const [start, data] of l.parts) data.copy(out, start);
  return out;
}

function split(bytes: Buffer, chunkSizes: () => number): SplitAction[] {
  const splitter = ZipStreamSplitter.fromStart();
  const actions: SplitAction[] = [];
  for (let at = 0; at < bytes.length;) {
    const n = Math.max(1, chunkSizes());
    actions.push(...splitter.feed(bytes.subarray(at, at + n)));
    at += n;
  }
  expect(splitter.position).toBe(bytes.length);
  return actions;
}

function random(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

type Item = { name: string; data: Buffer; how: 'buffer' | 'stream' | 'deflate' };

async function zip(items: Item[]): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const item of items) {
    if (item.how === 'buffer') z.addBuffer(item.data, item.name, { compress: false });
    // A stream has no size up front: yazl writes a data descriptor after it, as Go, macOS and most streaming zippers do.
    else z.addReadStream(Readable.from([item.data]), item.name, { compress: item.how === 'deflate' });
  }
  z.end();
  const chunks: Buffer[] = [];
  for await (const chunk of z.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Where each entry's data lies in the archive (from the central directory, as the validator finds it). */
async function dataRanges(
  bytes: Buffer,
): Promise<Map<string, { start: number; length: number; stored: boolean }>> {
  const zipFile = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))),
  );
  const out = new Map<string, { start: number; length: number; stored: boolean }>();
  await new Promise<void>((resolve, reject) => {
    zipFile.on('entry', (entry: yauzl.Entry) => {
      zipFile.readLocalFileHeader(entry, { minimal: true }, (error, header) => {
        if (error) return reject(error);
        out.set(entry.fileName, {
          start: header.fileDataStart,
          length: entry.compressedSize,
          stored: entry.compressionMethod === 0,
        });
        zipFile.readEntry();
      });
    });
    zipFile.once('end', resolve);
    zipFile.readEntry();
  });
  return out;
}

describe('splitting an upload into the upload file and parts', () => {
  const items: Item[] = [
    { name: 'm/config.json', data: Buffer.from('{"a":1}'), how: 'buffer' },
    { name: 'm/model.gguf', data: random(300_000, 1), how: 'stream' },
    { name: 'm/weights.bin', data: random(PART_MIN_BYTES + 5, 2), how: 'buffer' },
    { name: 'm/notes.txt', data: Buffer.from('hello '.repeat(5000)), how: 'deflate' },
    { name: 'm/small.bin', data: random(100, 3), how: 'stream' },
    { name: 'm/empty.bin', data: Buffer.alloc(0), how: 'stream' },
  ];

  it.each([
    ['one chunk', () => 1 << 30],
    ['64 KiB chunks', () => 65536],
    ['chunks of 1 to 40 bytes', () => 1 + Math.floor(Math.random() * 40)],
    ['chunks of any size', () => 1 + Math.floor(Math.random() * 100_000)],
  ])(
    'keeps every byte at its offset and each stored entry in a part of its own (%s)',
    async (_name, sizes) => {
      const bytes = await zip(items);
      const l = layout(split(bytes, sizes));
      expect(virtual(bytes.length, l).equals(bytes)).toBe(true);
      const ranges = await dataRanges(bytes);
      // Stored entries with a descriptor (any size) or a size of at least PART_MIN_BYTES, each exactly its data.
      const expected = ['m/model.gguf', 'm/weights.bin', 'm/small.bin', 'm/empty.bin'].map((n) =>
        ranges.get(n)!,
      );
      expect([...l.parts].map(([start, data]) => ({ start, length: data.length }))).toEqual(
        expected.map((r) => ({ start: r.start, length: r.length })),
      );
      // What the parts hold is not in the upload file (its bytes there are holes).
      const gguf = ranges.get('m/model.gguf')!;
      expect(l.archive.subarray(gguf.start, gguf.start + gguf.length).every((b) => b === 0)).toBe(true);
    },
  );

  it('keeps the bytes right when stored data holds a signature and a descriptor that matches it', async () => {
    // Data that looks like its own end: a descriptor for the first 1000 bytes and a local header signature.
    const data = random(5000, 4);
    const fake = Buffer.alloc(16);
    fake.writeUInt32LE(0x08074b50, 0);
    fake.writeUInt32LE(1000, 8);
    fake.writeUInt32LE(1000, 12);
    fake.copy(data, 1000);
    data.writeUInt32LE(0x04034b50, 1016);
    const bytes = await zip([
      { name: 'trick.bin', data, how: 'stream' },
      { name: 'after.bin', data: random(3000, 5), how: 'stream' },
    ]);
    for (const sizes of [() => 1 << 30, () => 1 + Math.floor(Math.random() * 30)]) {
      const l = layout(split(bytes, sizes));
      expect(virtual(bytes.length, l).equals(bytes)).toBe(true);
    }
  });

  it('keeps everything in the upload file when the bytes are not a zip, and after a resume without state', () => {
    const bytes = random(200_000, 6);
    const l = layout(split(bytes, () => 7000));
    expect(l.parts.size).toBe(0);
    expect(l.archive.equals(bytes)).toBe(true);
    const resumed = ZipStreamSplitter.keepingFrom(1000).feed(bytes.subarray(1000));
    expect(resumed).toEqual([{ kind: 'archive', position: 1000, data: bytes.subarray(1000) }]);
  });

  it(`makes at most ${MAX_PARTS} parts`, async () => {
    const many: Item[] = Array.from({ length: MAX_PARTS + 10 }, (_, i) => ({
      name: `f${i}.bin`,
      data: random(50, i),
      how: 'stream' as const,
    }));
    const bytes = await zip(many);
    const l = layout(split(bytes, () => 4096));
    expect(l.parts.size).toBe(MAX_PARTS);
    expect(virtual(bytes.length, l).equals(bytes)).toBe(true);
  });
});
