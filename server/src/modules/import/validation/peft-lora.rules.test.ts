import { describe, expect, it } from 'vitest';
import { planPeftLora } from './peft-lora.rules.js';
import type { SafetensorsSummary } from './safetensors-header.js';

/** A header summary of F32 LoRA matrices with the given shapes (offsets packed in order). */
function weights(tensors: Record<string, [number, number]>): SafetensorsSummary {
  let offset = 0;
  return {
    tensors: Object.entries(tensors).map(([name, shape]) => {
      const bytes = shape[0] * shape[1] * 4;
      const dataOffsets: [number, number] = [offset, (offset += bytes)];
      return { name, dtype: 'F32', shape, dataOffsets };
    }),
    metadata: {},
    parameterCount: 0,
    dataStart: 8,
  };
}

const layer = (n: number, module: string) =>
  `base_model.model.model.layers.${n}.${module.endsWith('_proj') && /^(gate|up|down)/.test(module) ? 'mlp' : 'self_attn'}.${module}`;
const CONFIG = { peft_type: 'LORA', r: 2, lora_alpha: 4 };

describe('planPeftLora', () => {
  it('lists the matrices in llama.cpp names with what the conversion needs', () => {
    const plan = planPeftLora(
      CONFIG,
      weights({
        [`${layer(1, 'k_proj')}.lora_A.weight`]: [2, 64],
        [`${layer(1, 'k_proj')}.lora_B.weight`]: [16, 2],
        [`${layer(1, 'down_proj')}.lora_A.weight`]: [2, 128],
        [`${layer(1, 'down_proj')}.lora_B.weight`]: [64, 2],
      }),
      { hiddenSize: 64, keyValueSize: 16, feedForwardSize: 128, blockCount: 2 },
    );
    expect(plan).toMatchObject({ rank: 2, alpha: 4, useRslora: false });
    expect(plan.tensors.map((t) => [t.ggufName, t.module, t.layer, t.side])).toEqual([
      ['blk.1.attn_k.weight.lora_a', 'k_proj', 1, 'A'],
      ['blk.1.attn_k.weight.lora_b', 'k_proj', 1, 'B'],
      ['blk.1.ffn_down.weight.lora_a', 'down_proj', 1, 'A'],
      ['blk.1.ffn_down.weight.lora_b', 'down_proj', 1, 'B'],
    ]);
  });

  it("refuses key/value and feed-forward widths other than the base's, naming them", () => {
    const kv = weights({
      [`${layer(0, 'v_proj')}.lora_A.weight`]: [2, 64],
      [`${layer(0, 'v_proj')}.lora_B.weight`]: [64, 2],
    });
    expect(() => planPeftLora(CONFIG, kv, { hiddenSize: 64, keyValueSize: 16 })).toThrow(
      'The adapter\'s "base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight" is 64 wide where the base model is 16 (key/value width).',
    );
    const ff = weights({
      [`${layer(0, 'up_proj')}.lora_A.weight`]: [2, 64],
      [`${layer(0, 'up_proj')}.lora_B.weight`]: [172, 2],
    });
    expect(() => planPeftLora(CONFIG, ff, { feedForwardSize: 128 })).toThrow(
      /is 172 wide where the base model is 128 \(feed-forward size\)/,
    );
  });

  it('without the base facts, still refuses layers that disagree with each other', () => {
    const mixed = weights({
      [`${layer(0, 'up_proj')}.lora_A.weight`]: [2, 64],
      [`${layer(0, 'up_proj')}.lora_B.weight`]: [128, 2],
      [`${layer(1, 'up_proj')}.lora_A.weight`]: [2, 64],
      [`${layer(1, 'up_proj')}.lora_B.weight`]: [96, 2],
    });
    expect(() => planPeftLora(CONFIG, mixed)).toThrow(
      /"base_model\.model\.model\.layers\.1\.mlp\.up_proj\.lora_B\.weight" 96 wide where "base_model\.model\.model\.layers\.0\.mlp\.up_proj\.lora_B\.weight" is 128 \(feed-forward size\): its layers disagree/,
    );
  });

  it("defaults lora_alpha to PEFT's 8 and refuses an own-property trick in target_modules", () => {
    const pair = weights({
      [`${layer(0, 'q_proj')}.lora_A.weight`]: [2, 8],
      [`${layer(0, 'q_proj')}.lora_B.weight`]: [8, 2],
    });
    expect(planPeftLora({ peft_type: 'LORA', r: 2 }, pair).alpha).toBe(8);
    expect(() => planPeftLora({ ...CONFIG, target_modules: ['q_proj', 'constructor'] }, pair)).toThrow(
      /targets \["constructor"\]/,
    );
  });
});
