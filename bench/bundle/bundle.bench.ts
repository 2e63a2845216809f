// Gzip sizes of @hangar/components as a host app would ship them: each entry with the chunks it imports,
// and the whole library. Peers (react, react-dom, @apollo/client, graphql, graphql-ws, rxjs) are external and
// not counted; tus-js-client, an ordinary dependency loaded only when an upload starts, and the chunks only an
// `import()` fetches when needed (LAZY_CHUNKS: the uPlot charts of DeploymentMetrics) are reported apart.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const TARGET_KB = 60;
const components = resolve(dirname(fileURLToPath(import.meta.url)), '../../components');
const dist = join(components, 'dist');

execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: components, stdio: 'inherit' });

/** Chunks a component fetches with import() only when it needs them, by output file name. */
const LAZY_CHUNKS = [{ pattern: /^metrics-charts-/, what: 'uPlot charts (loaded when a chart shows)' }];
const isLazy = (file: string) => LAZY_CHUNKS.some((chunk) => chunk.pattern.test(basename(file)));

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The file plus every relative module it imports statically or dynamically, transitively, lazy chunks apart. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file) || isLazy(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const match of code.matchAll(/(?:from|import\()\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    const spec = match[1];
    if (spec) closure(resolve(dirname(file), spec), seen);
  }
  return seen;
}

const entries = readdirSync(dist).filter((f) => f.endsWith('.js'));
const css = join(dist, 'styles.css');
const rows = entries.map((entry) => {
  const files = closure(join(dist, entry));
  return { entry, bytes: [...files].reduce((sum, f) => sum + gz(f), 0), files: files.size };
});

const allJs = new Set(entries.flatMap((entry) => [...closure(join(dist, entry))]));
const libraryBytes = [...allJs].reduce((sum, f) => sum + gz(f), 0) + gz(css);
const chunkFiles = readdirSync(join(dist, 'chunks')).filter((f) => f.endsWith('.js'));
const lazyRows = LAZY_CHUNKS.map((chunk) => ({
  what: chunk.what,
  // The chunk holds the library itself (it imports only peers), so its own size is what it costs.
  bytes: chunkFiles
    .filter((f) => chunk.pattern.test(f))
    .reduce((sum, f) => sum + gz(join(dist, 'chunks', f)), 0),
}));
const lazyBytes = lazyRows.reduce((sum, row) => sum + row.bytes, 0);

// tus-js-client's browser build, minified the way a host's bundler would.
// Inside the workspace so that the bare import resolves through node_modules.
mkdirSync(join(components, 'node_modules/.cache'), { recursive: true });
const scratch = mkdtempSync(join(components, 'node_modules/.cache/bundle-probe-'));
let tusBytes: number;
try {
  writeFileSync(join(scratch, 'tus.js'), "export { Upload } from 'tus-js-client';\n");
  execFileSync(
    'npx',
    ['vite', 'build', '--logLevel', 'error', '--outDir', join(scratch, 'out'), '--emptyOutDir'],
    {
      cwd: components,
      env: { ...process.env, HANGAR_BUNDLE_PROBE: join(scratch, 'tus.js') },
      stdio: 'inherit',
    },
  );
  tusBytes = readdirSync(join(scratch, 'out'))
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gz(join(scratch, 'out', f)), 0);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log('entry (with the chunks it imports)          gzip');
for (const row of rows.sort((a, b) => b.bytes - a.bytes)) {
  console.log(
    `${`@hangar/components/${row.entry.replace(/\.js$/, '')}`.padEnd(44)} ${kb(row.bytes).padStart(9)}`,
  );
}
console.log(`${'styles.css'.padEnd(44)} ${kb(gz(css)).padStart(9)}`);
console.log(`${'whole library (all JS + CSS, no peers)'.padEnd(44)} ${kb(libraryBytes).padStart(9)}`);
console.log(`${'tus-js-client (loaded when an upload starts)'.padEnd(44)} ${kb(tusBytes).padStart(9)}`);
for (const row of lazyRows) console.log(`${row.what.padEnd(44)} ${kb(row.bytes).padStart(9)}`);
console.log(
  `${'whole library + tus-js-client + lazy chunks'.padEnd(44)} ${kb(libraryBytes + tusBytes + lazyBytes).padStart(9)}`,
);
console.log(
  `target: whole library ≤ ${TARGET_KB} KB → ${libraryBytes / 1024 <= TARGET_KB ? 'met' : 'MISSED'}`,
);
console.log(`(measured from ${relative(process.cwd(), dist)})`);
