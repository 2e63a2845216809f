import type { Awaitable } from '../core/awaitable.js';
import type { RoutingPolicy } from './gateway.router.js';
import type { DeploymentConfig } from '../core/deployment-config/deployment-config.js';
import type { ReplicaInfo } from '../runtime/runtime.js';
import type { CanaryPolicy } from './canary-guard.js';
import type { ColdStarter } from './cold-start.js';
import type { GatewayMetrics, UsageRecord } from './gateway.metrics.js';
import type { SharedLimits } from './gateway.shared-limits.js';
import type { SplitRoute } from './gateway.router.js';
import type { BudgetTracker } from './budget-tracker.js';

/** What the gateway needs from the server around it: deployments, keys and replicas, looked up per request. */

export interface GatewayDeployment {
  deploymentId: string;
  status: string;
  config: DeploymentConfig;
  endpointTimeoutSeconds: number;
  modelName: string;
  /** Names of the LoRA adapters attached (the OpenAI `model` field selects one); none when absent. */
  adapters?: string[];
  /**
   * Adapters of the same base model that are not attached: a request naming one is answered 404
   * model_not_found (any other name is served by the base, as before adapters existed).
   */
  unattachedAdapters?: string[];
  /** A traffic split in progress: this share of the requests goes to the canary version's replicas. */
  split?: (SplitRoute & { autoRollback: CanaryPolicy | null }) | null;
}

export type ApiKeyVerdict =
  | { ok: true; keyId: string; rateLimitPerMinute?: number }
  /** 404: the key's project does not hold the deployment; answered exactly like a deployment that does not exist. */
  | { ok: false; status: 401 | 403 | 404; message: string };

/** pino-compatible; the gateway logs ids and errors, never request bodies or keys. */
export interface GatewayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface GatewayDeps {
  /** Either may answer without a promise (from memory); the handler then goes on in the same turn. */
  lookupDeployment(deploymentId: string): Awaitable<GatewayDeployment | null>;
  verifyApiKey(deploymentId: string, secret: string): Awaitable<ApiKeyVerdict>;
  replicas(deploymentId: string): ReplicaInfo[];
  onUsage?(record: UsageRecord): void;
  logger: GatewayLogger;
  /** Queue bound as a multiple of capacity. @default 4 */
  queueFactor?: number;
  /** Fixed queue bound per deployment (overrides queueFactor). */
  maxQueue?: number;
  /** HANGAR_ROUTING: prefer the replica that served a session or prompt prefix last. @default cache-aware */
  routing?: RoutingPolicy;
  metrics?: GatewayMetrics;
  /** @default MAX_REQUEST_BODY_BYTES (4 MiB) */
  maxBodyBytes?: number;
  /**
   * Wakes deployments that scaled to zero; their requests are held meanwhile. Omitted: a deployment without a
   * ready replica is answered 503.
   */
  coldStarter?: ColdStarter;
  /** Rate limits, replica slots and queues counted across the fleet (Redis); omitted: per process. */
  shared?: SharedLimits;
  /** Monthly token budgets, asked before a completion is forwarded (from memory); omitted: none. */
  budgets?: Pick<BudgetTracker, 'refusal'>;
}
