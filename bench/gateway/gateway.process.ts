// The gateway in its own process, in front of one replica, with metrics and usage recording on as in production.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_SCALING,
} from '../../server/src/modules/deployment/deployment.config.js';
import { createGateway } from '../../server/src/gateway/gateway.handler.js';

const baseUrl = process.argv[2]!;
const deployment = {
  deploymentId: 'bench',
  status: 'DEPLOYED',
  config: {
    optimization: DEFAULT_OPTIMIZATION,
    parameters: {
      temperature: 0.7,
      maxLength: 64,
      topP: 0.9,
      topK: 40,
      stopSequences: [],
      inferenceBatchSize: 256,
    },
    hardwareProfileId: 'cpu',
    scaling: DEFAULT_SCALING,
  },
  endpointTimeoutSeconds: 60,
  modelName: 'bench-model',
};
const replicas = [{ id: 'r1', version: 1, status: 'READY' as const, startedAt: new Date(), baseUrl }];
let usageRecords = 0;
const gateway = createGateway({
  lookupDeployment: async (id) => (id === 'bench' ? deployment : null),
  verifyApiKey: async () => ({ ok: true, keyId: 'bench-key' }),
  replicas: () => replicas,
  onUsage: () => void usageRecords++,
  logger: { info: () => {}, warn: () => {}, error: () => {} },
});
const server = http.createServer((req, res) => void gateway(req, res));
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('message', () => process.send?.({ cpu: process.cpuUsage() }));
process.on('disconnect', () => process.exit(0));
