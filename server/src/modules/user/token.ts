import { createHash, randomBytes } from 'node:crypto';

/** Personal access tokens: `hgr_pat_` + 256 random bits, base64url. Only the SHA-256 hash is stored. */
export const ACCESS_TOKEN_PREFIX = 'hgr_pat_';

export function generateAccessToken(): { secret: string; prefix: string; hash: string } {
  const secret = ACCESS_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { secret, prefix: secret.slice(0, ACCESS_TOKEN_PREFIX.length + 4), hash: hashToken(secret) };
}

/**
 * SHA-256 suffices for secrets with 256 bits of entropy (no dictionary to attack); lookups go by hash, so no
 * secret is ever compared byte by byte.
 */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
