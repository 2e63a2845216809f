import type { ApiKeyVerdict } from '../../gateway/gateway.handler.js';

/** What the gateway needs to know about a key, read by its hash (never by the secret). */
export interface KeyCredential {
  keyId: string;
  /** The URL id (`dpl-…`) of the deployment the key opens. */
  deploymentId: string;
  /** The project of that deployment. */
  projectId: string;
  revokedAt: Date | null;
  expiresAt: Date | null;
  rateLimitPerMinute: number | null;
  lastUsedAt: Date | null;
}

const INVALID: ApiKeyVerdict = { ok: false, status: 401, message: 'Invalid API key.' };

/**
 * 401 for an unknown, revoked or expired key; 403 for a key of another deployment of the same project; 404 for a
 * deployment of another project, as if it did not exist (the key's holder learns nothing of other projects).
 * `target` is the deployment asked for, with its project.
 */
export function judgeApiKey(
  credential: KeyCredential | null,
  target: { deploymentId: string; projectId: string },
  now: number,
): ApiKeyVerdict {
  const { deploymentId } = target;
  if (!credential) return INVALID;
  if (credential.revokedAt) return { ok: false, status: 401, message: 'This API key was revoked.' };
  if (credential.expiresAt && credential.expiresAt.getTime() <= now)
    return { ok: false, status: 401, message: 'This API key has expired.' };
  if (credential.deploymentId !== deploymentId && credential.projectId !== target.projectId)
    return { ok: false, status: 404, message: `Deployment ${deploymentId} does not exist.` };
  if (credential.deploymentId !== deploymentId)
    return { ok: false, status: 403, message: 'This API key belongs to another deployment.' };
  return {
    ok: true,
    keyId: credential.keyId,
    rateLimitPerMinute: credential.rateLimitPerMinute ?? undefined,
  };
}

export { INVALID as INVALID_API_KEY };
