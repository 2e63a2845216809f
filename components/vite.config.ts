import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { componentEntries } from './component-entries.js';

// Everything a host app already has (or that we ship as an ordinary dependency) stays out of the bundle, so
// each entry holds only Hangar's own code and the sizes in bench/bundle are what a host app adds.
const external = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^@apollo\/client($|\/)/,
  /^graphql($|\/)/,
  /^graphql-ws($|\/)/,
  /^rxjs($|\/)/,
  /^tus-js-client($|\/)/,
];

// bench/bundle sets HANGAR_BUNDLE_PROBE to measure a dependency (tus-js-client) bundled the way a host would.
const probe = process.env.HANGAR_BUNDLE_PROBE;

export default defineConfig({
  plugins: [react()],
  build: probe
    ? { lib: { entry: probe, formats: ['es'] }, minify: true, rollupOptions: { external: [] } }
    : {
        outDir: 'dist',
        emptyOutDir: true,
        sourcemap: true,
        minify: true,
        cssCodeSplit: false,
        lib: {
          entry: componentEntries,
          formats: ['es'],
          cssFileName: 'styles',
        },
        rollupOptions: {
          external,
          output: {
            entryFileNames: '[name].js',
            chunkFileNames: 'chunks/[name]-[hash].js',
            // Library mode leaves whitespace in ES output so as not to lose /* @__PURE__ */ annotations; the
            // output minifier keeps them (host bundlers still tree-shake) and takes ~15% off the gzip size.
            minify: true,
          },
        },
      },
});
