/**
 * The serving side of the streamed tokens/s benchmark, in its own process as in production: the local runtime
 * (which starts the replica child process), the gateway in front of it, and a bare streaming proxy in front of it
 * (the floor). Reports the three URLs over IPC.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
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
const replicaUrl = new URL(runtime.replicas('bench').find((r) => r.status === 'READY')!.baseUrl!);
const bare = bareStreamingProxy(replicaUrl);
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
process.send!({
  gatewayUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/deployments/bench`,
  replicaUrl: replicaUrl.href.replace(/\/$/, ''),
  bareUrl: `http://127.0.0.1:${(bare.address() as AddressInfo).port}`,
});

/**
 * The floor of a streamed token for any Node proxy: node:http in, undici's dispatch out, every read the replica
 * sends written on as it comes (no authentication, parsing, routing, usage or metrics), in this same process so
 * that its CPU is counted as the gateway's is.
 */
function bareStreamingProxy(upstream: URL): http.Server {
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const basePath = upstream.pathname.replace(/\/$/, '');
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      agent.dispatch(
        {
          origin: upstream.origin,
          path: `${basePath}${req.url}`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: Buffer.concat(chunks),
        },
        {
          onRequestStart: () => undefined,
          onResponseStart: (_c, statusCode) =>
            void res.writeHead(statusCode, {
              'content-type': 'text/event-stream',
              'cache-control': 'no-cache',
            }),
          onResponseData: (_c, chunk) => void res.write(chunk),
          onResponseEnd: () => void res.end(),
          onResponseError: () => void res.destroy(),
        },
      );
    });
  });
}
// The gateway's CPU per streamed token is this process's CPU while the gateway streams (the replica is a child).
process.on('message', (message) => {
  if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
  bare.closeAllConnections();
  bare.close();
  gateway.close();
  void runtime.close().then(() => process.exit(0));
});
