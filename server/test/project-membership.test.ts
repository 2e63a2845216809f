import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../src/app/config.js';
import { parseProjectGrants } from '../src/modules/project/project-grants.js';
import { collect, startTestServer, type TestServer } from './harness.js';

const JWT_SECRET = 'host-product-shared-secret-for-projects-0123456789';
const DEMO = 'hangar/demo-tiny-llama';

describe('parseProjectGrants', () => {
  it('reads slug → role objects and "slug:ROLE" lists, dropping what it cannot use', () => {
    expect(
      parseProjectGrants({ acme: 'deployer', Globex: 'ADMIN', 'not a slug': 'ADMIN', umbrella: 'OWNER' }),
    ).toEqual(
      new Map([
        ['acme', 'DEPLOYER'],
        ['globex', 'ADMIN'],
      ]),
    );
    expect(parseProjectGrants(['acme:ADMIN', 'initech', 'acme:VIEWER'])).toEqual(
      new Map([
        ['acme', 'ADMIN'],
        ['initech', 'VIEWER'],
      ]),
    );
    expect(parseProjectGrants({})).toEqual(new Map());
    expect(parseProjectGrants(undefined)).toBeNull();
    expect(parseProjectGrants('acme')).toBeNull();
  });

  it('takes its claim name from HANGAR_JWT_PROJECTS_CLAIM, hangar_projects by default', () => {
    expect(configFromEnv({}).jwtProjectsClaim).toBe('hangar_projects');
    expect(configFromEnv({ HANGAR_JWT_PROJECTS_CLAIM: 'tenants' }).jwtProjectsClaim).toBe('tenants');
  });
});

describe('projects from a host JWT, and membership changes on live connections', () => {
  let server: TestServer;
  const sign = (sub: string, claims: Record<string, unknown>) =>
    new SignJWT({ name: sub, ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JWT_SECRET));
  const projectsOf = async (token: string) =>
    (
      await server.gql<{ projects: { slug: string; viewerRole: string }[] }>(
        `{ projects { slug viewerRole } }`,
        {},
        token,
      )
    ).data.projects;

  beforeAll(async () => {
    server = await startTestServer({
      db: 'sqlite',
      env: { HANGAR_JWT_SECRET: JWT_SECRET, HANGAR_JWT_PROJECTS_CLAIM: 'https://host.example/projects' },
    });
  });
  afterAll(async () => server?.cleanup());

  it('the claim grants exactly its projects and roles, creating a new tenant’s project on first sight', async () => {
    const claim = 'https://host.example/projects';
    const first = await sign('host-user-1', { roles: ['viewer'], [claim]: { acme: 'DEPLOYER' } });
    expect(await projectsOf(first)).toEqual([{ slug: 'acme', viewerRole: 'DEPLOYER' }]);
    // A DEPLOYER there deploys into it without naming it (their only project), and nowhere else.
    const deployed = await server.gql<{
      deployModel: { deployment: { id: string } | null; userErrors: unknown[] };
    }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } userErrors { code message } } }`,
      {
        i: {
          catalogEntryId: DEMO,
          name: 'acme chat',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          startNow: false,
        },
      },
      first,
    );
    expect(deployed.data.deployModel.userErrors).toEqual([]);
    const admin = await server.gql<{ projects: { slug: string }[] }>(`{ projects { slug } }`);
    expect(admin.data.projects.map((p) => p.slug).sort()).toEqual(['acme', 'default']);

    // The next sign-in's claim is the truth: a changed role, a new project, and the default project untouched.
    const second = await sign('host-user-1', { [claim]: { acme: 'VIEWER', globex: 'ADMIN' } });
    expect(await projectsOf(second)).toEqual([
      { slug: 'acme', viewerRole: 'VIEWER' },
      { slug: 'globex', viewerRole: 'ADMIN' },
    ]);
    const third = await sign('host-user-1', { [claim]: ['globex:DEPLOYER'] });
    expect(await projectsOf(third)).toEqual([{ slug: 'globex', viewerRole: 'DEPLOYER' }]);
    // What acme holds is gone from their view with the membership.
    const seen = await server.gql<{ deployments: { totalCount: number } }>(
      `{ deployments { totalCount } }`,
      {},
      third,
    );
    expect(seen.data.deployments.totalCount).toBe(0);

    // Without the claim a host's user joins the default project with the JWT's role, as before projects.
    const plain = await sign('host-user-2', { roles: ['deployer'] });
    expect(await projectsOf(plain)).toEqual([{ slug: 'default', viewerRole: 'DEPLOYER' }]);
  });

  it('x-hangar-project narrows a request to one project, by slug or id', async () => {
    const token = await sign('host-user-3', {
      'https://host.example/projects': { acme: 'ADMIN', globex: 'VIEWER' },
    });
    const narrowed = await fetch(`${server.app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-hangar-project': 'globex',
      },
      body: JSON.stringify({ query: '{ projects { slug } deployments { totalCount } }' }),
    });
    const body = (await narrowed.json()) as {
      data: { projects: { slug: string }[]; deployments: { totalCount: number } };
    };
    expect(body.data.projects).toEqual([{ slug: 'globex' }]);
    expect(body.data.deployments.totalCount).toBe(0);
    expect((await projectsOf(token)).map((p) => p.slug)).toEqual(['acme', 'globex']);
  });

  it('removing a member stops their live subscription events of that project at once', async () => {
    const gql = <T>(q: string, v: Record<string, unknown>) => server.gql<T>(q, v);
    const project = async (slug: string) =>
      (
        await gql<{ createProject: { project: { id: string } } }>(
          `mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }`,
          { i: { name: slug, slug } },
        )
      ).data.createProject.project.id;
    const p = await project('pinned');
    const q = await project('quiet');
    const carol = await gql<{ createUser: { token: string; user: { id: string } } }>(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { token user { id } } }`,
      { i: { name: 'carol', role: 'VIEWER', projectId: p } },
    );
    const { token, user } = carol.data.createUser;
    await gql(
      `mutation($i: SetProjectMemberInput!) { setProjectMember(input: $i) { userErrors { code } } }`,
      {
        i: { projectId: q, userId: user.id, role: 'VIEWER' },
      },
    );
    const deploy = async (projectId: string, name: string) =>
      (
        await gql<{ deployModel: { deployment: { id: string } } }>(
          `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } userErrors { code } } }`,
          {
            i: {
              catalogEntryId: DEMO,
              name,
              projectId,
              hardwareProfileId: 'local-cpu',
              acceptTerms: true,
              startNow: false,
            },
          },
        )
      ).data.deployModel.deployment.id;
    const query = `subscription { deploymentsChanged { kind deployment { id name } } }`;
    type Change = { deploymentsChanged: { deployment: { name: string } | null } };

    const socket = server.ws(token);
    const closed = new Promise<number>((resolve) =>
      socket.on('closed', (event) => resolve((event as CloseEvent).code)),
    );
    const live = collect<Change>(socket, query, {}, () => false, 120_000);
    live.done.catch(() => undefined);
    await live.ready;
    await deploy(p, 'pinned one');
    await expect
      .poll(() => live.items.map((i) => i.deploymentsChanged.deployment?.name))
      .toContain('pinned one');

    await gql(
      `mutation($i: RemoveProjectMemberInput!) { removeProjectMember(input: $i) { userErrors { code } } }`,
      {
        i: { projectId: p, userId: user.id },
      },
    );
    // The socket closes (the client reconnects under the roles it has now); nothing more arrives on it.
    expect(await closed).toBe(4403);
    const seenBefore = live.items.length;
    await deploy(p, 'pinned two');

    const again = server.ws(token);
    const relive = collect<Change>(again, query, {}, () => false, 120_000);
    relive.done.catch(() => undefined);
    await relive.ready;
    await deploy(p, 'pinned three');
    await deploy(q, 'quiet one');
    await expect
      .poll(() => relive.items.map((i) => i.deploymentsChanged.deployment?.name))
      .toContain('quiet one');
    expect(relive.items.map((i) => i.deploymentsChanged.deployment?.name)).toEqual(['quiet one']);
    expect(live.items.length).toBe(seenBefore);
  });

  it('roles are per project: a DEPLOYER of one project who only views another cannot change it', async () => {
    const gql = <T>(q: string, v: Record<string, unknown>, token?: string) => server.gql<T>(q, v, token);
    const token = await sign('host-user-4', {
      'https://host.example/projects': { works: 'DEPLOYER', reads: 'VIEWER' },
    });
    const projects = await gql<{ projects: { id: string; slug: string }[] }>(
      `{ projects { id slug } }`,
      {},
      token,
    );
    const id = (slug: string) => projects.data.projects.find((p) => p.slug === slug)!.id;
    const deploy = (projectId: string, name: string, as?: string) =>
      gql<{ deployModel: { deployment: { id: string } | null; userErrors: unknown[] } }>(
        `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } userErrors { code } } }`,
        {
          i: {
            catalogEntryId: DEMO,
            name,
            projectId,
            hardwareProfileId: 'local-cpu',
            acceptTerms: true,
            startNow: false,
          },
        },
        as,
      );
    expect((await deploy(id('works'), 'mine', token)).data.deployModel.userErrors).toEqual([]);
    const refused = await deploy(id('reads'), 'not mine', token);
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // An instance ADMIN deploys there; the viewer reads it but cannot edit it.
    const theirs = (await deploy(id('reads'), 'theirs')).data.deployModel.deployment!.id;
    const edit = await gql(
      `mutation($i: UpdateDeploymentInput!) { updateDeployment(input: $i) { userErrors { code } } }`,
      { i: { id: theirs, description: 'x' } },
      token,
    );
    expect(edit.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const read = await gql<{ deployment: { name: string } }>(
      `query($id: ID!) { deployment(id: $id) { name } }`,
      { id: theirs },
      token,
    );
    expect(read.data.deployment.name).toBe('theirs');
    // Without projectId a member of two projects is asked which one.
    const ambiguous = await deploy(undefined as never, 'which', token);
    expect(ambiguous.data.deployModel.userErrors).toEqual([{ code: 'REQUIRED' }]);
  });
});
