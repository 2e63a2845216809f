/**
 * One Hangar instance of the fleet benchmark: the compiled server (as `npm start` runs it) on the PostgreSQL
 * database and Redis named by its environment, with the runtime replaced by one that serves every deployment from
 * the minimal fast upstream. The first instance (`first`) creates the deployment and a rate-limited API key; the
 * others share its database and data folder.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp } from '../../server/build/app/app.js';
import { configFromEnv } from '../../server/build/app/config.js';
import { createLogger } from '../../server/build/core/logger.js';
import { FixedUpstreamRuntime } from '../../server/test/fixtures/fixed-upstream.runtime.js';
import { gql } from '../graphql-client.js';

const [upstreamUrl, role] = process.argv.slice(2) as [string, 'first' | 'next'];
const config = configFromEnv({
  ...process.env,
  HANGAR_PORT: '0',
  HANGAR_HOST: '127.0.0.1',
  HANGAR_LOG_LEVEL: 'silent',
});
const app = await createApp(config, {
  logger: createLogger('silent'),
  runtime: new FixedUpstreamRuntime(upstreamUrl, { everyDeployment: true }),
});

let created: { deploymentId: string; apiKey: string } | undefined;
if (role === 'first') {
  const token = (await readFile(join(config.dataDir, 'admin-token'), 'utf8')).trim();
  const call = <T>(query: string, variables: Record<string, unknown> = {}) =>
    gql<T>(app.url, token, query, variables);
  const { models } = await call<{ models: { nodes: { id: string }[] } }>(
    `{ models(filter: { search: "demo" }) { nodes { id } } }`,
  );
  const { deployModel } = await call<{ deployModel: { deployment: { id: string; deploymentId: string } } }>(
    `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId } userErrors { message } } }`,
    {
      i: {
        modelId: models.nodes[0]!.id,
        name: 'Fleet bench',
        hardwareProfileId: 'local-cpu',
        acceptTerms: true,
        // Room for 64 connections on the one replica: the limits are counted, never reached.
        parameters: { inferenceBatchSize: 256 },
      },
    },
  );
  // A limit far above the load, so every request pays for the bucket without being refused.
  const { createApiKey } = await call<{ createApiKey: { secret: string } }>(
    `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
    { i: { deploymentId: deployModel.deployment.id, name: 'bench', rateLimitPerMinute: 100_000 } },
  );
  created = { deploymentId: deployModel.deployment.deploymentId, apiKey: createApiKey.secret };
}

process.send?.({ port: app.port, ...created });
process.on('message', () => process.send?.({ cpu: process.cpuUsage() }));
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
