import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** GraphQL views of deployment.config.ts: output types for reading, input types for the wizard. */

export const OptimizationTechniqueEnum = {
  NONE: 'NONE',
  CTRANSLATE2: 'CTRANSLATE2',
  VLLM: 'VLLM',
  GGUF_QUANTIZATION: 'GGUF_QUANTIZATION',
} as const;

export const QuantizationEnum = {
  NONE: 'NONE',
  INT8_FLOAT16: 'INT8_FLOAT16',
  AWQ: 'AWQ',
  Q8_0: 'Q8_0',
  Q4_K_M: 'Q4_K_M',
} as const;

registerEnumType(OptimizationTechniqueEnum, {
  name: 'OptimizationTechnique',
  description: 'How a model is optimized before serving.',
  valuesConfig: {
    NONE: { description: 'Skip optimization.' },
    CTRANSLATE2: { description: 'CTranslate2 conversion (GPU runtimes, platform-hosted models).' },
    VLLM: {
      description: 'vLLM serving with optional AWQ quantization (GPU runtimes, platform-hosted models).',
    },
    GGUF_QUANTIZATION: {
      description: 'llama.cpp quantization of a GGUF model (the local runtime’s counterpart).',
    },
  },
});
registerEnumType(QuantizationEnum, {
  name: 'Quantization',
  description: 'Quantization applied by the optimization technique.',
  valuesConfig: {
    NONE: { description: 'Keep the original precision.' },
    INT8_FLOAT16: { description: 'CTranslate2 int8 weights with float16 compute.' },
    AWQ: { description: 'vLLM 4-bit activation-aware weight quantization.' },
    Q8_0: { description: 'llama.cpp 8-bit quantization.' },
    Q4_K_M: { description: 'llama.cpp 4-bit k-quant (medium).' },
  },
});

@ObjectType({ description: 'Optimization chosen for a deployment.' })
export class OptimizationSettings {
  @Field(() => OptimizationTechniqueEnum, { description: 'Technique.' })
  technique!: keyof typeof OptimizationTechniqueEnum;

  @Field(() => QuantizationEnum, { description: 'Quantization.' })
  quantization!: keyof typeof QuantizationEnum;
}

@ObjectType({ description: 'Generation parameters: the defaults of every request to the endpoint.' })
export class ParameterSettings {
  @Field(() => Float, { description: 'Sampling temperature, 0–2.' })
  temperature!: number;

  @Field(() => Int, { description: 'Maximum number of tokens to generate.' })
  maxLength!: number;

  @Field(() => Float, { description: 'Top p, 0–1.' })
  topP!: number;

  @Field(() => Int, { description: 'Top k, 1–100.' })
  topK!: number;

  @Field(() => [String], { description: 'Up to 4 sequences that stop generation.' })
  stopSequences!: string[];

  @Field(() => Int, { description: 'Concurrent requests one replica serves, 1–256.' })
  inferenceBatchSize!: number;
}

@ObjectType({ description: 'Autoscaling bounds and delays.' })
export class ScalingSettings {
  @Field(() => Int, { description: 'Minimum replicas, 1–10.' })
  minReplicas!: number;

  @Field(() => Int, { description: 'Maximum replicas, 1–50, ≥ minReplicas.' })
  maxReplicas!: number;

  @Field(() => Int, { description: 'Seconds of sustained load before scaling up, 0–3600.' })
  scaleUpDelaySeconds!: number;

  @Field(() => Int, { description: 'Seconds of low load before scaling down, 0–3600.' })
  scaleDownDelaySeconds!: number;
}

@ObjectType({ description: 'The full configuration of a deployment or of one of its versions.' })
export class DeploymentConfiguration {
  @Field(() => OptimizationSettings, { description: 'Optimization.' })
  optimization!: OptimizationSettings;

  @Field(() => ParameterSettings, { description: 'Generation parameters.' })
  parameters!: ParameterSettings;

  @Field(() => String, { description: 'Id of the hardware profile (see `hardwareProfiles`).' })
  hardwareProfileId!: string;

  @Field(() => ScalingSettings, { description: 'Scaling.' })
  scaling!: ScalingSettings;
}

@InputType({ description: 'Optimization step of the wizard.' })
export class OptimizationInput {
  @Field(() => OptimizationTechniqueEnum, { description: 'Technique (default NONE).' })
  technique!: keyof typeof OptimizationTechniqueEnum;

  @Field(() => QuantizationEnum, { nullable: true, description: 'Quantization (default NONE).' })
  quantization?: keyof typeof QuantizationEnum | null;
}

@InputType({
  description: 'Parameters step of the wizard; omitted fields keep their defaults (or current values).',
})
export class ParametersInput {
  @Field(() => Float, { nullable: true, description: 'Temperature, 0–2 (default 0.7).' })
  temperature?: number | null;

  @Field(() => Int, { nullable: true, description: 'Maximum length in tokens, ≥ 1 (default 512).' })
  maxLength?: number | null;

  @Field(() => Float, { nullable: true, description: 'Top p, 0–1 (default 0.9).' })
  topP?: number | null;

  @Field(() => Int, { nullable: true, description: 'Top k, 1–100 (default 40).' })
  topK?: number | null;

  @Field(() => [String], { nullable: true, description: 'At most 4 stop sequences (default none).' })
  stopSequences?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Inference batch size, 1–256 (default 4).' })
  inferenceBatchSize?: number | null;
}

@InputType({
  description: 'Scaling part of the parameters step; omitted fields keep their defaults (or current values).',
})
export class ScalingInput {
  @Field(() => Int, { nullable: true, description: 'Minimum replicas, 1–10 (default 1).' })
  minReplicas?: number | null;

  @Field(() => Int, { nullable: true, description: 'Maximum replicas, 1–50 and ≥ min (default 1).' })
  maxReplicas?: number | null;

  @Field(() => Int, { nullable: true, description: 'Scale-up delay in seconds, 0–3600 (default 30).' })
  scaleUpDelaySeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'Scale-down delay in seconds, 0–3600 (default 600).' })
  scaleDownDelaySeconds?: number | null;
}
