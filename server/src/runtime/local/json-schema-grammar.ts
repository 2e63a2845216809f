/**
 * Turns JSON schemas from OpenAI-style requests into schemas node-llama-cpp's grammar builder understands.
 * Its builder silently treats `anyOf` as "any JSON value", so `anyOf` becomes `oneOf` (for grammar purposes the
 * two generate the same set of documents); `definitions` refs become `$defs` refs. Other unsupported keywords
 * (pattern, minimum, …) are left for the final validation to catch.
 */

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function toGrammarSchema(schema: unknown): Json {
  if (Array.isArray(schema)) return schema.map(toGrammarSchema);
  if (schema === null || typeof schema !== 'object') return schema as Json;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (key === 'anyOf') {
      out.oneOf = toGrammarSchema(value);
    } else if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace(/^#\/definitions\//, '#/$defs/');
    } else if (SCHEMA_MAPS.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      // Names in these maps are data, not keywords: a property called "anyOf" keeps its name.
      out[key === 'definitions' ? '$defs' : key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, sub]) => [name, toGrammarSchema(sub)]),
      );
    } else {
      out[key] = toGrammarSchema(value);
    }
  }
  return out;
}

export interface ToolDefinition {
  name: string;
  description?: string;
  parameters?: unknown;
}

/** A schema for `{"name": <tool>, "arguments": <that tool's parameters>}` over the given tools. */
export function toolCallSchema(tools: ToolDefinition[]): Json {
  const variants = tools.map((tool): Json => ({
    type: 'object',
    properties: {
      name: { const: tool.name },
      arguments: toGrammarSchema(tool.parameters ?? { type: 'object', properties: {} }),
    },
    required: ['name', 'arguments'],
  }));
  return variants.length === 1 ? variants[0]! : { oneOf: variants };
}
