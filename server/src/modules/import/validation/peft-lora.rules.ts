import type { SafetensorsSummary } from './safetensors-header.js';
import type { BaseModelFacts } from './validation-result.js';
import { reject } from './validation-result.js';

/**
 * What a PEFT LoRA adapter must be for llama.cpp to apply it once converted (`peft-to-gguf.ts`): plain LoRA
 * (no DoRA, no per-module ranks or alphas, no extra full weights), float weights, each adapted module a pair
 * A `[r, in]` / B `[out, r]` of one llama module, with the sizes the base has where its facts say them.
 */

/** The dimension a module's input or output spans. */
type Side = 'hidden' | 'kv' | 'ff' | 'vocab';
const SIDE_NAMES: Record<Side, string> = {
  hidden: 'hidden size',
  kv: 'key/value width',
  ff: 'feed-forward size',
  vocab: 'vocabulary size',
};

interface LlamaModule {
  /** Where PEFT finds it below `model.layers.N` (absent: at the top, `lm_head`). */
  parent?: 'self_attn' | 'mlp';
  /** llama.cpp's name for the weight (`blk.N.<gguf>.weight`, or `<gguf>.weight` at the top). */
  gguf: string;
  in: Side;
  out: Side;
}

/** Hugging Face's llama modules (PEFT's `target_modules` names) and llama.cpp's names for them. */
export const LLAMA_LORA_MODULES: Record<string, LlamaModule> = {
  q_proj: { parent: 'self_attn', gguf: 'attn_q', in: 'hidden', out: 'hidden' },
  k_proj: { parent: 'self_attn', gguf: 'attn_k', in: 'hidden', out: 'kv' },
  v_proj: { parent: 'self_attn', gguf: 'attn_v', in: 'hidden', out: 'kv' },
  o_proj: { parent: 'self_attn', gguf: 'attn_output', in: 'hidden', out: 'hidden' },
  gate_proj: { parent: 'mlp', gguf: 'ffn_gate', in: 'hidden', out: 'ff' },
  up_proj: { parent: 'mlp', gguf: 'ffn_up', in: 'hidden', out: 'ff' },
  down_proj: { parent: 'mlp', gguf: 'ffn_down', in: 'ff', out: 'hidden' },
  lm_head: { gguf: 'output', in: 'hidden', out: 'vocab' },
};

/** Largest rank accepted: far above what anyone trains (8–256), far below what could exhaust memory. */
export const MAX_LORA_RANK = 4096;

/** LoraConfig's default lora_alpha. */
const PEFT_DEFAULT_ALPHA = 8;

/** Float types the converter reads (safetensors' names). */
const LORA_DTYPES = new Set(['F32', 'F16', 'BF16']);

/** One LoRA matrix of the adapter, named as llama.cpp will know it. */
export interface PeftLoraTensor {
  /** The safetensors name (`base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight`). */
  name: string;
  module: string;
  /** null for `lm_head`. */
  layer: number | null;
  side: 'A' | 'B';
  dtype: string;
  /** Row-major, as safetensors stores it: A is `[r, in]`, B is `[out, r]`. */
  shape: [number, number];
  dataOffsets: [number, number];
  /** `blk.0.attn_q.weight.lora_a`. */
  ggufName: string;
}

export interface PeftLoraPlan {
  rank: number;
  /** PEFT's lora_alpha (save_pretrained always writes it; when absent, PEFT's own default, 8). */
  alpha: number;
  useRslora: boolean;
  tensors: PeftLoraTensor[];
}

const FIX = 'Train the adapter again with PEFT (plain LoRA) and save it with `save_pretrained(dir)`.';

function refuseConfig(problem: string): never {
  return reject('COMPATIBILITY_PROBLEM', `adapter_config.json ${problem}. ${FIX}`);
}

function refuseWeights(problem: string): never {
  return reject(
    'INVALID_FORMAT',
    `adapter_model.safetensors ${problem}. The file does not match adapter_config.json or was not written by ` +
      'PEFT; save the adapter again (`peft_model.save_pretrained(dir)`) and create the zip again.',
  );
}

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'object' && Object.keys(value as object).length === 0);

function checkConfig(config: Record<string, unknown>): Omit<PeftLoraPlan, 'tensors'> {
  if (config['peft_type'] !== 'LORA') {
    refuseConfig(
      `says peft_type ${JSON.stringify(config['peft_type'])}; only LoRA adapters (LORA) can be served`,
    );
  }
  const rank = config['r'];
  if (typeof rank !== 'number' || !Number.isInteger(rank) || rank < 1 || rank > MAX_LORA_RANK) {
    refuseConfig(
      `has no valid rank "r" (an integer from 1 to ${MAX_LORA_RANK}; it has ${JSON.stringify(rank)})`,
    );
  }
  const alpha = config['lora_alpha'] ?? PEFT_DEFAULT_ALPHA;
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha <= 0) {
    refuseConfig(`has an invalid "lora_alpha" (${JSON.stringify(alpha)}; a positive number)`);
  }
  if (config['use_dora'] === true) refuseConfig('asks for DoRA (use_dora), which llama.cpp cannot apply');
  if (!isEmpty(config['rank_pattern']) || !isEmpty(config['alpha_pattern'])) {
    refuseConfig(
      'sets per-module ranks or alphas (rank_pattern / alpha_pattern), which llama.cpp cannot apply',
    );
  }
  if (config['fan_in_fan_out'] === true) {
    refuseConfig('sets fan_in_fan_out, which only GPT-2 style (Conv1D) models use, not llama models');
  }
  if (config['bias'] !== undefined && config['bias'] !== 'none') {
    refuseConfig(`trains biases (bias ${JSON.stringify(config['bias'])}), which a llama LoRA cannot carry`);
  }
  if (!isEmpty(config['modules_to_save'])) {
    refuseConfig('saves whole modules (modules_to_save), which a LoRA adapter for llama.cpp cannot carry');
  }
  const targets = config['target_modules'];
  if (Array.isArray(targets)) {
    const unknown = targets.filter((t) => typeof t !== 'string' || !Object.hasOwn(LLAMA_LORA_MODULES, t));
    if (unknown.length > 0 || targets.length === 0) {
      refuseConfig(
        `targets ${unknown.length ? JSON.stringify(unknown) : 'no modules'}; a llama model's are ` +
          Object.keys(LLAMA_LORA_MODULES).join(', '),
      );
    }
  } else if (targets !== undefined && targets !== null && typeof targets !== 'string') {
    refuseConfig('has a "target_modules" that is neither a list of module names nor a pattern');
  }
  return { rank, alpha, useRslora: config['use_rslora'] === true };
}

const MODULE_PATH = /^base_model\.model\.(?:model\.layers\.(\d+)\.(self_attn|mlp)\.(\w+)|(lm_head))$/;

/** `base_model.model.model.layers.3.self_attn.q_proj` → layer 3, q_proj, `blk.3.attn_q.weight`; null for others. */
export function llamaLoraTarget(
  peftModule: string,
): { layer: number | null; module: string; ggufWeight: string } | null {
  const match = MODULE_PATH.exec(peftModule);
  const module = match?.[3] ?? match?.[4];
  // Own keys only: "constructor" must not name a module.
  const known =
    module !== undefined && Object.hasOwn(LLAMA_LORA_MODULES, module)
      ? LLAMA_LORA_MODULES[module]
      : undefined;
  if (!match || !module || !known || known.parent !== match[2]) return null;
  const layer = match[1] !== undefined ? Number(match[1]) : null;
  return { layer, module, ggufWeight: `${layer === null ? '' : `blk.${layer}.`}${known.gguf}.weight` };
}

function parseName(name: string): {
  layer: number | null;
  module: string;
  side: 'A' | 'B';
  ggufWeight: string;
} {
  const match = /^(.+)\.lora_([AB])(?:\.default)?\.weight$/.exec(name);
  const target = match ? llamaLoraTarget(match[1]!) : null;
  if (!match || !target) {
    const what = /\.lora_(A|B|embedding_A|embedding_B|magnitude_vector)\b/.test(name)
      ? "adapts a module a llama model does not have (or that llama.cpp's LoRA cannot change)"
      : 'is not a LoRA weight (lora_A / lora_B)';
    refuseWeights(`has "${name}", which ${what}`);
  }
  return { ...target, side: match[2] as 'A' | 'B' };
}

const BASE = 'the base model';

/** What the adapter's sizes are checked against. */
export type PeftBaseFacts = Pick<
  BaseModelFacts,
  'hiddenSize' | 'blockCount' | 'vocabSize' | 'keyValueSize' | 'feedForwardSize'
>;

/**
 * Checks the adapter against its own config and the base's facts, and lists its tensors in llama.cpp's names.
 * Sizes the facts do not give (key/value width, feed-forward) must at least agree across the adapter's layers.
 */
export function planPeftLora(
  config: Record<string, unknown>,
  weights: SafetensorsSummary,
  base?: PeftBaseFacts,
): PeftLoraPlan {
  const settings = checkConfig(config);
  const targets = Array.isArray(config['target_modules']) ? new Set(config['target_modules']) : undefined;
  const sides: Partial<Record<Side, { size: number; tensor: string }>> = {};
  const known: Record<Side, number | undefined> = {
    hidden: base?.hiddenSize,
    kv: base?.keyValueSize,
    ff: base?.feedForwardSize,
    vocab: base?.vocabSize,
  };
  for (const [side, size] of Object.entries(known) as [Side, number | undefined][]) {
    if (size) sides[side] = { size, tensor: BASE };
  }
  const tensors: PeftLoraTensor[] = [];
  const pairs = new Map<string, { A?: PeftLoraTensor; B?: PeftLoraTensor }>();
  for (const info of weights.tensors) {
    const { layer, module, side, ggufWeight } = parseName(info.name);
    if (!LORA_DTYPES.has(info.dtype)) {
      refuseWeights(`stores "${info.name}" as ${info.dtype}; LoRA weights must be F32, F16 or BF16`);
    }
    if (info.shape.length !== 2) {
      refuseWeights(
        `has "${info.name}" of shape [${info.shape.join(', ')}]; LoRA matrices have two dimensions`,
      );
    }
    if (targets && !targets.has(module)) {
      refuseWeights(`adapts ${module} ("${info.name}"), which target_modules does not list`);
    }
    if (layer !== null && base?.blockCount !== undefined && layer >= base.blockCount) {
      reject(
        'COMPATIBILITY_PROBLEM',
        `The adapter changes layer ${layer}, but the chosen base model has ${base.blockCount} layers. ` +
          'Choose the base model the adapter was trained on.',
      );
    }
    const [rows, cols] = info.shape as [number, number];
    const rank = side === 'A' ? rows : cols;
    if (rank !== settings.rank) {
      refuseWeights(
        `has "${info.name}" of shape [${rows}, ${cols}], whose rank is ${rank} where adapter_config.json says r = ${settings.rank}`,
      );
    }
    const spec = LLAMA_LORA_MODULES[module]!;
    const dimension = side === 'A' ? spec.in : spec.out;
    const size = side === 'A' ? cols : rows;
    const seen = sides[dimension];
    if (seen && seen.size !== size && seen.tensor !== BASE) {
      refuseWeights(
        `has "${info.name}" ${size} wide where ${seen.tensor} is ${seen.size} (${SIDE_NAMES[dimension]}): its layers disagree`,
      );
    }
    if (seen && seen.size !== size) {
      reject(
        'COMPATIBILITY_PROBLEM',
        `The adapter's "${info.name}" is ${size} wide where ${seen.tensor} is ${seen.size} (${SIDE_NAMES[dimension]}). ` +
          'The adapter was trained on a model of other dimensions: choose the base model it was trained on.',
      );
    }
    sides[dimension] ??= { size, tensor: `"${info.name}"` };
    const tensor: PeftLoraTensor = {
      name: info.name,
      module,
      layer,
      side,
      dtype: info.dtype,
      shape: [rows, cols],
      dataOffsets: info.dataOffsets,
      ggufName: `${ggufWeight}.lora_${side.toLowerCase()}`,
    };
    const key = ggufWeight;
    const pair = pairs.get(key) ?? {};
    if (pair[side]) refuseWeights(`has two lora_${side} weights for ${key}`);
    pair[side] = tensor;
    pairs.set(key, pair);
    tensors.push(tensor);
  }
  if (tensors.length === 0) refuseWeights('holds no LoRA weights');
  for (const [key, pair] of pairs) {
    if (!pair.A || !pair.B)
      refuseWeights(`has lora_${pair.A ? 'A' : 'B'} for ${key} without its lora_${pair.A ? 'B' : 'A'}`);
  }
  return { ...settings, tensors };
}
