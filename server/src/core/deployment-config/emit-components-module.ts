/** Writes components/src/generated/deployment-config.ts from the table (committed; a test checks it is current). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { COMPONENTS_MODULE_PATH, renderComponentsModule } from './components-module.js';

const target = fileURLToPath(new URL(`../../../../${COMPONENTS_MODULE_PATH}`, import.meta.url));
const options = { ...(await resolveConfig(target)), filepath: target };
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, await format(renderComponentsModule(), options));
console.log(`wrote ${target}`);
