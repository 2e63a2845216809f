/**
 * The compiled Hangar server as `npm start` runs it (fanout.bench.ts builds it and passes the serve flags), one
 * deployment served by the minimal fast upstream (so a gateway call can be timed during the fan-out), an API key,
 * and a SQL statement counter. Answers the orchestrator's IPC questions: cpu, memory, statements, subscriptions.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/build/app/app.js';
import { configFromEnv } from '../../server/build/app/config.js';
import { createLogger } from '../../server/build/core/logger.js';
import { FixedUpstreamRuntime } from '../../server/test/fixtures/fixed-upstream.runtime.js';
import { gql } from '../graphql-client.js';

const upstreamUrl = process.argv[2]!;
const dataDir = await mkdtemp(join(tmpdir(), 'live-fanout-bench-'));
const config = configFromEnv({
  HANGAR_PORT: '0',
  HANGAR_HOST: '127.0.0.1',
  HANGAR_DATA_DIR: dataDir,
  HANGAR_LOG_LEVEL: 'silent',
});
let statements = 0;
const app = await createApp(config, {
  logger: createLogger('silent'),
  runtime: new FixedUpstreamRuntime(upstreamUrl),
  onQuery: () => statements++,
});
const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
const call = <T>(query: string, variables: Record<string, unknown> = {}) =>
  gql<T>(app.url, token, query, variables);

const { models } = await call<{ models: { nodes: { id: string }[] } }>(
  `{ models(filter: { search: "demo" }) { nodes { id } } }`,
);
const { deployModel } = await call<{
  deployModel: { deployment: { id: string; deploymentId: string }; userErrors: unknown[] };
}>(
  `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId } userErrors { message } } }`,
  {
    i: {
      modelId: models.nodes[0]!.id,
      name: 'Fan-out bench',
      hardwareProfileId: 'local-cpu',
      acceptTerms: true,
    },
  },
);
if (deployModel.userErrors.length) throw new Error(JSON.stringify(deployModel.userErrors));
for (let status = ''; status !== 'DEPLOYED';) {
  await new Promise((r) => setTimeout(r, 50));
  status = (
    await call<{ deployment: { status: string } }>(`query($id: ID!) { deployment(id: $id) { status } }`, {
      id: deployModel.deployment.id,
    })
  ).deployment.status;
}
const { createApiKey } = await call<{ createApiKey: { secret: string } }>(
  `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
  { i: { deploymentId: deployModel.deployment.id, name: 'bench' } },
);

const gc = (globalThis as { gc?: () => void }).gc;
process.send?.({
  port: app.port,
  token,
  id: deployModel.deployment.id,
  deploymentId: deployModel.deployment.deploymentId,
  apiKey: createApiKey.secret,
});
process.on('message', (question: { memory?: boolean }) => {
  if (question.memory) gc?.();
  const memory = process.memoryUsage();
  process.send?.({
    cpu: process.cpuUsage(),
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    statements,
    subscribers: app.live.subscriberCount,
    groups: app.live.groupCount,
  });
});
process.on(
  'disconnect',
  () =>
    void app
      .close()
      .then(() => rm(dataDir, { recursive: true, force: true }))
      .then(() => process.exit(0)),
);
