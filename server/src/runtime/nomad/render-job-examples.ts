import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { JOB_EXAMPLES, NOMAD_JOBS_DIR, renderJobExample } from './nomad-job.examples.js';

// Writes nomad-jobs/<engine>/*.job.json from the TypeScript builders (run with tsx).
for (const example of JOB_EXAMPLES) {
  const file = join(NOMAD_JOBS_DIR, example.file);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderJobExample(example));
  console.log(`wrote ${file}`);
}
