import { createPubSub } from '@graphql-yoga/subscription';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildHangarSchema } from '../graphql/schema.js';
import { RESOLVER_CLASSES } from './resolvers.js';

/** The SDL as committed: sorted so that moving code around does not reorder the file. */
export async function printHangarSchema(): Promise<string> {
  // Printing resolves nothing, so no resolver instance, viewer or event is ever asked for.
  const schema = await buildHangarSchema({
    resolvers: RESOLVER_CLASSES,
    container: {
      get: () => {
        throw new Error('The printed schema resolves nothing.');
      },
    },
    authChecker: () => false,
    pubSub: createPubSub(),
  });
  return `# Generated from the server code by \`npm run schema:emit -w server\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
