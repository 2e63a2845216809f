import { createHash } from 'node:crypto';
import type { ScalingConfig } from '../../core/deployment-config/deployment-config.js';
import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { RuntimeDeploySpec } from '../runtime.js';
import type { components } from './generated/nomad-api.js';

/** Building blocks shared by the per-engine job builders (the JSON twin of nomad-jobs/*.nomad.hcl). */

export type NomadJob = components['schemas']['Job'];
export type NomadTaskGroup = components['schemas']['TaskGroup'];
export type NomadTask = components['schemas']['Task'];
export type NomadTemplate = components['schemas']['Template'];
export type NomadRequestedDevice = components['schemas']['RequestedDevice'];
export type NomadService = components['schemas']['Service'];

/** Job JSON durations are integer nanoseconds; a string like "30s" is rejected by Nomad. */
export function seconds(value: number): number {
  return Math.round(value * 1_000_000_000);
}

export function minutes(value: number): number {
  return seconds(value * 60);
}

/** Every job Hangar submits carries these so reconciliation can find what it owns. */
export const META_DEPLOYMENT_ID = 'hangar_deployment_id';
export const META_VERSION = 'hangar_version';
export const META_ROLE = 'hangar_role';
export type JobRole = 'serving' | 'optimization';

/** The name of the serving task group (the scale API targets it). */
export const SERVING_GROUP = 'server';

/** Client host volume that keeps Hugging Face downloads and optimized models across allocations. */
export const MODEL_CACHE_VOLUME = 'hf-cache';
export const MODEL_CACHE_PATH = '/root/.cache/huggingface';

/** Nomad service names must be DNS labels (≤ 63 chars, [a-z0-9-]); job ids and variable paths are laxer. */
function slug(value: string, maxLength: number): string {
  const clean = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (clean.length <= maxLength) return clean || 'x';
  const hash = createHash('sha256').update(value).digest('hex').slice(0, 8);
  return `${clean.slice(0, maxLength - 9).replace(/-+$/, '')}-${hash}`;
}

export function servingJobId(deploymentId: string): string {
  return `hangar-${slug(deploymentId, 56)}`;
}

export type OptimizationKind = 'ctranslate2' | 'awq';

export function optimizationJobId(deploymentId: string, version: number, kind: OptimizationKind): string {
  return `hangar-${slug(deploymentId, 40)}-v${version}-${kind}`;
}

/** Service names double as the gateway's lookup key in `/v1/service/:name`. */
export function serviceName(deploymentId: string): string {
  return servingJobId(deploymentId);
}

/** The path a job's workload identity can read without extra ACL policy. */
export function jobVariablePath(jobId: string): string {
  return `nomad/jobs/${jobId}`;
}

/** Folder (inside the model cache volume) where an optimized model for this model + technique is kept. */
export function optimizedModelDir(spec: RuntimeDeploySpec, kind: OptimizationKind): string {
  const quant = kind === 'ctranslate2' ? 'int8_float16' : 'awq-w4-g128';
  return `${MODEL_CACHE_PATH}/hangar/${kind}/${slug(spec.model.id, 60)}-${quant}`;
}

export function jobMeta(spec: RuntimeDeploySpec, role: JobRole): Record<string, string> {
  return {
    [META_DEPLOYMENT_ID]: spec.deploymentId,
    [META_VERSION]: String(spec.version),
    [META_ROLE]: role,
    hangar_model_id: spec.model.id,
  };
}

/**
 * The NVIDIA plugin fingerprints usable memory from NVML, which is below the marketing size (a "16 GB" T4 reports
 * 15360 MiB, a "24 GB" A10G 23028 MiB), so a floor of exactly N GiB would match no card of that kind. 90 % of the
 * nominal size still keeps a model sized for a bigger card off a smaller one.
 */
export function gpuMemoryFloorMiB(memoryGiB: number): number {
  return Math.floor(memoryGiB * 1024 * 0.9);
}

/** `device "nvidia/gpu"` with count and a per-GPU memory floor, so a T4 never receives an A10G-sized job. */
export function gpuDevices(profile: HardwareProfile): NomadRequestedDevice[] | undefined {
  if (!profile.gpu) return undefined;
  return [
    {
      Name: 'nvidia/gpu',
      Count: profile.gpu.count,
      Constraints: [
        {
          LTarget: '${device.attr.memory}',
          RTarget: `${gpuMemoryFloorMiB(profile.gpu.memoryGiB)} MiB`,
          Operand: '>=',
        },
      ],
    },
  ];
}

/** Nomad CPU is in MHz; assume ~1 GHz per core share so a profile's cores map to a plausible reservation. */
export function taskResources(profile: HardwareProfile): components['schemas']['Resources'] {
  const devices = gpuDevices(profile);
  return {
    CPU: profile.cpuCores * 1000,
    // Leave headroom for the OS and the Nomad client on an instance of exactly this size.
    MemoryMB: Math.floor(profile.memoryGiB * 1024 * 0.85),
    ...(devices ? { Devices: devices } : {}),
  };
}

/**
 * The HF token reaches the task only through the Nomad Variable at nomad/jobs/<jobId>. `nomadVarExists` keeps the
 * template from blocking forever when the model is public and no variable was written.
 */
export function hfTokenTemplate(jobId: string): NomadTemplate {
  const path = jobVariablePath(jobId);
  return {
    EmbeddedTmpl:
      `{{ if nomadVarExists "${path}" }}{{ with nomadVar "${path}" }}` +
      `HF_TOKEN={{ .hf_token }}\nHUGGING_FACE_HUB_TOKEN={{ .hf_token }}\n{{ end }}{{ end }}`,
    DestPath: 'secrets/hf.env',
    Envvars: true,
    ChangeMode: 'restart',
  };
}

export function modelCacheVolume(): NonNullable<NomadTaskGroup['Volumes']> {
  return {
    [MODEL_CACHE_VOLUME]: {
      Name: MODEL_CACHE_VOLUME,
      Type: 'host',
      Source: MODEL_CACHE_VOLUME,
      ReadOnly: false,
    },
  };
}

export function modelCacheMount(): components['schemas']['VolumeMount'] {
  return { Volume: MODEL_CACHE_VOLUME, Destination: MODEL_CACHE_PATH, ReadOnly: false };
}

/**
 * Model loads take minutes (downloads + weights to GPU): Nomad's 5m healthy deadline would fail good deploys.
 * A redeploy first starts `canaries` (its minReplicas) next to the running version and promotes them once healthy,
 * so the old replicas keep serving until the new ones are ready (this needs GPU headroom for the canaries).
 * A traffic split registers its version with `autoPromote` false: the canaries serve beside the running version
 * until Hangar promotes the Nomad deployment or reverts the job. `AutoRevert` stays on for both: a version whose
 * allocations fail their checks is rolled back by Nomad to the last stable one (the version that was serving).
 */
export function longLoadUpdate(
  canaries: number,
  autoPromote = true,
): components['schemas']['UpdateStrategy'] {
  return {
    MaxParallel: 1,
    Canary: canaries,
    AutoPromote: autoPromote,
    HealthCheck: 'checks',
    MinHealthyTime: seconds(30),
    HealthyDeadline: minutes(30),
    ProgressDeadline: minutes(45),
    AutoRevert: true,
  };
}

/** Marks on a traffic split's job version: the Hangar version it serves beside and that one's Nomad version. */
export const META_CANARY_OF = 'hangar_canary_of';
export const META_STABLE_JOB_VERSION = 'hangar_stable_job_version';

/**
 * `job` (built for the canary's spec like any serving job) as a traffic split's version: `canaries` allocations
 * start beside the running ones and wait for a manual promotion; the meta lets a restarted server follow both.
 */
export function asTrafficSplitCanary(
  job: NomadJob,
  canaries: number,
  stable: { version: number; nomadVersion: number },
): NomadJob {
  const canary = structuredClone(job);
  for (const group of canary.TaskGroups ?? []) {
    if (group.Name === SERVING_GROUP) group.Update = longLoadUpdate(canaries, false);
  }
  canary.Meta = {
    ...canary.Meta,
    [META_CANARY_OF]: String(stable.version),
    [META_STABLE_JOB_VERSION]: String(stable.nomadVersion),
  };
  return canary;
}

/** A crash loop should surface as FAILED quickly rather than restart forever. */
export function servingRestartPolicy(): components['schemas']['RestartPolicy'] {
  return { Attempts: 2, Interval: minutes(30), Delay: seconds(30), Mode: 'fail' };
}

/**
 * Group count starts at minReplicas; the Nomad Autoscaler moves it within min/max. `cooldown` is the scale-down
 * delay and `cooldown_on_scale_up` the scale-up delay (autoscaler ≥ v0.4.7; older ones use `cooldown` for both).
 */
export function scalingPolicy(
  scaling: ScalingConfig,
  queueDepthQuery: string,
): components['schemas']['ScalingPolicy'] {
  return {
    Enabled: true,
    Min: scaling.minReplicas,
    Max: scaling.maxReplicas,
    Type: 'horizontal',
    Policy: {
      evaluation_interval: '30s',
      cooldown: `${scaling.scaleDownDelaySeconds}s`,
      cooldown_on_scale_up: `${scaling.scaleUpDelaySeconds}s`,
      check: [
        {
          queue_depth: [
            {
              source: 'prometheus',
              query: queueDepthQuery,
              strategy: [{ 'target-value': [{ target: 4 }] }],
            },
          ],
        },
      ],
    },
  };
}

export interface ServingGroupInput {
  spec: RuntimeDeploySpec;
  /** Container port the engine listens on. */
  port: number;
  /** HTTP path that answers 200 only once the model is loaded. */
  readinessPath: string;
  task: NomadTask;
  queueDepthQuery: string;
}

export function servingGroup(input: ServingGroupInput): NomadTaskGroup {
  const { spec } = input;
  const name = serviceName(spec.deploymentId);
  return {
    Name: SERVING_GROUP,
    Count: spec.config.scaling.minReplicas,
    Networks: [{ DynamicPorts: [{ Label: 'http', To: input.port }] }],
    Volumes: modelCacheVolume(),
    Update: longLoadUpdate(spec.config.scaling.minReplicas),
    RestartPolicy: servingRestartPolicy(),
    ReschedulePolicy: {
      Attempts: 3,
      Interval: minutes(60),
      Delay: seconds(30),
      DelayFunction: 'exponential',
      MaxDelay: minutes(10),
      Unlimited: false,
    },
    Services: [
      {
        Name: name,
        PortLabel: 'http',
        Provider: 'nomad',
        Tags: ['hangar', 'openai-compatible', `deployment=${spec.deploymentId}`, `version=${spec.version}`],
        Checks: [
          {
            Name: 'ready',
            Type: 'http',
            Path: input.readinessPath,
            Interval: seconds(10),
            Timeout: seconds(5),
          },
        ],
      },
    ],
    Scaling: scalingPolicy(spec.config.scaling, input.queueDepthQuery),
    Tasks: [input.task],
  };
}

export function serviceJob(spec: RuntimeDeploySpec, group: NomadTaskGroup): NomadJob {
  const id = servingJobId(spec.deploymentId);
  return {
    ID: id,
    Name: id,
    Type: 'service',
    Datacenters: ['*'],
    Meta: jobMeta(spec, 'serving'),
    TaskGroups: [group],
  };
}

/** Batch jobs run once to completion; a failed conversion is retried once, then reported. */
export function batchJob(spec: RuntimeDeploySpec, kind: OptimizationKind, task: NomadTask): NomadJob {
  const id = optimizationJobId(spec.deploymentId, spec.version, kind);
  return {
    ID: id,
    Name: id,
    Type: 'batch',
    Datacenters: ['*'],
    Meta: { ...jobMeta(spec, 'optimization'), hangar_optimization: kind },
    TaskGroups: [
      {
        Name: 'optimize',
        Count: 1,
        Volumes: modelCacheVolume(),
        RestartPolicy: { Attempts: 1, Interval: minutes(60), Delay: seconds(30), Mode: 'fail' },
        ReschedulePolicy: { Attempts: 0, Unlimited: false },
        Tasks: [task],
      },
    ],
  };
}

/** Hugging Face repo id of the model; Nomad clients pull weights themselves and cannot read Hangar's disk. */
export function requireHuggingFaceRepo(spec: RuntimeDeploySpec): string {
  const repo = spec.model.huggingFaceRepoId;
  if (!repo) {
    throw new Error(
      `Model "${spec.model.name}" is stored on the Hangar server only; the Nomad runtime needs a Hugging Face ` +
        'model (its GPU nodes download the weights themselves). Import the model from Hugging Face, or deploy on the local runtime.',
    );
  }
  return repo;
}
