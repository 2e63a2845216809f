import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { expect, it } from 'vitest';
import { COMPONENTS_MODULE_PATH, renderComponentsModule } from './components-module.js';

it(`the committed ${COMPONENTS_MODULE_PATH} matches the table (run \`npm run config:emit -w server\`)`, async () => {
  const target = fileURLToPath(new URL(`../../../../${COMPONENTS_MODULE_PATH}`, import.meta.url));
  const expected = await format(renderComponentsModule(), {
    ...(await resolveConfig(target)),
    filepath: target,
  });
  expect(readFileSync(target, 'utf8')).toBe(expected);
});
