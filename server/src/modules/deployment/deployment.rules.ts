import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import type { HardwareProfile } from '../../core/hardware-profile.js';
import { ModelFormat, ModelSource } from '../model/model.enums.js';
import {
  DEPLOYMENT_CONFIG_FIELDS,
  DEPLOYMENT_DETAIL_FIELDS,
  QUANTIZATIONS_BY_TECHNIQUE,
  type NumberFieldSpec,
  type StringListFieldSpec,
} from '../../core/deployment-config/deployment-config.fields.js';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_PARAMETERS,
  DEFAULT_SCALING,
  type DeploymentConfig,
  type OptimizationConfig,
  type ParametersConfig,
  type ScalingConfig,
} from '../../core/deployment-config/deployment-config.js';

const { parameters: PARAMETERS, scaling: SCALING } = DEPLOYMENT_CONFIG_FIELDS;
const DETAILS = DEPLOYMENT_DETAIL_FIELDS;

function checkRange(errors: UserError[], path: string[], value: number, spec: NumberFieldSpec): void {
  const label = path[path.length - 1] ?? 'value';
  const integer = spec.kind === 'integer';
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    errors.push(
      userError(path, UserErrorCode.INVALID, `${label} must be ${integer ? 'an integer' : 'a number'}.`),
    );
  } else if (value < spec.min || value > spec.max) {
    errors.push(
      userError(
        path,
        UserErrorCode.OUT_OF_RANGE,
        `${label} must be between ${spec.min} and ${spec.max}; got ${value}.`,
      ),
    );
  }
}

/** A list field (stop sequences, tags): too many items, then each item that is empty or too long. */
function checkList(
  list: readonly string[],
  path: string[],
  spec: StringListFieldSpec,
  isEmpty: (item: string) => boolean = (item) => item.length === 0,
): UserError[] {
  const what = spec.label.toLowerCase();
  if (list.length > spec.maxItems) {
    return [userError(path, UserErrorCode.TOO_MANY, `At most ${spec.maxItems} ${what}; got ${list.length}.`)];
  }
  const errors: UserError[] = [];
  list.forEach((item, i) => {
    if (isEmpty(item) || item.length < spec.itemMinLength || item.length > spec.itemMaxLength) {
      errors.push(
        userError(
          [...path, String(i)],
          UserErrorCode.INVALID,
          `${spec.label} must be ${spec.itemMinLength}–${spec.itemMaxLength} characters.`,
        ),
      );
    }
  });
  return errors;
}

export function validateParameters(p: ParametersConfig, path: string[]): UserError[] {
  const errors: UserError[] = [];
  for (const key of ['temperature', 'maxLength', 'topP', 'topK', 'inferenceBatchSize'] as const) {
    checkRange(errors, [...path, key], p[key], PARAMETERS[key]);
  }
  errors.push(...checkList(p.stopSequences, [...path, 'stopSequences'], PARAMETERS.stopSequences));
  return errors;
}

export function validateScaling(s: ScalingConfig, path: string[]): UserError[] {
  const errors: UserError[] = [];
  checkRange(errors, [...path, 'minReplicas'], s.minReplicas, SCALING.minReplicas);
  checkRange(errors, [...path, 'maxReplicas'], s.maxReplicas, SCALING.maxReplicas);
  if (Number.isInteger(s.minReplicas) && Number.isInteger(s.maxReplicas) && s.maxReplicas < s.minReplicas) {
    errors.push(
      userError(
        [...path, 'maxReplicas'],
        UserErrorCode.OUT_OF_RANGE,
        `maxReplicas (${s.maxReplicas}) must be at least minReplicas (${s.minReplicas}).`,
      ),
    );
  }
  checkRange(errors, [...path, 'scaleUpDelaySeconds'], s.scaleUpDelaySeconds, SCALING.scaleUpDelaySeconds);
  checkRange(
    errors,
    [...path, 'scaleDownDelaySeconds'],
    s.scaleDownDelaySeconds,
    SCALING.scaleDownDelaySeconds,
  );
  checkRange(
    errors,
    [...path, 'scaleToZeroAfterSeconds'],
    s.scaleToZeroAfterSeconds,
    SCALING.scaleToZeroAfterSeconds,
  );
  checkRange(errors, [...path, 'targetTtftMs'], s.targetTtftMs, SCALING.targetTtftMs);
  checkRange(
    errors,
    [...path, 'targetTokensPerSecondPerReplica'],
    s.targetTokensPerSecondPerReplica,
    SCALING.targetTokensPerSecondPerReplica,
  );
  return errors;
}

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
  checkRange(errors, path, seconds, DETAILS.endpointTimeoutSeconds);
  return errors;
}

export function validateTags(tags: string[], path: string[]): UserError[] {
  // Tags are trimmed when stored, so a blank one would vanish: refuse it like an empty one.
  return checkList(tags, path, DETAILS.tags, (tag) => tag.trim().length === 0);
}

export function validateDescription(description: string, path: string[]): UserError[] {
  return description.length > DETAILS.description.maxLength
    ? [
        userError(
          path,
          UserErrorCode.INVALID,
          `The description is limited to ${DETAILS.description.maxLength} characters.`,
        ),
      ]
    : [];
}

export function validateName(name: string, path: string[]): UserError[] {
  if (name.trim().length === 0)
    return [userError(path, UserErrorCode.REQUIRED, 'Give the deployment a name.')];
  if (name.length > DETAILS.name.maxLength) {
    const message = `Names are limited to ${DETAILS.name.maxLength} characters.`;
    return [userError(path, UserErrorCode.INVALID, message)];
  }
  return [];
}

/** Optional GraphQL input fields arrive as null or undefined. */
export type Nullable<T> = { [K in keyof T]?: T[K] | null };

/** Fills what the wizard left out with defaults. */
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

/** What the deploy rules need to know beyond the input: the model, the runtime and its hardware. */
export interface DeployCheckContext {
  /** Null when the model could not be resolved (that error is reported by whoever resolved it). */
  model: { source: ModelSource; format: ModelFormat } | null;
  runtimeName: string;
  hardwareProfiles: HardwareProfile[];
}

/** A configuration as a whole (deploy, plan, redeploy, rollback); `path` leads to it in the input. */
export function checkConfig(
  config: DeploymentConfig,
  context: DeployCheckContext,
  path: string[],
): UserError[] {
  const { model, runtimeName, hardwareProfiles } = context;
  return [
    ...(model
      ? validateOptimization(config.optimization, model, runtimeName, [...path, 'optimization'])
      : []),
    ...validateParameters(config.parameters, [...path, 'parameters']),
    ...validateHardware(config.hardwareProfileId, hardwareProfiles, runtimeName, [
      ...path,
      'hardwareProfileId',
    ]),
    ...validateScaling(config.scaling, [...path, 'scaling']),
    ...validateScaleToZero(config.scaling, runtimeName, [...path, 'scaling', 'scaleToZeroAfterSeconds']),
  ];
}

/** Nomad keeps a job at its scaling policy's minimum (`minReplicas` ≥ 1): zero replicas is the local runtime's. */
export function validateScaleToZero(s: ScalingConfig, runtimeName: string, path: string[]): UserError[] {
  if (runtimeName === 'local' || !(s.scaleToZeroAfterSeconds > 0)) return [];
  return [
    userError(
      path,
      UserErrorCode.UNSUPPORTED,
      `Scale to zero runs on the local runtime only for now; this server runs the ${runtimeName} runtime, so set scaleToZeroAfterSeconds to 0.`,
    ),
  ];
}

/** The fields of deployModel's input the rules read (planDeployment's input has only the configuration). */
export interface DeployInputFields {
  optimization?: Nullable<OptimizationConfig> | null;
  parameters?: Nullable<ParametersConfig> | null;
  hardwareProfileId: string;
  scaling?: Nullable<ScalingConfig> | null;
  acceptTerms?: boolean;
  name?: string;
  description?: string | null;
  tags?: string[] | null;
  endpointTimeoutSeconds?: number | null;
}

export interface CheckedDeployInput {
  /** The configuration with defaults filled in (valid only when `errors` is empty). */
  config: DeploymentConfig;
  endpointTimeoutSeconds: number;
  errors: UserError[];
}

/**
 * Every rule a deploy (`deploy`) or a plan of one (`plan`: the configuration only) must pass, as userErrors with
 * the input path of the field. The one entry point: the service calls this and adds only what needs the database.
 */
export function checkDeployInput(
  input: DeployInputFields,
  context: DeployCheckContext,
  mode: 'deploy' | 'plan',
): CheckedDeployInput {
  const errors: UserError[] = [];
  if (mode === 'deploy') {
    if (!input.acceptTerms) {
      const message = 'Accept the terms and conditions to deploy.';
      errors.push(userError(['input', 'acceptTerms'], UserErrorCode.TERMS_NOT_ACCEPTED, message));
    }
    errors.push(...validateName(input.name ?? '', ['input', 'name']));
    errors.push(...validateDescription(input.description ?? '', ['input', 'description']));
    errors.push(...validateTags(input.tags ?? [], ['input', 'tags']));
  }
  const config = withDefaults(input);
  errors.push(...checkConfig(config, context, ['input']));
  const endpointTimeoutSeconds = input.endpointTimeoutSeconds ?? DETAILS.endpointTimeoutSeconds.default;
  if (mode === 'deploy') {
    errors.push(...validateTimeout(endpointTimeoutSeconds, ['input', 'endpointTimeoutSeconds']));
  }
  return { config, endpointTimeoutSeconds, errors };
}
