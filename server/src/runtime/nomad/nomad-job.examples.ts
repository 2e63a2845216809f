import { fileURLToPath } from 'node:url';
import { DEFAULT_PARAMETERS, type DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { RuntimeDeploySpec } from '../runtime.js';
import { buildAwqQuantizeJob } from './awq-quantize.job.js';
import { buildCtranslate2ConversionJob, buildCtranslate2ServingJob } from './ctranslate2.job.js';
import { buildLlamaCppJob } from './llama-cpp.job.js';
import type { NomadJob } from './nomad-job.common.js';
import { buildTgiJob } from './tgi.job.js';
import { buildVllmJob } from './vllm.job.js';

/**
 * The sample deployments behind nomad-jobs/<engine>/*.job.json. Regenerate the files after changing a builder:
 *   cd server && npx tsx src/runtime/nomad/render-job-examples.ts
 * (a test fails while a file differs from what the builder produces).
 */
export const NOMAD_JOBS_DIR = fileURLToPath(new URL('../../../../nomad-jobs/', import.meta.url));

const A10G_X1: HardwareProfile = {
  id: 'nvidia-a10g-x1',
  name: 'NVIDIA A10G ×1 (g5.xlarge)',
  description: 'One A10G, 24 GiB GPU memory.',
  runtime: 'nomad',
  instanceType: 'g5.xlarge',
  cpuCores: 4,
  memoryGiB: 16,
  gpu: { model: 'NVIDIA A10G', count: 1, memoryGiB: 24 },
  currency: 'USD',
};

function sampleSpec(
  deploymentId: string,
  optimization: DeploymentConfig['optimization'],
  model: Partial<RuntimeDeploySpec['model']> = {},
): RuntimeDeploySpec {
  return {
    deploymentId,
    version: 1,
    model: {
      id: 'mdl_qwen25_15b',
      name: 'qwen2.5-1.5b-instruct',
      source: 'HUGGING_FACE',
      format: 'HF_SAFETENSORS',
      huggingFaceRepoId: 'Qwen/Qwen2.5-1.5B-Instruct',
      ...model,
    },
    config: {
      optimization,
      parameters: { ...DEFAULT_PARAMETERS, inferenceBatchSize: 8 },
      hardwareProfileId: A10G_X1.id,
      scaling: {
        minReplicas: 1,
        maxReplicas: 4,
        scaleUpDelaySeconds: 120,
        scaleDownDelaySeconds: 600,
        scaleToZeroAfterSeconds: 0,
        autoscalerMode: 'ACTIVE',
        targetTtftMs: 0,
        targetTokensPerSecondPerReplica: 0,
      },
    },
  };
}

export interface JobExample {
  /** Path under nomad-jobs/. */
  file: string;
  build: () => NomadJob;
}

export const JOB_EXAMPLES: JobExample[] = [
  {
    file: 'vllm/vllm.job.json',
    build: () =>
      buildVllmJob(sampleSpec('dep-vllm-demo', { technique: 'VLLM', quantization: 'NONE' }), A10G_X1),
  },
  {
    file: 'vllm/vllm-awq.job.json',
    build: () =>
      buildVllmJob(sampleSpec('dep-vllm-awq-demo', { technique: 'VLLM', quantization: 'AWQ' }), A10G_X1),
  },
  {
    file: 'awq-quantize/awq-quantize.job.json',
    build: () =>
      buildAwqQuantizeJob(
        sampleSpec('dep-vllm-awq-demo', { technique: 'VLLM', quantization: 'AWQ' }),
        A10G_X1,
      ),
  },
  {
    file: 'tgi/tgi.job.json',
    build: () =>
      buildTgiJob(sampleSpec('dep-tgi-demo', { technique: 'NONE', quantization: 'NONE' }), A10G_X1),
  },
  {
    file: 'llama-cpp/llama-cpp.job.json',
    build: () =>
      buildLlamaCppJob(
        sampleSpec(
          'dep-llama-demo',
          { technique: 'NONE', quantization: 'NONE' },
          {
            format: 'GGUF',
            huggingFaceRepoId: 'Qwen/Qwen2.5-1.5B-Instruct-GGUF',
            localPath: '/var/lib/hangar/models/qwen2.5-1.5b-instruct-q4_k_m.gguf',
          },
        ),
        A10G_X1,
      ),
  },
  {
    file: 'ctranslate2/ctranslate2-convert.job.json',
    build: () =>
      buildCtranslate2ConversionJob(
        sampleSpec('dep-ct2-demo', { technique: 'CTRANSLATE2', quantization: 'INT8_FLOAT16' }),
        A10G_X1,
      ),
  },
  {
    file: 'ctranslate2/ctranslate2-serve.job.json',
    build: () =>
      buildCtranslate2ServingJob(
        sampleSpec('dep-ct2-demo', { technique: 'CTRANSLATE2', quantization: 'INT8_FLOAT16' }),
        A10G_X1,
      ),
  },
];

/** The file content: the body POSTed to /v1/jobs. */
export function renderJobExample(example: JobExample): string {
  return `${JSON.stringify({ Job: example.build() }, null, 2)}\n`;
}
