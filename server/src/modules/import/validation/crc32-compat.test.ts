import { crc32 } from '@node-rs/crc32';
import { randomBytes } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// The validator continues a checksum across chunks and across the stream/direct-read boundary, so the library must
// agree with zip's CRC-32 (node:zlib) in its running form, at every length and alignment.
describe('@node-rs/crc32 against node:zlib', () => {
  it('gives the same CRC-32 for every length, start value and split point', () => {
    for (const length of [1, 3, 15, 16, 17, 63, 64, 65, 255, 4096, 65_537, 1024 * 1024 + 7]) {
      const data = randomBytes(length + 1).subarray(1); // unaligned start
      for (const initial of [0, 1, 0xdeadbeef, 0xffffffff]) {
        expect(crc32(data, initial)).toBe(zlibCrc32(data, initial));
      }
      const cut = length >> 1;
      const running = crc32(data.subarray(cut), crc32(data.subarray(0, cut)));
      expect(running).toBe(zlibCrc32(data));
    }
  });

  it('matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
