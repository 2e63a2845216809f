import { createPubSub } from '@graphql-yoga/subscription';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildHangarSchema } from '../graphql/schema.js';
import { RESOLVER_CLASSES } from './resolvers.js';

/** The schema without a running server: for printing and checking documents, never for executing them. */
export function printableSchema(): Promise<GraphQLSchema> {
  // Nothing is resolved, so no resolver instance, viewer or event is ever asked for.
  return buildHangarSchema({
    resolvers: RESOLVER_CLASSES,
    container: {
      get: () => {
        throw new Error('The printed schema resolves nothing.');
      },
    },
    authChecker: () => false,
    pubSub: createPubSub(),
  });
}

/** The SDL as committed: sorted so that moving code around does not reorder the file. */
export async function printHangarSchema(): Promise<string> {
  const schema = await printableSchema();
  return `# Generated from the server code by \`npm run schema:emit -w server\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
