import { Ajv, type SchemaObject } from 'ajv';
import { describeField } from '../../../core/deployment-config/deployment-config.descriptions.js';
import type { DeploymentConfig } from '../../../core/deployment-config/deployment-config.js';
import {
  DEPLOYMENT_CONFIG_FIELDS as FIELDS,
  DEPLOYMENT_DETAIL_FIELDS as DETAILS,
  QUANTIZATIONS_BY_TECHNIQUE,
  type FieldSpec,
} from '../../../core/deployment-config/deployment-config.fields.js';

/**
 * deployconfig.json as written by model export and read back on import: the deployment configuration of the
 * model's latest deployment plus its description and tags. Re-importing pre-fills the deploy wizard from it.
 */
export interface DeployConfigFile extends DeploymentConfig {
  /** Bumped on incompatible changes; readers refuse versions they don't know. */
  formatVersion: 1;
  description?: string;
  tags?: string[];
}

export const DEPLOY_CONFIG_FILE_NAME = 'deployconfig.json';

/** One field of the configuration table as JSON Schema (the limits the deploy rules enforce, nothing looser). */
function schemaOf(spec: FieldSpec): SchemaObject {
  const description = describeField(spec);
  switch (spec.kind) {
    case 'number':
    case 'integer':
      return { type: spec.kind, minimum: spec.min, maximum: spec.max, description };
    case 'enum':
      return { type: 'string', enum: Object.keys(spec.values), description };
    case 'string':
      return { type: 'string', minLength: spec.minLength, maxLength: spec.maxLength, description };
    case 'stringList':
      return {
        type: 'array',
        items: { type: 'string', minLength: spec.itemMinLength, maxLength: spec.itemMaxLength },
        maxItems: spec.maxItems,
        description,
      };
  }
}

/**
 * Fields added after files were first exported: a file written before lacks them and its deploy takes the default
 * (`scaleToZeroAfterSeconds`: never; `autoscalerMode`: ACTIVE, what the autoscaler did then; the LLM-signal
 * targets: none, so it scaled on load alone as it did then).
 */
const ADDED_SINCE_FORMAT_1 = new Set([
  'scaleToZeroAfterSeconds',
  'autoscalerMode',
  'targetTtftMs',
  'targetTokensPerSecondPerReplica',
]);

/** An object of table fields, every one required but those added since (an export carries the whole configuration). */
function groupSchema(group: Record<string, FieldSpec>): SchemaObject {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(group).filter((key) => !ADDED_SINCE_FORMAT_1.has(key)),
    properties: Object.fromEntries(Object.entries(group).map(([key, spec]) => [key, schemaOf(spec)])),
  };
}

const tags = schemaOf(DETAILS.tags);

export const deployConfigSchema: SchemaObject = {
  $id: 'https://hangar.local/schemas/deployconfig.json',
  type: 'object',
  additionalProperties: false,
  required: ['formatVersion', 'optimization', 'parameters', 'hardwareProfileId', 'scaling'],
  properties: {
    formatVersion: { type: 'integer', const: 1 },
    // Both optional, and null has always been accepted for "none".
    description: { ...schemaOf(DETAILS.description), nullable: true },
    // A blank tag would vanish when trimmed on deploy, so the rules refuse it: `\S` says the same here.
    tags: { ...tags, items: { ...tags.items, pattern: '\\S' }, nullable: true },
    hardwareProfileId: schemaOf(FIELDS.hardwareProfileId),
    optimization: groupSchema(FIELDS.optimization),
    parameters: groupSchema(FIELDS.parameters),
    scaling: groupSchema(FIELDS.scaling),
  },
};

const ajv = new Ajv({ allErrors: true });
export const isDeployConfigFile = ajv.compile<DeployConfigFile>(deployConfigSchema);

/** Checks a parsed deployconfig.json; returns the problems as readable lines (empty when valid). */
export function deployConfigProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (!isDeployConfigFile(value)) {
    for (const error of isDeployConfigFile.errors ?? []) {
      problems.push(`${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`);
    }
  } else {
    // The rules between fields that a schema cannot say, so an imported file never pre-fills what deploying refuses.
    if (value.scaling.maxReplicas < value.scaling.minReplicas) {
      problems.push('/scaling/maxReplicas must be at least /scaling/minReplicas');
    }
    const { technique, quantization } = value.optimization;
    const offered = QUANTIZATIONS_BY_TECHNIQUE[technique];
    if (!offered.includes(quantization)) {
      problems.push(`/optimization/quantization must be ${offered.join(' or ')} for ${technique}`);
    }
  }
  return problems;
}
