import { lexicographicSortSchema, printSchema } from 'graphql';
import { APP_RESOLVERS } from '../app.resolvers.js';
import { buildHangarSchema } from './schema.js';

/** The SDL as committed: sorted so that moving code around does not reorder the file. */
export async function printHangarSchema(): Promise<string> {
  const schema = await buildHangarSchema(APP_RESOLVERS);
  return `# Generated from the server code by \`npm run schema:emit -w server\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
