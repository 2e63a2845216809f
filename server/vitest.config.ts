import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // vitest can otherwise load graphql twice ("Cannot use GraphQLObjectType from another module or realm").
    // Dependencies are externalised and load graphql's CommonJS entry, so our code must use the same one.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Real model processes on a shared 2-core machine: generous, since speed is measured in bench/, not here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: llama.cpp replicas are real processes, so keep file-level parallelism modest.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
