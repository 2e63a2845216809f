/**
 * The dimensions of a generated demo model. The default is the tiny one every installation registers (~0.1 M
 * parameters, ~1 000 tokens/s); a size asks for a llama-shaped model of about that many parameters (e.g. 85 M:
 * 768 wide, 12 blocks, 171 MB in F16), for benchmarks that need a realistic speed.
 */
export interface DemoModelShape {
  embedding: number;
  blocks: number;
  heads: number;
  feedForward: number;
}

export const TINY_SHAPE: DemoModelShape = { embedding: 64, blocks: 2, heads: 4, feedForward: 128 };

/** Weights per block: q, k, v and the attention output (d × d each), gate, up and down (d × ff each). */
const blockParams = ({ embedding: d, feedForward: ff }: DemoModelShape): number => 4 * d * d + 3 * d * ff;

export function parameterCount(shape: DemoModelShape, vocabSize: number): number {
  const norms = (2 * shape.blocks + 1) * shape.embedding;
  return shape.blocks * blockParams(shape) + 2 * vocabSize * shape.embedding + norms;
}

/**
 * A shape of about `params` parameters, as small models are built: head size 64, feed-forward 8/3 of the width,
 * about 12 blocks (width ≈ √(params / 144)); at least the tiny shape's width.
 */
export function shapeForParameters(params: number, vocabSize: number): DemoModelShape {
  const round64 = (x: number): number => Math.max(64, Math.round(x / 64) * 64);
  const embedding = round64(Math.sqrt(params / 144));
  const partial = { embedding, heads: embedding / 64, feedForward: round64((8 * embedding) / 3), blocks: 1 };
  const blocks = Math.max(1, Math.round((params - 2 * vocabSize * embedding) / blockParams(partial)));
  return { ...partial, blocks };
}

/** "85M", "1.2B", "500K" or a plain count; undefined for anything else. */
export function parseParameterCount(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmb]?)$/i.exec(text.trim());
  if (!match) return undefined;
  const scale = { '': 1, k: 1e3, m: 1e6, b: 1e9 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'b'];
  const value = Math.round(Number(match[1]) * scale);
  return value > 0 ? value : undefined;
}
