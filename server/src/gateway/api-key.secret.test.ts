import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  apiKeyMatches,
  apiKeyRedaction,
  generateApiKey,
  hashApiKey,
  looksLikeApiKey,
  redactSecrets,
} from './api-key.secret.js';

describe('API key secrets', () => {
  it('generates recognisable, unique keys with ≥128 bits of randomness and a display prefix', () => {
    const keys = Array.from({ length: 200 }, generateApiKey);
    for (const key of keys) {
      expect(key.secret).toMatch(/^hgr_sk_[0-9A-Za-z]{32}$/);
      expect(key.secret.startsWith(key.prefix)).toBe(true);
      expect(key.prefix.length).toBe(13);
      expect(key.hash).toBe(hashApiKey(key.secret));
      expect(looksLikeApiKey(key.secret)).toBe(true);
    }
    expect(new Set(keys.map((k) => k.secret)).size).toBe(200);
    // 32 base62 characters carry 32 × log2(62) ≈ 190 bits.
    expect(32 * Math.log2(62)).toBeGreaterThan(128);
  });

  it('matches only the right secret against a stored hash', () => {
    const key = generateApiKey();
    expect(apiKeyMatches(key.secret, key.hash)).toBe(true);
    expect(apiKeyMatches(key.secret + 'x', key.hash)).toBe(false);
    expect(apiKeyMatches(generateApiKey().secret, key.hash)).toBe(false);
    expect(apiKeyMatches(key.secret, 'not-hex')).toBe(false);
  });

  it('keeps keys out of pino logs', () => {
    const { secret } = generateApiKey();
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = pino({ redact: apiKeyRedaction }, sink);
    logger.info({ req: { headers: { authorization: `Bearer ${secret}` } }, apiKey: secret }, 'request');
    logger.warn(redactSecrets(`key ${secret} failed with Bearer ${secret}`));
    expect(out).not.toContain(secret.slice(7));
    expect(out).toContain('[redacted]');
  });
});
