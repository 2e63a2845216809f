import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS, DEFAULT_SCALING } from '../src/core/deployment-config/deployment-config.js';
import { loadHardwareProfiles } from '../src/core/hardware-profile.js';
import { servingJobId } from '../src/runtime/nomad/nomad-job.common.js';
import { NomadRuntime } from '../src/runtime/nomad/nomad.runtime.js';
import type { RuntimeDeploySpec } from '../src/runtime/runtime.js';
import { collect, DATABASES, startTestServer, waitFor, type TestServer } from './harness.js';
import { NomadDouble } from './nomad-double/nomad-double.js';

/**
 * The whole application on the Nomad runtime, driven through GraphQL only; Nomad is the spec-validating double.
 * The cluster's side (allocations turning healthy, placement failures) is played by the double's test controls.
 */

const ACL_TOKEN = 'nomad-acl-token-for-tests';
const CATALOG_ENTRY = 'meta-llama/Llama-3.2-1B';
const NO_GPU_FITS = {
  NodesEvaluated: 3,
  NodesExhausted: 3,
  DimensionExhausted: { 'devices: no devices match request': 3 },
};

const DEPLOY = `mutation($i: DeployModelInput!) {
  deployModel(input: $i) { deployment { id deploymentId status } userErrors { field code message } }
}`;
const PLAN = `query($i: PlanDeploymentInput!) {
  planDeployment(input: $i) { fits reasons userErrors { field code message } }
}`;
const DEPLOYMENT = `query($id: ID!) {
  deployment(id: $id) {
    status failureReason
    replicas { id version status }
    versions { name status failureReason }
    events(last: 100) { message }
  }
}`;
const UPDATED = `subscription { deploymentUpdated { id status failureReason } }`;

interface DeploymentView {
  status: string;
  failureReason: string | null;
  replicas: { id: string; version: number; status: string }[];
  versions: { name: string; status: string; failureReason: string | null }[];
  events: { message: string }[];
}
interface Update {
  deploymentUpdated: { id: string; status: string; failureReason: string | null };
}

function deployInput(name: string, extra: Record<string, unknown> = {}) {
  return {
    catalogEntryId: CATALOG_ENTRY,
    name,
    hardwareProfileId: 'nvidia-a10g-x1',
    optimization: { technique: 'VLLM', quantization: 'NONE' },
    acceptTerms: true,
    ...extra,
  };
}

describe.each(DATABASES)('the app on the Nomad runtime (%s)', (db) => {
  let nomad: NomadDouble;
  let addr: string;
  let servers: TestServer[];

  function nomadRuntime(): NomadRuntime {
    return new NomadRuntime({
      addr,
      token: ACL_TOKEN,
      hardwareProfiles: loadHardwareProfiles(),
      eventStream: { reconnectDelayMs: 20 },
      stopTimeoutMs: 5000,
    });
  }

  async function start(reuse?: { dataDir: string; databaseUrl?: string }) {
    const server = await startTestServer({
      db,
      reuse,
      env: { HANGAR_RUNTIME: 'nomad', NOMAD_ADDR: addr, HANGAR_DEMO_MODEL: '0' },
      appOptions: { runtime: nomadRuntime() },
    });
    servers.push(server);
    return server;
  }

  async function deploy(server: TestServer, name: string) {
    const result = await server.gql<{
      deployModel: { deployment: { id: string; deploymentId: string; status: string } | null };
    }>(DEPLOY, { i: deployInput(name) });
    expect(result.errors).toBeUndefined();
    const deployment = result.data.deployModel.deployment!;
    expect(deployment.status).toBe('DEPLOYING');
    return { ...deployment, jobId: servingJobId(deployment.deploymentId) };
  }

  async function read(server: TestServer, id: string): Promise<DeploymentView> {
    const result = await server.gql<{ deployment: DeploymentView }>(DEPLOYMENT, { id });
    expect(result.errors).toBeUndefined();
    return result.data.deployment;
  }

  /** The runtime follows a job through the event stream; markHealthy must not race the stream's (re)subscription. */
  async function streamFollows(jobId: string): Promise<void> {
    await waitFor(
      async () =>
        nomad.openStreams() > 0 && nomad.streams.at(-1)!.query.getAll('topic').includes(`Job:${jobId}`),
      10_000,
      `the event stream to follow ${jobId}`,
    );
  }

  beforeEach(async () => {
    nomad = new NomadDouble({ heartbeatMs: 200, maxBlockingWaitMs: 1000, aclToken: ACL_TOKEN });
    addr = await nomad.start();
    servers = [];
  });

  afterEach(async () => {
    for (const server of servers.reverse()) await server.cleanup();
    await nomad.close();
    expect(nomad.violations).toEqual([]);
  });

  it('deployModel → DEPLOYING → DEPLOYED live once Nomad reports healthy allocations; replicas listed; undeploy purges the job', async () => {
    const server = await start();
    const client = server.ws();
    const updates = collect<Update>(client, UPDATED, {}, (items) =>
      items.some((item) => item.deploymentUpdated.status === 'DEPLOYED'),
    );
    await updates.ready;

    const { id, jobId } = await deploy(server, 'Llama on Nomad');
    const job = nomad.job(jobId)!;
    expect(job.Meta?.hangar_deployment_id).toBeDefined();
    expect(JSON.stringify(job)).toContain(CATALOG_ENTRY);
    // Placed but not yet healthy: the replica shows as starting.
    expect((await read(server, id)).replicas).toEqual([
      { id: nomad.allocationsOf(jobId)[0]!.ID, version: 1, status: 'STARTING' },
    ]);

    await streamFollows(jobId);
    nomad.markHealthy(jobId);
    const statuses = (await updates.done)
      .filter((item) => item.deploymentUpdated.id === id)
      .map((item) => item.deploymentUpdated.status);
    expect(statuses[0]).toBe('DEPLOYING');
    expect(statuses.at(-1)).toBe('DEPLOYED');

    const deployed = await read(server, id);
    expect(deployed.status).toBe('DEPLOYED');
    expect(deployed.replicas).toEqual([
      { id: nomad.allocationsOf(jobId)[0]!.ID, version: 1, status: 'READY' },
    ]);
    expect(deployed.versions).toEqual([
      { name: 'Llama on Nomad_v1', status: 'SUCCESS', failureReason: null },
    ]);
    expect(deployed.events.map((event) => event.message)).toContainEqual(
      expect.stringContaining(`job ${jobId} submitted`),
    );

    const undeployed = await server.gql<{ undeployDeployment: { deployment: { status: string } } }>(
      `mutation($i: UndeployDeploymentInput!) { undeployDeployment(input: $i) { deployment { status } userErrors { message } } }`,
      { i: { id } },
    );
    expect(undeployed.data.undeployDeployment.deployment.status).toBe('UNDEPLOYED');
    expect(nomad.job(jobId)).toBeUndefined();
    expect(
      nomad.requests.some(
        (request) =>
          request.method === 'DELETE' &&
          request.path === `/v1/job/${jobId}` &&
          request.query.get('purge') === 'true',
      ),
    ).toBe(true);
    expect((await read(server, id)).replicas).toEqual([]);
    expect(nomad.registrations(jobId)).toHaveLength(1);
  });

  it('planDeployment says whether the hardware fits and why not; a placement failure fails the deployment with the reason', async () => {
    const server = await start();
    const planInput = {
      catalogEntryId: CATALOG_ENTRY,
      hardwareProfileId: 'nvidia-a10g-x1',
      optimization: { technique: 'VLLM', quantization: 'NONE' },
    };
    expect((await server.gql(PLAN, { i: planInput })).data).toEqual({
      planDeployment: { fits: true, reasons: [], userErrors: [] },
    });

    nomad.failNextPlacement(NO_GPU_FITS);
    expect((await server.gql(PLAN, { i: planInput })).data).toEqual({
      planDeployment: { fits: false, reasons: ['no node has a free GPU with ≥ 24 GiB'], userErrors: [] },
    });

    // The same validation as deployModel, as userErrors naming the field.
    const invalid = await server.gql<{
      planDeployment: { fits: boolean | null; userErrors: { field: string[]; code: string }[] };
    }>(PLAN, {
      i: { ...planInput, hardwareProfileId: 'local-cpu', parameters: { temperature: 3 } },
    });
    expect(invalid.data.planDeployment.fits).toBeNull();
    expect(invalid.data.planDeployment.userErrors.map((error) => error.field.join('.')).sort()).toEqual([
      'input.hardwareProfileId',
      'input.parameters.temperature',
    ]);
    // Scale to zero is the local runtime's: Nomad keeps its scaling policy's minimum, so it is refused by name.
    const asleep = await server.gql<{
      planDeployment: { userErrors: { field: string[]; code: string }[] };
    }>(PLAN, { i: { ...planInput, scaling: { scaleToZeroAfterSeconds: 300 } } });
    expect(asleep.data.planDeployment.userErrors).toEqual([
      expect.objectContaining({
        field: ['input', 'scaling', 'scaleToZeroAfterSeconds'],
        code: 'UNSUPPORTED',
      }),
    ]);
    // A dry run records nothing, not even the catalog entry's model.
    const models = await server.gql<{ models: { totalCount: number } }>(`{ models { totalCount } }`);
    expect(models.data.models.totalCount).toBe(0);

    // The placement failure is still armed: the real deploy meets it.
    const client = server.ws();
    const updates = collect<Update>(client, UPDATED, {}, (items) =>
      items.some((item) => item.deploymentUpdated.status === 'FAILED'),
    );
    await updates.ready;
    const { id, jobId } = await deploy(server, 'Too big');
    const failed = (await updates.done).find((item) => item.deploymentUpdated.status === 'FAILED')!;
    expect(failed.deploymentUpdated).toEqual({
      id,
      status: 'FAILED',
      failureReason: 'no node has a free GPU with ≥ 24 GiB',
    });
    const view = await read(server, id);
    expect(view.versions).toEqual([
      { name: 'Too big_v1', status: 'FAILED', failureReason: 'no node has a free GPU with ≥ 24 GiB' },
    ]);
    expect(view.events.map((event) => event.message)).toContain(
      'Too big_v1 failed: no node has a free GPU with ≥ 24 GiB',
    );
    expect(nomad.registrations(jobId)).toHaveLength(1);
  });

  it('a server restart mid-deploy is reconciled without submitting the job again', async () => {
    const first = await start();
    const { id, jobId } = await deploy(first, 'Survives restarts');
    expect(nomad.registrations(jobId)).toHaveLength(1);
    await first.stop();

    const second = await start({ dataDir: first.dataDir, databaseUrl: first.databaseUrl });
    const client = second.ws();
    const updates = collect<Update>(client, UPDATED, {}, (items) =>
      items.some((item) => item.deploymentUpdated.status === 'DEPLOYED'),
    );
    await updates.ready;
    expect((await read(second, id)).status).toBe('DEPLOYING');
    expect(nomad.registrations(jobId)).toHaveLength(1);

    await streamFollows(jobId);
    nomad.markHealthy(jobId);
    await updates.done;
    const view = await read(second, id);
    expect(view.status).toBe('DEPLOYED');
    expect(view.replicas).toHaveLength(1);
    expect(view.events.map((event) => event.message)).toContain(
      'Following the running deployment again after a server restart.',
    );
    expect(nomad.registrations(jobId)).toHaveLength(1);
  });
});

function leftoverSpec(): RuntimeDeploySpec {
  return {
    deploymentId: 'dpl-leftover',
    version: 1,
    model: {
      id: 'm',
      name: 'leftover',
      source: 'PLATFORM',
      format: 'HF_SAFETENSORS',
      huggingFaceRepoId: 'a/b',
    },
    config: {
      optimization: { technique: 'NONE', quantization: 'NONE' },
      parameters: DEFAULT_PARAMETERS,
      hardwareProfileId: 'nvidia-t4-x1',
      scaling: DEFAULT_SCALING,
    },
  };
}

describe('periodic reconciliation on the Nomad runtime', () => {
  it('purges a Hangar job that no deployment expects, on the next period', async () => {
    const nomad = new NomadDouble({ heartbeatMs: 200, maxBlockingWaitMs: 1000, aclToken: ACL_TOKEN });
    const addr = await nomad.start();
    // A job left behind by an earlier installation (or a deployment deleted while Hangar was down).
    const leftover = new NomadRuntime({ addr, token: ACL_TOKEN, hardwareProfiles: loadHardwareProfiles() });
    const orphan = servingJobId('dpl-leftover');
    await leftover.deploy(leftoverSpec());
    await leftover.close();
    expect(nomad.job(orphan)).toBeDefined();

    const runtime = new NomadRuntime({
      addr,
      token: ACL_TOKEN,
      hardwareProfiles: loadHardwareProfiles(),
      stopTimeoutMs: 2000,
    });
    const server = await startTestServer({
      db: 'sqlite',
      env: {
        HANGAR_RUNTIME: 'nomad',
        NOMAD_ADDR: addr,
        HANGAR_DEMO_MODEL: '0',
        HANGAR_RECONCILE_INTERVAL_SECONDS: '1',
      },
      appOptions: { runtime },
    });
    try {
      // The start-up pass already removed it; put it back behind Hangar's back, then the timer must remove it.
      expect(nomad.job(orphan)).toBeUndefined();
      const again = new NomadRuntime({ addr, token: ACL_TOKEN, hardwareProfiles: loadHardwareProfiles() });
      await again.deploy(leftoverSpec());
      await again.close();
      expect(nomad.job(orphan)).toBeDefined();
      await waitFor(
        async () => nomad.job(orphan) === undefined,
        10_000,
        'the periodic pass to purge the job',
      );
    } finally {
      await server.cleanup();
      await nomad.close();
    }
    expect(nomad.violations).toEqual([]);
  });
});

describe('HANGAR_RUNTIME=nomad from the environment', () => {
  it('builds the Nomad runtime from NOMAD_ADDR, NOMAD_TOKEN and NOMAD_NAMESPACE', async () => {
    const nomad = new NomadDouble({ heartbeatMs: 200, aclToken: ACL_TOKEN, namespace: 'ml' });
    const addr = await nomad.start();
    const server = await startTestServer({
      db: 'sqlite',
      env: {
        HANGAR_RUNTIME: 'nomad',
        NOMAD_ADDR: addr,
        NOMAD_TOKEN: ACL_TOKEN,
        NOMAD_NAMESPACE: 'ml',
        HANGAR_DEMO_MODEL: '0',
      },
    });
    try {
      const health = (await (await fetch(`${server.app.url}/healthz`)).json()) as { runtime: string };
      expect(health.runtime).toBe('nomad');
      nomad.failNextPlacement(NO_GPU_FITS);
      const plan = await server.gql(PLAN, {
        i: { catalogEntryId: CATALOG_ENTRY, hardwareProfileId: 'nvidia-l40s-x1' },
      });
      expect(plan.data).toEqual({
        planDeployment: { fits: false, reasons: ['no node has a free GPU with ≥ 48 GiB'], userErrors: [] },
      });
      expect(nomad.requests.some((request) => request.path.endsWith('/plan'))).toBe(true);
    } finally {
      await server.cleanup();
      await nomad.close();
    }
    expect(nomad.violations).toEqual([]);
  });
});
