import { Ajv, type JSONSchemaType } from 'ajv';
import type { DeploymentConfig } from '../../../core/deployment-config/deployment-config.js';

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

export const deployConfigSchema: JSONSchemaType<DeployConfigFile> = {
  $id: 'https://hangar.local/schemas/deployconfig.json',
  type: 'object',
  additionalProperties: false,
  required: ['formatVersion', 'optimization', 'parameters', 'hardwareProfileId', 'scaling'],
  properties: {
    formatVersion: { type: 'integer', const: 1 },
    description: { type: 'string', maxLength: 2000, nullable: true },
    tags: {
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: 64 },
      maxItems: 32,
      nullable: true,
    },
    hardwareProfileId: { type: 'string', minLength: 1, maxLength: 128 },
    optimization: {
      type: 'object',
      additionalProperties: false,
      required: ['technique', 'quantization'],
      properties: {
        technique: { type: 'string', enum: ['NONE', 'CTRANSLATE2', 'VLLM', 'GGUF_QUANTIZATION'] },
        quantization: { type: 'string', enum: ['NONE', 'INT8_FLOAT16', 'AWQ', 'Q8_0', 'Q4_K_M'] },
      },
    },
    parameters: {
      type: 'object',
      additionalProperties: false,
      required: ['temperature', 'maxLength', 'topP', 'topK', 'stopSequences', 'inferenceBatchSize'],
      properties: {
        temperature: { type: 'number', minimum: 0, maximum: 2 },
        maxLength: { type: 'integer', minimum: 1, maximum: 1_000_000 },
        topP: { type: 'number', minimum: 0, maximum: 1 },
        topK: { type: 'integer', minimum: 1, maximum: 100 },
        stopSequences: {
          type: 'array',
          items: { type: 'string', minLength: 1, maxLength: 256 },
          maxItems: 4,
        },
        inferenceBatchSize: { type: 'integer', minimum: 1, maximum: 256 },
      },
    },
    scaling: {
      type: 'object',
      additionalProperties: false,
      required: ['minReplicas', 'maxReplicas', 'scaleUpDelaySeconds', 'scaleDownDelaySeconds'],
      properties: {
        minReplicas: { type: 'integer', minimum: 1, maximum: 10 },
        maxReplicas: { type: 'integer', minimum: 1, maximum: 50 },
        scaleUpDelaySeconds: { type: 'integer', minimum: 0, maximum: 3600 },
        scaleDownDelaySeconds: { type: 'integer', minimum: 0, maximum: 3600 },
      },
    },
  },
};

const ajv = new Ajv({ allErrors: true });
export const isDeployConfigFile = ajv.compile(deployConfigSchema);

/** Checks a parsed deployconfig.json; returns the problems as readable lines (empty when valid). */
export function deployConfigProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (!isDeployConfigFile(value)) {
    for (const error of isDeployConfigFile.errors ?? []) {
      problems.push(`${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`);
    }
  } else if (value.scaling.maxReplicas < value.scaling.minReplicas) {
    problems.push('/scaling/maxReplicas must be at least /scaling/minReplicas');
  }
  return problems;
}
