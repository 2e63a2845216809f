/**
 * A demo model of a given size (random weights; `85M` is 768 wide with 12 blocks), generated once into the temp
 * dir and reused by every benchmark that needs a realistic-speed model (writing 170 MB of weights takes ~40 s).
 */
import { mkdir, rename, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildVocab, generateDemoModel } from '../server/src/modules/demo-model/demo-model.js';
import {
  parameterCount,
  parseParameterCount,
  shapeForParameters,
} from '../server/src/modules/demo-model/demo-model.shape.js';

/** `params`: a count such as `85M`; `envName` names the variable it came from, for the error. */
export async function sizedModel(params: string, envName: string): Promise<string> {
  const wanted = parseParameterCount(params);
  if (!wanted) throw new Error(`${envName} must be a count such as 85M (got ${params})`);
  const vocab = buildVocab().tokens.length;
  const shape = shapeForParameters(wanted, vocab);
  const dir = join(tmpdir(), 'hangar-bench-models');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `demo-llama-${shape.embedding}x${shape.blocks}.gguf`);
  if (!(await stat(path).catch(() => undefined))) {
    console.log(`generating a ${(parameterCount(shape, vocab) / 1e6).toFixed(1)} M-parameter demo model…`);
    // Written under another name first: a run stopped half-way leaves no truncated model behind.
    await generateDemoModel(`${path}.partial`, shape, `Hangar Demo Llama ${params}`);
    await rename(`${path}.partial`, path);
  }
  return path;
}
