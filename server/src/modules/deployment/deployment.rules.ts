import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import type { HardwareProfile } from '../../core/hardware-profile.js';
import { ModelFormat, ModelSource } from '../model/model.enums.js';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_PARAMETERS,
  DEFAULT_SCALING,
  type DeploymentConfig,
  type OptimizationConfig,
  type ParametersConfig,
  type ScalingConfig,
} from '../../core/deployment-config/deployment-config.js';
import { DeploymentStatus } from './deployment.enums.js';

/** The seed's ranges. Each violation becomes a userError naming the field. */
export const RANGES = {
  temperature: { min: 0, max: 2 },
  maxLength: { min: 1, max: 32_768 },
  topP: { min: 0, max: 1 },
  topK: { min: 1, max: 100 },
  stopSequences: { maxItems: 4, maxLength: 100 },
  inferenceBatchSize: { min: 1, max: 256 },
  minReplicas: { min: 1, max: 10 },
  maxReplicas: { min: 1, max: 50 },
  scaleUpDelaySeconds: { min: 0, max: 3600 },
  scaleDownDelaySeconds: { min: 0, max: 3600 },
  endpointTimeoutSeconds: { min: 30, max: 180 },
} as const;

export const MAX_NAME_LENGTH = 200;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 50;
export const MAX_DESCRIPTION_LENGTH = 2000;

function checkRange(
  errors: UserError[],
  path: string[],
  value: number,
  range: { min: number; max: number },
  integer: boolean,
): void {
  const label = path[path.length - 1] ?? 'value';
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    errors.push(
      userError(path, UserErrorCode.INVALID, `${label} must be ${integer ? 'an integer' : 'a number'}.`),
    );
  } else if (value < range.min || value > range.max) {
    errors.push(
      userError(
        path,
        UserErrorCode.OUT_OF_RANGE,
        `${label} must be between ${range.min} and ${range.max}; got ${value}.`,
      ),
    );
  }
}

export function validateParameters(p: ParametersConfig, path: string[]): UserError[] {
  const errors: UserError[] = [];
  checkRange(errors, [...path, 'temperature'], p.temperature, RANGES.temperature, false);
  checkRange(errors, [...path, 'maxLength'], p.maxLength, RANGES.maxLength, true);
  checkRange(errors, [...path, 'topP'], p.topP, RANGES.topP, false);
  checkRange(errors, [...path, 'topK'], p.topK, RANGES.topK, true);
  checkRange(errors, [...path, 'inferenceBatchSize'], p.inferenceBatchSize, RANGES.inferenceBatchSize, true);
  if (p.stopSequences.length > RANGES.stopSequences.maxItems) {
    errors.push(
      userError(
        [...path, 'stopSequences'],
        UserErrorCode.TOO_MANY,
        `At most ${RANGES.stopSequences.maxItems} stop sequences; got ${p.stopSequences.length}.`,
      ),
    );
  }
  p.stopSequences.forEach((s, i) => {
    if (s.length === 0 || s.length > RANGES.stopSequences.maxLength) {
      errors.push(
        userError(
          [...path, 'stopSequences', String(i)],
          UserErrorCode.INVALID,
          `Stop sequences must be 1–${RANGES.stopSequences.maxLength} characters.`,
        ),
      );
    }
  });
  return errors;
}

export function validateScaling(s: ScalingConfig, path: string[]): UserError[] {
  const errors: UserError[] = [];
  checkRange(errors, [...path, 'minReplicas'], s.minReplicas, RANGES.minReplicas, true);
  checkRange(errors, [...path, 'maxReplicas'], s.maxReplicas, RANGES.maxReplicas, true);
  if (Number.isInteger(s.minReplicas) && Number.isInteger(s.maxReplicas) && s.maxReplicas < s.minReplicas) {
    errors.push(
      userError(
        [...path, 'maxReplicas'],
        UserErrorCode.OUT_OF_RANGE,
        `maxReplicas (${s.maxReplicas}) must be at least minReplicas (${s.minReplicas}).`,
      ),
    );
  }
  checkRange(
    errors,
    [...path, 'scaleUpDelaySeconds'],
    s.scaleUpDelaySeconds,
    RANGES.scaleUpDelaySeconds,
    true,
  );
  checkRange(
    errors,
    [...path, 'scaleDownDelaySeconds'],
    s.scaleDownDelaySeconds,
    RANGES.scaleDownDelaySeconds,
    true,
  );
  return errors;
}

/** Which quantizations each technique offers. */
export const QUANTIZATIONS_BY_TECHNIQUE: Record<
  OptimizationConfig['technique'],
  OptimizationConfig['quantization'][]
> = {
  NONE: ['NONE'],
  CTRANSLATE2: ['NONE', 'INT8_FLOAT16'],
  VLLM: ['NONE', 'AWQ'],
  GGUF_QUANTIZATION: ['Q8_0', 'Q4_K_M'],
};

export function validateOptimization(
  o: OptimizationConfig,
  model: { source: ModelSource; format: ModelFormat },
  runtimeName: string,
  path: string[],
): UserError[] {
  const errors: UserError[] = [];
  if (!QUANTIZATIONS_BY_TECHNIQUE[o.technique].includes(o.quantization)) {
    errors.push(
      userError(
        [...path, 'quantization'],
        UserErrorCode.UNSUPPORTED,
        `${o.technique} offers ${QUANTIZATIONS_BY_TECHNIQUE[o.technique].join(' or ')}, not ${o.quantization}.`,
      ),
    );
  }
  if ((o.technique === 'CTRANSLATE2' || o.technique === 'VLLM') && model.source !== ModelSource.PLATFORM) {
    errors.push(
      userError(
        [...path, 'technique'],
        UserErrorCode.UNSUPPORTED,
        'Optimization with CTranslate2 or vLLM is supported only for platform-hosted models; choose NONE.',
      ),
    );
  }
  if ((o.technique === 'CTRANSLATE2' || o.technique === 'VLLM') && runtimeName === 'local') {
    errors.push(
      userError(
        [...path, 'technique'],
        UserErrorCode.UNSUPPORTED,
        `${o.technique} optimization needs a GPU runtime (Nomad); on the local runtime use GGUF_QUANTIZATION or NONE.`,
      ),
    );
  }
  if (o.technique === 'GGUF_QUANTIZATION' && model.format !== ModelFormat.GGUF) {
    errors.push(
      userError(
        [...path, 'technique'],
        UserErrorCode.UNSUPPORTED,
        'GGUF quantization applies to GGUF models only.',
      ),
    );
  }
  return errors;
}

export function validateHardware(
  hardwareProfileId: string,
  profiles: HardwareProfile[],
  runtimeName: string,
  path: string[],
): UserError[] {
  const profile = profiles.find((p) => p.id === hardwareProfileId);
  if (!profile) {
    return [
      userError(
        path,
        UserErrorCode.NOT_FOUND,
        `Unknown hardware profile "${hardwareProfileId}"; pick one of hardwareProfiles.`,
      ),
    ];
  }
  if (profile.runtime !== runtimeName) {
    return [
      userError(
        path,
        UserErrorCode.UNSUPPORTED,
        `Hardware "${profile.name}" needs the ${profile.runtime} runtime; this server runs the ${runtimeName} runtime.`,
      ),
    ];
  }
  return [];
}

export function validateTimeout(seconds: number, path: string[]): UserError[] {
  const errors: UserError[] = [];
  checkRange(errors, path, seconds, RANGES.endpointTimeoutSeconds, true);
  return errors;
}

export function validateTags(tags: string[], path: string[]): UserError[] {
  if (tags.length > MAX_TAGS) return [userError(path, UserErrorCode.TOO_MANY, `At most ${MAX_TAGS} tags.`)];
  const bad = tags.findIndex((t) => t.trim().length === 0 || t.length > MAX_TAG_LENGTH);
  if (bad >= 0)
    return [
      userError(
        [...path, String(bad)],
        UserErrorCode.INVALID,
        `Tags must be 1–${MAX_TAG_LENGTH} characters.`,
      ),
    ];
  return [];
}

export function validateDescription(description: string, path: string[]): UserError[] {
  return description.length > MAX_DESCRIPTION_LENGTH
    ? [
        userError(
          path,
          UserErrorCode.INVALID,
          `The description is limited to ${MAX_DESCRIPTION_LENGTH} characters.`,
        ),
      ]
    : [];
}

export function validateName(name: string, path: string[]): UserError[] {
  if (name.trim().length === 0)
    return [userError(path, UserErrorCode.REQUIRED, 'Give the deployment a name.')];
  if (name.length > MAX_NAME_LENGTH)
    return [userError(path, UserErrorCode.INVALID, `Names are limited to ${MAX_NAME_LENGTH} characters.`)];
  return [];
}

/** Fills what the wizard left out with defaults. */
/** Optional GraphQL input fields arrive as null or undefined. */
export type Nullable<T> = { [K in keyof T]?: T[K] | null };

export function withDefaults(partial: {
  optimization?: Nullable<OptimizationConfig> | null;
  parameters?: Nullable<ParametersConfig> | null;
  hardwareProfileId: string;
  scaling?: Nullable<ScalingConfig> | null;
}): DeploymentConfig {
  return {
    optimization: { ...DEFAULT_OPTIMIZATION, ...stripNullish(partial.optimization ?? {}) },
    parameters: { ...DEFAULT_PARAMETERS, ...stripNullish(partial.parameters ?? {}) },
    hardwareProfileId: partial.hardwareProfileId,
    scaling: { ...DEFAULT_SCALING, ...stripNullish(partial.scaling ?? {}) },
  };
}

/** GraphQL gives `null` for omitted optional input fields in some clients; null means "keep the default". */
export function stripNullish<T extends object>(value: Nullable<T>): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<T>;
}

/** Which actions a status allows (the state machine's edges that users trigger). */
export const ALLOWED_FROM: Record<
  'redeploy' | 'retrigger' | 'undeploy' | 'delete' | 'rollback',
  DeploymentStatus[]
> = {
  redeploy: [
    DeploymentStatus.DEPLOYED,
    DeploymentStatus.DEPLOYING,
    DeploymentStatus.FAILED,
    DeploymentStatus.OPTIMIZING,
  ],
  rollback: [DeploymentStatus.DEPLOYED, DeploymentStatus.FAILED, DeploymentStatus.UNDEPLOYED],
  retrigger: [DeploymentStatus.FAILED, DeploymentStatus.UNDEPLOYED, DeploymentStatus.READY_TO_DEPLOY],
  undeploy: [
    DeploymentStatus.DEPLOYED,
    DeploymentStatus.DEPLOYING,
    DeploymentStatus.OPTIMIZING,
    DeploymentStatus.FAILED,
  ],
  delete: [DeploymentStatus.UNDEPLOYED, DeploymentStatus.READY_TO_DEPLOY],
};
