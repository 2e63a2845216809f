import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { notFound } from '../../graphql/errors.js';
import { fromGlobalId, tryFromGlobalId } from '../../graphql/relay.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { generateApiKey, hashApiKey, looksLikeApiKey } from '../../gateway/api-key.secret.js';
import type { ApiKeyVerdict } from '../../gateway/gateway.handler.js';
import { recordAudit } from '../audit/audit.service.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { Role } from '../user/role.js';
import { requireRole, type Viewer } from '../user/viewer.js';
import { ApiKey } from './api-key.entity.js';
import type { CreateApiKeyInput } from './api-key.inputs.js';

/** Creates, lists and revokes deployment-scoped keys, and answers the gateway's "may this key call that?". */
export class ApiKeyService {
  constructor(private readonly orm: MikroORM) {}

  async create(
    em: EntityManager,
    viewer: Viewer | null,
    input: CreateApiKeyInput,
  ): Promise<{ apiKey: ApiKey | null; secret: string | null; userErrors: UserError[] }> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Creating API keys');
    const errors: UserError[] = [];
    const id = tryFromGlobalId(input.deploymentId, 'Deployment');
    const deployment = id ? await em.findOne(Deployment, { id }) : null;
    if (!deployment)
      errors.push(
        userError(
          ['input', 'deploymentId'],
          UserErrorCode.NOT_FOUND,
          `No deployment has the ID "${input.deploymentId}".`,
        ),
      );
    const name = input.name.trim();
    if (!name || name.length > 100)
      errors.push(userError(['input', 'name'], UserErrorCode.REQUIRED, 'Name the key (1–100 characters).'));
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      errors.push(
        userError(['input', 'expiresAt'], UserErrorCode.INVALID, 'The expiry must be in the future.'),
      );
    }
    if (
      input.rateLimitPerMinute != null &&
      (!Number.isInteger(input.rateLimitPerMinute) ||
        input.rateLimitPerMinute < 1 ||
        input.rateLimitPerMinute > 100_000)
    ) {
      errors.push(
        userError(
          ['input', 'rateLimitPerMinute'],
          UserErrorCode.OUT_OF_RANGE,
          'The rate limit must be 1–100000 requests per minute.',
        ),
      );
    }
    if (errors.length || !deployment) return { apiKey: null, secret: null, userErrors: errors };
    const generated = generateApiKey();
    const apiKey = em.create(ApiKey, {
      deployment,
      name,
      prefix: generated.prefix,
      hash: generated.hash,
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
      expiresAt: input.expiresAt ?? null,
      createdBy: actor.user,
    });
    recordAudit(
      em,
      actor,
      'createApiKey',
      { type: 'ApiKey', id: apiKey.globalId },
      { deploymentId: deployment.deploymentId, name, prefix: generated.prefix },
    );
    await em.flush();
    return { apiKey, secret: generated.secret, userErrors: [] };
  }

  async revoke(
    em: EntityManager,
    viewer: Viewer | null,
    globalId: string,
  ): Promise<{ apiKey: ApiKey | null; userErrors: UserError[] }> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Revoking API keys');
    const { id } = fromGlobalId(globalId, 'ApiKey');
    const apiKey = await em.findOne(ApiKey, { id });
    if (!apiKey) throw notFound('ApiKey', globalId);
    if (apiKey.revokedAt) {
      return {
        apiKey: null,
        userErrors: [userError(['input', 'id'], UserErrorCode.INVALID_STATE, 'This key is already revoked.')],
      };
    }
    apiKey.revokedAt = new Date();
    recordAudit(em, actor, 'revokeApiKey', { type: 'ApiKey', id: globalId }, { prefix: apiKey.prefix });
    await em.flush();
    return { apiKey, userErrors: [] };
  }

  list(em: EntityManager, deployment: Deployment): Promise<ApiKey[]> {
    return em.find(ApiKey, { deployment: deployment.id }, { orderBy: { createdAt: 'desc' } });
  }

  /**
   * The gateway's question. Lookups go by hash (no secret compared byte by byte): 401 for a missing, unknown,
   * revoked or expired key, 403 for a key of another deployment.
   */
  async verify(deploymentId: string, secret: string): Promise<ApiKeyVerdict> {
    if (!looksLikeApiKey(secret)) return { ok: false, status: 401, message: 'Invalid API key.' };
    const em = this.orm.em.fork();
    const apiKey = await em.findOne(ApiKey, { hash: hashApiKey(secret) }, { populate: ['deployment'] });
    if (!apiKey) return { ok: false, status: 401, message: 'Invalid API key.' };
    if (apiKey.revokedAt) return { ok: false, status: 401, message: 'This API key was revoked.' };
    if (apiKey.expiresAt && apiKey.expiresAt.getTime() <= Date.now())
      return { ok: false, status: 401, message: 'This API key has expired.' };
    if (apiKey.deployment.getEntity().deploymentId !== deploymentId) {
      return { ok: false, status: 403, message: 'This API key belongs to another deployment.' };
    }
    const now = new Date();
    if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > 60_000) {
      // Best effort: a lost update of "last used" must never fail a request.
      await em.nativeUpdate(ApiKey, { id: apiKey.id }, { lastUsedAt: now }).catch(() => undefined);
    }
    return { ok: true, keyId: apiKey.id, rateLimitPerMinute: apiKey.rateLimitPerMinute ?? undefined };
  }
}
