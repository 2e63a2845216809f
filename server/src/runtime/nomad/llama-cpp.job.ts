import { basename } from 'node:path';
import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { RuntimeDeploySpec } from '../runtime.js';
import {
  MODEL_CACHE_PATH,
  hfTokenTemplate,
  modelCacheMount,
  requireHuggingFaceRepo,
  seconds,
  serviceJob,
  servingGroup,
  servingJobId,
  taskResources,
  type NomadJob,
} from './nomad-job.common.js';

export const LLAMA_CPP_CUDA_IMAGE = 'ghcr.io/ggml-org/llama.cpp:server-cuda-b6550';
export const LLAMA_CPP_CPU_IMAGE = 'ghcr.io/ggml-org/llama.cpp:server-b6550';
const LLAMA_CPP_PORT = 8080;

/** llama.cpp server for GGUF models, on GPU (all layers offloaded) or CPU-only profiles. */
export function buildLlamaCppJob(spec: RuntimeDeploySpec, profile: HardwareProfile): NomadJob {
  const jobId = servingJobId(spec.deploymentId);
  const { parameters } = spec.config;
  const hfFile =
    spec.model.huggingFaceFile ?? (spec.model.localPath ? basename(spec.model.localPath) : undefined);
  const args = [
    '--hf-repo',
    requireHuggingFaceRepo(spec),
    // The GGUF file inside the repo; without it llama.cpp picks the repo's default quantization.
    ...(hfFile ? ['--hf-file', hfFile] : []),
    '--host',
    '0.0.0.0',
    '--port',
    String(LLAMA_CPP_PORT),
    '--alias',
    spec.deploymentId,
    '--parallel',
    String(parameters.inferenceBatchSize),
    '--n-predict',
    String(parameters.maxLength),
    '--temp',
    String(parameters.temperature),
    '--top-p',
    String(parameters.topP),
    '--top-k',
    String(parameters.topK),
    '--threads',
    String(profile.cpuCores),
    ...(profile.gpu ? ['--n-gpu-layers', '999'] : []),
    ...(profile.gpu && profile.gpu.count > 1 ? ['--split-mode', 'layer'] : []),
    '--metrics',
  ];
  return serviceJob(
    spec,
    servingGroup({
      spec,
      port: LLAMA_CPP_PORT,
      // 503 "Loading model" until the weights are in memory, then 200.
      readinessPath: '/health',
      queueDepthQuery: `sum(llamacpp:requests_deferred{nomad_job="${jobId}"})`,
      task: {
        Name: 'llama-server',
        Driver: 'docker',
        Config: {
          image: profile.gpu ? LLAMA_CPP_CUDA_IMAGE : LLAMA_CPP_CPU_IMAGE,
          ports: ['http'],
          image_pull_timeout: '15m',
          args,
        },
        Env: { LLAMA_CACHE: `${MODEL_CACHE_PATH}/llama.cpp`, HF_HOME: MODEL_CACHE_PATH },
        Templates: [hfTokenTemplate(jobId)],
        VolumeMounts: [modelCacheMount()],
        Resources: taskResources(profile),
        KillTimeout: seconds(30),
      },
    }),
  );
}
