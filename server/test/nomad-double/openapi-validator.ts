import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/** The official spec lives in `shared/` beside the checkout (as CI lays it out); HANGAR_NOMAD_OPENAPI overrides. */
export const NOMAD_OPENAPI_FILE = process.env.HANGAR_NOMAD_OPENAPI
  ? pathToFileURL(process.env.HANGAR_NOMAD_OPENAPI)
  : new URL('../../../../shared/nomad/openapi.yaml', import.meta.url);

type JsonNode = Record<string, unknown>;

/**
 * Validates JSON against schemas of the official Nomad OpenAPI spec. Known gaps (shared/nomad/REFERENCE.md §1.12)
 * and how they are handled:
 * - The spec never marks anything nullable, but Go encodes nil slices, maps and pointers as `null`: null values are
 *   treated as absent before validation.
 * - No event-stream or `/service/:name` schemas: their payloads are validated against Job/Allocation/Deployment and
 *   ServiceRegistration, which the spec does have.
 * - Request bodies are validated strictly (unknown keys rejected, as a typo'd key would be silently dropped by
 *   Nomad), except the free-form maps the spec leaves open (task Config, scaling Policy, Meta).
 *   Responses are validated for types only, since Nomad ≥ 1.5 returns fields the 1.4-era spec does not know.
 */
export class NomadSpecValidator {
  private readonly strict: Ajv;
  private readonly loose: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(file: URL = NOMAD_OPENAPI_FILE) {
    const spec = loadSpec(file);
    this.strict = this.createAjv({ components: closeObjects(structuredClone(spec.components)) });
    this.loose = this.createAjv({ components: spec.components });
  }

  private createAjv(schema: JsonNode): Ajv {
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const name of ['int64', 'int32', 'double', 'float'])
      ajv.addFormat(name, { type: 'number', validate: () => true });
    ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    ajv.addSchema(schema, 'nomad');
    return ajv;
  }

  /** Returns readable violations (empty when valid). `schema` is a components/schemas name; `[]` suffix = array of. */
  check(kind: 'request' | 'response', schema: string, value: unknown): string[] {
    const key = `${kind}:${schema}`;
    let validate = this.cache.get(key);
    if (!validate) {
      const isArray = schema.endsWith('[]');
      const ref = { $ref: `nomad#/components/schemas/${schema.replace(/\[\]$/, '')}` };
      const ajv = kind === 'request' ? this.strict : this.loose;
      validate = ajv.compile(isArray ? { type: 'array', items: ref } : ref);
      this.cache.set(key, validate);
    }
    if (validate(withoutNulls(value))) return [];
    return (validate.errors ?? []).map(
      (error) => `${kind} ${schema}${error.instancePath}: ${error.message} ${JSON.stringify(error.params)}`,
    );
  }
}

/**
 * Parsing the 258 KB YAML takes seconds; its JSON form, cached in the temp folder under the file's hash, takes
 * milliseconds for every later test process.
 */
function loadSpec(file: URL): { components: JsonNode } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `The Nomad tests validate against the official spec at ${fileURLToPath(file)}, which is missing: ` +
        'keep shared/ beside the checkout (as CI does) or set HANGAR_NOMAD_OPENAPI to the openapi.yaml path.',
      { cause: error },
    );
  }
  const cache = join(
    tmpdir(),
    `nomad-openapi-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.json`,
  );
  try {
    return JSON.parse(readFileSync(cache, 'utf8')) as { components: JsonNode };
  } catch {
    // uniqueKeys:false: the generated spec has no duplicate keys, and the check makes parsing ~3× slower.
    const spec = parse(text, { uniqueKeys: false }) as { components: JsonNode };
    const partial = `${cache}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(spec));
    renameSync(partial, cache);
    return spec;
  }
}

let shared: NomadSpecValidator | undefined;

/** Parsing the 258 KB spec and compiling its schemas takes seconds: share one validator per test process. */
export function sharedNomadSpecValidator(): NomadSpecValidator {
  shared ??= new NomadSpecValidator();
  return shared;
}

/** Adds additionalProperties:false wherever the spec lists properties without saying what else is allowed. */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!node || typeof node !== 'object') return node;
  const object = node as JsonNode;
  for (const [key, value] of Object.entries(object)) object[key] = closeObjects(value);
  if (
    object.properties &&
    typeof object.properties === 'object' &&
    object.additionalProperties === undefined
  ) {
    object.additionalProperties = false;
  }
  return object;
}

export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as JsonNode)
      .filter(([, entry]) => entry !== null)
      .map(([key, entry]) => [key, withoutNulls(entry)]),
  );
}
