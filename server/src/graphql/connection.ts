import type { ClassType } from 'type-graphql';
import { Field, Int, ObjectType } from 'type-graphql';

/** Relay pagination info. */
@ObjectType({ description: 'Where a page sits in the whole list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item; pass as `after` for the next page.',
  })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds `<Name>Connection` and `<Name>Edge` types (GitHub's shape: edges, nodes, pageInfo, totalCount). */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'Items with their cursors.' })
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'Items, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Pagination info.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, across all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

/** Cursors are opaque offsets: stable enough for a list a person pages through, and they work with any sort. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match?.[1] ? Number(match[1]) + 1 : 0;
}

export function toConnection<T>(items: T[], offset: number, totalCount: number): ConnectionShape<T> {
  const edges = items.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  return {
    edges,
    nodes: items,
    totalCount,
    pageInfo: {
      hasNextPage: offset + items.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

export const MAX_PAGE_SIZE = 100;

/**
 * Default and largest page of one list field, said once: its argument's description, the resolver's clamp and
 * (through the field's extensions) the check before execution that refuses a larger `first`/`last`.
 */
export interface PageSize {
  default: number;
  max: number;
}

/** The page of every connection that declares no other. */
export const CONNECTION_PAGE: PageSize = { default: 20, max: MAX_PAGE_SIZE };

/** The field extension `input-limits` reads; a field without it allows MAX_PAGE_SIZE. */
export const MAX_PAGE_SIZE_EXTENSION = 'maxPageSize';

/** For `@Extensions(…)` on a list field whose page differs from CONNECTION_PAGE. */
export function pageSizeExtensions(size: PageSize): Record<string, number> {
  return { [MAX_PAGE_SIZE_EXTENSION]: size.max };
}

export function pageSizeDescription(size: PageSize, what = 'Page size'): string {
  return `${what} (default ${size.default}, at most ${size.max}).`;
}

/** The page a resolver reads: the default when absent, never below `min` nor above the maximum. */
export function clampPageSize(requested: number | null | undefined, size: PageSize, min = 0): number {
  return Math.min(Math.max(requested ?? size.default, min), size.max);
}
