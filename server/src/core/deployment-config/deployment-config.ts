/**
 * The configuration a deployment runs with: what the deploy wizard collects and what every version of the
 * history snapshots. Plain data (JSON-serialisable) so it can be stored, diffed and sent to a runtime as is.
 */

/** Optimization techniques. CTranslate2 and vLLM run on GPU runtimes; GGUF quantization is the local runtime's. */
export type OptimizationTechnique = 'NONE' | 'CTRANSLATE2' | 'VLLM' | 'GGUF_QUANTIZATION';

/** Quantization choices; which ones apply depends on the technique (see deployment.rules.ts). */
export type Quantization = 'NONE' | 'INT8_FLOAT16' | 'AWQ' | 'Q8_0' | 'Q4_K_M';

export interface OptimizationConfig {
  technique: OptimizationTechnique;
  quantization: Quantization;
}

export interface ParametersConfig {
  /** Sampling temperature, 0–2. */
  temperature: number;
  /** Maximum number of tokens to generate, ≥ 1. */
  maxLength: number;
  /** Nucleus sampling mass, 0–1. */
  topP: number;
  /** Top-k filtering, 1–100. */
  topK: number;
  /** At most 4 stop sequences. */
  stopSequences: string[];
  /** Concurrent requests one replica serves at once, 1–256. */
  inferenceBatchSize: number;
}

export interface ScalingConfig {
  /** 1–10. */
  minReplicas: number;
  /** 1–50, ≥ minReplicas. */
  maxReplicas: number;
  /** Seconds of sustained load before adding a replica, 0–3600. */
  scaleUpDelaySeconds: number;
  /** Seconds of low load before removing a replica, 0–3600. */
  scaleDownDelaySeconds: number;
}

export interface DeploymentConfig {
  optimization: OptimizationConfig;
  parameters: ParametersConfig;
  /** Id of a hardware profile (see core/hardware-profile.ts). */
  hardwareProfileId: string;
  scaling: ScalingConfig;
}

export const DEFAULT_PARAMETERS: ParametersConfig = {
  temperature: 0.7,
  maxLength: 512,
  topP: 0.9,
  topK: 40,
  stopSequences: [],
  inferenceBatchSize: 4,
};

export const DEFAULT_SCALING: ScalingConfig = {
  minReplicas: 1,
  maxReplicas: 1,
  scaleUpDelaySeconds: 30,
  scaleDownDelaySeconds: 600,
};

export const DEFAULT_OPTIMIZATION: OptimizationConfig = { technique: 'NONE', quantization: 'NONE' };
