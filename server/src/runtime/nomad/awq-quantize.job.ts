import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { RuntimeDeploySpec } from '../runtime.js';
import {
  MODEL_CACHE_PATH,
  batchJob,
  gpuDevices,
  hfTokenTemplate,
  modelCacheMount,
  optimizationJobId,
  optimizedModelDir,
  requireHuggingFaceRepo,
  type NomadJob,
} from './nomad-job.common.js';

export const AWQ_IMAGE = 'pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime';
const AWQ_PIP = 'autoawq==0.2.7.post3 transformers==4.46.3 accelerate==1.1.1';

/** AutoAWQ's documented defaults: 4-bit weights, group size 128, GEMM kernels (what vLLM's `awq` loads). */
const AWQ_SCRIPT = `import os, shutil
from awq import AutoAWQForCausalLM
from transformers import AutoTokenizer
src, out = os.environ["SOURCE_MODEL"], os.environ["OUTPUT_DIR"]
if os.path.exists(os.path.join(out, "config.json")):
    print("reusing", out); raise SystemExit(0)
model = AutoAWQForCausalLM.from_pretrained(src, low_cpu_mem_usage=True, use_cache=False)
tokenizer = AutoTokenizer.from_pretrained(src)
model.quantize(tokenizer, quant_config=dict(zero_point=True, q_group_size=128, w_bit=4, version="GEMM"))
model.save_quantized(out + ".partial")
tokenizer.save_pretrained(out + ".partial")
shutil.rmtree(out, ignore_errors=True)
os.rename(out + ".partial", out)
`;

/** Quantizes the model with AutoAWQ on one GPU of the profile's kind, for vLLM `--quantization awq`. */
export function buildAwqQuantizeJob(spec: RuntimeDeploySpec, profile: HardwareProfile): NomadJob {
  if (!profile.gpu)
    throw new Error(`AWQ quantization needs a GPU hardware profile; "${profile.id}" has none.`);
  const jobId = optimizationJobId(spec.deploymentId, spec.version, 'awq');
  const devices = gpuDevices({ ...profile, gpu: { ...profile.gpu, count: 1 } });
  return batchJob(spec, 'awq', {
    Name: 'quantize',
    Driver: 'docker',
    Config: {
      image: AWQ_IMAGE,
      command: 'bash',
      args: ['-c', `pip install --no-cache-dir ${AWQ_PIP} && exec python3 /local/quantize.py`],
      shm_size: 4 * 1024 ** 3,
      image_pull_timeout: '30m',
    },
    Env: {
      HF_HOME: MODEL_CACHE_PATH,
      SOURCE_MODEL: requireHuggingFaceRepo(spec),
      OUTPUT_DIR: optimizedModelDir(spec, 'awq'),
    },
    Templates: [
      hfTokenTemplate(jobId),
      { EmbeddedTmpl: AWQ_SCRIPT, DestPath: 'local/quantize.py', ChangeMode: 'noop' },
    ],
    VolumeMounts: [modelCacheMount()],
    Resources: {
      CPU: Math.min(profile.cpuCores, 8) * 1000,
      MemoryMB: Math.floor(profile.memoryGiB * 1024 * 0.85),
      ...(devices ? { Devices: devices } : {}),
    },
  });
}
