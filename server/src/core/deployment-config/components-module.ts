import { describeField } from './deployment-config.descriptions.js';
import {
  DEPLOYMENT_CONFIG_FIELDS,
  DEPLOYMENT_DETAIL_FIELDS,
  QUANTIZATIONS_BY_TECHNIQUE,
  type FieldSpec,
} from './deployment-config.fields.js';

/**
 * The component library's copy of the configuration table, as TypeScript source. The components are published
 * on their own and compile with `rootDir: src`, so they cannot import server/src; a generated file keeps them
 * self-contained without a copy by hand (a server test fails when the committed file differs from this).
 */

/** Where the generated file lives, relative to the repository root. */
export const COMPONENTS_MODULE_PATH = 'components/src/generated/deployment-config.ts';

/** Every field of the table under its input path (`parameters.topK`), the keys the wizard's errors use. */
function byPath(): Record<string, FieldSpec> {
  const paths: Record<string, FieldSpec> = {};
  for (const [key, value] of Object.entries(DEPLOYMENT_CONFIG_FIELDS)) {
    if ('kind' in value) paths[key] = value as FieldSpec;
    else for (const [field, spec] of Object.entries(value)) paths[`${key}.${field}`] = spec as FieldSpec;
  }
  for (const [key, spec] of Object.entries(DEPLOYMENT_DETAIL_FIELDS)) paths[key] = spec;
  return paths;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** The module's source before formatting (the emitter and the test both run it through prettier). */
export function renderComponentsModule(): string {
  const help = Object.fromEntries(
    // Plain text in the wizard: the GraphQL descriptions' code marks would show as backticks.
    Object.entries(byPath()).map(([path, spec]) => [
      path,
      describeField(spec, { withDefault: true }).replaceAll('`', ''),
    ]),
  );
  return `// Generated from server/src/core/deployment-config by \`npm run config:emit -w server\`: do not edit.
// The deployment configuration table (types, defaults, limits, units, descriptions) the server enforces.

export const DEPLOYMENT_CONFIG_FIELDS = ${json(DEPLOYMENT_CONFIG_FIELDS)} as const;

/** The deployment's details next to its configuration (name, description, tags, endpoint timeout). */
export const DEPLOYMENT_DETAIL_FIELDS = ${json(DEPLOYMENT_DETAIL_FIELDS)} as const;

/** Which quantizations each technique offers; the first is the one to pick when switching technique. */
export const QUANTIZATIONS_BY_TECHNIQUE = ${json(QUANTIZATIONS_BY_TECHNIQUE)} as const;

/** Help text of every field under its input path (the key of the wizard's field errors), limits and default included. */
export const FIELD_HELP = ${json(help)} as const;
`;
}
