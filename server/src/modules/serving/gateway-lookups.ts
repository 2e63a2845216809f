import type { MikroORM } from '@mikro-orm/core';
import { isPromise, type Awaitable } from '../../core/awaitable.js';
import { completeStoredConfig } from '../../core/deployment-config/deployment-config.js';
import { hashApiKey, looksLikeApiKey } from '../../gateway/api-key.secret.js';
import type { ApiKeyVerdict, GatewayDeployment } from '../../gateway/gateway.handler.js';
import { activeCanary } from '../deployment/deployment-canary.rules.js';
import { INVALID_API_KEY, judgeApiKey, type KeyCredential } from '../api-key/api-key.credential.js';
import type { ApiKeyService } from '../api-key/api-key.service.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { Model } from '../model/model.entity.js';
import { ModelKind } from '../model/model.enums.js';

export interface GatewayLookupsOptions {
  orm: MikroORM;
  apiKeys: ApiKeyService;
  /** Backstop: an entry is re-read after this long even if no change was heard. @default 10 000 */
  ttlMs?: number;
  /** Per map; the oldest entry goes first. @default 10 000 */
  maxEntries?: number;
  now?: () => number;
}

interface Entry<T> {
  value: Promise<T>;
  /** The value once loaded: a hit then answers without a promise. */
  loaded?: { value: T };
  until: number;
}

/** "Last used" is written at most this often per key. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The gateway's per-request reads — the deployment by its URL id, the API key by its hash — kept in memory.
 * Read from the database on every call they cost two ORM queries, ≈ 3 ms of CPU per inference request measured
 * by `npm run bench -- gateway`: twenty times the proxying itself. Entries are dropped as soon as their source
 * changes (`forgetDeployments` / `forgetKeys`, called on this instance at once and on the others through the
 * pub/sub), and re-read after `ttlMs` as a backstop. Unknown hashes are cached too, so guessing keys costs the
 * database nothing. A load is shared by the requests that arrive while it runs, and one that an invalidation
 * overtook is never stored.
 */
export class GatewayLookups {
  private readonly deployments = new Map<string, Entry<KnownDeployment | null>>();
  private readonly keys = new Map<string, Entry<KeyCredential | null>>();
  private readonly touchedAt = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: GatewayLookupsOptions) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** From memory without a promise once loaded (the gateway's every request asks). */
  readonly lookupDeployment = (deploymentId: string): Awaitable<GatewayDeployment | null> => {
    const known = this.known(deploymentId);
    return isPromise(known) ? known.then((k) => k?.view ?? null) : (known?.view ?? null);
  };

  private known(deploymentId: string): Awaitable<KnownDeployment | null> {
    return this.cached(this.deployments, deploymentId, () => this.loadDeployment(deploymentId));
  }

  readonly verifyApiKey = (deploymentId: string, secret: string): Awaitable<ApiKeyVerdict> => {
    if (!looksLikeApiKey(secret)) return INVALID_API_KEY;
    const hash = hashApiKey(secret);
    const credential = this.cached(this.keys, hash, () => this.options.apiKeys.findCredential(hash));
    // The handler looked the deployment up first (404 when missing): this read is a hit.
    const known = this.known(deploymentId);
    if (isPromise(credential) || isPromise(known))
      return Promise.all([credential, known]).then(([c, k]) => this.judge(deploymentId, c, k));
    return this.judge(deploymentId, credential, known);
  };

  private judge(
    deploymentId: string,
    credential: KeyCredential | null,
    known: KnownDeployment | null,
  ): ApiKeyVerdict {
    const now = this.now();
    const verdict = judgeApiKey(credential, { deploymentId, projectId: known?.projectId ?? '' }, now);
    if (verdict.ok && credential) this.touch(credential, now);
    return verdict;
  }

  /** A deployment changed (status, configuration, deletion): read them all again. */
  forgetDeployments(): void {
    this.deployments.clear();
  }

  /** A key was revoked: read keys again. Revocations are rare, so all entries go. */
  forgetKeys(): void {
    this.keys.clear();
  }

  private cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Awaitable<T> {
    const now = this.now();
    const hit = map.get(key);
    if (hit && hit.until > now) return hit.loaded ? hit.loaded.value : hit.value;
    const value = load();
    const entry: Entry<T> = { value, until: now + this.ttlMs };
    if (map.size >= this.maxEntries) map.delete(map.keys().next().value!);
    map.set(key, entry);
    // A failed read is not remembered; the next request tries again.
    value.then(
      (loaded) => void (entry.loaded = { value: loaded }),
      () => map.get(key) === entry && map.delete(key),
    );
    return value;
  }

  private async loadDeployment(deploymentId: string): Promise<KnownDeployment | null> {
    const em = this.options.orm.em.fork();
    const deployment = await em.findOne(Deployment, { deploymentId }, { populate: ['model'] });
    if (!deployment) return null;
    const attachedIds = deployment.adapterModelIds;
    // The adapters this deployment could serve or did: attached ones, and the others made for its base.
    const adapters = await em.find(
      Model,
      { kind: ModelKind.ADAPTER, $or: [{ id: { $in: attachedIds } }, { baseModel: deployment.model }] },
      { fields: ['id', 'name'] },
    );
    const byId = new Map(adapters.map((m) => [m.id, m.name]));
    const view: GatewayDeployment = {
      adapters: attachedIds.map((id) => byId.get(id)).filter((name): name is string => !!name),
      unattachedAdapters: adapters.filter((m) => !attachedIds.includes(m.id)).map((m) => m.name),
      deploymentId,
      status: deployment.status,
      config: completeStoredConfig(deployment.config),
      endpointTimeoutSeconds: deployment.endpointTimeoutSeconds,
      modelName: deployment.model.getEntity().name,
      split: splitRoute(deployment),
    };
    return { view, projectId: deployment.project.id };
  }

  private touch(credential: KeyCredential, now: number): void {
    const last = this.touchedAt.get(credential.keyId) ?? credential.lastUsedAt?.getTime() ?? 0;
    if (now - last < TOUCH_EVERY_MS) return;
    this.touchedAt.set(credential.keyId, now);
    if (this.touchedAt.size > this.maxEntries) this.touchedAt.delete(this.touchedAt.keys().next().value!);
    // Best effort and off the request's path: a lost "last used" update must never fail or slow a request.
    this.options.apiKeys.touch(credential.keyId, new Date(now)).catch(() => undefined);
  }
}

/** What the gateway is told of a deployment, and its project (which keys of other projects must not learn). */
interface KnownDeployment {
  view: GatewayDeployment;
  projectId: string;
}

function splitRoute(deployment: Deployment): GatewayDeployment['split'] {
  const canary = activeCanary(deployment);
  if (!canary) return null;
  return { canaryVersion: canary.version, weightPercent: canary.weightPercent, autoRollback: canary.policy };
}
