import type { ResolverClass } from './graphql/schema.js';
import { ApiKeyResolver, DeploymentServingResolver } from './modules/api-key/api-key.resolver.js';

/** Resolvers of feature modules (gateway keys, imports, connections…), added to the core schema. */
export const APP_RESOLVERS: ResolverClass[] = [ApiKeyResolver, DeploymentServingResolver];
