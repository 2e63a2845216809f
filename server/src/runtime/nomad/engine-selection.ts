import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { RuntimeDeploySpec } from '../runtime.js';
import { buildAwqQuantizeJob } from './awq-quantize.job.js';
import { buildCtranslate2ConversionJob, buildCtranslate2ServingJob } from './ctranslate2.job.js';
import { buildLlamaCppJob } from './llama-cpp.job.js';
import type { NomadJob, OptimizationKind } from './nomad-job.common.js';
import { buildTgiJob } from './tgi.job.js';
import { buildVllmJob } from './vllm.job.js';

export type NomadEngine = 'vllm' | 'llama-cpp' | 'tgi' | 'ctranslate2';

export interface NomadJobPlan {
  engine: NomadEngine;
  /** A batch job that must complete before the serving job is submitted. */
  optimization?: { kind: OptimizationKind; job: NomadJob };
  serving: NomadJob;
}

/**
 * Which engine serves a deployment: GGUF → llama.cpp; CTRANSLATE2 → conversion + CTranslate2 server;
 * VLLM → vLLM (after AWQ quantization when asked); otherwise Hugging Face weights → TGI.
 * Throws with a user-facing message when the combination cannot run on Nomad.
 */
export function planNomadJobs(spec: RuntimeDeploySpec, profile: HardwareProfile): NomadJobPlan {
  const { technique, quantization } = spec.config.optimization;
  if (technique === 'GGUF_QUANTIZATION') {
    throw new Error(
      'GGUF quantization runs on the local runtime; on Nomad choose no optimization for a GGUF model.',
    );
  }
  if (spec.model.format === 'GGUF') {
    if (technique !== 'NONE') throw new Error(`A GGUF model cannot use the ${technique} optimization.`);
    return { engine: 'llama-cpp', serving: buildLlamaCppJob(spec, profile) };
  }
  if (technique === 'CTRANSLATE2') {
    return {
      engine: 'ctranslate2',
      optimization: { kind: 'ctranslate2', job: buildCtranslate2ConversionJob(spec, profile) },
      serving: buildCtranslate2ServingJob(spec, profile),
    };
  }
  if (technique === 'VLLM') {
    const serving = buildVllmJob(spec, profile);
    if (quantization === 'AWQ') {
      return {
        engine: 'vllm',
        optimization: { kind: 'awq', job: buildAwqQuantizeJob(spec, profile) },
        serving,
      };
    }
    return { engine: 'vllm', serving };
  }
  return { engine: 'tgi', serving: buildTgiJob(spec, profile) };
}
