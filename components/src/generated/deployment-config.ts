// Generated from server/src/core/deployment-config by `npm run config:emit -w server`: do not edit.
// The deployment configuration table (types, defaults, limits, units, descriptions) the server enforces.

export const DEPLOYMENT_CONFIG_FIELDS = {
  optimization: {
    technique: {
      kind: 'enum',
      label: 'Technique',
      description: 'How the model is optimized before serving',
      values: {
        NONE: 'Skip optimization.',
        CTRANSLATE2: 'CTranslate2 conversion (GPU runtimes, platform-hosted models).',
        VLLM: 'vLLM serving with optional AWQ quantization (GPU runtimes, platform-hosted models).',
        GGUF_QUANTIZATION: 'llama.cpp quantization of a GGUF model (the local runtime’s counterpart).',
      },
      default: 'NONE',
    },
    quantization: {
      kind: 'enum',
      label: 'Quantization',
      description: 'Quantization applied by the technique; each technique offers its own',
      values: {
        NONE: 'Keep the original precision.',
        INT8_FLOAT16: 'CTranslate2 int8 weights with float16 compute.',
        AWQ: 'vLLM 4-bit activation-aware weight quantization.',
        Q8_0: 'llama.cpp 8-bit quantization.',
        Q4_K_M: 'llama.cpp 4-bit k-quant (medium).',
      },
      default: 'NONE',
    },
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
    },
    maxLength: {
      kind: 'integer',
      label: 'Maximum length',
      description: 'Maximum number of tokens to generate (a request may ask for fewer, never more)',
      unit: 'tokens',
      min: 1,
      max: 131072,
      default: 512,
      openAiName: 'max_tokens',
    },
    topP: {
      kind: 'number',
      label: 'Top p',
      description:
        'Nucleus sampling: sample from the smallest set of tokens whose probability reaches this mass',
      min: 0,
      max: 1,
      default: 0.9,
      openAiName: 'top_p',
    },
    topK: {
      kind: 'integer',
      label: 'Top k',
      description: 'Sample only from this many likeliest tokens',
      unit: 'tokens',
      min: 1,
      max: 100,
      default: 40,
      openAiName: 'top_k',
    },
    stopSequences: {
      kind: 'stringList',
      label: 'Stop sequences',
      description: 'Sequences that stop generation',
      maxItems: 4,
      itemMinLength: 1,
      itemMaxLength: 256,
      default: [],
      openAiName: 'stop',
    },
    inferenceBatchSize: {
      kind: 'integer',
      label: 'Inference batch size',
      description: 'Concurrent requests one replica serves at once',
      unit: 'requests',
      min: 1,
      max: 256,
      default: 4,
    },
  },
  hardwareProfileId: {
    kind: 'string',
    label: 'Hardware',
    description: 'Id of the hardware profile (see `hardwareProfiles`)',
    minLength: 1,
    maxLength: 128,
  },
  scaling: {
    minReplicas: {
      kind: 'integer',
      label: 'Minimum replicas',
      description: 'Replicas kept running even without load',
      unit: 'replicas',
      min: 1,
      max: 10,
      default: 1,
    },
    maxReplicas: {
      kind: 'integer',
      label: 'Maximum replicas',
      description: 'Most replicas the autoscaler may run (at least the minimum replicas)',
      unit: 'replicas',
      min: 1,
      max: 50,
      default: 1,
    },
    scaleUpDelaySeconds: {
      kind: 'integer',
      label: 'Scale-up delay',
      description: 'Sustained load before a replica is added',
      unit: 'seconds',
      min: 0,
      max: 3600,
      default: 30,
    },
    scaleDownDelaySeconds: {
      kind: 'integer',
      label: 'Scale-down delay',
      description: 'Low load before a replica is removed',
      unit: 'seconds',
      min: 0,
      max: 3600,
      default: 600,
    },
    scaleToZeroAfterSeconds: {
      kind: 'integer',
      label: 'Scale to zero after',
      description:
        'Idle time without requests after which every replica is stopped (0: never); the next request starts one and waits for it',
      unit: 'seconds',
      min: 0,
      max: 86400,
      default: 0,
    },
    targetTtftMs: {
      kind: 'integer',
      label: 'Target time to first token',
      description:
        'The autoscaler adds replicas while the median time to the first streamed token over the last minute stays above this for the scale-up delay (0: no target)',
      unit: 'ms',
      min: 0,
      max: 60000,
      default: 0,
    },
    targetTokensPerSecondPerReplica: {
      kind: 'integer',
      label: 'Target tokens/s per replica',
      description:
        'The autoscaler adds replicas while each replica’s share of the completion tokens per second over the last minute stays above this for the scale-up delay (0: no target)',
      unit: 'tokens/s',
      min: 0,
      max: 100000,
      default: 0,
    },
    autoscalerMode: {
      kind: 'enum',
      label: 'Autoscaler mode',
      description: 'Whether the autoscaler changes the replica count or only records what it would do',
      values: {
        ACTIVE: 'Scales the replicas between the minimum and the maximum.',
        SHADOW:
          'Records every decision it would take (with its inputs and reason) in the deployment events and changes nothing.',
      },
      default: 'ACTIVE',
    },
  },
} as const;

/** The deployment's details next to its configuration (name, description, tags, endpoint timeout). */
export const DEPLOYMENT_DETAIL_FIELDS = {
  name: {
    kind: 'string',
    label: 'Deployment name',
    description: 'Deployment name; versions become `<name>_v<N>`',
    minLength: 1,
    maxLength: 200,
  },
  description: {
    kind: 'string',
    label: 'Description',
    description: 'Free text shown with the deployment or model',
    minLength: 0,
    maxLength: 2000,
  },
  tags: {
    kind: 'stringList',
    label: 'Tags',
    description: 'Labels to find the deployment or model by',
    maxItems: 32,
    itemMinLength: 1,
    itemMaxLength: 64,
    default: [],
  },
  endpointTimeoutSeconds: {
    kind: 'integer',
    label: 'Endpoint timeout',
    description: 'How long the gateway waits for a replica’s answer',
    unit: 'seconds',
    min: 30,
    max: 180,
    default: 60,
  },
} as const;

/** Which quantizations each technique offers; the first is the one to pick when switching technique. */
export const QUANTIZATIONS_BY_TECHNIQUE = {
  NONE: ['NONE'],
  CTRANSLATE2: ['NONE', 'INT8_FLOAT16'],
  VLLM: ['NONE', 'AWQ'],
  GGUF_QUANTIZATION: ['Q8_0', 'Q4_K_M'],
} as const;

/** Help text of every field under its input path (the key of the wizard's field errors), limits and default included. */
export const FIELD_HELP = {
  'optimization.technique': 'How the model is optimized before serving (default NONE).',
  'optimization.quantization':
    'Quantization applied by the technique; each technique offers its own (default NONE).',
  'parameters.temperature':
    'Sampling temperature: higher is more random, 0 always picks the likeliest token; 0–2 (default 0.7). Requests override it with temperature.',
  'parameters.maxLength':
    'Maximum number of tokens to generate (a request may ask for fewer, never more); 1–131072 tokens (default 512). Requests override it with max_tokens.',
  'parameters.topP':
    'Nucleus sampling: sample from the smallest set of tokens whose probability reaches this mass; 0–1 (default 0.9). Requests override it with top_p.',
  'parameters.topK':
    'Sample only from this many likeliest tokens; 1–100 tokens (default 40). Requests override it with top_k.',
  'parameters.stopSequences':
    'Sequences that stop generation; at most 4, each 1–256 characters (default none). Requests override it with stop.',
  'parameters.inferenceBatchSize':
    'Concurrent requests one replica serves at once; 1–256 requests (default 4).',
  hardwareProfileId: 'Id of the hardware profile (see hardwareProfiles); 1–128 characters.',
  'scaling.minReplicas': 'Replicas kept running even without load; 1–10 replicas (default 1).',
  'scaling.maxReplicas':
    'Most replicas the autoscaler may run (at least the minimum replicas); 1–50 replicas (default 1).',
  'scaling.scaleUpDelaySeconds': 'Sustained load before a replica is added; 0–3600 seconds (default 30).',
  'scaling.scaleDownDelaySeconds': 'Low load before a replica is removed; 0–3600 seconds (default 600).',
  'scaling.scaleToZeroAfterSeconds':
    'Idle time without requests after which every replica is stopped (0: never); the next request starts one and waits for it; 0–86400 seconds (default 0).',
  'scaling.targetTtftMs':
    'The autoscaler adds replicas while the median time to the first streamed token over the last minute stays above this for the scale-up delay (0: no target); 0–60000 ms (default 0).',
  'scaling.targetTokensPerSecondPerReplica':
    'The autoscaler adds replicas while each replica’s share of the completion tokens per second over the last minute stays above this for the scale-up delay (0: no target); 0–100000 tokens/s (default 0).',
  'scaling.autoscalerMode':
    'Whether the autoscaler changes the replica count or only records what it would do (default ACTIVE).',
  name: 'Deployment name; versions become <name>_v<N>; 1–200 characters.',
  description: 'Free text shown with the deployment or model; at most 2000 characters.',
  tags: 'Labels to find the deployment or model by; at most 32, each 1–64 characters (default none).',
  endpointTimeoutSeconds: 'How long the gateway waits for a replica’s answer; 30–180 seconds (default 60).',
} as const;
