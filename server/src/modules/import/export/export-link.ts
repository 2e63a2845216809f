import { createHmac, timingSafeEqual } from 'node:crypto';

/** Export links carry `<payload>.<HMAC-SHA256>`: the model and an expiry, so a GET needs no bearer header. */
export interface ExportLinkClaims {
  modelId: string;
  expiresAt: Date;
}

export function signExportToken(key: Buffer, claims: ExportLinkClaims): string {
  const payload = Buffer.from(
    JSON.stringify({ m: claims.modelId, e: Math.floor(claims.expiresAt.getTime() / 1000) }),
  ).toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

/** Null for a forged, malformed or expired token. */
export function verifyExportToken(key: Buffer, token: string, now = new Date()): ExportLinkClaims | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { m, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      m: unknown;
      e: unknown;
    };
    if (typeof m !== 'string' || typeof e !== 'number') return null;
    const expiresAt = new Date(e * 1000);
    return expiresAt > now ? { modelId: m, expiresAt } : null;
  } catch {
    return null;
  }
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}
