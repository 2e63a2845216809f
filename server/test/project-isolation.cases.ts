import { expect } from 'vitest';
import type { GqlResult } from './harness.js';

/** What project B holds, by global id, as its members created it. */
export interface ProjectB {
  project: string;
  bob: string;
  bobAccessToken: string;
  deployment: string;
  deploymentUrlId: string;
  model: string;
  adapter: string;
  version: string;
  apiKey: string;
  connection: string;
}

export interface IsolationContext {
  /** As Alice: ADMIN of project A, member of nothing else, not an instance ADMIN. */
  asAlice<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResult<T>>;
  b: ProjectB;
  /** A's own deployment and project (for mutations that combine an A object with a B one). */
  a: { project: string; deployment: string };
  /** Strings only B's rows contain (ids, names, slug): none may appear in anything Alice reads. */
  markers: string[];
  random: { user: string; project: string };
}

type Case = (ctx: IsolationContext) => Promise<string>;

const codes = (r: GqlResult<unknown>) => (r.errors ?? []).map((e) => e.extensions?.code);

/** The answer's data holds no marker of B, except the ids Alice sent herself (a message may echo them). */
function seesNothingOfB(
  ctx: IsolationContext,
  r: GqlResult<unknown>,
  sent: Record<string, unknown> = {},
): void {
  const data = JSON.stringify(r.data ?? null);
  const echoed = JSON.stringify(sent);
  for (const marker of ctx.markers)
    if (!echoed.includes(marker)) expect(data, `leaked ${marker}`).not.toContain(marker);
}

/** The call fails with NOT_FOUND (never FORBIDDEN), exactly as for an id that exists nowhere. */
function notFound(query: string, variables: (ctx: IsolationContext) => Record<string, unknown>): Case {
  return async (ctx) => {
    const sent = variables(ctx);
    const r = await ctx.asAlice(query, sent);
    expect(codes(r), JSON.stringify(r.errors ?? r.data)).toEqual(['NOT_FOUND']);
    seesNothingOfB(ctx, r, sent);
    return 'NOT_FOUND error';
  };
}

/** The payload's userErrors say NOT_FOUND; nothing is created or changed. */
function notFoundUserError(
  field: string,
  query: string,
  variables: (ctx: IsolationContext) => Record<string, unknown>,
): Case {
  return async (ctx) => {
    const sent = variables(ctx);
    const r = await ctx.asAlice<Record<string, { userErrors: { code: string }[] }>>(query, sent);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    expect(r.data[field]!.userErrors.map((e) => e.code)).toContain('NOT_FOUND');
    expect(r.data[field]!.userErrors.map((e) => e.code)).not.toContain('FORBIDDEN');
    seesNothingOfB(ctx, r, sent);
    return 'userError NOT_FOUND';
  };
}

/** A read that succeeds and holds nothing of B. */
function readsNothingOfB(
  query: string,
  variables: (ctx: IsolationContext) => Record<string, unknown> = () => ({}),
): Case {
  return async (ctx) => {
    const r = await ctx.asAlice(query, variables(ctx));
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    seesNothingOfB(ctx, r);
    return 'answers without B';
  };
}

/**
 * Instance-level (users, projects themselves): refused to anyone not an instance ADMIN, with the same answer
 * whether the id is B's or exists nowhere, so the refusal says nothing about B.
 */
function instanceOnly(
  query: string,
  withB: (ctx: IsolationContext) => Record<string, unknown>,
  withNothing: (ctx: IsolationContext) => Record<string, unknown>,
): Case {
  return async (ctx) => {
    const b = await ctx.asAlice(query, withB(ctx));
    const nothing = await ctx.asAlice(query, withNothing(ctx));
    expect(codes(b)).toEqual(['FORBIDDEN']);
    expect(b.errors).toEqual(nothing.errors);
    return 'instance ADMIN only (same answer as for no object)';
  };
}

const DEPLOY = { hardwareProfileId: 'local-cpu', acceptTerms: true, startNow: false };
const UE = '{ userErrors { code field message } }';

/** One case per root field; a field added to the schema without one fails the test. */
export const CASES: Record<string, Case> = {
  // ---- Query
  accessTokens: readsNothingOfB(`{ accessTokens { nodes { id name owner { id name } } } }`),
  auditEvents: readsNothingOfB(`{ auditEvents { id action targetType targetId details actorName } }`),
  catalog: readsNothingOfB(`{ catalog { id name } }`),
  connections: readsNothingOfB(`{ connections { id name tokenHint } }`),
  deployment: async (ctx) => {
    await notFound(`query($id: ID!) { deployment(id: $id) { id name } }`, (c) => ({
      id: c.b.deploymentUrlId,
    }))(ctx);
    return notFound(`query($id: ID!) { deployment(id: $id) { id name } }`, (c) => ({ id: c.b.deployment }))(
      ctx,
    );
  },
  deployments: readsNothingOfB(
    `{ deployments(first: 10) { totalCount nodes { id name deploymentId versions { id } events(last: 10) { message } } } }`,
  ),
  hardwareProfiles: readsNothingOfB(`{ hardwareProfiles { id } }`),
  model: notFound(`query($id: ID!) { model(id: $id) { id name } }`, (c) => ({ id: c.b.model })),
  models: readsNothingOfB(
    `{ models(first: 20) { totalCount nodes { id name activeDeploymentCount readyToDeployCount deployments { id name } } } }`,
  ),
  node: async (ctx) => {
    for (const id of [
      ctx.b.deployment,
      ctx.b.model,
      ctx.b.adapter,
      ctx.b.version,
      ctx.b.apiKey,
      ctx.b.project,
    ]) {
      const r = await ctx.asAlice<{ node: unknown }>(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(r.errors).toBeUndefined();
      expect(r.data.node).toBeNull();
    }
    return 'null (as for a missing id), for each of B’s types';
  },
  planDeployment: notFoundUserError(
    'planDeployment',
    `query($i: PlanDeploymentInput!) { planDeployment(input: $i) { fits ${UE.slice(1, -1)} } }`,
    (c) => ({ i: { modelId: c.b.model, hardwareProfileId: 'local-cpu' } }),
  ),
  project: notFound(`query($id: ID!) { project(id: $id) { id name } }`, (c) => ({ id: c.b.project })),
  projects: readsNothingOfB(
    `{ projects { id name slug members { user { id name } role } budget { usedTokens } usage { requests } cost(range: { from: "2026-01-01T00:00:00Z" }) { replicaHours } } }`,
  ),
  users: instanceOnly(
    `{ users { id name } }`,
    () => ({}),
    () => ({}),
  ),
  viewer: readsNothingOfB(`{ viewer { id name role } }`),

  // ---- Mutation
  attachAdapter: async (ctx) => {
    const q = `mutation($i: AttachAdapterInput!) { attachAdapter(input: $i) ${UE} }`;
    await notFound(q, (c) => ({ i: { deploymentId: c.b.deployment, adapterModelId: c.b.adapter } }))(ctx);
    // Alice's own deployment with B's adapter: the adapter does not exist for her.
    return notFoundUserError('attachAdapter', q, (c) => ({
      i: { deploymentId: c.a.deployment, adapterModelId: c.b.adapter },
    }))(ctx);
  },
  createAccessToken: readsNothingOfB(
    `mutation { createAccessToken(input: { name: "isolation" }) { accessToken { id owner { id } } ${UE.slice(1, -1)} } }`,
  ),
  createApiKey: notFoundUserError(
    'createApiKey',
    `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) ${UE} }`,
    (c) => ({ i: { deploymentId: c.b.deployment, name: 'stolen' } }),
  ),
  createConnection: notFoundUserError(
    'createConnection',
    `mutation($i: CreateConnectionInput!) { createConnection(input: $i) ${UE} }`,
    (c) => ({ i: { projectId: c.b.project, name: 'sneaky', token: 'hf_aaaaaaaaaaaaaaaa' } }),
  ),
  createPlaygroundKey: notFoundUserError(
    'createPlaygroundKey',
    `mutation($i: CreatePlaygroundKeyInput!) { createPlaygroundKey(input: $i) ${UE} }`,
    (c) => ({ i: { deploymentId: c.b.deployment } }),
  ),
  createProject: instanceOnly(
    `mutation($i: CreateProjectInput!) { createProject(input: $i) ${UE} }`,
    () => ({ i: { name: 'Bravo', slug: 'bravo' } }),
    () => ({ i: { name: 'Nowhere', slug: 'nowhere-at-all' } }),
  ),
  createUser: instanceOnly(
    `mutation($i: CreateUserInput!) { createUser(input: $i) ${UE} }`,
    (c) => ({ i: { name: 'mole', role: 'ADMIN', projectId: c.b.project } }),
    (c) => ({ i: { name: 'mole', role: 'ADMIN', projectId: c.random.project } }),
  ),
  deleteConnection: notFound(
    `mutation($i: DeleteConnectionInput!) { deleteConnection(input: $i) ${UE} }`,
    (c) => ({ i: { id: c.b.connection } }),
  ),
  deleteDeployment: notFound(
    `mutation($i: DeleteDeploymentInput!) { deleteDeployment(input: $i) ${UE} }`,
    (c) => ({ i: { id: c.b.deployment } }),
  ),
  deleteModel: notFound(`mutation($i: DeleteModelInput!) { deleteModel(input: $i) ${UE} }`, (c) => ({
    i: { id: c.b.model },
  })),
  deleteProject: instanceOnly(
    `mutation($i: DeleteProjectInput!) { deleteProject(input: $i) ${UE} }`,
    (c) => ({ i: { id: c.b.project } }),
    (c) => ({ i: { id: c.random.project } }),
  ),
  deployModel: async (ctx) => {
    const q = `mutation($i: DeployModelInput!) { deployModel(input: $i) ${UE} }`;
    await notFoundUserError('deployModel', q, (c) => ({ i: { ...DEPLOY, modelId: c.b.model, name: 'x1' } }))(
      ctx,
    );
    return notFoundUserError('deployModel', q, (c) => ({
      i: { ...DEPLOY, catalogEntryId: 'hangar/demo-tiny-llama', projectId: c.b.project, name: 'x2' },
    }))(ctx);
  },
  detachAdapter: notFound(`mutation($i: DetachAdapterInput!) { detachAdapter(input: $i) ${UE} }`, (c) => ({
    i: { deploymentId: c.b.deployment, adapterModelId: c.b.adapter },
  })),
  exportModel: notFound(`mutation($i: ExportModelInput!) { exportModel(input: $i) ${UE} }`, (c) => ({
    i: { id: c.b.model },
  })),
  importModel: async (ctx) => {
    const q = `mutation($i: ImportModelInput!) { importModel(input: $i) ${UE} }`;
    await notFoundUserError('importModel', q, (c) => ({
      i: { uploadId: 'none', kind: 'ADAPTER', baseModelId: c.b.model },
    }))(ctx);
    return notFoundUserError('importModel', q, (c) => ({
      i: { uploadId: 'none', kind: 'BASE', projectId: c.b.project },
    }))(ctx);
  },
  promoteCanary: notFound(`mutation($i: PromoteCanaryInput!) { promoteCanary(input: $i) ${UE} }`, (c) => ({
    i: { id: c.b.deployment },
  })),
  redeployDeployment: notFound(
    `mutation($i: RedeployDeploymentInput!) { redeployDeployment(input: $i) ${UE} }`,
    (c) => ({ i: { id: c.b.deployment } }),
  ),
  removeProjectMember: notFound(
    `mutation($i: RemoveProjectMemberInput!) { removeProjectMember(input: $i) ${UE} }`,
    (c) => ({ i: { projectId: c.b.project, userId: c.b.bob } }),
  ),
  renameProject: notFound(`mutation($i: RenameProjectInput!) { renameProject(input: $i) ${UE} }`, (c) => ({
    i: { id: c.b.project, name: 'Pwned' },
  })),
  setProjectQuotas: instanceOnly(
    `mutation($i: SetProjectQuotasInput!) { setProjectQuotas(input: $i) ${UE} }`,
    (c) => ({ i: { projectId: c.b.project, maxReplicas: 0 } }),
    (c) => ({ i: { projectId: c.random.project, maxReplicas: 0 } }),
  ),
  retriggerDeployment: notFound(
    `mutation($i: RetriggerDeploymentInput!) { retriggerDeployment(input: $i) ${UE} }`,
    (c) => ({ i: { id: c.b.deployment } }),
  ),
  revokeAccessToken: notFoundUserError(
    'revokeAccessToken',
    `mutation($i: RevokeAccessTokenInput!) { revokeAccessToken(input: $i) ${UE} }`,
    (c) => ({ i: { id: c.b.bobAccessToken } }),
  ),
  revokeApiKey: notFound(`mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) ${UE} }`, (c) => ({
    i: { id: c.b.apiKey },
  })),
  rollbackCanary: notFound(`mutation($i: RollbackCanaryInput!) { rollbackCanary(input: $i) ${UE} }`, (c) => ({
    i: { id: c.b.deployment },
  })),
  rollbackDeployment: notFound(
    `mutation($i: RollbackDeploymentInput!) { rollbackDeployment(input: $i) ${UE} }`,
    (c) => ({ i: { id: c.b.deployment, version: 1 } }),
  ),
  setCanaryWeight: notFound(
    `mutation($i: SetCanaryWeightInput!) { setCanaryWeight(input: $i) ${UE} }`,
    (c) => ({ i: { id: c.b.deployment, weightPercent: 50 } }),
  ),
  setApiKeyBudget: notFound(
    `mutation($i: SetApiKeyBudgetInput!) { setApiKeyBudget(input: $i) ${UE} }`,
    (c) => ({ i: { apiKeyId: c.b.apiKey, monthlyTokenBudget: 1 } }),
  ),
  setProjectBudget: instanceOnly(
    `mutation($i: SetProjectBudgetInput!) { setProjectBudget(input: $i) ${UE} }`,
    (c) => ({ i: { projectId: c.b.project, monthlyTokenBudget: 1 } }),
    (c) => ({ i: { projectId: c.random.project, monthlyTokenBudget: 1 } }),
  ),
  // Alice trying to make herself ADMIN of B.
  setProjectMember: notFound(
    `mutation($i: SetProjectMemberInput!) { setProjectMember(input: $i) ${UE} }`,
    (c) => ({ i: { projectId: c.b.project, userId: c.b.bob, role: 'VIEWER' } }),
  ),
  startCanary: notFound(`mutation($i: StartCanaryInput!) { startCanary(input: $i) ${UE} }`, (c) => ({
    i: { id: c.b.deployment, weightPercent: 10 },
  })),
  testConnection: notFoundUserError(
    'testConnection',
    `mutation($i: TestConnectionInput!) { testConnection(input: $i) ${UE} }`,
    (c) => ({ i: { id: c.b.connection } }),
  ),
  undeployDeployment: notFound(
    `mutation($i: UndeployDeploymentInput!) { undeployDeployment(input: $i) ${UE} }`,
    (c) => ({ i: { id: c.b.deployment } }),
  ),
  updateDeployment: notFound(
    `mutation($i: UpdateDeploymentInput!) { updateDeployment(input: $i) ${UE} }`,
    (c) => ({ i: { id: c.b.deployment, description: 'defaced' } }),
  ),
  updateModel: notFound(`mutation($i: UpdateModelInput!) { updateModel(input: $i) ${UE} }`, (c) => ({
    i: { id: c.b.model, description: 'defaced' },
  })),
  updateUserRole: instanceOnly(
    `mutation($i: UpdateUserRoleInput!) { updateUserRole(input: $i) ${UE} }`,
    (c) => ({ i: { id: c.b.bob, role: 'VIEWER' } }),
    (c) => ({ i: { id: c.random.user, role: 'VIEWER' } }),
  ),
};

/** Subscriptions, checked live: B's changes reach none of them (the test drives the events). */
export const SUBSCRIPTIONS: Record<
  string,
  { query: string; variables: (b: ProjectB) => Record<string, unknown> }[]
> = {
  apiKeyUsageChanged: [
    {
      query: `subscription($d: ID!) { apiKeyUsageChanged(deploymentId: $d) { id budget { monthlyTokenBudget } } }`,
      variables: (b) => ({ d: b.deployment }),
    },
  ],
  deploymentEvents: [
    {
      query: `subscription($d: ID!) { deploymentEvents(deploymentId: $d) { message } }`,
      variables: (b) => ({ d: b.deployment }),
    },
  ],
  deploymentUpdated: [
    { query: `subscription { deploymentUpdated { id name description } }`, variables: () => ({}) },
    {
      query: `subscription($d: ID) { deploymentUpdated(deploymentId: $d) { id description } }`,
      variables: (b) => ({ d: b.deployment }),
    },
  ],
  deploymentsChanged: [
    {
      query: `subscription { deploymentsChanged { kind id deployment { id name } } }`,
      variables: () => ({}),
    },
  ],
  modelUpdated: [
    { query: `subscription { modelUpdated { id name description } }`, variables: () => ({}) },
    {
      query: `subscription($m: ID) { modelUpdated(id: $m) { id description } }`,
      variables: (b) => ({ m: b.model }),
    },
  ],
  modelsChanged: [
    { query: `subscription { modelsChanged { kind id model { id name } } }`, variables: () => ({}) },
  ],
};
