import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeploymentEvent } from '../src/modules/deployment/deployment-event.entity.js';
import { DeploymentVersion } from '../src/modules/deployment/deployment-version.entity.js';
import { Deployment } from '../src/modules/deployment/deployment.entity.js';
import { DeploymentStatus, VersionTrigger } from '../src/modules/deployment/deployment.enums.js';
import { withDefaults } from '../src/modules/deployment/deployment.rules.js';
import { Model } from '../src/modules/model/model.entity.js';
import { ModelSource, ModelStatus } from '../src/modules/model/model.enums.js';
import { User } from '../src/modules/user/user.entity.js';
import { DATABASES, startTestServer, type TestServer } from './harness.js';
import { DEFAULT_PROJECT_ID } from '../src/modules/project/project.entity.js';

/** Every connection of the schema, with every list and object field under its nodes. */
const CONNECTIONS: Record<string, string> = {
  deployments: `query($first: Int) { deployments(first: $first, filter: { search: "batched" }) {
    totalCount nodes { id name status model { name } createdBy { name } replicas { id }
      events(last: 3) { message at }
      metrics(range: { from: "2026-01-01T00:00:00Z" }, step: 2592000) { points { requestsPerSecond latencyP99Ms } totals { requests } }
      versions { version name deployedBy { name } isLatest durationSeconds undeployment { by { name } } } } } }`,
  models: `query($first: Int) { models(first: $first, filter: { search: "batched" }) {
    totalCount nodes { id name createdBy { name } baseModel { name }
      activeDeploymentCount failedDeploymentCount readyToDeployCount
      deployments { name createdBy { name } versions { version } events(last: 2) { message } } } } }`,
};

describe.each(DATABASES)('list fields are batched on %s', (db) => {
  let server: TestServer;
  let statements: string[] = [];
  let counting = false;

  beforeAll(async () => {
    server = await startTestServer({
      db,
      appOptions: { onQuery: (sql) => counting && statements.push(sql) },
    });
    // 60 models, each with deployments, versions and event lines: enough for a page of 50 of each.
    const em = server.app.orm.em.fork();
    const admin = await em.findOneOrFail(User, { name: 'admin' });
    for (let i = 0; i < 60; i++) {
      const model = em.create(Model, {
        project: DEFAULT_PROJECT_ID,
        name: `batched-model-${String(i).padStart(2, '0')}`,
        source: ModelSource.FILE,
        status: ModelStatus.READY_TO_DEPLOY,
        createdBy: admin,
        createdAt: new Date(Date.now() - i * 1000),
        updatedAt: new Date(),
      });
      for (let d = 0; d < 2; d++) {
        const deployment = em.create(Deployment, {
          project: DEFAULT_PROJECT_ID,
          deploymentId: `dpl-batched${i}x${d}`,
          model,
          name: `batched ${i}/${d}`,
          status: DeploymentStatus.UNDEPLOYED,
          config: withDefaults({ hardwareProfileId: 'local-cpu' }),
          currentVersion: 2,
          createdBy: admin,
          createdAt: new Date(Date.now() - i * 1000 - d),
          updatedAt: new Date(),
        });
        for (let v = 1; v <= 2; v++) {
          em.create(DeploymentVersion, {
            deployment,
            version: v,
            name: `batched ${i}/${d}_v${v}`,
            trigger: v === 1 ? VersionTrigger.DEPLOY : VersionTrigger.REDEPLOY,
            config: deployment.config,
            deployedBy: admin,
            undeployedBy: admin,
            undeployStartedAt: new Date(),
            endedAt: new Date(),
          });
        }
        for (let e = 0; e < 4; e++) {
          em.create(DeploymentEvent, { deployment, message: `line ${e}`, at: new Date(Date.now() + e) });
        }
      }
    }
    await em.flush();
  });
  afterAll(async () => server?.cleanup());

  for (const [field, query] of Object.entries(CONNECTIONS)) {
    it(`${field}: a page of 50 costs the statements of a page of 5`, async () => {
      const measure = async (first: number) => {
        statements = [];
        counting = true;
        const result = await server.gql<Record<string, { nodes: unknown[] }>>(query, { first });
        counting = false;
        expect(result.errors).toBeUndefined();
        expect(result.data[field]!.nodes).toHaveLength(first);
        return statements.length;
      };
      // Authentication records a token's last use once a minute: let that happen outside the measurement.
      await server.gql(`{ viewer { id } }`);
      const forFive = await measure(5);
      const forFifty = await measure(50);
      expect(forFifty).toBe(forFive);
    });
  }
});
