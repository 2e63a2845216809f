import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'hgr_sk_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 32 base62 characters ≈ 190 bits of randomness. */
const RANDOM_CHARS = 32;
/** Characters of the random part kept in the displayed prefix (not enough to matter for guessing). */
const DISPLAY_CHARS = 6;

export interface GeneratedApiKey {
  /** Shown to the user once; never stored. */
  secret: string;
  /** Safe to store and display, e.g. `hgr_sk_a1B2c3`. */
  prefix: string;
  /** SHA-256 hex of the secret: what is stored. A fast hash is fine because the secret is high-entropy. */
  hash: string;
}

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: rejecting higher bytes keeps every character equally likely.
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export function hashApiKey(secret: string): string {
  // The one-shot form: no Hash object per gateway request.
  return hash('sha256', secret, 'hex');
}

export function generateApiKey(): GeneratedApiKey {
  const secret = API_KEY_PREFIX + randomBase62(RANDOM_CHARS);
  return { secret, prefix: secret.slice(0, API_KEY_PREFIX.length + DISPLAY_CHARS), hash: hashApiKey(secret) };
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export function apiKeyMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKey(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Whether a string looks like a Hangar key (cheap filter before a database lookup). */
export const looksLikeApiKey = (secret: string): boolean =>
  secret.startsWith(API_KEY_PREFIX) && secret.length === API_KEY_PREFIX.length + RANDOM_CHARS;

/**
 * pino `redact` option: credentials in request logs and in objects we log. Pass it as
 * `pino({ redact: apiKeyRedaction })`; together with `redactSecrets` for free text it keeps keys out of logs.
 */
export const apiKeyRedaction = {
  paths: [
    'req.headers.authorization',
    'req.headers["x-api-key"]',
    'headers.authorization',
    'headers["x-api-key"]',
    'authorization',
    'apiKey',
    'secret',
    '*.apiKey',
    '*.secret',
    '*.authorization',
  ],
  censor: '[redacted]',
};

/** Replaces anything shaped like a Hangar key or a bearer token in free text (error messages, URLs). */
export function redactSecrets(text: string): string {
  return text
    .replace(/hgr_sk_[0-9A-Za-z]+/g, 'hgr_sk_[redacted]')
    .replace(/Bearer\s+\S+/gi, 'Bearer [redacted]');
}
