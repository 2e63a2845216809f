import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { RuntimeDeploySpec } from '../runtime.js';
import { CTRANSLATE2_SERVER_SCRIPT } from './ctranslate2-server.py.js';
import {
  MODEL_CACHE_PATH,
  batchJob,
  hfTokenTemplate,
  modelCacheMount,
  optimizationJobId,
  optimizedModelDir,
  requireHuggingFaceRepo,
  seconds,
  serviceJob,
  servingGroup,
  servingJobId,
  taskResources,
  type NomadJob,
} from './nomad-job.common.js';

/** PyTorch runtime image: CUDA 12 + cuDNN 9, which the CTranslate2 4.x wheels need. */
export const CTRANSLATE2_IMAGE = 'pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime';
const CTRANSLATE2_PIP =
  'ctranslate2==4.5.0 transformers==4.46.3 huggingface_hub==0.26.2 sentencepiece==0.2.0';
const CTRANSLATE2_PORT = 8000;

/**
 * Converts the Hugging Face model to CTranslate2 with int8 weights and float16 activations. Runs on CPU; the
 * result lands in the shared model cache, and an existing conversion is reused.
 */
export function buildCtranslate2ConversionJob(spec: RuntimeDeploySpec, profile: HardwareProfile): NomadJob {
  const jobId = optimizationJobId(spec.deploymentId, spec.version, 'ctranslate2');
  const output = optimizedModelDir(spec, 'ctranslate2');
  const script =
    `test -f ${output}/model.bin && echo "reusing ${output}" && exit 0; ` +
    `pip install --no-cache-dir ${CTRANSLATE2_PIP} && ` +
    `ct2-transformers-converter --model ${requireHuggingFaceRepo(spec)} --output_dir ${output}.partial ` +
    `--quantization int8_float16 --force && ` +
    // Rename last so a half-written folder is never mistaken for a finished conversion.
    `rm -rf ${output} && mv ${output}.partial ${output}`;
  return batchJob(spec, 'ctranslate2', {
    Name: 'convert',
    Driver: 'docker',
    Config: { image: CTRANSLATE2_IMAGE, command: 'bash', args: ['-c', script], image_pull_timeout: '30m' },
    Env: { HF_HOME: MODEL_CACHE_PATH },
    Templates: [hfTokenTemplate(jobId)],
    VolumeMounts: [modelCacheMount()],
    Resources: {
      CPU: Math.min(profile.cpuCores, 8) * 1000,
      MemoryMB: Math.floor(profile.memoryGiB * 1024 * 0.85),
    },
  });
}

/** Serves the converted model with the small OpenAI-compatible server in ctranslate2-server.py.ts. */
export function buildCtranslate2ServingJob(spec: RuntimeDeploySpec, profile: HardwareProfile): NomadJob {
  if (!profile.gpu)
    throw new Error(`CTranslate2 int8_float16 needs a GPU hardware profile; "${profile.id}" has none.`);
  const jobId = servingJobId(spec.deploymentId);
  const { parameters } = spec.config;
  return serviceJob(
    spec,
    servingGroup({
      spec,
      port: CTRANSLATE2_PORT,
      // The script binds its port only after the model is on the GPU, so /health means ready.
      readinessPath: '/health',
      queueDepthQuery: `sum(ct2_requests_waiting{nomad_job="${jobId}"})`,
      task: {
        Name: 'ctranslate2',
        Driver: 'docker',
        Config: {
          image: CTRANSLATE2_IMAGE,
          ports: ['http'],
          command: 'bash',
          args: ['-c', `pip install --no-cache-dir ${CTRANSLATE2_PIP} && exec python3 /local/server.py`],
          image_pull_timeout: '30m',
        },
        Env: {
          HF_HOME: MODEL_CACHE_PATH,
          CT2_MODEL_DIR: optimizedModelDir(spec, 'ctranslate2'),
          // The converted folder holds no Hugging Face tokenizer; load it from the (cached) source repo.
          TOKENIZER_SOURCE: requireHuggingFaceRepo(spec),
          SERVED_MODEL_NAMES: `${spec.deploymentId},${spec.model.name}`,
          GPU_COUNT: String(profile.gpu.count),
          PORT: String(CTRANSLATE2_PORT),
          DEFAULT_TEMPERATURE: String(parameters.temperature),
          DEFAULT_TOP_P: String(parameters.topP),
          DEFAULT_TOP_K: String(parameters.topK),
          DEFAULT_MAX_TOKENS: String(parameters.maxLength),
          MAX_CONCURRENT: String(parameters.inferenceBatchSize),
        },
        Templates: [
          hfTokenTemplate(jobId),
          { EmbeddedTmpl: CTRANSLATE2_SERVER_SCRIPT, DestPath: 'local/server.py', ChangeMode: 'restart' },
        ],
        VolumeMounts: [modelCacheMount()],
        Resources: taskResources(profile),
        KillTimeout: seconds(30),
      },
    }),
  );
}
