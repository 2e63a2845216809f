import { describe, expect, it } from 'vitest';
import { servingJobId } from './nomad-job.common.js';
import {
  addr,
  createRuntime,
  eventOf,
  events,
  nomad,
  spec,
  waitFor,
  useNomadDouble,
} from './nomad-runtime.fixture.js';

useNomadDouble();

const versionsOf = (replicas: { version: number; status: string }[], status = 'READY') =>
  replicas
    .filter((replica) => replica.status === status)
    .map((replica) => replica.version)
    .sort();

/** A deployment serving version 1 from `count` healthy allocations. */
async function serving(deploymentId: string, count = 1) {
  const runtime = createRuntime();
  const jobId = servingJobId(deploymentId);
  await runtime.deploy(spec(deploymentId, { min: count }));
  nomad.markHealthy(jobId);
  await waitFor('version 1 ready', eventOf('ready', deploymentId));
  return { runtime, jobId };
}

describe('traffic splits on the Nomad runtime (the double models canaries, promotion and revert)', () => {
  it('deployCanary registers the next job version with Update.Canary and no auto-promotion; its allocations serve the canary version', async () => {
    const { runtime, jobId } = await serving('dep-c1', 2);
    await runtime.deployCanary(spec('dep-c1', { version: 2, min: 1 }));
    const registered = nomad.registrations(jobId).at(-1)!.body as {
      Job: { TaskGroups: { Update: Record<string, unknown> }[]; Meta: Record<string, string> };
      PreserveCounts: boolean;
    };
    expect(registered.PreserveCounts).toBe(true);
    expect(registered.Job.TaskGroups[0]!.Update).toMatchObject({
      Canary: 1,
      AutoPromote: false,
      AutoRevert: true,
    });
    expect(registered.Job.Meta).toMatchObject({
      hangar_version: '2',
      hangar_canary_of: '1',
      hangar_stable_job_version: '0',
    });
    // Nomad placed one canary beside the two running allocations; nothing of version 1 stops.
    const allocs = nomad.allocationsOf(jobId);
    expect(allocs.map((a) => [a.JobVersion, a.DeploymentStatus?.Canary ?? false]).sort()).toEqual([
      [0, false],
      [0, false],
      [1, true],
    ]);
    expect(versionsOf(runtime.replicas('dep-c1'))).toEqual([1, 1]);
    expect(versionsOf(runtime.replicas('dep-c1'), 'STARTING')).toEqual([2]);

    nomad.markHealthy(jobId);
    await waitFor('the canary ready', () =>
      events.some((e) => e.type === 'ready' && e.deploymentId === 'dep-c1' && e.version === 2),
    );
    expect(versionsOf(runtime.replicas('dep-c1'))).toEqual([1, 1, 2]);
    const deployment = (await (
      await fetch(`${addr}/v1/job/${jobId}/deployment`, { headers: { 'X-Nomad-Token': 'nomad-acl-token' } })
    ).json()) as { Status: string; StatusDescription: string; TaskGroups: Record<string, unknown> };
    expect(deployment).toMatchObject({
      Status: 'running',
      StatusDescription: 'Deployment is running but requires manual promotion',
      TaskGroups: { server: { DesiredCanaries: 1, Promoted: false, HealthyAllocs: 1 } },
    });
    // A second call for the same canary registers nothing.
    await runtime.deployCanary(spec('dep-c1', { version: 2, min: 1 }));
    expect(nomad.registrations(jobId)).toHaveLength(2);
  });

  it('promoteCanary promotes the Nomad deployment: version 1 stops, the rest of the count comes from version 2', async () => {
    const { runtime, jobId } = await serving('dep-c2', 2);
    await runtime.deployCanary(spec('dep-c2', { version: 2, min: 1 }));
    nomad.markHealthy(jobId);
    await waitFor('the canary ready', () => events.some((e) => e.type === 'ready' && e.version === 2));
    await runtime.promoteCanary('dep-c2', 2);
    const promote = nomad.requests.find((r) => r.path.startsWith('/v1/deployment/promote/'))!;
    expect(promote.body).toEqual({ DeploymentID: promote.path.split('/').at(-1), All: true });
    expect(versionsOf(runtime.replicas('dep-c2'))).toEqual([2]);
    expect(versionsOf(runtime.replicas('dep-c2'), 'STARTING')).toEqual([2]);
    nomad.markHealthy(jobId);
    await waitFor('two replicas of version 2', () => versionsOf(runtime.replicas('dep-c2')).length === 2);
    expect(runtime.replicas('dep-c2').map((r) => r.version)).toEqual([2, 2]);
    expect(nomad.job(jobId)).toMatchObject({ Version: 1, Stable: true, Meta: { hangar_version: '2' } });
  });

  it('stopCanary reverts the job to the stable version (EnforcePriorVersion): canaries stop, the stable allocations keep serving; idempotent', async () => {
    const { runtime, jobId } = await serving('dep-c3');
    const stableAlloc = nomad.allocationsOf(jobId)[0]!.ID;
    await runtime.deployCanary(spec('dep-c3', { version: 2 }));
    nomad.markHealthy(jobId);
    await waitFor('the canary ready', () => events.some((e) => e.type === 'ready' && e.version === 2));
    await runtime.stopCanary('dep-c3', 2);
    const reverts = nomad.requests.filter((r) => r.path === `/v1/job/${jobId}/revert`);
    expect(reverts.map((r) => r.body)).toEqual([{ JobID: jobId, JobVersion: 0, EnforcePriorVersion: 1 }]);
    // The revert is version 2 of the job with version 0's spec: the stable allocation was updated in place.
    expect(nomad.job(jobId)).toMatchObject({ Version: 2, Meta: { hangar_version: '1' } });
    expect(
      nomad
        .allocationsOf(jobId)
        .filter((a) => a.DesiredStatus === 'run')
        .map((a) => a.ID),
    ).toEqual([stableAlloc]);
    // Its health is reported again later; the task never stopped, so it keeps taking requests meanwhile.
    expect(nomad.allocationsOf(jobId).find((a) => a.ID === stableAlloc)!.DeploymentStatus).toBeUndefined();
    expect(runtime.replicas('dep-c3')).toEqual([
      expect.objectContaining({ id: stableAlloc, version: 1, status: 'READY' }),
    ]);
    nomad.markHealthy(jobId);
    await runtime.stopCanary('dep-c3', 2);
    expect(nomad.requests.filter((r) => r.path.endsWith('/revert'))).toHaveLength(1);
    expect(runtime.replicas('dep-c3')).toEqual([
      expect.objectContaining({ id: stableAlloc, version: 1, status: 'READY' }),
    ]);
  });

  it('a canary whose allocation fails is reported failed and the job goes back to the stable version', async () => {
    const { runtime, jobId } = await serving('dep-c4');
    await runtime.deployCanary(spec('dep-c4', { version: 2 }));
    nomad.failImagePull(jobId, 'Failed to pull `vllm/vllm-openai:v0.11.0`: manifest unknown');
    const failed = await waitFor('the canary failed', () =>
      events.find((e) => e.type === 'failed' && e.version === 2),
    );
    expect(failed).toMatchObject({ reason: expect.stringContaining('manifest unknown') });
    await waitFor('the revert', () => nomad.job(jobId)?.Meta?.hangar_version === '1');
    expect(nomad.requests.filter((r) => r.path.endsWith('/revert'))).toHaveLength(1);
    await waitFor('only version 1', () => runtime.replicas('dep-c4').every((r) => r.version === 1));
    expect(versionsOf(runtime.replicas('dep-c4'))).toEqual([1]);
    // The stable version is not failed by its canary's failure.
    expect(events.some((e) => e.type === 'failed' && e.version === 1)).toBe(false);
  });

  it('a canary Nomad cannot place is reported failed with the reason, and the job goes back to the stable version', async () => {
    const { runtime, jobId } = await serving('dep-c7');
    nomad.failNextPlacement({
      NodesEvaluated: 1,
      NodesExhausted: 1,
      DimensionExhausted: { 'devices: no devices match request': 1 },
    });
    await runtime.deployCanary(spec('dep-c7', { version: 2 }));
    const failed = await waitFor('the canary failed', () =>
      events.find((e) => e.type === 'failed' && e.version === 2),
    );
    expect(failed).toMatchObject({ reason: 'no node has a free GPU with ≥ 24 GiB' });
    await waitFor('the revert', () => nomad.job(jobId)?.Meta?.hangar_version === '1');
    await waitFor(
      'version 1 alone',
      () =>
        runtime
          .replicas('dep-c7')
          .map((r) => `${r.version}:${r.status}`)
          .join() === '1:READY',
    );
    expect(nomad.requests.filter((r) => r.path.endsWith('/revert'))).toHaveLength(1);
    expect(events.some((e) => e.type === 'failed' && e.version === 1)).toBe(false);
  });

  it('a restarted runtime follows the canary job again from reconcile (no registration), and can still roll it back', async () => {
    const { runtime, jobId } = await serving('dep-c5');
    await runtime.deployCanary(spec('dep-c5', { version: 2 }));
    nomad.markHealthy(jobId);
    await waitFor('the canary ready', () => events.some((e) => e.type === 'ready' && e.version === 2));
    await runtime.close();

    const restarted = createRuntime();
    const result = await restarted.reconcile([
      { deploymentId: 'dep-c5', spec: spec('dep-c5'), canary: spec('dep-c5', { version: 2 }) },
    ]);
    expect(result).toMatchObject({ adopted: ['dep-c5'], submitted: [] });
    expect(nomad.registrations(jobId)).toHaveLength(2);
    await waitFor('both versions', () => versionsOf(restarted.replicas('dep-c5')).join() === '1,2');
    // A periodic pass keeps it as it is.
    await restarted.reconcile([
      { deploymentId: 'dep-c5', spec: spec('dep-c5'), canary: spec('dep-c5', { version: 2 }) },
    ]);
    expect(nomad.registrations(jobId)).toHaveLength(2);
    await restarted.stopCanary('dep-c5', 2);
    expect(nomad.requests.filter((r) => r.path.endsWith('/revert')).at(-1)!.body).toEqual({
      JobID: jobId,
      JobVersion: 0,
      EnforcePriorVersion: 1,
    });
    expect(restarted.replicas('dep-c5').map((r) => [r.version, r.status])).toEqual([[1, 'READY']]);
  });

  it('another instance that never followed the canary rolls it back or promotes it from the job itself; the one that started it follows', async () => {
    const { runtime, jobId } = await serving('dep-c6');
    await runtime.deployCanary(spec('dep-c6', { version: 2 }));
    nomad.markHealthy(jobId);
    await waitFor('the canary ready', () => events.some((e) => e.type === 'ready' && e.version === 2));
    const other = createRuntime();
    await other.stopCanary('dep-c6', 2);
    expect(nomad.requests.filter((r) => r.path.endsWith('/revert')).map((r) => r.body)).toEqual([
      { JobID: jobId, JobVersion: 0, EnforcePriorVersion: 1 },
    ]);
    await waitFor(
      'the starter back on version 1 alone',
      () =>
        runtime
          .replicas('dep-c6')
          .map((r) => `${r.version}:${r.status}`)
          .join() === '1:READY',
    );

    await runtime.deployCanary(spec('dep-c6', { version: 3 }));
    nomad.markHealthy(jobId);
    await waitFor('canary 3 ready', () => events.some((e) => e.type === 'ready' && e.version === 3));
    await other.promoteCanary('dep-c6', 3);
    expect(nomad.requests.filter((r) => r.path.startsWith('/v1/deployment/promote/'))).toHaveLength(1);
    await waitFor(
      'the starter on version 3 alone',
      () =>
        runtime
          .replicas('dep-c6')
          .map((r) => `${r.version}:${r.status}`)
          .join() === '3:READY',
    );
    // Rolling back a promoted canary (a race lost to the promotion) takes nothing back.
    await other.stopCanary('dep-c6', 3);
    expect(nomad.requests.filter((r) => r.path.endsWith('/revert'))).toHaveLength(1);
    expect(events.some((e) => e.type === 'failed')).toBe(false);
  });
});
