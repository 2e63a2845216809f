#!/usr/bin/env node
// `npm run bench -- <name>` runs one benchmark (gateway, import, bundle, abuse, fanout, fleet, peft, …); without a name, all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Each benchmark is `bench/<name>/<name>.bench.ts`. */
const entryOf = (name) => join(here, name, `${name}.bench.ts`);
const available = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(entryOf(d.name)))
  .map((d) => d.name);
const wanted = process.argv.slice(2);
const selected = wanted.length ? wanted : available;
for (const name of selected) {
  if (!available.includes(name)) {
    console.error(`Unknown benchmark "${name}". Available: ${available.join(', ') || 'none yet'}.`);
    process.exit(2);
  }
  console.log(`\n=== bench: ${name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', entryOf(name)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
