import type { ServerResponse } from 'node:http';

/** OpenAI's error `type` values, plus Hangar's `timeout`. Clients branch on these, so keep them stable. */
export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'server_error'
  | 'service_unavailable'
  | 'timeout';

export interface OpenAIErrorBody {
  error: { message: string; type: OpenAIErrorType; param: string | null; code: string | null };
}

/**
 * A failure the gateway answers with a status and OpenAI's error JSON. Thrown anywhere below the handler and
 * turned into a response in one place, so every path reports errors the same way.
 */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly type: OpenAIErrorType,
    message: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
    /** Seconds, sent as `Retry-After` (429). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  toBody(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const badParameter = (param: string, message: string, code = 'invalid_value'): GatewayError =>
  new GatewayError(400, 'invalid_request_error', message, param, code);

export function sendError(
  res: ServerResponse,
  error: GatewayError,
  extraHeaders: Record<string, string> = {},
) {
  if (res.headersSent) {
    // A stream is already under way: the only channel left is an SSE error event, which the openai SDK raises.
    if (!res.writableEnded) res.end(`data: ${JSON.stringify(error.toBody())}\n\n`);
    return;
  }
  const body = JSON.stringify(error.toBody());
  const headers: Record<string, string | number> = {
    ...extraHeaders,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  res.writeHead(error.status, headers);
  res.end(body);
}

/**
 * Undeploying flips the status before its replicas finish draining: calls stop then, not when the replicas are
 * gone (and an API key of the deployment stops with them).
 */
export function refuseUndeployed(deployment: { deploymentId: string; status: string }): void {
  if (deployment.status !== 'UNDEPLOYED') return;
  throw new GatewayError(
    409,
    'invalid_request_error',
    `Deployment ${deployment.deploymentId} is undeployed; re-trigger it to serve again.`,
    null,
    'deployment_undeployed',
  );
}
