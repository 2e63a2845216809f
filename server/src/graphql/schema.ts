import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type BuildSchemaOptions } from 'type-graphql';
import { CatalogResolver } from '../modules/catalog/catalog.resolver.js';
import { DeploymentResolver, DeploymentVersionResolver } from '../modules/deployment/deployment.resolver.js';
import { HardwareResolver } from '../modules/hardware/hardware.resolver.js';
import { ModelResolver } from '../modules/model/model.resolver.js';
import { UserResolver } from '../modules/user/user.resolver.js';
import { NodeResolver } from './node.resolver.js';

const UNUSED_PUBSUB = {
  publish(): never {
    throw new Error('Publish through context.services.pubsub.');
  },
  subscribe(): never {
    throw new Error('Subscriptions must declare `subscribe`.');
  },
};

/** Resolvers of the core; feature modules append theirs through `extraResolvers`. */
export const CORE_RESOLVERS = [
  NodeResolver,
  UserResolver,
  ModelResolver,
  DeploymentResolver,
  DeploymentVersionResolver,
  CatalogResolver,
  HardwareResolver,
] as const;

/** A resolver class, as type-graphql takes it. */
export type ResolverClass = BuildSchemaOptions['resolvers'][number];

export async function buildHangarSchema(
  extraResolvers: readonly ResolverClass[] = [],
): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...CORE_RESOLVERS, ...extraResolvers] as BuildSchemaOptions['resolvers'],
    validate: false,
    emitSchemaFile: false,
    // Every subscription brings its own source through `subscribe` (the app's pub/sub is per instance, in the
    // context); type-graphql still insists on a pubSub, so it gets one that refuses to be used.
    pubSub: UNUSED_PUBSUB,
  });
}
