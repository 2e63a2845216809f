/**
 * A project's quotas and the one decision on them: given the quotas, what the project holds now and what a
 * command asks for more, the first quota the command would exceed (or none). Pure: the deployment commands, the
 * plan and the autoscaler's cap read the database and ask here.
 *
 * What a deployment holds is what it may run: its `scaling.maxReplicas` (and on a GPU profile that many times
 * the profile's GPUs) while it is OPTIMIZING, DEPLOYING or DEPLOYED. Counting the ceiling rather than the replicas
 * running now means an accepted deploy is never refused later by its own autoscaler, and the check does not
 * depend on load at the moment it is asked.
 */

/** null = unlimited. */
export interface ProjectQuotaLimits {
  maxReplicas: number | null;
  maxDeployments: number | null;
  /** Hardware profile id → the most GPUs of that profile the project's deployments may hold; absent = unlimited. */
  maxGpusByProfile: Record<string, number>;
}

export const UNLIMITED: ProjectQuotaLimits = {
  maxReplicas: null,
  maxDeployments: null,
  maxGpusByProfile: {},
};

export interface ProjectQuotaUsage {
  replicas: number;
  deployments: number;
  gpusByProfile: Record<string, number>;
}

/** What a command adds to the usage (0 or less: it does not grow, and no quota refuses it). */
export interface QuotaRequest {
  replicas: number;
  deployments: number;
  gpus: { hardwareProfileId: string; count: number } | null;
}

export type QuotaKind = 'REPLICAS' | 'DEPLOYMENTS' | 'GPUS';

export interface QuotaExceeded {
  quota: QuotaKind;
  message: string;
}

/** The first quota `request` would take the project past, in the order replicas, deployments, GPUs. */
export function firstQuotaExceeded(
  projectSlug: string,
  limits: ProjectQuotaLimits,
  usage: ProjectQuotaUsage,
  request: QuotaRequest,
): QuotaExceeded | null {
  const over = (limit: number | null | undefined, held: number, asked: number) =>
    limit != null && asked > 0 && held + asked > limit;
  if (over(limits.maxReplicas, usage.replicas, request.replicas)) {
    return {
      quota: 'REPLICAS',
      message: `Project ${projectSlug} allows at most ${plural(limits.maxReplicas!, 'replica')}; it runs ${usage.replicas} — this asks for ${request.replicas} more.`,
    };
  }
  if (over(limits.maxDeployments, usage.deployments, request.deployments)) {
    return {
      quota: 'DEPLOYMENTS',
      message: `Project ${projectSlug} allows at most ${plural(limits.maxDeployments!, 'concurrent deployment')}; it runs ${usage.deployments} — this asks for ${request.deployments} more.`,
    };
  }
  const gpus = request.gpus;
  if (gpus) {
    const limit = limits.maxGpusByProfile[gpus.hardwareProfileId];
    const held = usage.gpusByProfile[gpus.hardwareProfileId] ?? 0;
    if (over(limit, held, gpus.count)) {
      return {
        quota: 'GPUS',
        message: `Project ${projectSlug} allows at most ${plural(limit!, 'GPU')} of ${gpus.hardwareProfileId}; it runs ${held} — this asks for ${gpus.count} more.`,
      };
    }
  }
  return null;
}

/**
 * The most replicas the autoscaler may give one deployment: the replica quota minus what the project's other
 * deployments hold (and on a GPU profile, the GPU quota's share in whole replicas); null when nothing caps it.
 * Never below zero.
 */
export function replicaCap(
  limits: ProjectQuotaLimits,
  othersUsage: ProjectQuotaUsage,
  gpu: { hardwareProfileId: string; perReplica: number } | null,
): number | null {
  const caps: number[] = [];
  if (limits.maxReplicas != null) caps.push(limits.maxReplicas - othersUsage.replicas);
  const gpuLimit = gpu ? limits.maxGpusByProfile[gpu.hardwareProfileId] : undefined;
  if (gpu && gpu.perReplica > 0 && gpuLimit != null) {
    const free = gpuLimit - (othersUsage.gpusByProfile[gpu.hardwareProfileId] ?? 0);
    caps.push(Math.floor(free / gpu.perReplica));
  }
  return caps.length ? Math.max(0, Math.min(...caps)) : null;
}

/** The quotas' largest value: a typo of a few zeros is refused rather than read as "unlimited". */
export const MAX_QUOTA = 100_000;

/** Why a quota value is refused (a whole number from 0 to MAX_QUOTA), or null when it is fine. */
export function quotaValueProblem(value: number | null | undefined): string | null {
  if (value == null) return null;
  return Number.isInteger(value) && value >= 0 && value <= MAX_QUOTA
    ? null
    : `A quota is a whole number from 0 to ${MAX_QUOTA.toLocaleString('en-US')}, or null for unlimited.`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
