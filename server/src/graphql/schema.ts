import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type AuthChecker, type BuildSchemaOptions, type ContainerType } from 'type-graphql';
import type { HangarPubSub } from './pubsub.js';

/** A resolver class, as type-graphql takes it. */
export type ResolverClass = BuildSchemaOptions['resolvers'][number];

export interface SchemaParts<Context extends object> {
  /** Every resolver class of the schema; the roof (app/resolvers.ts) lists them, this floor names no domain. */
  resolvers: readonly ResolverClass[];
  /** Hands type-graphql the resolver instances with their services injected. */
  container: ContainerType;
  /** `@Authorized(role)` fields and subscriptions are checked by this, at subscribe time for subscriptions. */
  authChecker: AuthChecker<Context, string>;
  /** The instance's event bus: subscriptions declared with `topics` listen on it (through Redis when configured). */
  pubSub: HangarPubSub;
}

export async function buildHangarSchema<Context extends object>(
  parts: SchemaParts<Context>,
): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: parts.resolvers as BuildSchemaOptions['resolvers'],
    container: parts.container,
    authChecker: parts.authChecker,
    // type-graphql's PubSub is `{ publish(topic, payload), subscribe(topic) }`, which graphql-yoga's pub/sub is.
    pubSub: parts.pubSub as unknown as BuildSchemaOptions['pubSub'],
    validate: false,
    emitSchemaFile: false,
  });
}
