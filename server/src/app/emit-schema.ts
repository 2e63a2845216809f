/** Writes the SDL to schema/schema.graphql (committed; a test fails when it differs from the code). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printHangarSchema } from './print-schema.js';

const target = fileURLToPath(new URL('../../../schema/schema.graphql', import.meta.url));
writeFileSync(target, await printHangarSchema());
console.log(`wrote ${target}`);
