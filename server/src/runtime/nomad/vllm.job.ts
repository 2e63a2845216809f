import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { RuntimeDeploySpec } from '../runtime.js';
import {
  MODEL_CACHE_PATH,
  hfTokenTemplate,
  modelCacheMount,
  optimizedModelDir,
  seconds,
  requireHuggingFaceRepo,
  serviceJob,
  servingGroup,
  servingJobId,
  taskResources,
  type NomadJob,
} from './nomad-job.common.js';

export const VLLM_IMAGE = 'vllm/vllm-openai:v0.11.0';
const VLLM_PORT = 8000;

/**
 * vLLM's multi-LoRA serving: one base, each adapter served under its name (`--lora-modules name=source`, the
 * source a Hugging Face repository vLLM downloads like the base). `--max-loras` lets all of them share a batch.
 */
function loraArgs(spec: RuntimeDeploySpec): string[] {
  const adapters = spec.adapters ?? [];
  if (adapters.length === 0) return [];
  const modules = adapters.map((adapter) => {
    if (!adapter.huggingFaceRepoId) throw new Error(vllmAdapterRefusal(adapter.name));
    return `${adapter.name}=${adapter.huggingFaceRepoId}`;
  });
  return ['--enable-lora', '--max-loras', String(adapters.length), '--lora-modules', ...modules];
}

/** Why vLLM on Nomad cannot serve an adapter stored only on the Hangar server (the cluster cannot read it). */
export const vllmAdapterRefusal = (name: string): string =>
  `Adapter "${name}" is stored on the Hangar server only; vLLM on Nomad loads adapters from Hugging Face. ` +
  'Import it from its Hugging Face repository instead.';

/** vLLM OpenAI server; with VLLM + AWQ it serves the folder the awq-quantize job wrote. */
export function buildVllmJob(spec: RuntimeDeploySpec, profile: HardwareProfile): NomadJob {
  if (!profile.gpu) throw new Error(`vLLM needs a GPU hardware profile; "${profile.id}" has none.`);
  const jobId = servingJobId(spec.deploymentId);
  const awq = spec.config.optimization.quantization === 'AWQ';
  const model = awq ? optimizedModelDir(spec, 'awq') : requireHuggingFaceRepo(spec);
  const { parameters } = spec.config;
  const args = [
    '--model',
    model,
    // Clients may name the deployment or the model; vLLM rejects any other `model` value with 404.
    '--served-model-name',
    spec.deploymentId,
    spec.model.name,
    '--host',
    '0.0.0.0',
    '--port',
    String(VLLM_PORT),
    '--tensor-parallel-size',
    String(profile.gpu.count),
    '--gpu-memory-utilization',
    '0.90',
    '--max-num-seqs',
    String(parameters.inferenceBatchSize),
    '--override-generation-config',
    JSON.stringify({
      temperature: parameters.temperature,
      top_p: parameters.topP,
      top_k: parameters.topK,
      max_new_tokens: parameters.maxLength,
    }),
    ...(awq ? ['--quantization', 'awq'] : []),
    ...loraArgs(spec),
  ];
  return serviceJob(
    spec,
    servingGroup({
      spec,
      port: VLLM_PORT,
      // /health answers while weights still load; /v1/models only once the engine can serve.
      readinessPath: '/v1/models',
      queueDepthQuery: `sum(vllm:num_requests_waiting{nomad_job="${jobId}"})`,
      task: {
        Name: 'vllm',
        Driver: 'docker',
        Config: {
          image: VLLM_IMAGE,
          ports: ['http'],
          // Tensor parallelism shares tensors through /dev/shm; Docker's 64 MB default is far too small.
          shm_size: 8 * 1024 ** 3,
          image_pull_timeout: '30m',
          args,
        },
        Env: { HF_HOME: MODEL_CACHE_PATH },
        Templates: [hfTokenTemplate(jobId)],
        VolumeMounts: [modelCacheMount()],
        Resources: taskResources(profile),
        KillTimeout: seconds(30),
      },
    }),
  );
}
