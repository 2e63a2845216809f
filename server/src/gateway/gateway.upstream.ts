import type { Readable } from 'node:stream';
import { Agent } from 'undici';

/** The replica could not be reached or dropped the connection: the request may be retried elsewhere. */
export class ReplicaConnectionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReplicaConnectionError';
  }
}

export interface ReplicaResponse {
  statusCode: number;
  body: Readable;
}

// undici rather than node:http: its keep-alive pools cost about half the CPU per proxied request, and the
// gateway's overhead budget (≤ 0.4 ms p50) is mostly this hop.
const agent = new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 1024 });

interface Target {
  origin: string;
  basePath: string;
}
const targets = new Map<string, Target>();

function targetOf(baseUrl: string): Target {
  let target = targets.get(baseUrl);
  if (!target) {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:') throw new Error(`Replica base URL ${baseUrl} must be http:`);
    target = { origin: url.origin, basePath: url.pathname.replace(/\/$/, '') };
    if (targets.size > 1024) targets.clear();
    targets.set(baseUrl, target);
  }
  return target;
}

const connectionError = (baseUrl: string, error: unknown, signal: AbortSignal): unknown =>
  signal.aborted
    ? signal.reason
    : new ReplicaConnectionError(`replica at ${baseUrl} failed: ${(error as Error).message}`, {
        cause: error,
      });

/**
 * POSTs JSON to `<baseUrl><path>` and resolves once the response headers arrive. Aborting `signal` closes the
 * connection, which is how a replica learns to stop generating.
 */
export async function postToReplica(
  baseUrl: string,
  path: string,
  payload: string,
  signal: AbortSignal,
): Promise<ReplicaResponse> {
  const target = targetOf(baseUrl);
  try {
    const response = await agent.request({
      origin: target.origin,
      path: target.basePath + path,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: payload,
      signal,
    });
    return { statusCode: response.statusCode, body: response.body };
  } catch (error) {
    throw connectionError(baseUrl, error, signal);
  }
}

/** Reads a whole upstream body; a connection dropped half-way is a ReplicaConnectionError. */
export function readReplicaBody(response: ReplicaResponse, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.body.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.body.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    response.body.on('error', (error) => reject(connectionError('the replica', error, signal)));
  });
}
