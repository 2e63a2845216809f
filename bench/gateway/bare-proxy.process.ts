/**
 * The floor for any Node.js proxy on this machine: node:http in, undici out, no authentication, parsing,
 * routing or metrics. Measured beside the gateway so the table separates the gateway's own cost from what one
 * extra HTTP hop costs at all.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';

const upstream = new URL(process.argv[2]!);
const agent = new Agent({ keepAliveTimeout: 10_000, connections: 1024 });
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const response: Buffer[] = [];
    let status = 502;
    agent.dispatch(
      {
        origin: upstream.origin,
        path: `${upstream.pathname.replace(/\/$/, '')}/chat/completions`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      },
      {
        onRequestStart: () => undefined,
        onResponseStart: (_c, statusCode) => void (status = statusCode),
        onResponseData: (_c, chunk) => void response.push(chunk),
        onResponseEnd: () => {
          const body = Buffer.concat(response);
          res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
          res.end(body);
        },
        onResponseError: () => {
          res.writeHead(502);
          res.end();
        },
      },
    );
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('message', () => process.send?.({ cpu: process.cpuUsage() }));
process.on('disconnect', () => process.exit(0));
