import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';

const componentsSource = fileURLToPath(new URL('../../components/src/', import.meta.url));

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.stories.tsx'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },
  // Stories use the library's source, so editing a component needs no library build.
  viteFinal: (vite) => ({
    ...vite,
    optimizeDeps: {
      ...vite.optimizeDeps,
      include: [
        ...(vite.optimizeDeps?.include ?? []),
        '@apollo/client/testing',
        '@apollo/client/testing/react',
        'tus-js-client',
        // Imported by only some stories: discovered mid-run, vite re-bundles and reloads the tests in flight
        // ("Failed to fetch dynamically imported module").
        'rxjs',
        'graphql',
        'graphql-ws',
        '@apollo/client/link/subscriptions',
        // The chart library DeploymentMetrics fetches with import() once there is data.
        'uplot',
      ],
    },
    resolve: {
      ...vite.resolve,
      alias: [
        { find: /^@hangar\/components$/, replacement: `${componentsSource}index.ts` },
        { find: /^@hangar\/components\/documents$/, replacement: `${componentsSource}gql/graphql.ts` },
      ],
    },
  }),
};

export default config;
