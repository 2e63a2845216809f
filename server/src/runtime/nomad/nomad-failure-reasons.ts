import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { NomadAllocation, NomadAllocationMetric, NomadAllocationStub } from './nomad.client.js';

/** Turns the scheduler's FailedTGAllocs metrics into sentences a user can act on. */
export function describePlacementFailure(
  failed: Record<string, NomadAllocationMetric> | null | undefined,
  profile: HardwareProfile,
): string[] {
  const reasons: string[] = [];
  for (const metric of Object.values(failed ?? {})) {
    const dimensions = { ...(metric.DimensionExhausted ?? {}), ...(metric.ConstraintFiltered ?? {}) };
    const keys = Object.keys(dimensions);
    if (keys.some((key) => key.includes('device')) && profile.gpu) {
      const gpus = profile.gpu.count === 1 ? 'a free GPU' : `${profile.gpu.count} free GPUs`;
      reasons.push(`no node has ${gpus} with ≥ ${profile.gpu.memoryGiB} GiB`);
    }
    if (keys.includes('memory'))
      reasons.push(`no node has ${Math.round(profile.memoryGiB * 0.85)} GiB of memory free`);
    if (keys.includes('cpu')) reasons.push(`no node has ${profile.cpuCores} CPU cores free`);
    for (const key of keys.filter((k) => !k.includes('device') && k !== 'memory' && k !== 'cpu')) {
      reasons.push(`${dimensions[key]} node(s) ruled out by "${key}"`);
    }
    if (!metric.NodesEvaluated && keys.length === 0)
      reasons.push('no Nomad client node is ready in this datacenter');
  }
  return [...new Set(reasons)];
}

type AnyAllocation = NomadAllocation | NomadAllocationStub;

/** Why an allocation is not serving, from its newest task events ("image pull failed: …", exit codes). */
export function describeAllocationFailure(allocation: AnyAllocation): string | undefined {
  for (const state of Object.values(allocation.TaskStates ?? {})) {
    const events = [...(state.Events ?? [])].reverse();
    const pull = events.find(
      (event) =>
        event.Type === 'Driver Failure' &&
        /pull|manifest|image/i.test(`${event.DriverError} ${event.DisplayMessage}`),
    );
    if (pull) return `image pull failed: ${pull.DriverError || pull.DisplayMessage || 'unknown error'}`;
    const terminated = events.find((event) => event.Type === 'Terminated');
    const gaveUp = events.find((event) => event.Type === 'Not Restarting');
    if (terminated && (gaveUp || state.Failed)) {
      const restarts = state.Restarts ?? 0;
      return `model server exited with code ${terminated.ExitCode ?? '?'} after ${restarts} restart${restarts === 1 ? '' : 's'}`;
    }
    const other = events.find(
      (event) => event.FailsTask || event.Type === 'Driver Failure' || event.Type === 'Setup Failure',
    );
    if (other) return other.DisplayMessage || other.DriverError || other.SetupError || other.Type;
  }
  return allocation.ClientStatus === 'failed'
    ? allocation.ClientDescription || 'allocation failed'
    : undefined;
}
