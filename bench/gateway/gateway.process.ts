/**
 * The gateway as production runs it: the whole compiled Hangar server with `npm start`'s node flags (SQLite, API
 * keys, deployment lookup, rate limits, routing, metrics), one deployment and one API key, and the runtime
 * replaced by one that serves that deployment from the minimal fast upstream.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The compiled server (server/build, what `npm start` runs; gateway.bench.ts builds it first), not the sources.
import { createApp } from '../../server/build/app/app.js';
import { configFromEnv } from '../../server/build/app/config.js';
import { createLogger } from '../../server/build/core/logger.js';
import { gql } from '../graphql-client.js';
import { FixedUpstreamRuntime } from '../../server/test/fixtures/fixed-upstream.runtime.js';

const upstreamUrl = process.argv[2]!;
const dataDir = await mkdtemp(join(tmpdir(), 'hangar-gateway-bench-'));
const config = configFromEnv({
  HANGAR_PORT: '0',
  HANGAR_HOST: '127.0.0.1',
  HANGAR_DATA_DIR: dataDir,
  HANGAR_LOG_LEVEL: 'silent',
});
const app = await createApp(config, {
  logger: createLogger('silent'),
  runtime: new FixedUpstreamRuntime(upstreamUrl),
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
      name: 'Gateway bench',
      hardwareProfileId: 'local-cpu',
      acceptTerms: true,
      // Room for the throughput run's 64 connections on the one replica.
      parameters: { inferenceBatchSize: 256 },
    },
  },
);
if (deployModel.userErrors.length) throw new Error(JSON.stringify(deployModel.userErrors));
const { deployment } = deployModel;
for (let status = ''; status !== 'DEPLOYED';) {
  await new Promise((r) => setTimeout(r, 50));
  status = (
    await call<{ deployment: { status: string } }>(`query($id: ID!) { deployment(id: $id) { status } }`, {
      id: deployment.id,
    })
  ).deployment.status;
}
const { createApiKey } = await call<{ createApiKey: { secret: string } }>(
  `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
  { i: { deploymentId: deployment.id, name: 'bench' } },
);

process.send?.({ port: app.port, deploymentId: deployment.deploymentId, apiKey: createApiKey.secret });
process.on('message', () => process.send?.({ cpu: process.cpuUsage() }));
process.on(
  'disconnect',
  () =>
    void app
      .close()
      .then(() => rm(dataDir, { recursive: true, force: true }))
      .then(() => process.exit(0)),
);
