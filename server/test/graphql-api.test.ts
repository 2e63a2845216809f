import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printHangarSchema } from '../src/app/print-schema.js';
import { Deployment } from '../src/modules/deployment/deployment.entity.js';
import { DeploymentStatus } from '../src/modules/deployment/deployment.enums.js';
import { withDefaults } from '../src/modules/deployment/deployment.rules.js';
import { Model } from '../src/modules/model/model.entity.js';
import { ModelSource, ModelStatus } from '../src/modules/model/model.enums.js';
import { User } from '../src/modules/user/user.entity.js';
import { DATABASES, startTestServer, type TestServer } from './harness.js';
import { DEFAULT_PROJECT_ID } from '../src/modules/project/project.entity.js';

it('the committed schema/schema.graphql matches the code (run `npm run schema:emit -w server`)', async () => {
  const committed = readFileSync(
    fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url)),
    'utf8',
  );
  expect(committed).toBe(await printHangarSchema());
});

describe.each(DATABASES)('GraphQL API on %s', (db) => {
  let server: TestServer;
  let statements: string[] = [];
  let counting = false;

  beforeAll(async () => {
    server = await startTestServer({
      db,
      appOptions: { onQuery: (sql) => counting && statements.push(sql) },
    });
    // 60 models with deployments in every status, created directly so the test is about reading.
    const em = server.app.orm.em.fork();
    const admin = await em.findOneOrFail(User, { name: 'admin' });
    const statuses = Object.values(DeploymentStatus);
    for (let i = 0; i < 60; i++) {
      const model = em.create(Model, {
        project: DEFAULT_PROJECT_ID,
        name: `bulk-model-${String(i).padStart(2, '0')}`,
        description: i % 2 ? 'even odd' : 'searchable text',
        tags: i % 3 === 0 ? ['three', 'bulk'] : ['bulk'],
        source: i % 4 === 0 ? ModelSource.HUGGING_FACE : ModelSource.FILE,
        status: ModelStatus.READY_TO_DEPLOY,
        createdBy: admin,
        createdAt: new Date(Date.now() - i * 1000),
        updatedAt: new Date(),
      });
      for (let d = 0; d < i % 4; d++) {
        em.create(Deployment, {
          project: DEFAULT_PROJECT_ID,
          deploymentId: `dpl-bulk${i}x${d}`,
          model,
          name: `bulk ${i}/${d}`,
          status: statuses[(i + d) % statuses.length]!,
          config: withDefaults({ hardwareProfileId: 'local-cpu' }),
          createdBy: admin,
          createdAt: new Date(),
          updatedAt: new Date(),
        });
      }
    }
    await em.flush();
  });
  afterAll(async () => server?.cleanup());

  const PAGE = `query($first: Int, $filter: ModelFilter) { models(first: $first, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id name source activeDeploymentCount failedDeploymentCount readyToDeployCount createdBy { name } } } }`;

  it('a page of models with their counts costs a constant number of SQL statements', async () => {
    const measure = async (first: number) => {
      statements = [];
      counting = true;
      const result = await server.gql<{ models: { nodes: unknown[] } }>(PAGE, {
        first,
        filter: { search: 'bulk' },
      });
      counting = false;
      expect(result.errors).toBeUndefined();
      expect(result.data.models.nodes).toHaveLength(first);
      return statements.filter((s) => /^\s*select/i.test(s)).length;
    };
    const forFive = await measure(5);
    const forFifty = await measure(50);
    expect(forFifty).toBe(forFive);
    expect(forFifty).toBeLessThanOrEqual(6);
  });

  it('counts match the deployments of each model', async () => {
    const result = await server.gql<{
      models: {
        nodes: {
          name: string;
          activeDeploymentCount: number;
          failedDeploymentCount: number;
          readyToDeployCount: number;
        }[];
      };
    }>(PAGE, { first: 100, filter: { search: 'bulk-model-1' } });
    const byName = new Map(result.data.models.nodes.map((n) => [n.name, n]));
    // Model 10: statuses (10, 11) mod 6 → FAILED, UNDEPLOYED. Model 11: (11, 12, 13) → UNDEPLOYED, READY_TO_DEPLOY, OPTIMIZING.
    expect(byName.get('bulk-model-10')).toMatchObject({
      activeDeploymentCount: 0,
      failedDeploymentCount: 1,
      readyToDeployCount: 0,
    });
    expect(byName.get('bulk-model-11')).toMatchObject({
      activeDeploymentCount: 1,
      failedDeploymentCount: 0,
      readyToDeployCount: 1,
    });
    expect(byName.get('bulk-model-12')).toMatchObject({
      activeDeploymentCount: 0,
      failedDeploymentCount: 0,
      readyToDeployCount: 0,
    });
  });

  it('filters by search, source and tags, and pages with cursors', async () => {
    const hf = await server.gql<{ models: { totalCount: number } }>(PAGE, {
      first: 100,
      filter: { source: ['HUGGING_FACE'] },
    });
    expect(hf.data.models.totalCount).toBe(15);
    const tagged = await server.gql<{ models: { totalCount: number } }>(PAGE, {
      first: 100,
      filter: { tags: ['three'] },
    });
    expect(tagged.data.models.totalCount).toBe(20);
    const first = await server.gql<{
      models: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { name: string }[] };
    }>(PAGE, { first: 25, filter: { search: 'bulk' } });
    expect(first.data.models.pageInfo.hasNextPage).toBe(true);
    const second = await server.gql<{ models: { nodes: { name: string }[] } }>(
      `query($after: String) { models(first: 25, after: $after, filter: { search: "bulk" }) { nodes { name } } }`,
      { after: first.data.models.pageInfo.endCursor },
    );
    const names = [...first.data.models.nodes, ...second.data.models.nodes].map((n) => n.name);
    expect(new Set(names).size).toBe(50);
  });

  it('refetches any object through node(id:)', async () => {
    const page = await server.gql<{ models: { nodes: { id: string; name: string }[] } }>(
      `{ models(first: 1) { nodes { id name } } }`,
    );
    const model = page.data.models.nodes[0]!;
    const node = await server.gql<{ node: { __typename: string; name: string } }>(
      `query($id: ID!) { node(id: $id) { __typename ... on Model { name } } }`,
      { id: model.id },
    );
    expect(node.data.node).toEqual({ __typename: 'Model', name: model.name });
    const missing = await server.gql(`query($id: ID!) { model(id: $id) { id } }`, { id: 'bm9wZQ' });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses queries that are too deep or too expensive', async () => {
    const nested = (levels: number): string =>
      levels === 0 ? 'name' : `deployments { model { ${nested(levels - 1)} } }`;
    const deep = await server.gql(`{ models { nodes { ${nested(6)} } } }`);
    expect(deep.status).toBe(400);
    expect(deep.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(deep.errors?.[0]?.message).toMatch(/Query depth limit of 12 exceeded/);
    const costly = await server.gql(
      `{ models(first: 100) { nodes { deployments { versions { deployedBy { name } } model { deployments { name } } } } } }`,
    );
    expect(costly.status).toBe(400);
    expect(costly.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('lists the catalog and hardware profiles', async () => {
    const result = await server.gql<{
      catalog: { id: string; requiresDownload: boolean; deployableHere: boolean }[];
      hardwareProfiles: { id: string; available: boolean }[];
    }>(`{ catalog { id requiresDownload deployableHere } hardwareProfiles { id available } }`);
    expect(result.data.catalog.length).toBeGreaterThanOrEqual(70);
    expect(result.data.catalog.find((e) => e.id === 'hangar/demo-tiny-llama')).toEqual({
      id: 'hangar/demo-tiny-llama',
      requiresDownload: false,
      deployableHere: true,
    });
    expect(result.data.catalog.find((e) => e.id === 'meta-llama/Llama-3.2-1B')).toMatchObject({
      requiresDownload: true,
      deployableHere: false,
    });
    expect(result.data.hardwareProfiles).toContainEqual({ id: 'local-cpu', available: true });
    expect(result.data.hardwareProfiles).toContainEqual({ id: 'nvidia-l40s-x1', available: false });
  });

  it('a catalog entry that needs a download fails with a clear reason on this machine', async () => {
    const deployed = await server.gql<{ deployModel: { deployment: { id: string } } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } userErrors { code message } } }`,
      {
        i: {
          catalogEntryId: 'meta-llama/Llama-3.2-1B',
          name: 'needs download',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
        },
      },
    );
    const id = deployed.data.deployModel.deployment.id;
    await server.app.services.deployments.settled();
    const state = await server.gql<{
      deployment: {
        status: string;
        failureReason: string;
        versions: { status: string; failureReason: string }[];
      };
    }>(`query($id: ID!) { deployment(id: $id) { status failureReason versions { status failureReason } } }`, {
      id,
    });
    expect(state.data.deployment.status).toBe('FAILED');
    expect(state.data.deployment.failureReason).toMatch(/GPU runtime|download/i);
    expect(state.data.deployment.versions[0]).toMatchObject({ status: 'FAILED' });
  });
});
