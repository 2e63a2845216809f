import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { badParameter } from '../core/openai/openai-error.js';
import type { RequestBody } from './gateway.parameters.js';

/**
 * Keywords a schema may use. Each is either enforced during generation (node-llama-cpp's grammar; `anyOf` is
 * translated to `oneOf` by the local runtime because the grammar silently ignores it) or is a pure annotation.
 * Anything else (pattern, minimum, multipleOf, not, if/then, …) cannot be enforced while generating, so it is
 * refused rather than silently ignored. Every output is validated afterwards anyway.
 */
const SUPPORTED_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'format',
  '$defs',
  '$ref',
  // Annotations: they never constrain the output.
  'description',
  'title',
  '$schema',
  '$comment',
  'default',
  'examples',
]);
const SUPPORTED_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const SUPPORTED_FORMATS = new Set(['date-time', 'date', 'time']);

export type StructuredOutput =
  | { kind: 'json_schema'; schema: Record<string, unknown>; validate: ValidateFunction }
  | { kind: 'json_object' };

const SCHEMA_PARAM = 'response_format.json_schema.schema';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function unsupported(path: string, keyword: string, detail: string) {
  return badParameter(
    `${path}.${keyword}`,
    `JSON Schema keyword '${keyword}' at ${path} is not supported for structured output: ${detail}`,
    'unsupported_schema_keyword',
  );
}

/** Throws a 400 naming the first keyword or value the gateway cannot enforce. */
export function checkSchemaKeywords(schema: unknown, path = SCHEMA_PARAM): void {
  if (typeof schema === 'boolean') return;
  if (!isObject(schema)) throw badParameter(path, `${path} must be a JSON Schema object.`, 'invalid_type');
  for (const [keyword, value] of Object.entries(schema)) {
    if (!SUPPORTED_KEYWORDS.has(keyword)) {
      throw unsupported(path, keyword, `supported keywords are ${[...SUPPORTED_KEYWORDS].join(', ')}.`);
    }
    switch (keyword) {
      case 'type': {
        const types = Array.isArray(value) ? value : [value];
        const bad = types.find((t) => typeof t !== 'string' || !SUPPORTED_TYPES.has(t));
        if (bad !== undefined || types.length === 0) {
          throw unsupported(
            path,
            keyword,
            `type ${JSON.stringify(bad)} is not one of ${[...SUPPORTED_TYPES].join(', ')}.`,
          );
        }
        break;
      }
      case 'format':
        if (typeof value !== 'string' || !SUPPORTED_FORMATS.has(value)) {
          throw unsupported(
            path,
            keyword,
            `only the formats ${[...SUPPORTED_FORMATS].join(', ')} can be enforced.`,
          );
        }
        break;
      case '$ref':
        if (typeof value !== 'string' || !value.startsWith('#/$defs/')) {
          throw unsupported(
            path,
            keyword,
            "only local references of the form '#/$defs/<name>' are supported.",
          );
        }
        break;
      case 'items':
        if (Array.isArray(value))
          throw unsupported(path, keyword, 'the tuple form is not supported; use prefixItems.');
        checkSchemaKeywords(value, `${path}.items`);
        break;
      case 'additionalProperties':
        if (typeof value !== 'boolean') checkSchemaKeywords(value, `${path}.additionalProperties`);
        break;
      case 'properties':
      case '$defs':
        if (!isObject(value))
          throw badParameter(`${path}.${keyword}`, `${path}.${keyword} must be an object.`, 'invalid_type');
        for (const [name, sub] of Object.entries(value))
          checkSchemaKeywords(sub, `${path}.${keyword}.${name}`);
        break;
      case 'anyOf':
      case 'oneOf':
      case 'prefixItems':
        if (!Array.isArray(value) || value.length === 0) {
          throw badParameter(
            `${path}.${keyword}`,
            `${path}.${keyword} must be a non-empty array of schemas.`,
            'invalid_type',
          );
        }
        value.forEach((sub, i) => checkSchemaKeywords(sub, `${path}.${keyword}[${i}]`));
        break;
      case 'enum':
        if (!Array.isArray(value) || value.length === 0) {
          throw badParameter(`${path}.enum`, `${path}.enum must be a non-empty array.`, 'invalid_type');
        }
        break;
    }
  }
}

// RFC 3339 shapes, as the grammar produces them; ajv-formats is not a dependency for three formats.
const ajv = new Ajv2020({
  allErrors: true,
  strict: false,
  formats: {
    date: /^\d{4}-\d{2}-\d{2}$/,
    time: /^\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?$/,
    'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
  },
});

// Compiling is ~1 ms; applications send the same schema on every request, so reuse validators (bounded).
const validators = new Map<string, ValidateFunction>();
const MAX_CACHED_VALIDATORS = 256;

function compile(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      throw badParameter(
        SCHEMA_PARAM,
        `The JSON Schema is invalid: ${(error as Error).message}`,
        'invalid_schema',
      );
    }
    if (validators.size >= MAX_CACHED_VALIDATORS) validators.delete(validators.keys().next().value as string);
    validators.set(key, validate);
  }
  return validate;
}

/** Reads and checks `response_format`; returns null for plain text. */
export function parseResponseFormat(body: RequestBody): StructuredOutput | null {
  const format = body.response_format;
  if (format === undefined || format === null) return null;
  if (!isObject(format))
    throw badParameter('response_format', "'response_format' must be an object.", 'invalid_type');
  switch (format.type) {
    case 'text':
      return null;
    case 'json_object':
      return { kind: 'json_object' };
    case 'json_schema': {
      const jsonSchema = format.json_schema;
      if (!isObject(jsonSchema) || !isObject(jsonSchema.schema)) {
        throw badParameter(SCHEMA_PARAM, `'${SCHEMA_PARAM}' must be a JSON Schema object.`, 'invalid_type');
      }
      checkSchemaKeywords(jsonSchema.schema);
      return { kind: 'json_schema', schema: jsonSchema.schema, validate: compile(jsonSchema.schema) };
    }
    default:
      throw badParameter(
        'response_format.type',
        "'response_format.type' must be 'text', 'json_object' or 'json_schema'.",
        'invalid_value',
      );
  }
}

/** Returns why `content` does not satisfy the requested format, or null when it does. */
export function findOutputViolation(format: StructuredOutput, content: unknown): string | null {
  if (typeof content !== 'string') return 'the model returned no text content';
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return 'the output is not valid JSON';
  }
  if (format.kind === 'json_object') return isObject(value) ? null : 'the output is not a JSON object';
  if (format.validate(value)) return null;
  return ajv.errorsText(format.validate.errors, { dataVar: 'output' });
}
