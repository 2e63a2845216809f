import type { ResolverClass } from './graphql/schema.js';

/** Resolvers of feature modules (gateway keys, imports, connections…), added to the core schema. */
export const APP_RESOLVERS: ResolverClass[] = [];
