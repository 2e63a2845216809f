/**
 * The configuration a deployment runs with: what the deploy wizard collects and what every version of the
 * history snapshots. Plain data (JSON-serialisable) so it can be stored, diffed and sent to a runtime as is.
 */

import {
  DEPLOYMENT_CONFIG_FIELDS as FIELDS,
  type AutoscalerMode,
  type OptimizationTechnique,
  type Quantization,
} from './deployment-config.fields.js';

/** Optimization techniques and quantizations: their values and meanings are in deployment-config.fields.ts. */
export type { AutoscalerMode, OptimizationTechnique, Quantization };

export interface OptimizationConfig {
  technique: OptimizationTechnique;
  quantization: Quantization;
}

export interface ParametersConfig {
  // Meanings, units and limits of every field: deployment-config.fields.ts.
  temperature: number;
  maxLength: number;
  topP: number;
  topK: number;
  stopSequences: string[];
  inferenceBatchSize: number;
}

export interface ScalingConfig {
  minReplicas: number;
  /** At least minReplicas. */
  maxReplicas: number;
  scaleUpDelaySeconds: number;
  scaleDownDelaySeconds: number;
  /** 0: never. Configurations stored before the option lack it: read them through `completeStoredConfig()`. */
  scaleToZeroAfterSeconds: number;
  /** SHADOW: decisions are recorded, never applied. Configurations stored before the field existed lack it (ACTIVE). */
  autoscalerMode: AutoscalerMode;
  /** Median time to first token (ms) above which replicas are added; 0: no target. Older configurations lack it (0). */
  targetTtftMs: number;
  /** Completion tokens/s one replica should produce at most; 0: no target. Older configurations lack it (0). */
  targetTokensPerSecondPerReplica: number;
}

export interface DeploymentConfig {
  optimization: OptimizationConfig;
  parameters: ParametersConfig;
  /** Id of a hardware profile (see core/hardware-profile.ts). */
  hardwareProfileId: string;
  scaling: ScalingConfig;
}

const { parameters: P, scaling: S, optimization: O } = FIELDS;

export const DEFAULT_PARAMETERS: ParametersConfig = {
  temperature: P.temperature.default,
  maxLength: P.maxLength.default,
  topP: P.topP.default,
  topK: P.topK.default,
  stopSequences: [...P.stopSequences.default],
  inferenceBatchSize: P.inferenceBatchSize.default,
};

export const DEFAULT_SCALING: ScalingConfig = {
  minReplicas: S.minReplicas.default,
  maxReplicas: S.maxReplicas.default,
  scaleUpDelaySeconds: S.scaleUpDelaySeconds.default,
  scaleDownDelaySeconds: S.scaleDownDelaySeconds.default,
  scaleToZeroAfterSeconds: S.scaleToZeroAfterSeconds.default,
  autoscalerMode: S.autoscalerMode.default,
  targetTtftMs: S.targetTtftMs.default,
  targetTokensPerSecondPerReplica: S.targetTokensPerSecondPerReplica.default,
};

/**
 * A configuration as stored, with the fields added since it was written filled with their defaults (a version
 * deployed before scale to zero existed never scales to zero; one from before `autoscalerMode` reads as ACTIVE,
 * which is what it did). Every read of a stored configuration goes through it.
 */
export function completeStoredConfig(stored: DeploymentConfig): DeploymentConfig {
  return {
    ...stored,
    optimization: { ...DEFAULT_OPTIMIZATION, ...stored.optimization },
    parameters: { ...DEFAULT_PARAMETERS, ...stored.parameters },
    scaling: { ...DEFAULT_SCALING, ...stored.scaling },
  };
}

export const DEFAULT_OPTIMIZATION: OptimizationConfig = {
  technique: O.technique.default,
  quantization: O.quantization.default,
};

/** True when A and B name exactly the same fields. */
type SameFields<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;

// The interfaces above and the table name the same fields: adding one to only one of them fails to compile.
export const _tableCoversEveryField: [
  SameFields<OptimizationConfig, typeof FIELDS.optimization>,
  SameFields<ParametersConfig, typeof FIELDS.parameters>,
  SameFields<ScalingConfig, typeof FIELDS.scaling>,
  SameFields<DeploymentConfig, typeof FIELDS>,
] = [true, true, true, true];
