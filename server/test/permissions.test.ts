import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startTestServer, type TestServer } from './harness.js';

const JWT_SECRET = 'host-product-shared-secret-for-tests-0123456789';
const FAKE_DEPLOYMENT = Buffer.from('Deployment:00000000-0000-0000-0000-000000000000').toString('base64url');
const FAKE_MODEL = Buffer.from('Model:00000000-0000-0000-0000-000000000000').toString('base64url');
const FAKE_USER = Buffer.from('User:00000000-0000-0000-0000-000000000000').toString('base64url');

/** Every mutation with the least role it needs and an input that reaches the permission check. */
const MUTATIONS: {
  name: string;
  role: 'VIEWER' | 'DEPLOYER' | 'ADMIN';
  query: string;
  variables: Record<string, unknown>;
}[] = [
  {
    name: 'deployModel',
    role: 'DEPLOYER',
    query: `mutation($i: DeployModelInput!) { deployModel(input: $i) { userErrors { code } } }`,
    variables: { i: { modelId: FAKE_MODEL, name: 'x', hardwareProfileId: 'local-cpu', acceptTerms: true } },
  },
  {
    name: 'redeployDeployment',
    role: 'DEPLOYER',
    query: `mutation($i: RedeployDeploymentInput!) { redeployDeployment(input: $i) { userErrors { code } } }`,
    variables: { i: { id: FAKE_DEPLOYMENT } },
  },
  {
    name: 'rollbackDeployment',
    role: 'DEPLOYER',
    query: `mutation($i: RollbackDeploymentInput!) { rollbackDeployment(input: $i) { userErrors { code } } }`,
    variables: { i: { id: FAKE_DEPLOYMENT, version: 1 } },
  },
  {
    name: 'retriggerDeployment',
    role: 'DEPLOYER',
    query: `mutation($i: RetriggerDeploymentInput!) { retriggerDeployment(input: $i) { userErrors { code } } }`,
    variables: { i: { id: FAKE_DEPLOYMENT } },
  },
  {
    name: 'createPlaygroundKey',
    role: 'DEPLOYER',
    query: `mutation($i: CreatePlaygroundKeyInput!) { createPlaygroundKey(input: $i) { userErrors { code } } }`,
    variables: { i: { deploymentId: FAKE_DEPLOYMENT } },
  },
  {
    name: 'undeployDeployment',
    role: 'DEPLOYER',
    query: `mutation($i: UndeployDeploymentInput!) { undeployDeployment(input: $i) { userErrors { code } } }`,
    variables: { i: { id: FAKE_DEPLOYMENT } },
  },
  {
    name: 'deleteDeployment',
    role: 'DEPLOYER',
    query: `mutation($i: DeleteDeploymentInput!) { deleteDeployment(input: $i) { userErrors { code } } }`,
    variables: { i: { id: FAKE_DEPLOYMENT } },
  },
  {
    name: 'updateDeployment',
    role: 'DEPLOYER',
    query: `mutation($i: UpdateDeploymentInput!) { updateDeployment(input: $i) { userErrors { code } } }`,
    variables: { i: { id: FAKE_DEPLOYMENT } },
  },
  {
    name: 'updateModel',
    role: 'DEPLOYER',
    query: `mutation($i: UpdateModelInput!) { updateModel(input: $i) { userErrors { code } } }`,
    variables: { i: { id: FAKE_MODEL } },
  },
  {
    name: 'deleteModel',
    role: 'ADMIN',
    query: `mutation($i: DeleteModelInput!) { deleteModel(input: $i) { userErrors { code } } }`,
    variables: { i: { id: FAKE_MODEL } },
  },
  {
    name: 'importModel',
    role: 'DEPLOYER',
    query: `mutation($i: ImportModelInput!) { importModel(input: $i) { userErrors { code } } }`,
    variables: { i: { uploadId: 'no-such-upload', kind: 'BASE' } },
  },
  {
    name: 'exportModel',
    role: 'DEPLOYER',
    query: `mutation($i: ExportModelInput!) { exportModel(input: $i) { userErrors { code } } }`,
    variables: { i: { id: FAKE_MODEL } },
  },
  {
    name: 'createConnection',
    role: 'DEPLOYER',
    query: `mutation($i: CreateConnectionInput!) { createConnection(input: $i) { userErrors { code } } }`,
    variables: { i: { name: '', token: '' } },
  },
  {
    name: 'testConnection',
    role: 'DEPLOYER',
    query: `mutation($i: TestConnectionInput!) { testConnection(input: $i) { userErrors { code } } }`,
    variables: {
      i: { id: Buffer.from('Connection:00000000-0000-0000-0000-000000000000').toString('base64url') },
    },
  },
  {
    name: 'deleteConnection',
    role: 'DEPLOYER',
    query: `mutation($i: DeleteConnectionInput!) { deleteConnection(input: $i) { userErrors { code } } }`,
    variables: {
      i: { id: Buffer.from('Connection:00000000-0000-4000-8000-000000000000').toString('base64') },
    },
  },
  {
    name: 'createUser',
    role: 'ADMIN',
    query: `mutation($i: CreateUserInput!) { createUser(input: $i) { userErrors { code } } }`,
    variables: { i: { name: '', role: 'VIEWER' } },
  },
  {
    name: 'updateUserRole',
    role: 'ADMIN',
    query: `mutation($i: UpdateUserRoleInput!) { updateUserRole(input: $i) { userErrors { code } } }`,
    variables: { i: { id: FAKE_USER, role: 'VIEWER' } },
  },
  {
    // A query (a dry run that changes nothing), so viewers may plan too.
    name: 'planDeployment',
    role: 'VIEWER',
    query: `query($i: PlanDeploymentInput!) { planDeployment(input: $i) { fits userErrors { code } } }`,
    variables: { i: { modelId: FAKE_MODEL, hardwareProfileId: 'local-cpu' } },
  },
  {
    name: 'createAccessToken',
    role: 'VIEWER',
    query: `mutation($i: CreateAccessTokenInput!) { createAccessToken(input: $i) { userErrors { code } } }`,
    variables: { i: { name: '' } },
  },
  {
    // Everyone revokes their own tokens; someone else's is NOT_FOUND (a user error), never FORBIDDEN.
    name: 'revokeAccessToken',
    role: 'VIEWER',
    query: `mutation($i: RevokeAccessTokenInput!) { revokeAccessToken(input: $i) { userErrors { code } } }`,
    variables: {
      i: { id: Buffer.from('AccessToken:00000000-0000-0000-0000-000000000000').toString('base64url') },
    },
  },
];

const RANK = { VIEWER: 0, DEPLOYER: 1, ADMIN: 2 } as const;

describe.each(DATABASES)('users and permissions on %s', (db) => {
  let server: TestServer;
  const tokens: Record<'VIEWER' | 'DEPLOYER' | 'ADMIN', string> = { VIEWER: '', DEPLOYER: '', ADMIN: '' };

  beforeAll(async () => {
    server = await startTestServer({ db, env: { HANGAR_JWT_SECRET: JWT_SECRET } });
    tokens.ADMIN = server.adminToken;
    for (const role of ['VIEWER', 'DEPLOYER'] as const) {
      const created = await server.gql<{ createUser: { token: string } }>(
        `mutation($i: CreateUserInput!) { createUser(input: $i) { token userErrors { code } } }`,
        { i: { name: `${role.toLowerCase()} user`, role } },
      );
      tokens[role] = created.data.createUser.token;
    }
  });
  afterAll(async () => server?.cleanup());

  it('the first admin token was written with mode 0600 and works', async () => {
    const { stat } = await import('node:fs/promises');
    const info = await stat(`${(server as unknown as { dataDir: string }).dataDir}/admin-token`);
    expect(info.mode & 0o777).toBe(0o600);
    const viewer = await server.gql<{ viewer: { name: string; role: string } }>(`{ viewer { name role } }`);
    expect(viewer.data.viewer).toEqual({ name: 'admin', role: 'ADMIN' });
  });

  for (const mutation of MUTATIONS) {
    for (const role of ['VIEWER', 'DEPLOYER', 'ADMIN'] as const) {
      const allowed = RANK[role] >= RANK[mutation.role];
      it(`${mutation.name} is ${allowed ? 'allowed' : 'forbidden'} for ${role}`, async () => {
        const result = await server.gql(mutation.query, mutation.variables, tokens[role]);
        const codes = (result.errors ?? []).map((e) => e.extensions?.code);
        if (allowed) expect(codes).not.toContain('FORBIDDEN');
        else expect(codes).toEqual(['FORBIDDEN']);
      });
    }
    it(`${mutation.name} without a token is UNAUTHENTICATED`, async () => {
      const result = await server.gql(mutation.query, mutation.variables, null);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });
  }

  it('refuses an unknown token with 401', async () => {
    const result = await server.gql(`{ viewer { name } }`, {}, 'hgr_pat_not-a-real-token');
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('accepts a host product JWT: sub, name and roles claims; the user shows as "added by"', async () => {
    const jwt = await new SignJWT({ name: 'Ada from the host app', roles: ['deployer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('host-user-42')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JWT_SECRET));
    const viewer = await server.gql<{ viewer: { name: string; role: string } }>(
      `{ viewer { name role } }`,
      {},
      jwt,
    );
    expect(viewer.data.viewer).toEqual({ name: 'Ada from the host app', role: 'DEPLOYER' });
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models { nodes { id } } }`,
      {},
      jwt,
    );
    const deployed = await server.gql<{ deployModel: { deployment: { createdBy: { name: string } } } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { createdBy { name } } userErrors { code } } }`,
      {
        i: {
          modelId: models.data.models.nodes[0]!.id,
          name: 'jwt deploy',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          startNow: false,
        },
      },
      jwt,
    );
    expect(deployed.data.deployModel.deployment.createdBy.name).toBe('Ada from the host app');
    const forged = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .sign(new TextEncoder().encode('wrong-secret-wrong-secret-wrong-secret'));
    const refused = await server.gql(`{ viewer { name } }`, {}, forged);
    expect(refused.status).toBe(401);
  });

  it('hides the audit log and the user list from non-admins', async () => {
    const audit = await server.gql(`{ auditEvents { action } }`, {}, tokens.DEPLOYER);
    expect(audit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const users = await server.gql<{ users: { name: string }[] }>(`{ users { name } }`);
    expect(users.data.users.map((u) => u.name)).toEqual(
      expect.arrayContaining(['admin', 'viewer user', 'deployer user']),
    );
  });
});
