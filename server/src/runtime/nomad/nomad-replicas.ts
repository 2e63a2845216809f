import type { ReplicaInfo } from '../runtime.js';
import type { NomadAllocationStub } from './nomad.client.js';
import { TERMINAL_CLIENT_STATUS } from './nomad-job.queries.js';

export interface ReplicaInput {
  allocations: Iterable<NomadAllocationStub>;
  /** Allocation id → `http://<service address>:<port>/v1` from native service discovery. */
  baseUrls: ReadonlyMap<string, string>;
  /** Nomad job version that realises `version`. */
  nomadVersion: number | undefined;
  version: number;
  /** Hangar version of replicas left from before a redeploy. */
  previousVersion: number | undefined;
  /** A traffic split's canary: allocations of its Nomad job version serve its Hangar version. */
  canary?: { nomadVersion: number | undefined; version: number };
  /** Earlier Nomad job versions that serve a Hangar version still (the stable one's, before a revert re-registered it). */
  aliases?: ReadonlyMap<number, number>;
  /** Nomad job versions taken back (a rolled-back canary): their allocations stop, they take no requests. */
  retired?: ReadonlyMap<number, number>;
  /** Allocations that passed their checks before: an in-place update (a revert) clears that until checked again. */
  wasHealthy?: ReadonlySet<string>;
}

/**
 * One replica per live allocation: READY once Nomad marked it healthy and its service is registered, STOPPING when
 * Nomad is taking it down, FAILED for a failed allocation of the current version (kept so users see the crash).
 * Which Hangar version an allocation serves follows from its Nomad job version (a canary's is the split's).
 */
export function replicasFromAllocations(input: ReplicaInput): ReplicaInfo[] {
  const replicas: ReplicaInfo[] = [];
  for (const alloc of input.allocations) {
    const current = alloc.JobVersion === input.nomadVersion;
    const canary = input.canary !== undefined && alloc.JobVersion === input.canary.nomadVersion;
    const retired = alloc.JobVersion === undefined ? undefined : input.retired?.get(alloc.JobVersion);
    const alias = alloc.JobVersion === undefined ? undefined : input.aliases?.get(alloc.JobVersion);
    if (
      TERMINAL_CLIENT_STATUS.has(alloc.ClientStatus ?? '') &&
      !(alloc.ClientStatus === 'failed' && (current || canary))
    )
      continue;
    const baseUrl = input.baseUrls.get(alloc.ID!);
    // The task kept running through an in-place update: it serves until its checks say otherwise.
    const healthy =
      alloc.DeploymentStatus?.Healthy ??
      (input.wasHealthy?.has(alloc.ID!) === true && alloc.DeploymentStatus?.Healthy !== false);
    const status: ReplicaInfo['status'] =
      alloc.ClientStatus === 'failed'
        ? 'FAILED'
        : alloc.DesiredStatus !== 'run' || retired !== undefined
          ? 'STOPPING'
          : alloc.ClientStatus === 'running' && healthy && baseUrl
            ? 'READY'
            : 'STARTING';
    replicas.push({
      id: alloc.ID!,
      version: canary
        ? input.canary!.version
        : current
          ? input.version
          : (retired ?? alias ?? input.previousVersion ?? input.version - 1),
      status,
      startedAt: new Date(Math.floor((alloc.CreateTime ?? 0) / 1e6)),
      // Nomad restarts a crashed task in place (its restart stanza): the allocation, our replica, stays.
      restarts: Object.values(alloc.TaskStates ?? {}).reduce((sum, state) => sum + (state.Restarts ?? 0), 0),
      ...(status === 'READY' ? { baseUrl } : {}),
    });
  }
  return replicas.sort((a, b) => a.id.localeCompare(b.id));
}
