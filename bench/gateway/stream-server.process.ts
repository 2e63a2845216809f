/**
 * The serving side of the streamed tokens/s benchmark, in its own process as in production: the local runtime
 * (which starts the replica child process) and the gateway in front of it. Reports both URLs over IPC.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
// The compiled server (server/build, what `npm start` runs), so the replica is started as in production too.
import { createGateway } from '../../server/build/gateway/gateway.handler.js';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_SCALING,
} from '../../server/build/core/deployment-config/deployment-config.js';
import { LocalRuntime } from '../../server/build/runtime/local/local-runtime.js';
import type { RuntimeEvent } from '../../server/src/runtime/runtime.js';

const [modelPath, parametersJson] = process.argv.slice(2) as [string, string];
const config = {
  optimization: DEFAULT_OPTIMIZATION,
  parameters: JSON.parse(parametersJson) as never,
  hardwareProfileId: 'cpu',
  scaling: DEFAULT_SCALING,
};
const runtime = new LocalRuntime();
const ready = new Promise<void>((resolve, reject) => {
  runtime.onEvent((event: RuntimeEvent) => {
    if (event.deploymentId !== 'bench') return;
    if (event.type === 'ready') resolve();
    if (event.type === 'failed') reject(new Error(event.reason));
  });
});
await runtime.deploy({
  deploymentId: 'bench',
  version: 1,
  model: { id: 'demo', name: 'demo', source: 'PLATFORM', format: 'GGUF', localPath: modelPath },
  config,
});
await ready;
const gateway = createGateway({
  lookupDeployment: async () => ({
    deploymentId: 'bench',
    status: 'DEPLOYED',
    config,
    endpointTimeoutSeconds: 60,
    modelName: 'demo',
  }),
  verifyApiKey: async () => ({ ok: true as const, keyId: 'bench' }),
  replicas: (id) => runtime.replicas(id),
  logger: { info: () => {}, warn: () => {}, error: () => {} },
});
const server = http.createServer((req, res) => void gateway(req, res));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
process.send!({
  gatewayUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/deployments/bench`,
  replicaUrl: runtime.replicas('bench').find((r) => r.status === 'READY')!.baseUrl!,
});
// The gateway's CPU per streamed token is this process's CPU while the gateway streams (the replica is a child).
process.on('message', (message) => {
  if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
  gateway.close();
  void runtime.close().then(() => process.exit(0));
});
