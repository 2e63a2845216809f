/**
 * The validator alone in a fresh process: seconds and peak RSS (VmHWM) of validateModelArchive on one archive.
 * Plain node on the server's compiled build (as `npm start` runs it), so no TypeScript loader is measured.
 */
import { readFile } from 'node:fs/promises';
import { validateModelArchive } from '../../server/build/modules/import/validation/index.js';

const hwm = async () =>
  Number(/VmHWM:\s+(\d+) kB/.exec(await readFile('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
const baseline = await hwm();
const t0 = performance.now();
const result = await validateModelArchive(process.argv[2], { kind: 'BASE' });
const seconds = (performance.now() - t0) / 1000;
if (!result.ok) throw new Error(`validation failed: ${result.message}`);
process.send({ seconds, hwm: await hwm(), baseline });
