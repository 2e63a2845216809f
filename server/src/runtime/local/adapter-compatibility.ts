import { gguf } from '@huggingface/gguf';

/**
 * Whether a GGUF LoRA adapter fits a GGUF base model, checked the way llama.cpp's `llama_adapter_lora_init` does
 * (same architecture, `general.type = "adapter"`, `adapter.type = "lora"`, every `<tensor>.lora_a`/`.lora_b` pair
 * naming a base tensor, A's first dimension = the base's, B's second = the base's, A's rank = B's rank) but
 * before llama.cpp sees it: a mismatch there can abort the whole replica process instead of returning an error.
 */

interface GgufFacts {
  metadata: Record<string, unknown>;
  shapes: Map<string, number[]>;
}

async function readFacts(path: string, what: string): Promise<GgufFacts> {
  try {
    const { metadata, tensorInfos } = await gguf(path, { allowLocalFile: true });
    return {
      metadata: metadata as unknown as Record<string, unknown>,
      shapes: new Map(tensorInfos.map((t) => [t.name, t.shape.map(Number)])),
    };
  } catch (error) {
    throw new Error(`The ${what} is not a readable GGUF file (${(error as Error).message}).`, {
      cause: error,
    });
  }
}

/** The reason `adapterPath` cannot be applied to `basePath`, in words for users; null when it can. */
export async function adapterIncompatibility(basePath: string, adapterPath: string): Promise<string | null> {
  let base: GgufFacts;
  let adapter: GgufFacts;
  try {
    [base, adapter] = await Promise.all([
      readFacts(basePath, 'base model'),
      readFacts(adapterPath, 'adapter'),
    ]);
  } catch (error) {
    return (error as Error).message;
  }
  const am = adapter.metadata;
  if (am['general.type'] !== 'adapter' || am['adapter.type'] !== 'lora') {
    return 'The file is not a LoRA adapter (its GGUF metadata lacks general.type "adapter" and adapter.type "lora").';
  }
  const baseArch = base.metadata['general.architecture'];
  if (am['general.architecture'] !== baseArch) {
    return `The adapter is for the ${String(am['general.architecture'])} architecture, but the deployment's model is ${String(baseArch)}.`;
  }
  let pairs = 0;
  for (const [name, a] of adapter.shapes) {
    if (!name.endsWith('.lora_a')) continue;
    const target = name.slice(0, -'.lora_a'.length);
    const b = adapter.shapes.get(`${target}.lora_b`);
    const weight = base.shapes.get(target);
    if (!b) return `The adapter has ${name} without ${target}.lora_b; the file is damaged.`;
    if (!weight) return `The adapter changes ${target}, which the deployment's model does not have.`;
    if (a[0] !== weight[0] || b[1] !== weight[1]) {
      return (
        `The adapter's ${target} is for a ${a[0]}×${b[1]} weight, but the deployment's model has ` +
        `${weight[0]}×${weight[1]}: the adapter was trained on a model of other dimensions.`
      );
    }
    if (a[1] !== b[0])
      return `The adapter's ${target} has ranks ${a[1]} and ${b[0]} in A and B; the file is damaged.`;
    pairs += 1;
  }
  if (pairs === 0) return 'The adapter has no LoRA tensors (<name>.lora_a / <name>.lora_b).';
  return null;
}
