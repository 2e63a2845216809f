import { describe, expect, it } from 'vitest';
import { loadHardwareProfiles } from '../../core/hardware-profile.js';
import { describeAllocationFailure, describePlacementFailure } from './nomad-failure-reasons.js';

const profiles = loadHardwareProfiles();
const a10gX4 = profiles.find((profile) => profile.id === 'nvidia-a10g-x4')!;
const cpu = profiles.find((profile) => profile.id === 'local-cpu')!;

describe('placement failures in words', () => {
  it('names the GPU shortage for both ways Nomad reports it', () => {
    expect(
      describePlacementFailure({ server: { ConstraintFiltered: { 'missing devices': 2 } } }, a10gX4),
    ).toEqual(['no node has 4 free GPUs with ≥ 24 GiB']);
    expect(
      describePlacementFailure(
        { server: { DimensionExhausted: { 'devices: no devices match request': 1 } } },
        a10gX4,
      ),
    ).toEqual(['no node has 4 free GPUs with ≥ 24 GiB']);
  });

  it('names memory, CPU, other constraints and an empty cluster', () => {
    expect(
      describePlacementFailure(
        {
          server: {
            NodesEvaluated: 5,
            DimensionExhausted: { memory: 3, cpu: 2 },
            ConstraintFiltered: { '${attr.kernel.name} = linux': 1 },
          },
        },
        a10gX4,
      ),
    ).toEqual([
      'no node has 163 GiB of memory free',
      'no node has 48 CPU cores free',
      '1 node(s) ruled out by "${attr.kernel.name} = linux"',
    ]);
    expect(describePlacementFailure({ server: { NodesEvaluated: 0 } }, cpu)).toEqual([
      'no Nomad client node is ready in this datacenter',
    ]);
    expect(describePlacementFailure(null, cpu)).toEqual([]);
  });
});

describe('allocation failures in words', () => {
  it('reports image pulls, exit codes and otherwise the client description', () => {
    expect(
      describeAllocationFailure({
        ClientStatus: 'failed',
        TaskStates: {
          vllm: {
            State: 'dead',
            Failed: true,
            Events: [{ Type: 'Driver Failure', DriverError: 'Failed to pull `x:1`: denied' }],
          },
        },
      }),
    ).toBe('image pull failed: Failed to pull `x:1`: denied');
    expect(
      describeAllocationFailure({
        ClientStatus: 'failed',
        TaskStates: {
          tgi: {
            State: 'dead',
            Failed: true,
            Restarts: 1,
            Events: [{ Type: 'Terminated', ExitCode: 1 }, { Type: 'Not Restarting' }],
          },
        },
      }),
    ).toBe('model server exited with code 1 after 1 restart');
    expect(describeAllocationFailure({ ClientStatus: 'failed', ClientDescription: 'Failed tasks' })).toBe(
      'Failed tasks',
    );
    expect(describeAllocationFailure({ ClientStatus: 'running' })).toBeUndefined();
  });
});
