import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { RuntimeDeploySpec } from '../runtime.js';
import {
  hfTokenTemplate,
  modelCacheMount,
  requireHuggingFaceRepo,
  seconds,
  serviceJob,
  servingGroup,
  servingJobId,
  taskResources,
  MODEL_CACHE_PATH,
  type NomadJob,
} from './nomad-job.common.js';

export const TGI_IMAGE = 'ghcr.io/huggingface/text-generation-inference:3.3.6';
/** TGI's container listens on port 80. */
const TGI_PORT = 80;

/** Text Generation Inference; serves Hugging Face safetensors models without an optimization step. */
export function buildTgiJob(spec: RuntimeDeploySpec, profile: HardwareProfile): NomadJob {
  if (!profile.gpu)
    throw new Error(`Text Generation Inference needs a GPU hardware profile; "${profile.id}" has none.`);
  const jobId = servingJobId(spec.deploymentId);
  const { parameters } = spec.config;
  const args = [
    '--model-id',
    requireHuggingFaceRepo(spec),
    '--port',
    String(TGI_PORT),
    '--max-concurrent-requests',
    // TGI answers 429 beyond this; leave a queue of 4× the batch so bursts wait instead of failing.
    String(parameters.inferenceBatchSize * 4),
    '--max-batch-size',
    String(parameters.inferenceBatchSize),
    ...(profile.gpu.count > 1 ? ['--sharded', 'true', '--num-shard', String(profile.gpu.count)] : []),
  ];
  return serviceJob(
    spec,
    servingGroup({
      spec,
      port: TGI_PORT,
      // TGI's /health is 200 only after warm-up has finished.
      readinessPath: '/health',
      queueDepthQuery: `sum(tgi_queue_size{nomad_job="${jobId}"})`,
      task: {
        Name: 'tgi',
        Driver: 'docker',
        Config: {
          image: TGI_IMAGE,
          ports: ['http'],
          shm_size: 1024 ** 3,
          image_pull_timeout: '30m',
          args,
        },
        Env: { HF_HOME: MODEL_CACHE_PATH, HUGGINGFACE_HUB_CACHE: `${MODEL_CACHE_PATH}/hub` },
        Templates: [hfTokenTemplate(jobId)],
        VolumeMounts: [modelCacheMount()],
        Resources: taskResources(profile),
        KillTimeout: seconds(30),
      },
    }),
  );
}
