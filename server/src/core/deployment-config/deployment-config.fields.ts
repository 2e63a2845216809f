/**
 * The one table of every deployment configuration field: type, default, limits, unit and description. GraphQL
 * descriptions, the deploy rules, the deployconfig.json schema, the gateway's and the replica's request checks and
 * the component library's wizard (through a generated module) are all derived from it, so a limit exists once.
 * Plain data: no imports, so every floor above (and the browser bundle) can read it.
 */

export interface NumberFieldSpec {
  kind: 'number' | 'integer';
  /** What the wizard shows as the field's label. */
  label: string;
  description: string;
  unit?: string;
  min: number;
  max: number;
  default: number;
  /** The OpenAI request parameter that overrides this default per request, when there is one. */
  openAiName?: string;
}

export interface EnumFieldSpec<V extends string = string> {
  kind: 'enum';
  label: string;
  description: string;
  /** Every allowed value with what it means (GraphQL enum value descriptions, wizard help). */
  values: Readonly<Record<V, string>>;
  default: V;
}

export interface StringFieldSpec {
  kind: 'string';
  label: string;
  description: string;
  minLength: number;
  maxLength: number;
}

export interface StringListFieldSpec {
  kind: 'stringList';
  label: string;
  description: string;
  maxItems: number;
  itemMinLength: number;
  itemMaxLength: number;
  default: readonly string[];
  openAiName?: string;
}

export type FieldSpec = NumberFieldSpec | EnumFieldSpec | StringFieldSpec | StringListFieldSpec;

const TECHNIQUES = {
  NONE: 'Skip optimization.',
  CTRANSLATE2: 'CTranslate2 conversion (GPU runtimes, platform-hosted models).',
  VLLM: 'vLLM serving with optional AWQ quantization (GPU runtimes, platform-hosted models).',
  GGUF_QUANTIZATION: 'llama.cpp quantization of a GGUF model (the local runtime’s counterpart).',
} as const;

const AUTOSCALER_MODES = {
  ACTIVE: 'Scales the replicas between the minimum and the maximum.',
  SHADOW:
    'Records every decision it would take (with its inputs and reason) in the deployment events and changes nothing.',
} as const;

const QUANTIZATIONS = {
  NONE: 'Keep the original precision.',
  INT8_FLOAT16: 'CTranslate2 int8 weights with float16 compute.',
  AWQ: 'vLLM 4-bit activation-aware weight quantization.',
  Q8_0: 'llama.cpp 8-bit quantization.',
  Q4_K_M: 'llama.cpp 4-bit k-quant (medium).',
} as const;

export const DEPLOYMENT_CONFIG_FIELDS = {
  optimization: {
    technique: {
      kind: 'enum',
      label: 'Technique',
      description: 'How the model is optimized before serving',
      values: TECHNIQUES,
      default: 'NONE',
    } satisfies EnumFieldSpec<keyof typeof TECHNIQUES>,
    quantization: {
      kind: 'enum',
      label: 'Quantization',
      description: 'Quantization applied by the technique; each technique offers its own',
      values: QUANTIZATIONS,
      default: 'NONE',
    } satisfies EnumFieldSpec<keyof typeof QUANTIZATIONS>,
  },
  parameters: {
    temperature: {
      kind: 'number',
      label: 'Temperature',
      description: 'Sampling temperature: higher is more random, 0 always picks the likeliest token',
      min: 0,
      max: 2,
      default: 0.7,
      openAiName: 'temperature',
    } satisfies NumberFieldSpec,
    maxLength: {
      kind: 'integer',
      label: 'Maximum length',
      description: 'Maximum number of tokens to generate (a request may ask for fewer, never more)',
      unit: 'tokens',
      min: 1,
      // 128 Ki tokens: the context window of current open models (Llama 3.1, Qwen 2.5), and above what
      // OpenAI clients commonly send as max_tokens (4 096 … 100 000), so such a client is never refused by default.
      max: 131_072,
      default: 512,
      openAiName: 'max_tokens',
    } satisfies NumberFieldSpec,
    topP: {
      kind: 'number',
      label: 'Top p',
      description:
        'Nucleus sampling: sample from the smallest set of tokens whose probability reaches this mass',
      min: 0,
      max: 1,
      default: 0.9,
      openAiName: 'top_p',
    } satisfies NumberFieldSpec,
    topK: {
      kind: 'integer',
      label: 'Top k',
      description: 'Sample only from this many likeliest tokens',
      unit: 'tokens',
      min: 1,
      // Past 100 top-k no longer filters anything a user notices; llama.cpp and HF default to 40–50.
      max: 100,
      default: 40,
      openAiName: 'top_k',
    } satisfies NumberFieldSpec,
    stopSequences: {
      kind: 'stringList',
      label: 'Stop sequences',
      description: 'Sequences that stop generation',
      // OpenAI's own limit for `stop`, so a request valid there is valid here.
      maxItems: 4,
      itemMinLength: 1,
      itemMaxLength: 256,
      default: [],
      openAiName: 'stop',
    } satisfies StringListFieldSpec,
    inferenceBatchSize: {
      kind: 'integer',
      label: 'Inference batch size',
      description: 'Concurrent requests one replica serves at once',
      unit: 'requests',
      min: 1,
      max: 256,
      default: 4,
    } satisfies NumberFieldSpec,
  },
  hardwareProfileId: {
    kind: 'string',
    label: 'Hardware',
    description: 'Id of the hardware profile (see `hardwareProfiles`)',
    minLength: 1,
    maxLength: 128,
  } satisfies StringFieldSpec,
  scaling: {
    minReplicas: {
      kind: 'integer',
      label: 'Minimum replicas',
      description: 'Replicas kept running even without load',
      unit: 'replicas',
      min: 1,
      max: 10,
      default: 1,
    } satisfies NumberFieldSpec,
    maxReplicas: {
      kind: 'integer',
      label: 'Maximum replicas',
      description: 'Most replicas the autoscaler may run (at least the minimum replicas)',
      unit: 'replicas',
      min: 1,
      max: 50,
      default: 1,
    } satisfies NumberFieldSpec,
    scaleUpDelaySeconds: {
      kind: 'integer',
      label: 'Scale-up delay',
      description: 'Sustained load before a replica is added',
      unit: 'seconds',
      min: 0,
      max: 3600,
      default: 30,
    } satisfies NumberFieldSpec,
    scaleDownDelaySeconds: {
      kind: 'integer',
      label: 'Scale-down delay',
      description: 'Low load before a replica is removed',
      unit: 'seconds',
      min: 0,
      max: 3600,
      default: 600,
    } satisfies NumberFieldSpec,
    scaleToZeroAfterSeconds: {
      kind: 'integer',
      label: 'Scale to zero after',
      description:
        'Idle time without requests after which every replica is stopped (0: never); the next request starts one and waits for it',
      unit: 'seconds',
      min: 0,
      // A day: past that an idle replica costs more than a cold start ever will.
      max: 86_400,
      default: 0,
    } satisfies NumberFieldSpec,
    targetTtftMs: {
      kind: 'integer',
      label: 'Target time to first token',
      description:
        'The autoscaler adds replicas while the median time to the first streamed token over the last minute stays above this for the scale-up delay (0: no target)',
      unit: 'ms',
      min: 0,
      // A minute: the longest endpoint timeout a first token could still arrive within is 180 s, but a target
      // past a minute no longer describes an interactive deployment.
      max: 60_000,
      default: 0,
    } satisfies NumberFieldSpec,
    targetTokensPerSecondPerReplica: {
      kind: 'integer',
      label: 'Target tokens/s per replica',
      description:
        'The autoscaler adds replicas while each replica’s share of the completion tokens per second over the last minute stays above this for the scale-up delay (0: no target)',
      unit: 'tokens/s',
      min: 0,
      // Far above what one replica of any engine produces today (vLLM batches reach a few thousand).
      max: 100_000,
      default: 0,
    } satisfies NumberFieldSpec,
    autoscalerMode: {
      kind: 'enum',
      label: 'Autoscaler mode',
      description: 'Whether the autoscaler changes the replica count or only records what it would do',
      values: AUTOSCALER_MODES,
      default: 'ACTIVE',
    } satisfies EnumFieldSpec<keyof typeof AUTOSCALER_MODES>,
  },
} as const;

/** The deployment's details next to its configuration (General details; name, description, tags in deployconfig.json). */
export const DEPLOYMENT_DETAIL_FIELDS = {
  name: {
    kind: 'string',
    label: 'Deployment name',
    description: 'Deployment name; versions become `<name>_v<N>`',
    minLength: 1,
    maxLength: 200,
  } satisfies StringFieldSpec,
  description: {
    kind: 'string',
    label: 'Description',
    description: 'Free text shown with the deployment or model',
    minLength: 0,
    maxLength: 2000,
  } satisfies StringFieldSpec,
  tags: {
    kind: 'stringList',
    label: 'Tags',
    description: 'Labels to find the deployment or model by',
    // Hugging Face model cards carry a few dozen tags; an imported card's tags must fit.
    maxItems: 32,
    itemMinLength: 1,
    itemMaxLength: 64,
    default: [],
  } satisfies StringListFieldSpec,
  endpointTimeoutSeconds: {
    kind: 'integer',
    label: 'Endpoint timeout',
    description: 'How long the gateway waits for a replica’s answer',
    unit: 'seconds',
    min: 30,
    max: 180,
    default: 60,
  } satisfies NumberFieldSpec,
} as const;

type Fields = typeof DEPLOYMENT_CONFIG_FIELDS;
export type OptimizationTechnique = keyof Fields['optimization']['technique']['values'];
export type Quantization = keyof Fields['optimization']['quantization']['values'];
export type AutoscalerMode = keyof Fields['scaling']['autoscalerMode']['values'];

/** Which quantizations each technique offers; the first is the one to pick when switching technique. */
export const QUANTIZATIONS_BY_TECHNIQUE: Readonly<Record<OptimizationTechnique, readonly Quantization[]>> = {
  NONE: ['NONE'],
  CTRANSLATE2: ['NONE', 'INT8_FLOAT16'],
  VLLM: ['NONE', 'AWQ'],
  GGUF_QUANTIZATION: ['Q8_0', 'Q4_K_M'],
};

/** The sampling parameters with an OpenAI request name, keyed by that name (the gateway's and replica's checks). */
export const REQUEST_PARAMETERS = {
  temperature: DEPLOYMENT_CONFIG_FIELDS.parameters.temperature,
  top_p: DEPLOYMENT_CONFIG_FIELDS.parameters.topP,
  top_k: DEPLOYMENT_CONFIG_FIELDS.parameters.topK,
  max_tokens: DEPLOYMENT_CONFIG_FIELDS.parameters.maxLength,
  stop: DEPLOYMENT_CONFIG_FIELDS.parameters.stopSequences,
} as const;
