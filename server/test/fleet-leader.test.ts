import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { servingJobId } from '../src/runtime/nomad/nomad-job.common.js';
import { gql, type ServerProcess } from './crash-walk.harness.js';
import { createFleet, health, type Fleet } from './fleet.harness.js';
import { waitFor } from './harness.js';
import { NomadDouble } from './nomad-double/nomad-double.js';

/**
 * Two real server processes on one PostgreSQL database in front of one Nomad cluster (the spec-validating double).
 * One leads (a session advisory lock); the other only follows what runs.
 */

const ACL_TOKEN = 'nomad-acl-token-for-fleet-tests';
const DEPLOY = `mutation($i: DeployModelInput!) {
  deployModel(input: $i) { deployment { id deploymentId status } userErrors { field message } }
}`;
const READ = `query($id: ID!) { deployment(id: $id) { status replicas { status } } }`;

interface Deployed {
  id: string;
  jobId: string;
}

async function deploy(server: ServerProcess, token: string, name: string): Promise<Deployed> {
  const data = await gql<{ deployModel: { deployment: { id: string; deploymentId: string } | null } }>(
    server.url,
    token,
    DEPLOY,
    {
      i: {
        catalogEntryId: 'meta-llama/Llama-3.2-1B',
        name,
        hardwareProfileId: 'nvidia-a10g-x1',
        optimization: { technique: 'VLLM', quantization: 'NONE' },
        acceptTerms: true,
      },
    },
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${server.output().slice(-3000)}`);
  });
  const deployment = data.deployModel.deployment!;
  return { id: deployment.id, jobId: servingJobId(deployment.deploymentId) };
}

async function read(server: ServerProcess, token: string, id: string) {
  const data = await gql<{ deployment: { status: string; replicas: { status: string }[] } }>(
    server.url,
    token,
    READ,
    { id },
  );
  return data.deployment;
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('two instances on PostgreSQL in front of one Nomad cluster', () => {
  let nomad: NomadDouble;
  let fleet: Fleet;

  beforeEach(async () => {
    nomad = new NomadDouble({ heartbeatMs: 200, maxBlockingWaitMs: 1000, aclToken: ACL_TOKEN });
    const addr = await nomad.start();
    fleet = await createFleet({
      HANGAR_RUNTIME: 'nomad',
      NOMAD_ADDR: addr,
      NOMAD_TOKEN: ACL_TOKEN,
      HANGAR_DEMO_MODEL: '0',
      HANGAR_RECONCILE_INTERVAL_SECONDS: '1',
    });
  });

  afterEach(async () => {
    await fleet?.cleanup();
    await nomad?.close();
    expect(nomad.violations).toEqual([]);
  });

  it('kill -9 of the leader in the middle of a reconcile: the other leads within 10 s, and no job is registered twice or purged', async () => {
    // Nomad's default region, named by A only, tells A's requests to the double apart from B's.
    const a = await fleet.start({ NOMAD_REGION: 'global' });
    const b = await fleet.start();
    const [healthA, healthB] = [await health(a), await health(b)];
    expect(healthA).toMatchObject({ leader: true, leaderInstance: healthA.instance });
    expect(healthB).toMatchObject({ leader: false, leaderInstance: healthA.instance });
    const token = await fleet.adminToken();

    // Deploys on both instances while the leader reconciles every second: a command on the follower never
    // overlaps the leader's reconcile, so the leader neither submits its job again nor purges it as unexpected.
    // (The first deploy alone: it creates the catalog entry's model, which concurrent first deploys would race on.)
    const deployments = [await deploy(a, token, 'fleet 0')];
    deployments.push(
      ...(await Promise.all([b, b, a].map((server, i) => deploy(server, token, `fleet ${i + 1}`)))),
    );
    for (const { jobId } of deployments) {
      await waitFor(async () => nomad.job(jobId), 10_000, `${jobId} to be registered`);
      nomad.markHealthy(jobId);
    }
    // The follower follows the jobs too (its gateway routes to them): every replica READY, seen from B.
    for (const { id } of deployments) {
      await waitFor(
        async () => {
          const seen = await read(b, token, id);
          return seen.status === 'DEPLOYED' && seen.replicas.some((r) => r.status === 'READY');
        },
        20_000,
        `deployment ${id} DEPLOYED with a READY replica on B`,
      );
    }

    // A's next reconcile has listed the jobs and is reading them one by one: kill it there.
    const from = nomad.requests.length;
    const inReconcile = () =>
      nomad.requests
        .slice(from)
        .some(
          (r) => r.method === 'GET' && r.path.startsWith('/v1/job/') && r.query.get('region') === 'global',
        );
    while (!inReconcile()) await new Promise((resolve) => setTimeout(resolve, 1));
    const exited = new Promise((resolve) => a.child.once('exit', resolve));
    a.child.kill('SIGKILL');
    const killedAt = Date.now();
    await exited;

    await waitFor(async () => (await health(b)).leader, 10_000, 'B to take the lead');
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(await health(b)).toMatchObject({ leader: true, leaderInstance: healthB.instance });

    // B reconciles as the leader (at once, then every second): let it do so twice more.
    await waitFor(async () => b.output().includes('reconciled after taking the lead'), 10_000, 'takeover');
    const leaderPasses = count(b.output(), '"observeOnly":false');
    await waitFor(
      async () => count(b.output(), '"observeOnly":false') >= leaderPasses + 2,
      10_000,
      'two reconciliations by B as the leader',
    );

    for (const { id, jobId } of deployments) {
      expect(nomad.registrations(jobId), `registrations of ${jobId}`).toHaveLength(1);
      expect(nomad.job(jobId)?.Stop ?? false).toBe(false);
      expect((await read(b, token, id)).status).toBe('DEPLOYED');
    }
    expect(nomad.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([]);
  });
});
