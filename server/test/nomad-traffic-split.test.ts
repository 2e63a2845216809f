import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeReplica, type FakeReplica } from '../src/gateway/fake-replica.fixture.js';
import { loadHardwareProfiles } from '../src/core/hardware-profile.js';
import { servingJobId } from '../src/runtime/nomad/nomad-job.common.js';
import { NomadRuntime } from '../src/runtime/nomad/nomad.runtime.js';
import { startTestServer, waitFor, type TestServer } from './harness.js';
import { NomadDouble } from './nomad-double/nomad-double.js';

/**
 * A traffic split on the Nomad runtime, through GraphQL and the gateway: the canary is the job's next version
 * started as Nomad canaries, promoted through Nomad's deployment, rolled back by reverting the job. The double's
 * healthy allocations register their services at a small real OpenAI-compatible replica per Hangar version, so
 * the answers' `x-hangar-version` and the replica that received each request tell the versions apart.
 */

const ACL_TOKEN = 'nomad-acl-token-for-tests';
const ERRORS = `userErrors { field code message }`;
const ROW = `status currentVersion
  trafficSplit { canaryVersion stableVersion weightPercent state rollbackReason rolledBackAutomatically }
  replicas { version status } versions { version trigger status }`;

interface Row {
  status: string;
  currentVersion: number;
  trafficSplit: {
    canaryVersion: number;
    stableVersion: number;
    weightPercent: number;
    state: string;
    rollbackReason: string | null;
    rolledBackAutomatically: boolean;
  } | null;
  replicas: { version: number; status: string }[];
  versions: { version: number; trigger: string; status: string }[];
}

describe('a traffic split on the Nomad runtime (spec-validating double, fake replicas per version)', () => {
  let nomad: NomadDouble;
  let server: TestServer;
  let replicas: Record<number, FakeReplica>;
  let id: string;
  let jobId: string;
  let client: OpenAI;
  let addr: string;
  let secret: string;

  /** A server on the Nomad double (a second one reuses the first one's data: a restart). */
  const startServer = (reuse?: { dataDir: string }) =>
    startTestServer({
      db: 'sqlite',
      reuse,
      env: { HANGAR_RUNTIME: 'nomad', NOMAD_ADDR: addr, HANGAR_DEMO_MODEL: '0' },
      appOptions: {
        runtime: new NomadRuntime({
          addr,
          token: ACL_TOKEN,
          hardwareProfiles: loadHardwareProfiles(),
          eventStream: { reconnectDelayMs: 20 },
          stopTimeoutMs: 5000,
        }),
      },
    });

  const row = async () =>
    (await server.gql<{ deployment: Row }>(`query($id: ID!) { deployment(id: $id) { ${ROW} } }`, { id })).data
      .deployment;
  const mutate = async (name: string, input: Record<string, unknown> = {}) => {
    const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
    const result = await server.gql<Record<string, { userErrors: unknown[] }>>(
      `mutation($i: ${inputType}!) { ${name}(input: $i) { deployment { id } ${ERRORS} } }`,
      { i: { id, ...input } },
    );
    expect(result.errors).toBeUndefined();
    return result.data[name]!.userErrors;
  };
  const readyVersions = async () =>
    (await row()).replicas
      .filter((r) => r.status === 'READY')
      .map((r) => r.version)
      .sort();
  /** Sends `count` chat requests two at a time; counts the answers by the version that gave them. */
  const send = async (count: number) => {
    const byVersion = new Map<string, number>();
    let failed = 0;
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next++;
        try {
          const { response } = await client.chat.completions
            .create({ model: 'split', messages: [{ role: 'user', content: `hi ${next}` }], max_tokens: 1 })
            .withResponse();
          const version = response.headers.get('x-hangar-version') ?? 'none';
          byVersion.set(version, (byVersion.get(version) ?? 0) + 1);
        } catch {
          failed++;
        }
      }
    };
    await Promise.all([worker(), worker()]);
    return { byVersion, failed };
  };
  const requestsTo = (path: string) => nomad.requests.filter((request) => request.path === path);
  const lastRegistration = () =>
    nomad.registrations(jobId).at(-1)!.body as {
      Job: { Meta: Record<string, string>; TaskGroups: { Update: Record<string, unknown> }[] };
    };

  beforeAll(async () => {
    // Version 3 is rolled back before version 4 starts: they share a replica; version 5 uses version 1's.
    const [one, two, three] = await Promise.all(
      ['v1', 'v2', 'v3-and-v4'].map((name) => startFakeReplica(name)),
    );
    replicas = { 1: one!, 2: two!, 3: three!, 4: three!, 5: one! };
    nomad = new NomadDouble({
      heartbeatMs: 200,
      maxBlockingWaitMs: 1000,
      aclToken: ACL_TOKEN,
      serviceAddress: (_alloc, job) => {
        const url = new URL(replicas[Number(job.Meta!.hangar_version)]!.baseUrl);
        return { address: url.hostname, port: Number(url.port) };
      },
    });
    addr = await nomad.start();
    server = await startServer();
    const deployed = await server.gql<{
      deployModel: { deployment: { id: string; deploymentId: string; endpoint: { baseUrl: string } } };
    }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId endpoint { baseUrl } } ${ERRORS} } }`,
      {
        i: {
          catalogEntryId: 'meta-llama/Llama-3.2-1B',
          name: 'Split on Nomad',
          hardwareProfileId: 'nvidia-a10g-x1',
          optimization: { technique: 'VLLM', quantization: 'NONE' },
          acceptTerms: true,
        },
      },
    );
    const deployment = deployed.data.deployModel.deployment;
    id = deployment.id;
    jobId = servingJobId(deployment.deploymentId);
    await waitFor(
      async () =>
        nomad.openStreams() > 0 && nomad.streams.at(-1)!.query.getAll('topic').includes(`Job:${jobId}`),
      10_000,
      'the event stream to follow the job',
    );
    nomad.markHealthy(jobId);
    await waitFor(async () => (await row()).status === 'DEPLOYED', 10_000, 'DEPLOYED');
    const key = await server.gql<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { deploymentId: id, name: 'split' } },
    );
    secret = key.data.createApiKey.secret;
    client = new OpenAI({ baseURL: deployment.endpoint.baseUrl, apiKey: secret, maxRetries: 0 });
  }, 60_000);

  afterAll(async () => {
    await server?.cleanup();
    await nomad?.close();
    for (const replica of new Set(Object.values(replicas ?? {}))) await replica.close();
    expect(nomad.violations).toEqual([]);
  });

  it('startCanary 90/10 registers the next job version with Update.Canary; its canary allocation takes 10 % of the requests (20 of 200)', async () => {
    expect(await mutate('startCanary', { weightPercent: 10, autoRollback: { enabled: false } })).toEqual([]);
    expect(lastRegistration().Job.Meta.hangar_version).toBe('2');
    expect(lastRegistration().Job.TaskGroups[0]!.Update).toMatchObject({ Canary: 1, AutoPromote: false });
    // The stable allocation keeps running beside the canary.
    expect(nomad.allocationsOf(jobId).filter((a) => a.DesiredStatus === 'run')).toHaveLength(2);
    nomad.markHealthy(jobId);
    await waitFor(
      async () => (await row()).versions.some((v) => v.version === 2 && v.status === 'SUCCESS'),
      10_000,
      'the canary serving',
    );
    expect(await readyVersions()).toEqual([1, 2]);
    expect((await row()).trafficSplit).toMatchObject({ canaryVersion: 2, stableVersion: 1, state: 'ACTIVE' });

    const { byVersion, failed } = await send(200);
    expect(failed).toBe(0);
    expect(byVersion.get('1')).toBe(180);
    expect(byVersion.get('2')).toBe(20);
    expect(replicas[2]!.received).toHaveLength(20);
  }, 60_000);

  it('promoteCanary promotes the Nomad deployment: version 2 is the one serving, version 1 stopped', async () => {
    expect(await mutate('promoteCanary')).toEqual([]);
    const promotions = nomad.requests.filter((request) => request.path.startsWith('/v1/deployment/promote/'));
    expect(promotions).toHaveLength(1);
    expect(promotions[0]!.body).toMatchObject({ All: true });
    const promoted = await row();
    expect(promoted.currentVersion).toBe(2);
    expect(promoted.trafficSplit?.state).toBe('PROMOTED');
    expect(promoted.replicas).toEqual([{ version: 2, status: 'READY' }]);
    const { byVersion } = await send(20);
    expect([...byVersion.entries()]).toEqual([['2', 20]]);
    expect(nomad.job(jobId)).toMatchObject({ Stable: true, Meta: { hangar_version: '2' } });
  }, 30_000);

  it('rollbackCanary reverts the job to the stable version: the canary stops, the stable allocation serves on', async () => {
    expect(await mutate('startCanary', { weightPercent: 20, autoRollback: { enabled: false } })).toEqual([]);
    nomad.markHealthy(jobId);
    await waitFor(async () => (await readyVersions()).join() === '2,3', 10_000, 'the canary serving');
    // The job's versions: 0 (v1), 1 (v2's canary, promoted), 2 (v3's canary).
    const canaryJobVersion = nomad.job(jobId)!.Version!;
    expect(canaryJobVersion).toBe(2);
    expect(await mutate('rollbackCanary')).toEqual([]);
    expect(requestsTo(`/v1/job/${jobId}/revert`).map((request) => request.body)).toEqual([
      { JobID: jobId, JobVersion: 1, EnforcePriorVersion: 2 },
    ]);
    const after = await row();
    expect(after.trafficSplit).toMatchObject({ state: 'ROLLED_BACK', rolledBackAutomatically: false });
    expect(after.replicas).toEqual([{ version: 2, status: 'READY' }]);
    expect(nomad.job(jobId)!.Meta!.hangar_version).toBe('2');
    expect(nomad.allocationsOf(jobId).filter((a) => a.DesiredStatus === 'run')).toHaveLength(1);
    const before = replicas[3]!.received.length;
    const { byVersion, failed } = await send(20);
    expect(failed).toBe(0);
    expect([...byVersion.entries()]).toEqual([['2', 20]]);
    expect(replicas[3]!.received).toHaveLength(before);
    // The client reports the health of the allocation updated in place again (after its min_healthy_time).
    nomad.markHealthy(jobId);
  }, 30_000);

  it('the canary guard rolls back a canary that answers 500 by reverting the job; only the stable version runs', async () => {
    replicas[4]!.reply = () => ({ errorStatus: 500 });
    const policy = {
      windowSeconds: 30,
      minRequests: 10,
      maxErrorRateIncreasePercent: 5,
      maxP95IncreasePercent: 50,
    };
    expect(await mutate('startCanary', { weightPercent: 50, autoRollback: policy })).toEqual([]);
    nomad.markHealthy(jobId);
    await waitFor(async () => (await readyVersions()).join() === '2,4', 10_000, 'the canary serving');
    const reverts = requestsTo(`/v1/job/${jobId}/revert`).length;
    const { failed } = await send(60);
    expect(failed).toBeGreaterThan(0);
    const split = await waitFor(
      async () => {
        const current = (await row()).trafficSplit;
        return current?.state === 'ROLLED_BACK' ? current : undefined;
      },
      10_000,
      'the automatic rollback',
    );
    expect(split).toMatchObject({ canaryVersion: 4, rolledBackAutomatically: true });
    expect(split.rollbackReason).toMatch(/^canary error rate 100 %/);
    expect(requestsTo(`/v1/job/${jobId}/revert`)).toHaveLength(reverts + 1);
    expect(nomad.job(jobId)!.Meta!.hangar_version).toBe('2');
    expect((await row()).replicas).toEqual([{ version: 2, status: 'READY' }]);
    const after = await send(20);
    expect(after.failed).toBe(0);
    expect([...after.byVersion.entries()]).toEqual([['2', 20]]);
    nomad.markHealthy(jobId);
  }, 30_000);

  it('a server restart while the canary serves: the new server follows the canary job again, the split goes on', async () => {
    expect(await mutate('startCanary', { weightPercent: 50, autoRollback: { enabled: false } })).toEqual([]);
    nomad.markHealthy(jobId);
    await waitFor(async () => (await readyVersions()).join() === '2,5', 10_000, 'the canary serving');
    const registrations = nomad.registrations(jobId).length;
    await server.stop();

    server = await startServer({ dataDir: server.config.dataDir });
    const view = await server.gql<{ deployment: { endpoint: { baseUrl: string } } }>(
      `query($id: ID!) { deployment(id: $id) { endpoint { baseUrl } } }`,
      { id },
    );
    client = new OpenAI({ baseURL: view.data.deployment.endpoint.baseUrl, apiKey: secret, maxRetries: 0 });
    await waitFor(async () => (await readyVersions()).join() === '2,5', 10_000, 'both versions followed');
    const after = await row();
    expect(after.trafficSplit).toMatchObject({ canaryVersion: 5, stableVersion: 2, state: 'ACTIVE' });
    expect(nomad.registrations(jobId)).toHaveLength(registrations);
    const { byVersion, failed } = await send(20);
    expect(failed).toBe(0);
    expect(Object.fromEntries(byVersion)).toEqual({ '2': 10, '5': 10 });

    expect(await mutate('rollbackCanary')).toEqual([]);
    expect(nomad.job(jobId)!.Meta!.hangar_version).toBe('2');
    expect((await row()).replicas).toEqual([{ version: 2, status: 'READY' }]);
  }, 60_000);
});
