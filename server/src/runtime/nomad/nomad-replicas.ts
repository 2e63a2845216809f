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
}

/**
 * One replica per live allocation: READY once Nomad marked it healthy and its service is registered, STOPPING when
 * Nomad is taking it down, FAILED for a failed allocation of the current version (kept so users see the crash).
 */
export function replicasFromAllocations(input: ReplicaInput): ReplicaInfo[] {
  const replicas: ReplicaInfo[] = [];
  for (const alloc of input.allocations) {
    const current = alloc.JobVersion === input.nomadVersion;
    if (TERMINAL_CLIENT_STATUS.has(alloc.ClientStatus ?? '') && !(alloc.ClientStatus === 'failed' && current))
      continue;
    const baseUrl = input.baseUrls.get(alloc.ID!);
    const status: ReplicaInfo['status'] =
      alloc.ClientStatus === 'failed'
        ? 'FAILED'
        : alloc.DesiredStatus !== 'run'
          ? 'STOPPING'
          : alloc.ClientStatus === 'running' && alloc.DeploymentStatus?.Healthy && baseUrl
            ? 'READY'
            : 'STARTING';
    replicas.push({
      id: alloc.ID!,
      version: current ? input.version : (input.previousVersion ?? input.version - 1),
      status,
      startedAt: new Date(Math.floor((alloc.CreateTime ?? 0) / 1e6)),
      // Nomad restarts a crashed task in place (its restart stanza): the allocation, our replica, stays.
      restarts: Object.values(alloc.TaskStates ?? {}).reduce((sum, state) => sum + (state.Restarts ?? 0), 0),
      ...(status === 'READY' ? { baseUrl } : {}),
    });
  }
  return replicas.sort((a, b) => a.id.localeCompare(b.id));
}
