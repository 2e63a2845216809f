/**
 * `npm run demo-model -w server -- [--params 85M] [--out file.gguf]`: writes a demo model (random weights, the
 * demo model's tokenizer and chat template). Without --params, the tiny one the server registers; with it, a
 * llama-shaped model of about that many parameters, for benchmarks that need a realistic speed.
 * `--peft-adapter lora.zip` writes instead a zip of a PEFT LoRA adapter for the tiny demo model (its output turns
 * uppercase once attached), to try importing a PEFT adapter: `npx hangar import lora.zip --adapter --base <id>`.
 */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import yazl from 'yazl';
import { DEMO_MODEL_NAME } from '../catalog/catalog.data.js';
import { demoPeftAdapter } from './demo-peft-adapter.js';
import { buildVocab, DEMO_MODEL_FILE_NAME, generateDemoModel } from './demo-model.js';
import { parameterCount, parseParameterCount, shapeForParameters, TINY_SHAPE } from './demo-model.shape.js';

const { values } = parseArgs({
  options: { params: { type: 'string' }, out: { type: 'string' }, 'peft-adapter': { type: 'string' } },
  strict: true,
});
if (values['peft-adapter'] !== undefined) {
  const { config, safetensors } = demoPeftAdapter();
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(config, null, 2) + '\n'), 'adapter_config.json');
  zip.addBuffer(safetensors, 'adapter_model.safetensors', { compress: false });
  zip.end();
  const path = resolve(values['peft-adapter']);
  await pipeline(zip.outputStream, createWriteStream(path));
  console.log(`${path}: a PEFT LoRA adapter (rank 1, q_proj, v_proj, lm_head) for ${DEMO_MODEL_NAME}`);
  process.exit(0);
}
const vocabSize = buildVocab().tokens.length;
const wanted = values.params === undefined ? undefined : parseParameterCount(values.params);
if (values.params !== undefined && wanted === undefined) {
  console.error(`--params takes a count such as 85M, 1.2B or 500K (got "${values.params}")`);
  process.exit(2);
}
const shape = wanted === undefined ? TINY_SHAPE : shapeForParameters(wanted, vocabSize);
const count = parameterCount(shape, vocabSize);
const label = `${(count / 1e6).toFixed(count < 1e7 ? 1 : 0)}M`;
const out = resolve(
  values.out ??
    (wanted === undefined ? DEMO_MODEL_FILE_NAME : `hangar-demo-llama-${label.toLowerCase()}.gguf`),
);
const started = performance.now();
const model = await generateDemoModel(
  out,
  shape,
  wanted === undefined ? undefined : `Hangar Demo Llama ${label}`,
);
console.log(
  `${model.path}: ${count.toLocaleString('en')} parameters (width ${shape.embedding}, ${shape.blocks} blocks, ` +
    `${shape.heads} heads, feed-forward ${shape.feedForward}), ${(model.sizeBytes / 1e6).toFixed(1)} MB, ` +
    `sha256 ${model.sha256}, written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
