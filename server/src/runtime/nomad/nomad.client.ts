// Regenerate the typed API after updating the spec:
//   cd server && npx openapi-typescript ../../shared/nomad/openapi.yaml -o src/runtime/nomad/generated/nomad-api.d.ts
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/nomad-api.js';

export type NomadAllocation = components['schemas']['Allocation'];
export type NomadAllocationStub = components['schemas']['AllocationListStub'];
export type NomadDeployment = components['schemas']['Deployment'];
export type NomadEvaluation = components['schemas']['Evaluation'];
export type NomadAllocationMetric = components['schemas']['AllocationMetric'];
export type NomadServiceRegistration = components['schemas']['ServiceRegistration'];
export type NomadJobRecord = components['schemas']['Job'];

export interface NomadConnection {
  /** e.g. http://nomad.service:4646 (no /v1). */
  addr: string;
  token?: string;
  namespace?: string;
  region?: string;
}

export type NomadApi = Client<paths, 'application/json'>;

/** Typed client for the endpoints the official spec covers. */
export function createNomadApi(connection: NomadConnection): NomadApi {
  const api = createClient<paths>({ baseUrl: `${connection.addr.replace(/\/+$/, '')}/v1` });
  api.use(connectionMiddleware(connection));
  return api;
}

function connectionMiddleware(connection: NomadConnection): Middleware {
  return {
    async onRequest({ request }) {
      const url = new URL(request.url);
      if (connection.namespace && !url.searchParams.has('namespace')) {
        url.searchParams.set('namespace', connection.namespace);
      }
      if (connection.region && !url.searchParams.has('region'))
        url.searchParams.set('region', connection.region);
      const headers = new Headers(request.headers);
      // The spec declares the blocking-query index as a header; Nomad only reads it from the query string.
      const index = headers.get('index');
      if (index !== null) {
        url.searchParams.set('index', index);
        headers.delete('index');
      }
      if (connection.token) headers.set('X-Nomad-Token', connection.token);
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
      return new Request(url, { method: request.method, headers, body, signal: request.signal });
    },
  };
}

/** Builds /v1 URLs with the connection's namespace and region, for the hand-written calls below. */
export function nomadUrl(
  connection: NomadConnection,
  path: string,
  query: Record<string, string | undefined> = {},
) {
  const url = new URL(`${connection.addr.replace(/\/+$/, '')}/v1${path}`);
  if (connection.namespace) url.searchParams.set('namespace', connection.namespace);
  if (connection.region) url.searchParams.set('region', connection.region);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
  return url;
}

export function nomadHeaders(connection: NomadConnection): Record<string, string> {
  return connection.token ? { 'X-Nomad-Token': connection.token } : {};
}

/** A failed Nomad call; `status` and Nomad's plain-text `body` let callers recognise known refusals. */
export class NomadHttpError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`Nomad ${operation} failed with HTTP ${status}: ${body.trim().slice(0, 300)}`);
  }
}

/** Reads an openapi-fetch result, turning non-2xx answers into NomadHttpError. */
export async function expectOk<T>(
  operation: string,
  result: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; index: number }> {
  const { data, error, response } = await result;
  if (!response.ok) {
    throw new NomadHttpError(
      operation,
      response.status,
      typeof error === 'string' ? error : JSON.stringify(error),
    );
  }
  return { data: data as T, index: Number(response.headers.get('X-Nomad-Index') ?? 0) };
}
