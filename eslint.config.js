// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The server's floors, ground first. A file may import its own floor and the floors below it, never one above:
// `core` (shared vocabulary) ← infrastructure ← `modules` (the domains) ← `app` (the roof that wires them).
// ARCHITECTURE.md explains them; server/test/architecture.test.ts shows that an upward import fails this rule.
const FLOORS = [['core'], ['db', 'graphql', 'http', 'runtime', 'gateway'], ['modules'], ['app']];

const floorRules = FLOORS.slice(0, -1).map((floor, level) => {
  const above = FLOORS.slice(level + 1).flat();
  return {
    files: floor.map((folder) => `server/src/${folder}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // A relative import that climbs out of src/<floor>/ and into a folder of a higher floor.
              regex: `^(\\.\\./)+(${above.join('|')})/`,
              message: `server/src/${floor.join(', ')} may not import ${above.join(', ')}: the floors point one way (ARCHITECTURE.md). Pass what you need in as a parameter from the floor above.`,
            },
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'server/build/**',
      '**/storybook-static/**',
      'data/**',
      'test-artifacts/**',
      'server/src/db/migrations/**',
      '**/*.d.ts',
      'components/src/gql/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  ...floorRules,
);
