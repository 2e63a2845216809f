import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NomadDouble } from '../../../test/nomad-double/nomad-double.js';
import { DEFAULT_PARAMETERS, type DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import { loadHardwareProfiles } from '../../core/hardware-profile.js';
import type { RuntimeDeploySpec, RuntimeEvent } from '../runtime.js';
import { optimizationJobId, servingJobId } from './nomad-job.common.js';
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

describe('NomadRuntime deploys against the Nomad double: status from the event stream, optimization jobs, failures', () => {
  it('deploy → allocations running and healthy → ready, with replicas behind native service discovery', async () => {
    const runtime = createRuntime();
    await runtime.deploy(spec('dep-a'));
    const jobId = servingJobId('dep-a');
    expect(nomad.job(jobId)?.Meta?.hangar_deployment_id).toBe('dep-a');
    // The token lives only in the job's variable, never in the job spec.
    expect(nomad.variable(`nomad/jobs/${jobId}`)?.Items).toEqual({ hf_token: 'hf_very_secret' });
    expect(JSON.stringify(nomad.job(jobId))).not.toContain('hf_very_secret');
    expect(events.find((event) => event.type === 'ready')).toBeUndefined();

    await waitFor('stream subscribed', () => nomad.openStreams() > 0);
    const topics = nomad.streams.at(-1)!.query.getAll('topic');
    expect(topics).toEqual([`Job:${jobId}`, `Allocation:${jobId}`, `Deployment:${jobId}`]);

    nomad.markHealthy(jobId);
    await waitFor('ready', eventOf('ready', 'dep-a'));
    const replicas = runtime.replicas('dep-a');
    expect(replicas).toHaveLength(1);
    expect(replicas[0]).toMatchObject({ status: 'READY', version: 1 });
    expect(replicas[0]!.baseUrl).toMatch(/^http:\/\/10\.0\.0\.7:\d+\/v1$/);
    expect(await runtime.activeDeployments()).toEqual(['dep-a']);
  });

  it('placement failure → plan says why, and the deploy fails with the reason in words', async () => {
    const runtime = createRuntime();
    const placement = {
      NodesEvaluated: 3,
      NodesExhausted: 3,
      DimensionExhausted: { 'devices: no devices match request': 3 },
    };
    nomad.failNextPlacement(placement);
    expect(await runtime.plan(spec('dep-b'))).toEqual({
      fits: false,
      reasons: ['no node has a free GPU with ≥ 24 GiB'],
    });

    await runtime.deploy(spec('dep-b'));
    const failed = await waitFor('failed', eventOf('failed', 'dep-b'));
    expect(failed.reason).toBe('no node has a free GPU with ≥ 24 GiB');
    expect(await runtime.plan(spec('dep-b'))).toEqual({ fits: true, reasons: [] });

    // Re-trigger after failure: the same version is rolled out again as a new Nomad job version.
    await runtime.deploy(spec('dep-b'));
    expect(nomad.job(servingJobId('dep-b'))!.Version).toBe(1);
    nomad.markHealthy(servingJobId('dep-b'));
    await waitFor('ready after retrigger', eventOf('ready', 'dep-b'));
  });

  it('allocation crash → restarts reported, then failed with the exit code', async () => {
    const runtime = createRuntime();
    await runtime.deploy(spec('dep-c'));
    const jobId = servingJobId('dep-c');
    nomad.markHealthy(jobId);
    await waitFor('ready', eventOf('ready', 'dep-c'));

    nomad.crashAllocation(nomad.allocationsOf(jobId)[0]!.ID!, { exitCode: 137, restarts: 2 });
    const failed = await waitFor('failed', eventOf('failed', 'dep-c'));
    expect(failed.reason).toBe('stopped serving: model server exited with code 137 after 2 restarts');
    const restarts = events.filter(
      (event) => event.type === 'progress' && event.message.includes('restarted'),
    );
    expect(restarts).toHaveLength(2);
    expect(runtime.replicas('dep-c').map((replica) => replica.status)).toEqual(['FAILED']);
  });

  it('image pull failure → failed with the driver error', async () => {
    const runtime = createRuntime();
    await runtime.deploy(spec('dep-d'));
    await waitFor('stream subscribed', () => nomad.openStreams() > 0);
    nomad.failImagePull(servingJobId('dep-d'), 'Failed to pull `vllm/vllm-openai:v0.11.0`: manifest unknown');
    const failed = await waitFor('failed', eventOf('failed', 'dep-d'));
    expect(failed.reason).toBe(
      'image pull failed: Failed to pull `vllm/vllm-openai:v0.11.0`: manifest unknown',
    );
  });

  it('optimization batch job (CTranslate2) first → OPTIMIZING, then the serving job', async () => {
    const runtime = createRuntime();
    const ct2 = spec('dep-i', { optimization: { technique: 'CTRANSLATE2', quantization: 'INT8_FLOAT16' } });
    await runtime.deploy(ct2);
    const conversion = optimizationJobId('dep-i', 1, 'ctranslate2');
    expect(nomad.job(conversion)?.Type).toBe('batch');
    expect(nomad.job(servingJobId('dep-i'))).toBeUndefined();
    expect(await waitFor('optimizing', eventOf('optimizing', 'dep-i'))).toBeTruthy();
    await waitFor('stream subscribed', () => nomad.openStreams() > 0);

    nomad.completeBatch(conversion);
    await waitFor('serving job', () => nomad.job(servingJobId('dep-i')));
    nomad.markHealthy(servingJobId('dep-i'));
    await waitFor('ready', eventOf('ready', 'dep-i'));
    expect(nomad.registrations(servingJobId('dep-i'))).toHaveLength(1);
  });

  it('a failed AWQ quantization fails the deployment without submitting the serving job', async () => {
    const runtime = createRuntime();
    await runtime.deploy(spec('dep-j', { optimization: { technique: 'VLLM', quantization: 'AWQ' } }));
    await waitFor('stream subscribed', () => nomad.openStreams() > 0);
    nomad.completeBatch(optimizationJobId('dep-j', 1, 'awq'), 1);
    const failed = await waitFor('failed', eventOf('failed', 'dep-j'));
    expect(failed.reason).toMatch(/^optimization failed: /);
    expect(nomad.job(servingJobId('dep-j'))).toBeUndefined();
  });

  it('event stream cut mid-deploy → resumes at last index + 1 without missing a transition', async () => {
    const runtime = createRuntime();
    await runtime.deploy(spec('dep-e'));
    const jobId = servingJobId('dep-e');
    await waitFor('starting replica', () => runtime.replicas('dep-e')[0]?.status === 'STARTING');
    await waitFor('stream subscribed', () => nomad.openStreams() > 0);
    const streamsBefore = nomad.streams.length;
    const cutStream = nomad.streams.at(-1)!;

    nomad.cutStreams();
    nomad.markHealthy(jobId); // happens while nobody listens
    const readsBefore = nomad.requests.filter((request) => request.path.endsWith('/allocations')).length;

    await waitFor('ready', eventOf('ready', 'dep-e'));
    const resumed = nomad.streams[streamsBefore]!;
    expect(cutStream.lastSentIndex).toBeGreaterThan(0);
    expect(Number(resumed.query.get('index'))).toBe(cutStream.lastSentIndex + 1);
    // Recovered from the stream itself, not by re-reading state.
    expect(nomad.requests.filter((request) => request.path.endsWith('/allocations')).length).toBe(
      readsBefore,
    );
    const statuses = events
      .filter((event): event is Extract<RuntimeEvent, { type: 'replicas' }> => event.type === 'replicas')
      .map((event) => event.replicas[0]?.status);
    expect(statuses).toEqual(['STARTING', 'READY']);
  });

  it('a gap longer than the event buffer → state re-read by GET', async () => {
    await nomad.close();
    nomad = new NomadDouble({
      heartbeatMs: 200,
      eventBufferSize: 1,
      maxBlockingWaitMs: 1000,
      aclToken: 'nomad-acl-token',
    });
    addr = await nomad.start();
    const runtime = createRuntime({ resyncAfterGapMs: 0 });
    await runtime.deploy(spec('dep-f'));
    await waitFor('stream subscribed', () => nomad.openStreams() > 0);
    nomad.cutStreams();
    nomad.markHealthy(servingJobId('dep-f')); // four frames; the buffer keeps only the last
    await waitFor('ready', eventOf('ready', 'dep-f'));
    expect(runtime.replicas('dep-f')[0]?.status).toBe('READY');
  });

  it('a silent connection (no `{}` heartbeat) is treated as cut and resumed', async () => {
    await nomad.close();
    nomad = new NomadDouble({ heartbeatMs: 60_000, maxBlockingWaitMs: 1000, aclToken: 'nomad-acl-token' });
    addr = await nomad.start();
    const runtime = createRuntime({ heartbeatTimeoutMs: 300 });
    await runtime.deploy(spec('dep-p'));
    await waitFor('starting replica', () => runtime.replicas('dep-p')[0]?.status === 'STARTING');
    const first = nomad.streams.at(-1)!;
    await waitFor(
      'reconnect after silence',
      () => nomad.streams.length >= 2 && nomad.streams.at(-1) !== first,
    );
    expect(Number(nomad.streams.at(-1)!.query.get('index'))).toBe(first.lastSentIndex + 1);
    nomad.markHealthy(servingJobId('dep-p'));
    await waitFor('ready', eventOf('ready', 'dep-p'));
  });

  it('falls back to blocking queries when the event stream is refused', async () => {
    nomad.eventStreamDisabled = true;
    const runtime = createRuntime();
    await runtime.deploy(spec('dep-g'));
    await waitFor('blocking query', () =>
      nomad.requests.some((request) => request.query.get('index') && request.path.endsWith('/allocations')),
    );
    nomad.markHealthy(servingJobId('dep-g'));
    await waitFor('ready', eventOf('ready', 'dep-g'));
  });
});
