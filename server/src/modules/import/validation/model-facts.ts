import type { SafetensorsSummary } from './safetensors-header.js';
import type { BaseModelFacts, ModelFacts } from './validation-result.js';
import { reject } from './validation-result.js';

/** The seed's rule: models needing a newer Transformers release are not supported. */
export const MAX_TRANSFORMERS_VERSION = '4.43.1';

export function compareVersions(a: string, b: string): number {
  const parse = (v: string): number[] =>
    v
      .split(/[.+-]/)
      .slice(0, 3)
      .map((part) => parseInt(part, 10) || 0);
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function optionalInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Facts of a Hugging Face model folder from config.json, cross-checked against the weights. */
export function huggingFaceFacts(
  config: Record<string, unknown>,
  weights: SafetensorsSummary[],
  maxTransformersVersion: string,
): ModelFacts {
  const architectures = config['architectures'];
  if (!Array.isArray(architectures) || typeof architectures[0] !== 'string') {
    reject(
      'INVALID_FORMAT',
      'config.json has no "architectures" list, so the model class is unknown. Save the model with ' +
        '`model.save_pretrained(dir)` (it writes "architectures", e.g. ["LlamaForCausalLM"]) and create the zip again.',
    );
  }
  const transformersVersion =
    typeof config['transformers_version'] === 'string' ? config['transformers_version'] : undefined;
  if (transformersVersion && compareVersions(transformersVersion, maxTransformersVersion) > 0) {
    reject(
      'COMPATIBILITY_PROBLEM',
      `config.json says the model needs Transformers ${transformersVersion}, but only models for Transformers ` +
        `${maxTransformersVersion} or lower are supported. Use a model version saved with Transformers ≤ ${maxTransformersVersion}.`,
    );
  }
  const hiddenSize = optionalInt(config['hidden_size'] ?? config['n_embd'] ?? config['d_model']);
  const embedding = weights
    .flatMap((w) => w.tensors)
    .find((t) => /(^|\.)(embed_tokens|wte|word_embeddings)\.weight$/.test(t.name));
  if (hiddenSize && embedding && embedding.shape.length === 2 && embedding.shape[1] !== hiddenSize) {
    reject(
      'INVALID_FORMAT',
      `config.json says hidden_size is ${hiddenSize}, but the weights' "${embedding.name}" has shape ` +
        `[${embedding.shape.join(', ')}]. config.json and the weights belong to different models; put the matching pair in the zip.`,
    );
  }
  return {
    architecture: architectures[0] as string,
    modelType: typeof config['model_type'] === 'string' ? config['model_type'] : undefined,
    transformersVersion,
    hiddenSize,
    contextLength: optionalInt(
      config['max_position_embeddings'] ?? config['n_positions'] ?? config['max_sequence_length'],
    ),
    blockCount: optionalInt(config['num_hidden_layers'] ?? config['n_layer']),
    headCount: optionalInt(config['num_attention_heads'] ?? config['n_head']),
    vocabSize: optionalInt(config['vocab_size']),
    parameterCount: weights.length > 0 ? weights.reduce((sum, w) => sum + w.parameterCount, 0) : undefined,
  };
}

/** `LlamaForCausalLM`, `llama` and `LlamaModel` all name the same family. */
export function architectureFamily(name: string): string {
  return name
    .toLowerCase()
    .replace(/(forcausallm|forconditionalgeneration|lmheadmodel|model)$/, '')
    .replace(/[^a-z0-9]/g, '');
}

function sameModelName(a: string, b: string): boolean {
  const norm = (s: string): string => s.trim().toLowerCase().replace(/\/+$/, '');
  const tail = (s: string): string => norm(s).split('/').pop() ?? '';
  return norm(a) === norm(b) || tail(a) === tail(b);
}

/** Reads adapter_config.json and the adapter weights, and checks them against the chosen base. */
export function adapterFacts(
  adapterConfig: Record<string, unknown>,
  weights: SafetensorsSummary,
  adapterHfConfig: Record<string, unknown> | undefined,
  base: BaseModelFacts | undefined,
): ModelFacts {
  const peftType = adapterConfig['peft_type'];
  if (typeof peftType !== 'string') {
    reject(
      'INVALID_FORMAT',
      'adapter_config.json has no "peft_type". Save the adapter with PEFT (`peft_model.save_pretrained(dir)`) and create the zip again.',
    );
  }
  const rank = optionalInt(adapterConfig['r']);
  const baseName =
    typeof adapterConfig['base_model_name_or_path'] === 'string'
      ? adapterConfig['base_model_name_or_path']
      : undefined;
  const autoMapping = adapterConfig['auto_mapping'] as Record<string, unknown> | null | undefined;
  const hfArchitectures = adapterHfConfig?.['architectures'];
  const architecture =
    (typeof autoMapping?.['base_model_class'] === 'string' ? autoMapping['base_model_class'] : undefined) ??
    (Array.isArray(hfArchitectures) && typeof hfArchitectures[0] === 'string'
      ? hfArchitectures[0]
      : undefined);

  // lora_A of the input projections is [r, hidden_size]; lora_B of the output projections is [hidden_size, r].
  let hiddenSize: number | undefined;
  for (const tensor of weights.tensors) {
    const inSide = /(q_proj|k_proj|v_proj|gate_proj|up_proj)\.lora_A(\.[^.]+)?\.weight$/.test(tensor.name);
    const outSide = /(q_proj|o_proj|down_proj)\.lora_B(\.[^.]+)?\.weight$/.test(tensor.name);
    const size = inSide ? tensor.shape[1] : outSide ? tensor.shape[0] : undefined;
    if (size === undefined) continue;
    if (hiddenSize !== undefined && size !== hiddenSize) {
      reject(
        'INVALID_FORMAT',
        `The adapter weights disagree about the hidden size (${hiddenSize} vs ${size} in "${tensor.name}"); the file is damaged or mixed from two adapters. Save the adapter again.`,
      );
    }
    hiddenSize = size;
  }

  if (!base) {
    reject(
      'COMPATIBILITY_PROBLEM',
      'No base model was chosen for this adapter. Choose the base model it was trained on and import again.',
    );
  }
  if (
    baseName &&
    base.names &&
    base.names.length > 0 &&
    !base.names.some((n) => sameModelName(n, baseName))
  ) {
    reject(
      'COMPATIBILITY_PROBLEM',
      `The adapter was trained on "${baseName}", but the chosen base model is "${base.names[0]}". ` +
        `Choose "${baseName}" (or the same model under another name) as the base, or use an adapter trained on "${base.names[0]}".`,
    );
  }
  if (architecture && architectureFamily(architecture) !== architectureFamily(base.architecture)) {
    reject(
      'COMPATIBILITY_PROBLEM',
      `The adapter is for the ${architecture} architecture, but the chosen base model is ${base.architecture}. ` +
        'Choose a base model of the architecture the adapter was trained on.',
    );
  }
  if (hiddenSize !== undefined && base.hiddenSize !== undefined && hiddenSize !== base.hiddenSize) {
    reject(
      'COMPATIBILITY_PROBLEM',
      `The adapter's weights have hidden size ${hiddenSize}, but the chosen base model has hidden size ${base.hiddenSize}, ` +
        'so they cannot be combined. Choose the base model the adapter was trained on.',
    );
  }
  return {
    architecture: architecture ?? base.architecture,
    baseModelNameOrPath: baseName,
    peftType,
    loraRank: rank,
    hiddenSize,
    parameterCount: weights.parameterCount,
  };
}
