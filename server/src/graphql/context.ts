import type { EntityManager } from '@mikro-orm/core';
import type DataLoader from 'dataloader';
import type { Logger } from '../core/logger.js';
import type { DeploymentService } from '../modules/deployment/deployment.service.js';
import type { HardwareProfile } from '../core/hardware-profile.js';
import type { ModelService } from '../modules/model/model.service.js';
import type { DeploymentCounts } from '../modules/model/model.counts.js';
import type { UserService } from '../modules/user/user.service.js';
import type { Viewer } from '../modules/user/viewer.js';
import type { Runtime } from '../runtime/runtime.js';
import type { HangarPubSub } from './pubsub.js';
import type { MikroORM } from '@mikro-orm/core';
import type { GatewayMetrics } from '../gateway/gateway.metrics.js';
import type { ApiKeyService } from '../modules/api-key/api-key.service.js';
import type { ImportService } from '../modules/import/import.service.js';
import type { ConnectionService } from '../modules/connection/connection.service.js';
import type { ModelExportService } from '../modules/import/export/model-export.service.js';

/** Long-lived parts shared by every request. */
export interface Services {
  orm: MikroORM;
  pubsub: HangarPubSub;
  logger: Logger;
  runtime: Runtime;
  hardwareProfiles: HardwareProfile[];
  models: ModelService;
  deployments: DeploymentService;
  users: UserService;
  apiKeys: ApiKeyService;
  /** Gateway usage totals and latency percentiles (also served at /metrics). */
  usage: GatewayMetrics;
  /** Base URL clients use to reach this server (endpoint URLs and snippets). */
  publicUrl: () => string;
  /** Model imports (tus uploads → validation → model store). */
  imports: ImportService;
  /** Model exports (zip + deployconfig.json behind a signed link). */
  modelExports: ModelExportService;
  /** Stored Hugging Face tokens (encrypted). */
  connections: ConnectionService;
  /** Features added by later modules hang their services here (gateway keys, imports, connections…). */
  extensions: Record<string, unknown>;
}

/** Per request (or per subscription operation): a fresh EntityManager fork, the viewer, batched loaders. */
export interface HangarContext {
  em: EntityManager;
  viewer: Viewer | null;
  services: Services;
  loaders: { deploymentCounts: DataLoader<string, DeploymentCounts> };
}
