import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'host-app-e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
