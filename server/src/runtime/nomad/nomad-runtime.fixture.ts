import { afterEach, beforeEach, expect } from 'vitest';
import { NomadDouble, type NomadDoubleOptions } from '../../../test/nomad-double/nomad-double.js';
import { DEFAULT_PARAMETERS, type DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import { loadHardwareProfiles } from '../../core/hardware-profile.js';
import type { RuntimeDeploySpec, RuntimeEvent } from '../runtime.js';
import { NomadRuntime } from './nomad.runtime.js';

/**
 * What the NomadRuntime tests share: a spec-validating Nomad double started fresh per test, runtimes that record
 * their events, and the waits. The `let` exports are live bindings: importers see the current test's double.
 */
export const profiles = loadHardwareProfiles();
const DOUBLE_OPTIONS = { heartbeatMs: 200, maxBlockingWaitMs: 1000, aclToken: 'nomad-acl-token' };

export function spec(
  deploymentId: string,
  options: {
    version?: number;
    optimization?: DeploymentConfig['optimization'];
    min?: number;
    max?: number;
  } = {},
): RuntimeDeploySpec {
  return {
    deploymentId,
    version: options.version ?? 1,
    model: {
      id: 'mdl_1',
      name: 'tiny-chat',
      source: 'HUGGING_FACE',
      format: 'HF_SAFETENSORS',
      huggingFaceRepoId: 'acme/tiny-chat',
      huggingFaceToken: 'hf_very_secret',
    },
    config: {
      optimization: options.optimization ?? { technique: 'VLLM', quantization: 'NONE' },
      parameters: DEFAULT_PARAMETERS,
      hardwareProfileId: 'nvidia-a10g-x1',
      scaling: {
        minReplicas: options.min ?? 1,
        maxReplicas: options.max ?? 4,
        scaleUpDelaySeconds: 30,
        scaleDownDelaySeconds: 600,
        scaleToZeroAfterSeconds: 0,
        autoscalerMode: 'ACTIVE',
        targetTtftMs: 0,
        targetTokensPerSecondPerReplica: 0,
      },
    },
  };
}

export let nomad: NomadDouble;
export let addr: string;
let runtimes: NomadRuntime[];
export let events: RuntimeEvent[];

export function createRuntime(
  options: { resyncAfterGapMs?: number; heartbeatTimeoutMs?: number } = {},
): NomadRuntime {
  const runtime = new NomadRuntime({
    addr,
    token: 'nomad-acl-token',
    hardwareProfiles: profiles,
    eventStream: {
      reconnectDelayMs: 20,
      resyncAfterGapMs: options.resyncAfterGapMs,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs,
    },
    scaleRetryTimeoutMs: 10_000,
  });
  runtime.onEvent((event) => events.push(event));
  runtimes.push(runtime);
  return runtime;
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false,
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}; events: ${JSON.stringify(events.map((e) => [e.type, 'message' in e ? e.message : 'reason' in e ? e.reason : '']))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const eventOf =
  <T extends RuntimeEvent['type']>(type: T, deploymentId: string) =>
  () =>
    events.find(
      (event): event is Extract<RuntimeEvent, { type: T }> =>
        event.type === type && event.deploymentId === deploymentId,
    );

/** A runtime built elsewhere (from the environment) that closes with the test like those of createRuntime. */
export function closesAfterTest(runtime: NomadRuntime): NomadRuntime {
  runtimes.push(runtime);
  return runtime;
}

/** Replaces this test's double by one with other options (a tiny event buffer, no heartbeats). */
export async function restartDouble(options: Partial<NomadDoubleOptions>): Promise<void> {
  await nomad.close();
  nomad = new NomadDouble({ ...DOUBLE_OPTIONS, ...options });
  addr = await nomad.start();
}

/** Forgets the events seen so far (a restart test looks only at what the second runtime reports). */
export function clearEvents(): void {
  events = [];
}

/** Registers the per-test double; call once at the top of a test file. Every test ends with no spec violation. */
export function useNomadDouble(): void {
  beforeEach(async () => {
    nomad = new NomadDouble(DOUBLE_OPTIONS);
    addr = await nomad.start();
    runtimes = [];
    events = [];
  });

  afterEach(async () => {
    for (const runtime of runtimes) await runtime.close();
    await nomad.close();
    expect(nomad.violations).toEqual([]);
  });
}
