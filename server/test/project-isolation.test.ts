import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../src/graphql/relay.js';
import { DeploymentEvent } from '../src/modules/deployment/deployment-event.entity.js';
import { DeploymentVersion } from '../src/modules/deployment/deployment-version.entity.js';
import { VersionTrigger } from '../src/modules/deployment/deployment.enums.js';
import { Deployment } from '../src/modules/deployment/deployment.entity.js';
import { Model } from '../src/modules/model/model.entity.js';
import { ModelFormat, ModelKind, ModelSource, ModelStatus } from '../src/modules/model/model.enums.js';
import { withDefaults } from '../src/modules/deployment/deployment.rules.js';
import { CASES, SUBSCRIPTIONS, type IsolationContext, type ProjectB } from './project-isolation.cases.js';
import { collect, DATABASES, startTestServer, type TestServer } from './harness.js';

const DEMO = 'hangar/demo-tiny-llama';
const DEPLOY = { hardwareProfileId: 'local-cpu', acceptTerms: true, startNow: false };

/**
 * Two tenants on one server. Alice is ADMIN of project A (and nothing else), Bob of project B. Every root field
 * of the schema, read from introspection, has a case proving that Alice can neither read nor change anything of
 * B (not found, never forbidden), and B is the same afterwards.
 */
describe.each(DATABASES)('project isolation on %s', (db) => {
  let server: TestServer;
  let ctx: IsolationContext;
  let tokens: { alice: string; bob: string };
  let apiKeySecretB = '';
  const table: { field: string; kind: string; answer: string }[] = [];

  const asAdmin = <T = Record<string, unknown>>(q: string, v?: Record<string, unknown>) =>
    server.gql<T>(q, v);
  const asBob = <T = Record<string, unknown>>(q: string, v?: Record<string, unknown>) =>
    server.gql<T>(q, v, tokens.bob);

  async function projectWithAdmin(name: string, slug: string, user: string) {
    const project = await asAdmin<{ createProject: { project: { id: string } } }>(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } userErrors { code } } }`,
      { i: { name, slug } },
    );
    const projectId = project.data.createProject.project.id;
    const created = await asAdmin<{ createUser: { token: string; user: { id: string } } }>(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { token user { id } userErrors { code } } }`,
      { i: { name: user, role: 'VIEWER', projectId } },
    );
    const { token, user: member } = created.data.createUser;
    const set = await asAdmin<{ setProjectMember: { userErrors: unknown[] } }>(
      `mutation($i: SetProjectMemberInput!) { setProjectMember(input: $i) { userErrors { code } } }`,
      { i: { projectId, userId: member.id, role: 'ADMIN' } },
    );
    expect(set.data.setProjectMember.userErrors).toEqual([]);
    return { projectId, token, userId: member.id };
  }

  async function deployDemo(token: string, name: string): Promise<{ id: string; deploymentId: string }> {
    const r = await server.gql<{ deployModel: { deployment: { id: string; deploymentId: string } } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId } userErrors { code message } } }`,
      { i: { ...DEPLOY, catalogEntryId: DEMO, name } },
      token,
    );
    expect(r.errors).toBeUndefined();
    return r.data.deployModel.deployment;
  }

  /** A FILE model and an adapter in the project, and a version and an event line on its deployment. */
  async function seedRows(projectId: string, prefix: string, deploymentGlobalId: string) {
    const em = server.app.orm.em.fork();
    const project = fromGlobalId(projectId, 'Project').id;
    const demo = await em.findOneOrFail(Model, { catalogEntryId: DEMO });
    const common = {
      format: ModelFormat.GGUF,
      status: ModelStatus.READY_TO_DEPLOY,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    const model = em.create(Model, { ...common, project, name: `${prefix}-model`, source: ModelSource.FILE });
    const adapter = em.create(Model, {
      ...common,
      project,
      name: `${prefix}-adapter`,
      source: ModelSource.FILE,
      kind: ModelKind.ADAPTER,
      baseModel: demo,
    });
    const deployment = await em.findOneOrFail(Deployment, {
      id: fromGlobalId(deploymentGlobalId, 'Deployment').id,
    });
    const version = em.create(DeploymentVersion, {
      deployment,
      version: 1,
      name: `${deployment.name}_v1`,
      trigger: VersionTrigger.DEPLOY,
      config: withDefaults({ hardwareProfileId: 'local-cpu' }),
      startedAt: new Date(),
    });
    em.create(DeploymentEvent, { deployment, version: 1, message: `${prefix} secret line`, at: new Date() });
    await em.flush();
    return { model: model.globalId, adapter: adapter.globalId, version: version.globalId };
  }

  /** What Bob sees of B: compared before and after Alice tried everything. */
  const snapshotB = () =>
    asBob(
      `query($p: ID!) {
        project(id: $p) { name slug members { user { id } role } budget { monthlyTokenBudget } }
        deployments(first: 20) { nodes { id name description tags status currentVersion apiKeys { id revokedAt budget { monthlyTokenBudget } } adapters { id } trafficSplit { weightPercent } } }
        models(first: 20) { nodes { id name description tags status } }
        connections { id name }
      }`,
      { p: ctx.b.project },
    );

  beforeAll(async () => {
    server = await startTestServer({ db });
    const a = await projectWithAdmin('Alpha', 'alpha', 'alice');
    const b = await projectWithAdmin('Bravo', 'bravo', 'bob');
    tokens = { alice: a.token, bob: b.token };
    // The same deployment and connection names in both: a name is free in a project whatever another holds.
    const deploymentB = await deployDemo(b.token, 'shared name');
    const deploymentA = await deployDemo(a.token, 'shared name');
    const seededB = await seedRows(b.projectId, 'bravo', deploymentB.id);
    await seedRows(a.projectId, 'alpha', deploymentA.id);
    const key = await asBob<{ createApiKey: { apiKey: { id: string } } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } userErrors { code } } }`,
      { i: { deploymentId: deploymentB.id, name: 'bravo key' } },
    );
    const connections = [];
    for (const token of [b.token, a.token]) {
      const created = await server.gql<{
        createConnection: { connection: { id: string }; userErrors: unknown[] };
      }>(
        `mutation($i: CreateConnectionInput!) { createConnection(input: $i) { connection { id } userErrors { code } } }`,
        { i: { name: 'hub', token: 'hf_0123456789abcdef' } },
        token,
      );
      expect(created.data.createConnection.userErrors).toEqual([]);
      connections.push(created.data.createConnection.connection.id);
    }
    apiKeySecretB = (
      await asBob<{ createApiKey: { secret: string } }>(
        `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret userErrors { code } } }`,
        { i: { deploymentId: deploymentB.id, name: 'bravo gateway key' } },
      )
    ).data.createApiKey.secret;
    const bobTokens = await asBob<{ accessTokens: { nodes: { id: string }[] } }>(
      `{ accessTokens { nodes { id } } }`,
    );
    const projectB: ProjectB = {
      project: b.projectId,
      bob: b.userId,
      bobAccessToken: bobTokens.data.accessTokens.nodes[0]!.id,
      deployment: deploymentB.id,
      deploymentUrlId: deploymentB.deploymentId,
      apiKey: key.data.createApiKey.apiKey.id,
      connection: connections[0]!,
      ...seededB,
    };
    ctx = {
      asAlice: (q, v) => server.gql(q, v, tokens.alice),
      b: projectB,
      a: { project: a.projectId, deployment: deploymentA.id },
      markers: [
        ...Object.values(projectB).filter((v) => v !== projectB.bobAccessToken),
        fromGlobalId(projectB.deployment).id,
        fromGlobalId(projectB.project).id,
        'bravo',
        'Bravo',
      ],
      random: {
        user: toGlobalId('User', '00000000-0000-4000-8000-00000000dead'),
        project: toGlobalId('Project', '00000000-0000-4000-8000-00000000dead'),
      },
    };
  });
  afterAll(async () => {
    console.log(
      `\nfields checked (${db}):\n` +
        table.map((r) => `  ${r.kind.padEnd(12)} ${r.field.padEnd(22)} ${r.answer}`).join('\n'),
    );
    await server?.cleanup();
  });

  it('every Query and Mutation field: a member of A reads and changes nothing of B, and B is unchanged', async () => {
    const before = await snapshotB();
    expect(before.errors).toBeUndefined();
    const schema = await asAdmin<{ __schema: Record<string, { fields: { name: string }[] } | null> }>(
      `{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }`,
    );
    const fields = [
      ...schema.data.__schema.queryType!.fields.map((f) => ['Query', f.name] as const),
      ...schema.data.__schema.mutationType!.fields.map((f) => ['Mutation', f.name] as const),
    ];
    const subscriptionFields = schema.data.__schema.subscriptionType!.fields.map((f) => f.name);
    // A new field must come with its case here (and in project-isolation.cases.ts).
    expect(fields.filter(([, name]) => !CASES[name]).map(([kind, name]) => `${kind}.${name}`)).toEqual([]);
    expect(subscriptionFields.filter((name) => !SUBSCRIPTIONS[name])).toEqual([]);
    for (const [kind, field] of fields) {
      const answer = await CASES[field]!(ctx).catch((error: unknown) => {
        throw new Error(`${kind}.${field}: ${(error as Error).message}`);
      });
      table.push({ field, kind, answer });
    }
    expect(await snapshotB()).toEqual(before);
    // Alice's own deployment of the same name is hers alone.
    const mine = await ctx.asAlice<{ deployments: { nodes: { id: string; project: { slug: string } }[] } }>(
      `{ deployments { nodes { id project { slug } } } }`,
    );
    expect(mine.data.deployments.nodes).toEqual([{ id: ctx.a.deployment, project: { slug: 'alpha' } }]);
  });

  it('the gateway: a key of B at a deployment of A answers 404 exactly like a deployment that does not exist', async () => {
    const call = async (deploymentId: string) => {
      const response = await fetch(`${server.app.url}/api/v2/deployments/${deploymentId}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKeySecretB}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
      });
      return { status: response.status, body: await response.text() };
    };
    const mine = await ctx.asAlice<{ deployment: { deploymentId: string } }>(
      `query($id: ID!) { deployment(id: $id) { deploymentId } }`,
      { id: ctx.a.deployment },
    );
    const alphaId = mine.data.deployment.deploymentId;
    const missing = 'dpl-' + 'z'.repeat(alphaId.length - 4);
    const atA = await call(alphaId);
    const nowhere = await call(missing);
    expect(atA.status).toBe(404);
    expect(atA.body.replace(alphaId, '<id>')).toBe(nowhere.body.replace(missing, '<id>'));
    // At its own (not started) deployment the key is accepted and the answer is about the deployment.
    expect((await call(ctx.b.deploymentUrlId)).status).not.toBe(404);
    table.push({ field: 'gateway', kind: 'HTTP', answer: '404 deployment_not_found, as for none' });
  });

  it('every Subscription field: none of B’s changes reaches a member of A', async () => {
    const alice = server.ws(tokens.alice);
    const subscriptions = Object.entries(SUBSCRIPTIONS).flatMap(([field, variants]) =>
      variants.map((variant) => ({
        field,
        ...collect<Record<string, unknown>>(
          alice,
          variant.query,
          variant.variables(ctx.b),
          () => false,
          120_000,
        ),
      })),
    );
    for (const s of subscriptions) s.done.catch(() => undefined);
    await Promise.all(subscriptions.map((s) => s.ready));
    // B changes: a deployment edit, a model edit, an event line, a deployment created and deleted.
    await asBob(
      `mutation($i: UpdateDeploymentInput!) { updateDeployment(input: $i) { userErrors { code } } }`,
      {
        i: { id: ctx.b.deployment, description: 'bravo edit' },
      },
    );
    await asBob(`mutation($i: UpdateModelInput!) { updateModel(input: $i) { userErrors { code } } }`, {
      i: { id: ctx.b.model, description: 'bravo edit' },
    });
    await server.app.services.deployments.logEvent(ctx.b.deploymentUrlId, 'INFO' as never, 'bravo live line');
    // B's key budget changes: an apiKeyUsageChanged event of B's deployment.
    await asBob(
      `mutation($i: SetApiKeyBudgetInput!) { setApiKeyBudget(input: $i) { userErrors { code } } }`,
      { i: { apiKeyId: ctx.b.apiKey, monthlyTokenBudget: 777_777 } },
    );
    const extra = await deployDemo(tokens.bob, 'bravo extra');
    await asBob(
      `mutation($i: DeleteDeploymentInput!) { deleteDeployment(input: $i) { userErrors { code } } }`,
      {
        i: { id: extra.id },
      },
    );
    // Then A changes: the subscriptions without arguments must see these, on the same socket, after B's.
    await ctx.asAlice(
      `mutation($i: UpdateDeploymentInput!) { updateDeployment(input: $i) { userErrors { code } } }`,
      {
        i: { id: ctx.a.deployment, description: 'alpha edit' },
      },
    );
    const seen = (field: string) => subscriptions.filter((s) => s.field === field && s.items.length > 0);
    const deadline = Date.now() + 30_000;
    while (!(
      seen('deploymentUpdated').length &&
      seen('deploymentsChanged').length &&
      seen('modelsChanged').length
    )) {
      if (Date.now() > deadline)
        throw new Error('A’s own changes never arrived: the subscriptions are not live');
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const s of subscriptions) {
      const data = JSON.stringify(s.items);
      for (const marker of [
        ...ctx.markers,
        'bravo edit',
        'bravo live line',
        'bravo extra',
        extra.id,
        ctx.b.apiKey,
        '777777',
      ])
        expect(data, `${s.field} leaked ${marker}`).not.toContain(marker);
      table.push({
        field: s.field,
        kind: 'Subscription',
        answer: `nothing of B (${s.items.length} event(s) of A)`,
      });
    }
  });
});
