import type { FieldSpec } from './deployment-config.fields.js';

/**
 * Human-readable descriptions generated from a field's spec, so the GraphQL schema, the wizard's help texts and
 * the JSON Schema say the same limits the rules enforce.
 */

const numberText = (n: number): string => String(n);

/** The field's limits as a phrase: `0–2`, `1–131072 tokens`, `at most 4, each 1–256 characters`. */
export function limitsOf(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'number':
    case 'integer':
      return `${numberText(spec.min)}–${numberText(spec.max)}${spec.unit ? ` ${spec.unit}` : ''}`;
    case 'string':
      return spec.minLength > 0
        ? `${spec.minLength}–${spec.maxLength} characters`
        : `at most ${spec.maxLength} characters`;
    case 'stringList':
      return `at most ${spec.maxItems}, each ${spec.itemMinLength}–${spec.itemMaxLength} characters`;
    case 'enum':
      return `one of ${Object.keys(spec.values).join(', ')}`;
  }
}

function defaultOf(spec: FieldSpec): string | null {
  switch (spec.kind) {
    case 'number':
    case 'integer':
      return numberText(spec.default);
    case 'enum':
      return spec.default;
    case 'stringList':
      return spec.default.length ? spec.default.join(', ') : 'none';
    case 'string':
      return null;
  }
}

/**
 * `<description>; <limits>[ (default <d>)]. [Requests override it with `<openAiName>`.]` Enums leave out their
 * value list: GraphQL and the wizard list the values themselves.
 */
export function describeField(spec: FieldSpec, options: { withDefault?: boolean } = {}): string {
  const limits = spec.kind === 'enum' ? '' : `; ${limitsOf(spec)}`;
  const fallback = options.withDefault ? defaultOf(spec) : null;
  const override =
    'openAiName' in spec && spec.openAiName ? ` Requests override it with \`${spec.openAiName}\`.` : '';
  return `${spec.description}${limits}${fallback === null ? '' : ` (default ${fallback})`}.${override}`;
}
