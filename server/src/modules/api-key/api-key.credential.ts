import type { ApiKeyVerdict } from '../../gateway/gateway.handler.js';

/** What the gateway needs to know about a key, read by its hash (never by the secret). */
export interface KeyCredential {
  keyId: string;
  /** The URL id (`dpl-…`) of the deployment the key opens. */
  deploymentId: string;
  revokedAt: Date | null;
  expiresAt: Date | null;
  rateLimitPerMinute: number | null;
  lastUsedAt: Date | null;
}

const INVALID: ApiKeyVerdict = { ok: false, status: 401, message: 'Invalid API key.' };

/** 401 for an unknown, revoked or expired key; 403 for a key of another deployment. */
export function judgeApiKey(
  credential: KeyCredential | null,
  deploymentId: string,
  now: number,
): ApiKeyVerdict {
  if (!credential) return INVALID;
  if (credential.revokedAt) return { ok: false, status: 401, message: 'This API key was revoked.' };
  if (credential.expiresAt && credential.expiresAt.getTime() <= now)
    return { ok: false, status: 401, message: 'This API key has expired.' };
  if (credential.deploymentId !== deploymentId)
    return { ok: false, status: 403, message: 'This API key belongs to another deployment.' };
  return {
    ok: true,
    keyId: credential.keyId,
    rateLimitPerMinute: credential.rateLimitPerMinute ?? undefined,
  };
}

export { INVALID as INVALID_API_KEY };
