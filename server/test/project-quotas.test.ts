import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startTestServer, waitFor, type TestServer } from './harness.js';

const UE = 'userErrors { code field message }';

interface UserErrorShape {
  code: string;
  field: string[] | null;
  message: string;
}
interface DeployResult {
  deployment: { id: string; deploymentId: string } | null;
  userErrors: UserErrorShape[];
}

/**
 * Quotas per project on a real server: a project limited to 2 replicas refuses the 3rd whichever command asks for
 * it, with the quota named at the input field that asked; the concurrent deployments quota; planDeployment says
 * the quota is what stops the deploy; concurrent deploys do not overshoot; the autoscaler stops at the quota.
 */
describe.each(DATABASES)('project quotas on %s', (db) => {
  let server: TestServer;
  let acme: string;
  let deployer: string;
  let modelId: string;

  const asDeployer = <T>(q: string, v?: Record<string, unknown>) => server.gql<T>(q, v, deployer);

  async function createProject(name: string, slug: string): Promise<string> {
    const r = await server.gql<{ createProject: { project: { id: string } } }>(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } ${UE} } }`,
      { i: { name, slug } },
    );
    return r.data.createProject.project.id;
  }

  async function setQuotas(projectId: string, quotas: Record<string, unknown>) {
    const r = await server.gql<{ setProjectQuotas: { userErrors: UserErrorShape[] } }>(
      `mutation($i: SetProjectQuotasInput!) { setProjectQuotas(input: $i) { ${UE} } }`,
      { i: { projectId, ...quotas } },
    );
    expect(r.errors).toBeUndefined();
    return r.data.setProjectQuotas.userErrors;
  }

  async function deploy(name: string, extra: Record<string, unknown> = {}, projectId = acme) {
    const r = await asDeployer<{ deployModel: DeployResult }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId } ${UE} } }`,
      {
        i: {
          modelId,
          projectId,
          name,
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          scaling: { minReplicas: 1, maxReplicas: 1 },
          ...extra,
        },
      },
    );
    expect(r.errors).toBeUndefined();
    return r.data.deployModel;
  }

  async function redeploy(id: string, extra: Record<string, unknown>) {
    const r = await asDeployer<{ redeployDeployment: DeployResult }>(
      `mutation($i: RedeployDeploymentInput!) { redeployDeployment(input: $i) { deployment { id } ${UE} } }`,
      { i: { id, ...extra } },
    );
    expect(r.errors).toBeUndefined();
    return r.data.redeployDeployment;
  }

  async function command(name: 'undeployDeployment' | 'retriggerDeployment', id: string) {
    const input = name === 'undeployDeployment' ? 'UndeployDeploymentInput' : 'RetriggerDeploymentInput';
    const r = await asDeployer<Record<string, DeployResult>>(
      `mutation($i: ${input}!) { ${name}(input: $i) { deployment { id } ${UE} } }`,
      { i: { id } },
    );
    expect(r.errors).toBeUndefined();
    return r.data[name]!;
  }

  async function usage(projectId = acme) {
    const r = await asDeployer<{
      project: {
        quotas: { maxReplicas: number | null; maxDeployments: number | null };
        quotaUsage: { replicas: number; deployments: number };
      };
    }>(
      `query($id: ID!) { project(id: $id) { quotas { maxReplicas maxDeployments maxGpus { hardwareProfileId maxGpus } } quotaUsage { replicas deployments gpus { hardwareProfileId gpus } } } }`,
      { id: projectId },
    );
    expect(r.errors).toBeUndefined();
    return r.data.project;
  }

  async function waitStatus(id: string, status: string) {
    await waitFor(
      async () => {
        const r = await server.gql<{ deployment: { status: string; failureReason: string | null } }>(
          `query($id: ID!) { deployment(id: $id) { status failureReason } }`,
          { id },
        );
        if (r.data.deployment.status === 'FAILED' && status !== 'FAILED')
          throw new Error(r.data.deployment.failureReason ?? 'failed');
        return r.data.deployment.status === status;
      },
      90_000,
      `deployment to be ${status}`,
    );
  }

  beforeAll(async () => {
    // No spare replica process: this file starts few replicas and the machine's cores are shared.
    server = await startTestServer({ db, env: { HANGAR_REPLICA_SPARE: '0' } });
    acme = await createProject('Acme', 'acme');
    const user = await server.gql<{ createUser: { token: string; user: { id: string } } }>(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { token user { id } ${UE} } }`,
      { i: { name: 'dee', role: 'DEPLOYER', projectId: acme } },
    );
    deployer = user.data.createUser.token;
    const member = await server.gql<{ setProjectMember: { userErrors: unknown[] } }>(
      `mutation($i: SetProjectMemberInput!) { setProjectMember(input: $i) { ${UE} } }`,
      { i: { projectId: acme, userId: user.data.createUser.user.id, role: 'DEPLOYER' } },
    );
    expect(member.data.setProjectMember.userErrors).toEqual([]);
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    modelId = models.data.models.nodes[0]!.id;
    // The demo model is a platform model: deploying it into acme needs no import there.
    expect(modelId).toBeTruthy();
  }, 120_000);
  afterAll(async () => server?.cleanup());

  it('only an instance ADMIN sets quotas, bad values come back at their fields, members read them', async () => {
    const byMember = await asDeployer(
      `mutation($i: SetProjectQuotasInput!) { setProjectQuotas(input: $i) { ${UE} } }`,
      { i: { projectId: acme, maxReplicas: 100 } },
    );
    expect(byMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const refused = await setQuotas(acme, {
      maxReplicas: -1,
      maxDeployments: 100_001,
      maxGpus: [{ hardwareProfileId: 'local-cpu', maxGpus: 1 }],
    });
    expect(refused.map((e) => [e.field?.join('.'), e.code])).toEqual([
      ['input.maxReplicas', 'OUT_OF_RANGE'],
      ['input.maxDeployments', 'OUT_OF_RANGE'],
      ['input.maxGpus.0.hardwareProfileId', 'INVALID'],
    ]);
    expect(
      await setQuotas(acme, { maxReplicas: 2, maxGpus: [{ hardwareProfileId: 'nvidia-t4-x4', maxGpus: 8 }] }),
    ).toEqual([]);
    const read = await usage();
    expect(read).toEqual({
      quotas: {
        maxReplicas: 2,
        maxDeployments: null,
        maxGpus: [{ hardwareProfileId: 'nvidia-t4-x4', maxGpus: 8 }],
      },
      quotaUsage: { replicas: 0, deployments: 0, gpus: [] },
    });
    const list = await asDeployer<{ projects: unknown[] }>(
      `{ projects { slug quotas { maxReplicas } quotaUsage { replicas deployments } } }`,
    );
    expect(list.data.projects).toEqual([
      { slug: 'acme', quotas: { maxReplicas: 2 }, quotaUsage: { replicas: 0, deployments: 0 } },
    ]);
  });

  it('refuses the 3rd replica of a project limited to 2: by a second deployment, a scale-up, a restart', async () => {
    const first = await deploy('alpha', { scaling: { minReplicas: 1, maxReplicas: 2 } });
    expect(first.userErrors).toEqual([]);
    expect((await usage()).quotaUsage).toEqual({ replicas: 2, deployments: 1, gpus: [] });

    const message = 'Project acme allows at most 2 replicas; it runs 2 — this asks for 1 more.';
    const second = await deploy('bravo');
    expect(second).toEqual({
      deployment: null,
      userErrors: [{ code: 'QUOTA_EXCEEDED', field: ['input', 'scaling', 'maxReplicas'], message }],
    });
    // Saved without starting, it holds nothing and passes; it is checked when it starts.
    const saved = await deploy('bravo', { startNow: false });
    expect(saved.userErrors).toEqual([]);

    await waitStatus(first.deployment!.id, 'DEPLOYED');
    const scaleUp = await redeploy(first.deployment!.id, { scaling: { maxReplicas: 3 } });
    expect(scaleUp.userErrors).toEqual([
      { code: 'QUOTA_EXCEEDED', field: ['input', 'scaling', 'maxReplicas'], message },
    ]);
    // A redeploy that does not grow is not a 3rd replica: its new version replaces the old one.
    const sameSize = await redeploy(first.deployment!.id, { parameters: { temperature: 0.5 } });
    expect(sameSize.userErrors).toEqual([]);

    const start = await command('retriggerDeployment', saved.deployment!.id);
    expect(start.userErrors).toEqual([
      {
        code: 'QUOTA_EXCEEDED',
        field: ['input', 'id'],
        message: 'Project acme allows at most 2 replicas; it runs 2 — this asks for 1 more.',
      },
    ]);
    // Once alpha is undeployed its replicas are free again.
    await waitStatus(first.deployment!.id, 'DEPLOYED');
    expect((await command('undeployDeployment', first.deployment!.id)).userErrors).toEqual([]);
    await waitStatus(first.deployment!.id, 'UNDEPLOYED');
    expect((await usage()).quotaUsage).toEqual({ replicas: 0, deployments: 0, gpus: [] });
    expect((await command('retriggerDeployment', saved.deployment!.id)).userErrors).toEqual([]);
    const restartAlpha = await command('retriggerDeployment', first.deployment!.id);
    expect(restartAlpha.userErrors).toEqual([
      {
        code: 'QUOTA_EXCEEDED',
        field: ['input', 'id'],
        message: 'Project acme allows at most 2 replicas; it runs 1 — this asks for 2 more.',
      },
    ]);
  }, 180_000);

  it('limits concurrent deployments, and planDeployment says a quota is what stops the deploy', async () => {
    expect(await setQuotas(acme, { maxDeployments: 1 })).toEqual([]);
    const refused = await deploy('charlie');
    expect(refused.userErrors).toEqual([
      {
        code: 'QUOTA_EXCEEDED',
        field: null,
        message: 'Project acme allows at most 1 concurrent deployment; it runs 1 — this asks for 1 more.',
      },
    ]);
    const plan = async () =>
      (
        await asDeployer<{
          planDeployment: {
            fits: boolean;
            reasons: string[];
            quotaExceeded: string | null;
            userErrors: unknown[];
          };
        }>(
          `query($i: PlanDeploymentInput!) { planDeployment(input: $i) { fits reasons quotaExceeded ${UE} } }`,
          { i: { modelId, projectId: acme, hardwareProfileId: 'local-cpu' } },
        )
      ).data.planDeployment;
    const blocked = await plan();
    expect(blocked).toMatchObject({
      fits: false,
      quotaExceeded: 'Project acme allows at most 1 concurrent deployment; it runs 1 — this asks for 1 more.',
      userErrors: [],
    });
    expect(blocked.reasons[0]).toBe(blocked.quotaExceeded);
    expect(await setQuotas(acme, {})).toEqual([]);
    expect(await plan()).toMatchObject({ fits: true, quotaExceeded: null, reasons: [] });
  });

  it('serializes concurrent deploys: five at once into room for one, exactly one passes', async () => {
    const race = await createProject('Race', 'race');
    expect(await setQuotas(race, { maxReplicas: 1 })).toEqual([]);
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        server.gql<{ deployModel: DeployResult }>(
          `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } ${UE} } }`,
          {
            i: {
              modelId,
              projectId: race,
              name: `racer ${n}`,
              hardwareProfileId: 'local-cpu',
              acceptTerms: true,
              scaling: { minReplicas: 1, maxReplicas: 1 },
            },
          },
        ),
      ),
    );
    const passed = results.filter((r) => r.data.deployModel.deployment);
    const codes = results.flatMap((r) => r.data.deployModel.userErrors.map((e) => e.code));
    expect(passed).toHaveLength(1);
    expect(codes).toEqual(['QUOTA_EXCEEDED', 'QUOTA_EXCEEDED', 'QUOTA_EXCEEDED', 'QUOTA_EXCEEDED']);
    const held = await server.gql<{ project: { quotaUsage: { replicas: number; deployments: number } } }>(
      `query($id: ID!) { project(id: $id) { quotaUsage { replicas deployments } } }`,
      { id: race },
    );
    expect(held.data.project.quotaUsage).toEqual({ replicas: 1, deployments: 1 });
    // Leave the cores to the autoscaler test.
    const id = passed[0]!.data.deployModel.deployment!.id;
    await waitStatus(id, 'DEPLOYED');
    const undeployed = await server.gql(
      `mutation($i: UndeployDeploymentInput!) { undeployDeployment(input: $i) { ${UE} } }`,
      { i: { id } },
    );
    expect(undeployed.errors).toBeUndefined();
    await waitStatus(id, 'UNDEPLOYED');
  }, 120_000);

  it('a canary counts beside the stable replicas: refused over the quota, then held while it runs', async () => {
    const split = await createProject('Split', 'split');
    expect(await setQuotas(split, { maxReplicas: 1 })).toEqual([]);
    const r = await server.gql<{ deployModel: DeployResult }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } ${UE} } }`,
      {
        i: {
          modelId,
          projectId: split,
          name: 'stable',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          scaling: { minReplicas: 1, maxReplicas: 1 },
        },
      },
    );
    const { id } = r.data.deployModel.deployment!;
    await waitStatus(id, 'DEPLOYED');
    const startCanary = () =>
      server.gql<{ startCanary: DeployResult }>(
        `mutation($i: StartCanaryInput!) { startCanary(input: $i) { deployment { id } ${UE} } }`,
        { i: { id, weightPercent: 10, parameters: { temperature: 0.3 } } },
      );
    expect((await startCanary()).data.startCanary.userErrors).toEqual([
      {
        code: 'QUOTA_EXCEEDED',
        field: ['input', 'scaling', 'maxReplicas'],
        message: 'Project split allows at most 1 replica; it runs 1 — this asks for 1 more.',
      },
    ]);
    expect(await setQuotas(split, { maxReplicas: 2 })).toEqual([]);
    expect((await startCanary()).data.startCanary.userErrors).toEqual([]);
    const held = await server.gql<{ project: { quotaUsage: { replicas: number; deployments: number } } }>(
      `query($id: ID!) { project(id: $id) { quotaUsage { replicas deployments } } }`,
      { id: split },
    );
    expect(held.data.project.quotaUsage).toEqual({ replicas: 2, deployments: 1 });
    const undeployed = await server.gql(
      `mutation($i: UndeployDeploymentInput!) { undeployDeployment(input: $i) { ${UE} } }`,
      { i: { id } },
    );
    expect(undeployed.errors).toBeUndefined();
    await waitStatus(id, 'UNDEPLOYED');
  }, 120_000);

  it('the autoscaler never scales past the project quota, and says it was capped', async () => {
    const scaled = await createProject('Scaled', 'scaled');
    expect(await setQuotas(scaled, { maxReplicas: 3 })).toEqual([]);
    const r = await server.gql<{ deployModel: DeployResult }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId } ${UE} } }`,
      {
        i: {
          modelId,
          projectId: scaled,
          name: 'busy',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          parameters: { maxLength: 2000, inferenceBatchSize: 1 },
          scaling: { minReplicas: 1, maxReplicas: 3, scaleUpDelaySeconds: 2, scaleDownDelaySeconds: 600 },
        },
      },
    );
    expect(r.data.deployModel.userErrors).toEqual([]);
    const { id, deploymentId } = r.data.deployModel.deployment!;
    await waitStatus(id, 'DEPLOYED');
    // The quota lowered below what the deployment holds: it keeps running, and may not grow past 2.
    expect(await setQuotas(scaled, { maxReplicas: 2 })).toEqual([]);
    const key = await server.gql<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret ${UE} } }`,
      { i: { deploymentId: id, name: 'load' } },
    );
    const baseURL = `${server.app.url}/api/v2/deployments/${deploymentId}`;
    const client = new OpenAI({
      baseURL,
      apiKey: key.data.createApiKey.secret,
      maxRetries: 0,
      timeout: 60_000,
    });
    // Eight long answers at once against a batch of 1: the load asks for more than the 3 replicas the config
    // allows, for longer than the scale-up delay, so the one decision taken wants 3.
    const load = Promise.allSettled(
      [1, 2, 3, 4, 5, 6, 7, 8].map(() =>
        client.chat.completions.create({
          model: deploymentId,
          messages: [{ role: 'user', content: 'Tell me a long story' }],
          max_tokens: 1500,
          temperature: 0,
        }),
      ),
    );
    const decision = await waitFor(
      async () => {
        const d = await server.gql<{
          deployment: { lastScalingDecision: { toReplicas: number; reason: string } | null };
        }>(`query($id: ID!) { deployment(id: $id) { lastScalingDecision { toReplicas reason } } }`, { id });
        return d.data.deployment.lastScalingDecision;
      },
      60_000,
      'a scaling decision',
    );
    expect(decision.toReplicas).toBe(2);
    expect(decision.reason).toContain('capped by project quota: 3 wanted');
    await load;
    const replicas = server.app.services.runtime
      .replicas(deploymentId)
      .filter((rep) => rep.status === 'STARTING' || rep.status === 'READY');
    expect(replicas.length).toBeLessThanOrEqual(2);
  }, 180_000);
});
