import type { ResolverClass } from './graphql/schema.js';
import { ApiKeyResolver, DeploymentServingResolver } from './modules/api-key/api-key.resolver.js';
import { ConnectionResolver } from './modules/connection/connection.resolver.js';
import { ModelImportResolver } from './modules/import/import.resolver.js';
import { AccessTokenResolver } from './modules/user/access-token.resolver.js';

/** Resolvers of feature modules (gateway keys, imports, connections…), added to the core schema. */
export const APP_RESOLVERS: ResolverClass[] = [
  ApiKeyResolver,
  DeploymentServingResolver,
  ModelImportResolver,
  ConnectionResolver,
  AccessTokenResolver,
];
