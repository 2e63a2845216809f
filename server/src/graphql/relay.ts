import { GraphQLError } from 'graphql';
import { OptionalProps } from '@mikro-orm/core';
import { Field, ID, InterfaceType } from 'type-graphql';

/** Global IDs are `base64url("<Type>:<uuid>")`, opaque to clients (GitHub's and Relay's convention). */
export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** Decodes a global ID; `expectedType` makes a wrong-type ID a NOT_FOUND instead of a silent mismatch. */
export function fromGlobalId(globalId: string, expectedType?: string): { type: string; id: string } {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  const type = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  if (colon <= 0 || !id || (expectedType && type !== expectedType)) {
    throw new GraphQLError(`No ${expectedType ?? 'object'} has the ID "${globalId}".`, {
      extensions: { code: 'NOT_FOUND' },
    });
  }
  return { type, id };
}

/** Like fromGlobalId but returns null instead of throwing (for inputs that report userErrors). */
export function tryFromGlobalId(globalId: string, expectedType: string): string | null {
  try {
    return fromGlobalId(globalId, expectedType).id;
  } catch {
    return null;
  }
}

/**
 * Base of every entity exposed as a GraphQL `Node`. The entity's primary key stays a plain UUID in the database;
 * GraphQL sees the global ID through the `globalId` getter.
 */
@InterfaceType('Node', {
  description: 'An object with a globally unique ID, refetchable through `node(id:)`.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class NodeEntity {
  /** Tells MikroORM that `globalId` is derived, not data to provide at creation. */
  [OptionalProps]?: 'globalId';

  abstract id: string;

  @Field(() => ID, { name: 'id', description: 'Globally unique, opaque ID of this object.' })
  get globalId(): string {
    return toGlobalId(this.constructor.name, this.id);
  }
}
