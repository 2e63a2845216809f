import { describe, expect, it } from 'vitest';
import { optimizationJobId, servingJobId } from './nomad-job.common.js';
import { createNomadRuntimeFromEnv } from './nomad-runtime.env.js';
import {
  addr,
  clearEvents,
  closesAfterTest,
  createRuntime,
  eventOf,
  events,
  nomad,
  profiles,
  spec,
  waitFor,
  useNomadDouble,
} from './nomad-runtime.fixture.js';

useNomadDouble();

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

  it('attaching adapters registers the vLLM job again with --lora-modules, refusing what vLLM cannot load', async () => {
    const runtime = createRuntime();
    const jobId = servingJobId('dep-lora');
    await runtime.deploy(spec('dep-lora'));
    nomad.markHealthy(jobId);
    await waitFor('ready', eventOf('ready', 'dep-lora'));
    const lora = { name: 'sql-lora', format: 'ADAPTER', huggingFaceRepoId: 'acme/sql-lora' };
    expect(await runtime.adapterRefusal(spec('dep-lora'), lora)).toBeNull();
    expect(
      await runtime.adapterRefusal(spec('dep-lora'), { name: 'up', format: 'ADAPTER', localPath: '/x' }),
    ).toMatch(/stored on the Hangar server only/);
    expect(
      await runtime.adapterRefusal(
        spec('dep-lora', { optimization: { technique: 'NONE', quantization: 'NONE' } }),
        lora,
      ),
    ).toMatch(/only deployments served by vLLM/);
    await runtime.setAdapters('dep-lora', [lora]);
    const args = nomad.job(jobId)!.TaskGroups![0]!.Tasks![0]!.Config!.args as string[];
    expect(args.slice(args.indexOf('--enable-lora'))).toEqual([
      '--enable-lora',
      '--max-loras',
      '1',
      '--lora-modules',
      'sql-lora=acme/sql-lora',
    ]);
    expect(nomad.registrations(jobId)).toHaveLength(2);
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
    clearEvents();

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
    closesAfterTest(runtime);
    expect(runtime.name).toBe('nomad');
    await runtime.deploy(spec('dep-o'));
    const submitted = nomad.registrations(servingJobId('dep-o'))[0]!;
    expect(submitted.query.get('namespace')).toBe('ml');
    expect(submitted.query.get('region')).toBe('eu');
    expect(nomad.variable(`nomad/jobs/${servingJobId('dep-o')}`)?.Namespace).toBe('ml');
  });
});
