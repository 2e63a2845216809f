import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NomadDouble } from '../../../test/nomad-double/nomad-double.js';
import { DEFAULT_PARAMETERS, type DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import { loadHardwareProfiles } from '../../core/hardware-profile.js';
import type { RuntimeDeploySpec, RuntimeEvent } from '../runtime.js';
import { optimizationJobId, servingJobId } from './nomad-job.common.js';
import { createNomadRuntimeFromEnv } from './nomad-runtime.env.js';
import { NomadRuntime } from './nomad.runtime.js';

const profiles = loadHardwareProfiles();

function spec(
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
        autoscalerMode: 'ACTIVE',
      },
    },
  };
}

let nomad: NomadDouble;
let addr: string;
let runtimes: NomadRuntime[];
let events: RuntimeEvent[];

function createRuntime(
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

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 8000): Promise<T> {
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

const eventOf =
  <T extends RuntimeEvent['type']>(type: T, deploymentId: string) =>
  () =>
    events.find(
      (event): event is Extract<RuntimeEvent, { type: T }> =>
        event.type === type && event.deploymentId === deploymentId,
    );

beforeEach(async () => {
  nomad = new NomadDouble({ heartbeatMs: 200, maxBlockingWaitMs: 1000, aclToken: 'nomad-acl-token' });
  addr = await nomad.start();
  runtimes = [];
  events = [];
});

afterEach(async () => {
  for (const runtime of runtimes) await runtime.close();
  await nomad.close();
  expect(nomad.violations).toEqual([]);
});

describe('NomadRuntime operations against the Nomad double: scale, stop, reconcile after a restart, set-up from the environment', () => {
  it('scale up (waiting out the active deployment) and down; redeploy keeps the count', async () => {
    const runtime = createRuntime();
    const jobId = servingJobId('dep-h');
    await runtime.deploy(spec('dep-h', { max: 3 }));
    const scaling = runtime.scale('dep-h', 3);
    await waitFor('blocked scale attempt', () =>
      nomad.requests.some((request) => request.path.endsWith('/scale')),
    );
    nomad.markHealthy(jobId);
    await scaling;
    // Refused while the rollout was active, then sent again once it settled.
    expect(nomad.requests.filter((request) => request.path.endsWith('/scale')).length).toBeGreaterThanOrEqual(
      2,
    );
    nomad.markHealthy(jobId);
    await waitFor(
      '3 ready replicas',
      () => runtime.replicas('dep-h').filter((r) => r.status === 'READY').length === 3,
    );

    await runtime.scale('dep-h', 10); // clamped to max
    expect(nomad.job(jobId)!.TaskGroups![0]!.Count).toBe(3);
    await runtime.scale('dep-h', 1);
    await waitFor('1 replica', () => runtime.replicas('dep-h').length === 1);

    await runtime.scale('dep-h', 2);
    nomad.markHealthy(jobId);
    await runtime.deploy(spec('dep-h', { version: 2, max: 3 }));
    expect(nomad.job(jobId)!.Version).toBe(1);
    expect(nomad.job(jobId)!.TaskGroups![0]!.Count).toBe(2);
    expect(nomad.registrations(jobId).at(-1)!.body).toMatchObject({ PreserveCounts: true });
    nomad.markHealthy(jobId);
    await waitFor('version 2 ready', () => events.some((e) => e.type === 'ready' && e.version === 2));
    await waitFor('old replicas gone', () =>
      runtime.replicas('dep-h').every((replica) => replica.version === 2),
    );
    expect(runtime.replicas('dep-h')).toHaveLength(2);
  });

  it('stop purges the jobs and the token variable', async () => {
    const runtime = createRuntime();
    const jobId = servingJobId('dep-k');
    await runtime.deploy(spec('dep-k'));
    nomad.markHealthy(jobId);
    await waitFor('ready', eventOf('ready', 'dep-k'));
    await runtime.stop('dep-k');
    expect(
      nomad.requests.some(
        (r) => r.method === 'DELETE' && r.path === `/v1/job/${jobId}` && r.query.get('purge') === 'true',
      ),
    ).toBe(true);
    expect(nomad.job(jobId)).toBeUndefined();
    expect(nomad.allocationsOf(jobId).every((alloc) => alloc.ClientStatus === 'complete')).toBe(true);
    expect(nomad.variable(`nomad/jobs/${jobId}`)).toBeUndefined();
    expect(runtime.replicas('dep-k')).toEqual([]);
    expect(await runtime.activeDeployments()).toEqual([]);
    await runtime.stop('dep-k'); // idempotent
  });

  it('server restart mid-deploy → reconcile adopts without submitting twice, fixes drift both ways', async () => {
    const first = createRuntime();
    await first.deploy(spec('dep-l'));
    await first.deploy(spec('dep-orphan'));
    await first.close();

    const second = createRuntime();
    const result = await second.reconcile([
      { deploymentId: 'dep-l', spec: spec('dep-l') },
      { deploymentId: 'dep-missing', spec: spec('dep-missing') },
    ]);
    expect(result).toEqual({
      adopted: ['dep-l'],
      submitted: ['dep-missing'],
      stopped: ['dep-orphan'],
      failed: [],
    });
    expect(nomad.registrations(servingJobId('dep-l'))).toHaveLength(1);
    expect(nomad.job(servingJobId('dep-orphan'))).toBeUndefined();

    // Running it again (periodic reconciliation) changes nothing.
    expect(
      await second.reconcile([
        { deploymentId: 'dep-l', spec: spec('dep-l') },
        { deploymentId: 'dep-missing', spec: spec('dep-missing') },
      ]),
    ).toEqual({ adopted: [], submitted: [], stopped: [], failed: [] });

    nomad.markHealthy(servingJobId('dep-l'));
    await waitFor('ready after restart', eventOf('ready', 'dep-l'));
    expect(nomad.registrations(servingJobId('dep-l'))).toHaveLength(1);
    expect((await second.activeDeployments()).sort()).toEqual(['dep-l', 'dep-missing']);
  });

  it('a job purged outside Hangar → failed, and reconciliation submits it again', async () => {
    const runtime = createRuntime();
    const jobId = servingJobId('dep-m');
    await runtime.deploy(spec('dep-m'));
    nomad.markHealthy(jobId);
    await waitFor('ready', eventOf('ready', 'dep-m'));

    await fetch(`${addr}/v1/job/${jobId}?purge=true`, { method: 'DELETE' });
    const failed = await waitFor('failed', eventOf('failed', 'dep-m'));
    expect(failed.reason).toMatch(/stopped outside Hangar/);

    const result = await runtime.reconcile([{ deploymentId: 'dep-m', spec: spec('dep-m') }]);
    expect(result.submitted).toEqual(['dep-m']);
    expect(nomad.job(jobId)?.Status).toBe('pending');
  });

  it('server restart during the optimization job → adopted as OPTIMIZING, serving job submitted once', async () => {
    const first = createRuntime();
    const ct2 = spec('dep-n', { optimization: { technique: 'CTRANSLATE2', quantization: 'INT8_FLOAT16' } });
    await first.deploy(ct2);
    await first.close();
    events = [];

    const second = createRuntime();
    expect(await second.reconcile([{ deploymentId: 'dep-n', spec: ct2 }])).toMatchObject({
      adopted: ['dep-n'],
    });
    await waitFor('optimizing again', eventOf('optimizing', 'dep-n'));
    await waitFor('stream subscribed', () => nomad.openStreams() > 0);
    nomad.completeBatch(optimizationJobId('dep-n', 1, 'ctranslate2'));
    await waitFor('serving job', () => nomad.job(servingJobId('dep-n')));
    nomad.markHealthy(servingJobId('dep-n'));
    await waitFor('ready', eventOf('ready', 'dep-n'));
    expect(nomad.registrations(optimizationJobId('dep-n', 1, 'ctranslate2'))).toHaveLength(1);
    expect(nomad.registrations(servingJobId('dep-n'))).toHaveLength(1);
  });

  it('createNomadRuntimeFromEnv reads NOMAD_ADDR, NOMAD_TOKEN, NOMAD_NAMESPACE, NOMAD_REGION', async () => {
    expect(() => createNomadRuntimeFromEnv({}, profiles)).toThrow(/NOMAD_ADDR/);
    const runtime = createNomadRuntimeFromEnv(
      { NOMAD_ADDR: addr, NOMAD_TOKEN: 'nomad-acl-token', NOMAD_NAMESPACE: 'ml', NOMAD_REGION: 'eu' },
      profiles,
    );
    runtimes.push(runtime);
    expect(runtime.name).toBe('nomad');
    await runtime.deploy(spec('dep-o'));
    const submitted = nomad.registrations(servingJobId('dep-o'))[0]!;
    expect(submitted.query.get('namespace')).toBe('ml');
    expect(submitted.query.get('region')).toBe('eu');
    expect(nomad.variable(`nomad/jobs/${servingJobId('dep-o')}`)?.Namespace).toBe('ml');
  });
});
