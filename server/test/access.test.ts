import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DATABASES, startTestServer, type TestServer } from './harness.js';

const TOKENS_PAGE = `query($all: Boolean, $revoked: Boolean) {
  accessTokens(first: 100, allUsers: $all, includeRevoked: $revoked) {
    totalCount
    nodes { id name prefix revokedAt owner { name } }
  }
}`;
const REVOKE = `mutation($i: RevokeAccessTokenInput!) {
  revokeAccessToken(input: $i) { accessToken { id revokedAt } userErrors { field code message } }
}`;

type TokensPage = {
  accessTokens: {
    totalCount: number;
    nodes: { id: string; name: string; prefix: string; revokedAt: string | null; owner: { name: string } }[];
  };
};
type RevokeResult = {
  revokeAccessToken: {
    accessToken: { id: string; revokedAt: string | null } | null;
    userErrors: { code: string }[];
  };
};

describe.each(DATABASES)('access on %s', (db) => {
  let server: TestServer;
  let viewerToken = '';

  beforeAll(async () => {
    server = await startTestServer({ db, env: { HANGAR_CORS_ORIGINS: 'https://app.example.com' } });
    const created = await server.gql<{ createUser: { token: string } }>(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { token } }`,
      { i: { name: 'vera viewer', role: 'VIEWER', email: 'vera@example.com' } },
    );
    viewerToken = created.data.createUser.token;
  });
  afterAll(() => server.cleanup());

  it('/metrics needs an ADMIN token', async () => {
    const metrics = (token?: string) =>
      fetch(`${server.app.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await metrics()).status).toBe(401);
    expect((await metrics(viewerToken)).status).toBe(403);
    const admin = await metrics(server.adminToken);
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('hangar_');
  });

  it('a viewer sees names in "added by", but e-mails and roles only of themself', async () => {
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(first: 1) { nodes { id } } }`,
    );
    await server.gql(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { userErrors { message } } }`,
      {
        i: {
          modelId: models.data.models.nodes[0]!.id,
          name: 'Privacy',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          startNow: false,
        },
      },
    );
    const query = `{ viewer { name email role } deployments(first: 10) { nodes { createdBy { name email role } } } }`;
    const asViewer = await server.gql<{
      viewer: { name: string; email: string | null; role: string | null };
      deployments: { nodes: { createdBy: { name: string; email: string | null; role: string | null } }[] };
    }>(query, undefined, viewerToken);
    expect(asViewer.data.viewer).toEqual({ name: 'vera viewer', email: 'vera@example.com', role: 'VIEWER' });
    expect(asViewer.data.deployments.nodes[0]!.createdBy).toEqual({ name: 'admin', email: null, role: null });
    const asAdmin = await server.gql<{ users: { name: string; email: string | null; role: string }[] }>(
      `{ users { name email role } }`,
    );
    expect(asAdmin.data.users).toContainEqual({
      name: 'vera viewer',
      email: 'vera@example.com',
      role: 'VIEWER',
    });
  });

  it('a user lists and revokes their own access tokens, and only theirs; an ADMIN lists everyone’s', async () => {
    const created = await server.gql<{
      createAccessToken: {
        token: string;
        accessToken: { name: string; prefix: string; owner: { name: string } };
      };
    }>(
      `mutation($i: CreateAccessTokenInput!) { createAccessToken(input: $i) { token accessToken { name prefix owner { name } } } }`,
      { i: { name: 'laptop' } },
      viewerToken,
    );
    const laptopToken = created.data.createAccessToken.token;
    expect(created.data.createAccessToken.accessToken).toEqual({
      name: 'laptop',
      prefix: laptopToken.slice(0, 'hgr_pat_'.length + 4),
      owner: { name: 'vera viewer' },
    });
    const own = await server.gql<TokensPage>(TOKENS_PAGE, {}, viewerToken);
    expect(own.data.accessTokens.nodes.map((t) => t.name).sort()).toEqual(['initial', 'laptop']);
    expect(own.data.accessTokens.nodes.every((t) => t.owner.name === 'vera viewer')).toBe(true);
    expect(JSON.stringify(own.data)).not.toContain(laptopToken);

    const everyone = await server.gql(TOKENS_PAGE, { all: true }, viewerToken);
    expect(everyone.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const adminTokens = await server.gql<TokensPage>(TOKENS_PAGE, {});
    const bootstrap = adminTokens.data.accessTokens.nodes.find((t) => t.name === 'bootstrap')!;
    const foreign = await server.gql<RevokeResult>(REVOKE, { i: { id: bootstrap.id } }, viewerToken);
    expect(foreign.data.revokeAccessToken.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);

    const laptop = own.data.accessTokens.nodes.find((t) => t.name === 'laptop')!;
    const revoked = await server.gql<RevokeResult>(REVOKE, { i: { id: laptop.id } }, viewerToken);
    expect(revoked.data.revokeAccessToken.userErrors).toEqual([]);
    expect(revoked.data.revokeAccessToken.accessToken?.revokedAt).not.toBeNull();
    const refused = await server.gql(`{ viewer { name } }`, undefined, laptopToken);
    expect(refused.status).toBe(401);
    const again = await server.gql<RevokeResult>(REVOKE, { i: { id: laptop.id } }, viewerToken);
    expect(again.data.revokeAccessToken.userErrors.map((e) => e.code)).toEqual(['INVALID_STATE']);

    const afterRevoke = await server.gql<TokensPage>(TOKENS_PAGE, {}, viewerToken);
    expect(afterRevoke.data.accessTokens.nodes.map((t) => t.name)).toEqual(['initial']);
    const withRevoked = await server.gql<TokensPage>(TOKENS_PAGE, { revoked: true }, viewerToken);
    expect(withRevoked.data.accessTokens.totalCount).toBe(2);

    const all = await server.gql<TokensPage>(TOKENS_PAGE, { all: true });
    expect(new Set(all.data.accessTokens.nodes.map((t) => t.owner.name))).toEqual(
      new Set(['admin', 'vera viewer']),
    );
    const byAdmin = await server.gql<RevokeResult>(REVOKE, {
      i: { id: afterRevoke.data.accessTokens.nodes[0]!.id },
    });
    expect(byAdmin.data.revokeAccessToken.userErrors).toEqual([]);
    expect((await server.gql(`{ viewer { name } }`, undefined, viewerToken)).status).toBe(401);

    const audit = await server.gql<{ auditEvents: { action: string; actorName: string }[] }>(
      `{ auditEvents(last: 20) { action actorName } }`,
    );
    expect(audit.data.auditEvents.filter((e) => e.action === 'revokeAccessToken')).toEqual([
      { action: 'revokeAccessToken', actorName: 'admin' },
      { action: 'revokeAccessToken', actorName: 'vera viewer' },
    ]);
  });

  it('/graphql and /uploads answer only their own origin and HANGAR_CORS_ORIGINS', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const graphql = (origin: string) =>
      fetch(`${server.app.url}/graphql`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body,
      });
    expect((await graphql('https://evil.example')).status).toBe(403);
    const allowed = await graphql('https://app.example.com');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect((await graphql(server.app.url)).status).toBe(200);

    const preflight = await fetch(`${server.app.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

    const upload = (origin: string) =>
      fetch(`${server.app.url}/uploads`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const evilUpload = await upload('https://evil.example');
    expect(evilUpload.status).toBe(403);
    expect(evilUpload.headers.get('access-control-allow-origin')).toBeNull();
    const goodUpload = await upload('https://app.example.com');
    expect(goodUpload.headers.get('access-control-allow-origin')).toBe('https://app.example.com');

    const wsStatus = await new Promise<number>((resolve) => {
      const socket = new WebSocket(
        `${server.app.url.replace('http', 'ws')}/graphql`,
        'graphql-transport-ws',
        {
          headers: { origin: 'https://evil.example' },
        },
      );
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('error', () => undefined);
    });
    expect(wsStatus).toBe(401);
  });
});

describe('HANGAR_METRICS=public', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite', env: { HANGAR_METRICS: 'public' } });
  });
  afterAll(() => server.cleanup());

  it('serves /metrics without a token', async () => {
    expect((await fetch(`${server.app.url}/metrics`)).status).toBe(200);
  });
});
