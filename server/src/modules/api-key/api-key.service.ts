import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { notFound } from '../../graphql/errors.js';
import { fromGlobalId, tryFromGlobalId } from '../../graphql/relay.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { generateApiKey } from '../../gateway/api-key.secret.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { recordAudit } from '../audit/audit.service.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { Role } from '../user/role.js';
import { requireProjectRole, requireRole, type Viewer } from '../user/viewer.js';
import type { KeyCredential } from './api-key.credential.js';
import { ApiKey } from './api-key.entity.js';
import type { CreateApiKeyInput } from './api-key.inputs.js';
import { DeploymentStatus } from '../deployment/deployment.enums.js';
import { checkMonthlyTokenBudget } from '../budget/budget.rules.js';

/** Requests per minute a playground key allows: a person chatting, never a script borrowing the browser's key. */
export const PLAYGROUND_RATE_LIMIT_PER_MINUTE = 60;

/** Statuses in which a deployment has no endpoint to chat with. */
const NOT_SERVING: readonly DeploymentStatus[] = [
  DeploymentStatus.READY_TO_DEPLOY,
  DeploymentStatus.UNDEPLOYED,
];

export interface ApiKeyServiceOptions {
  /** How long a playground key works (HANGAR_PLAYGROUND_KEY_SECONDS). */
  playgroundKeySeconds: number;
}

/** Creates, lists and revokes deployment-scoped keys, and reads them by hash for the gateway. */
export class ApiKeyService {
  private readonly revokedListeners = new Set<(keyId: string) => void>();
  private readonly budgetListeners = new Set<(keyId: string) => Promise<void>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly pubsub?: HangarPubSub,
    private readonly options: ApiKeyServiceOptions = { playgroundKeySeconds: 900 },
  ) {}

  async create(
    em: EntityManager,
    viewer: Viewer | null,
    input: CreateApiKeyInput,
  ): Promise<{ apiKey: ApiKey | null; secret: string | null; userErrors: UserError[] }> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Creating API keys');
    const errors: UserError[] = [];
    const id = tryFromGlobalId(input.deploymentId, 'Deployment');
    const deployment = id ? await em.findOne(Deployment, { id }) : null;
    if (deployment)
      requireProjectRole(actor, deployment.project.id, Role.DEPLOYER, 'Creating API keys', {
        type: 'Deployment',
        id: input.deploymentId,
      });
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
    const badBudget = checkMonthlyTokenBudget(input.monthlyTokenBudget, ['input', 'monthlyTokenBudget']);
    if (badBudget) errors.push(badBudget);
    if (errors.length || !deployment) return { apiKey: null, secret: null, userErrors: errors };
    const generated = generateApiKey();
    const apiKey = em.create(ApiKey, {
      deployment,
      name,
      prefix: generated.prefix,
      hash: generated.hash,
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
      monthlyTokenBudget: input.monthlyTokenBudget ?? null,
      expiresAt: input.expiresAt ?? null,
      createdBy: actor.user,
    });
    recordAudit(
      em,
      actor,
      'createApiKey',
      { type: 'ApiKey', id: apiKey.globalId, project: deployment.project.id },
      {
        deploymentId: deployment.deploymentId,
        name,
        prefix: generated.prefix,
        monthlyTokenBudget: apiKey.monthlyTokenBudget,
      },
    );
    await em.flush();
    // A key created with a budget is new to every instance's tracker: they read the budgets again.
    if (apiKey.monthlyTokenBudget != null) {
      for (const listener of this.budgetListeners) await listener(apiKey.id);
      await this.pubsub?.publish('BUDGET_CHANGED', { kind: 'apiKey', id: apiKey.id });
    }
    return { apiKey, secret: generated.secret, userErrors: [] };
  }

  /**
   * A short-lived key for the signed-in user's browser to chat with one deployment: stored and listed like every
   * key (hashed, named "Playground · <user>", with its expiry and a rate limit), so it shows in the key list, in
   * the usage and in the audit log, and can be revoked.
   */
  async createPlayground(
    em: EntityManager,
    viewer: Viewer | null,
    deploymentId: string,
  ): Promise<{ apiKey: ApiKey | null; secret: string | null; userErrors: UserError[] }> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Using the playground');
    const id = tryFromGlobalId(deploymentId, 'Deployment');
    const deployment = id ? await em.findOne(Deployment, { id }) : null;
    if (!deployment) {
      const message = `No deployment has the ID "${deploymentId}".`;
      const userErrors = [userError(['input', 'deploymentId'], UserErrorCode.NOT_FOUND, message)];
      return { apiKey: null, secret: null, userErrors };
    }
    requireProjectRole(actor, deployment.project.id, Role.DEPLOYER, 'Using the playground', {
      type: 'Deployment',
      id: deploymentId,
    });
    if (NOT_SERVING.includes(deployment.status)) {
      const message = `${deployment.name} is not running (${deployment.status}): start it to chat with it.`;
      const userErrors = [userError(['input', 'deploymentId'], UserErrorCode.INVALID_STATE, message)];
      return { apiKey: null, secret: null, userErrors };
    }
    const generated = generateApiKey();
    const name = `Playground · ${actor.user.name}`.slice(0, 100);
    const apiKey = em.create(ApiKey, {
      deployment,
      name,
      prefix: generated.prefix,
      hash: generated.hash,
      rateLimitPerMinute: PLAYGROUND_RATE_LIMIT_PER_MINUTE,
      expiresAt: new Date(Date.now() + this.options.playgroundKeySeconds * 1000),
      createdBy: actor.user,
    });
    recordAudit(
      em,
      actor,
      'createPlaygroundKey',
      { type: 'ApiKey', id: apiKey.globalId, project: deployment.project.id },
      {
        deploymentId: deployment.deploymentId,
        prefix: generated.prefix,
        expiresAt: apiKey.expiresAt?.toISOString(),
      },
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
    const apiKey = await em.findOne(ApiKey, { id }, { populate: ['deployment'] });
    if (!apiKey) throw notFound('ApiKey', globalId);
    const projectId = apiKey.deployment.getEntity().project.id;
    requireProjectRole(actor, projectId, Role.DEPLOYER, 'Revoking API keys', {
      type: 'ApiKey',
      id: globalId,
    });
    if (apiKey.revokedAt) {
      return {
        apiKey: null,
        userErrors: [userError(['input', 'id'], UserErrorCode.INVALID_STATE, 'This key is already revoked.')],
      };
    }
    apiKey.revokedAt = new Date();
    recordAudit(
      em,
      actor,
      'revokeApiKey',
      { type: 'ApiKey', id: globalId, project: projectId },
      { prefix: apiKey.prefix },
    );
    await em.flush();
    for (const listener of this.revokedListeners) listener(apiKey.id);
    await this.pubsub?.publish('API_KEY_REVOKED', { id: apiKey.id });
    return { apiKey, userErrors: [] };
  }

  list(em: EntityManager, deployment: Deployment): Promise<ApiKey[]> {
    return em.find(ApiKey, { deployment: deployment.id }, { orderBy: { createdAt: 'desc' } });
  }

  /** The key with this hash, as the gateway needs it; null when there is none. */
  async findCredential(hash: string): Promise<KeyCredential | null> {
    const apiKey = await this.orm.em.fork().findOne(ApiKey, { hash }, { populate: ['deployment'] });
    if (!apiKey) return null;
    return {
      keyId: apiKey.id,
      deploymentId: apiKey.deployment.getEntity().deploymentId,
      projectId: apiKey.deployment.getEntity().project.id,
      revokedAt: apiKey.revokedAt ?? null,
      expiresAt: apiKey.expiresAt ?? null,
      rateLimitPerMinute: apiKey.rateLimitPerMinute ?? null,
      lastUsedAt: apiKey.lastUsedAt ?? null,
    };
  }

  /** Records that a key was used (best effort: the gateway calls it at most once a minute per key). */
  async touch(keyId: string, at: Date): Promise<void> {
    await this.orm.em.fork().nativeUpdate(ApiKey, { id: keyId }, { lastUsedAt: at });
  }

  /** Awaited with the key's id once a key with a budget is stored (this instance's budget tracker reads it). */
  onBudgetSet(listener: (keyId: string) => Promise<void>): () => void {
    this.budgetListeners.add(listener);
    return () => this.budgetListeners.delete(listener);
  }

  /** Called with the key's id once a revocation is stored (this instance; others hear API_KEY_REVOKED). */
  onRevoked(listener: (keyId: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }
}
