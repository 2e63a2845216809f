import type { ServerResponse } from 'node:http';
import { OpenAIApiError } from '../core/openai/openai-error.js';
import { errorEvent } from '../core/openai/sse.js';

/**
 * The gateway's failures in the words a client reads (the OpenAI shape itself lives in core/openai). Each says
 * what to do about it; `code` is what applications branch on, so keep the codes stable.
 */

export const missingApiKey = () =>
  new OpenAIApiError(
    401,
    'authentication_error',
    "Missing API key: send the deployment's key as 'Authorization: Bearer <key>'.",
    null,
    'missing_api_key',
  );

export const keyRefused = (status: 401 | 403, message: string) =>
  new OpenAIApiError(
    status,
    status === 401 ? 'authentication_error' : 'permission_error',
    message,
    null,
    status === 401 ? 'invalid_api_key' : 'wrong_deployment',
  );

export const deploymentNotFound = (deploymentId: string) =>
  new OpenAIApiError(
    404,
    'not_found_error',
    `Deployment ${deploymentId} does not exist.`,
    null,
    'deployment_not_found',
  );

export const unknownUrl = (message: string) =>
  new OpenAIApiError(404, 'not_found_error', message, null, 'unknown_url');

export const methodNotAllowed = (method: string, url: string) =>
  new OpenAIApiError(405, 'invalid_request_error', `Use ${method} for ${url}.`, null, 'method_not_allowed');

export const rateLimited = (perMinute: number, waitSeconds: number) =>
  new OpenAIApiError(
    429,
    'rate_limit_error',
    `This API key is limited to ${perMinute} requests per minute; retry in ${waitSeconds} s.`,
    null,
    'rate_limit_exceeded',
    waitSeconds,
  );

export const invalidJson = () =>
  new OpenAIApiError(
    400,
    'invalid_request_error',
    'The request body must be a JSON object.',
    null,
    'invalid_json',
  );

/** Not sent (the client is gone): it aborts the request's signal so the replica stops generating. */
export const clientClosed = () =>
  new OpenAIApiError(499, 'invalid_request_error', 'client closed the request', null, 'client_closed');

export const timeoutError = (seconds: number) =>
  new OpenAIApiError(
    504,
    'timeout',
    `The request exceeded this deployment's endpoint timeout of ${seconds} s and was cancelled.`,
    null,
    'timeout',
  );

export const replicaFailed = (message: string) =>
  new OpenAIApiError(
    502,
    'server_error',
    `The model server failed while answering: ${message}`,
    null,
    'replica_failed',
  );

export const schemaViolation = (violation: string) =>
  new OpenAIApiError(
    502,
    'server_error',
    `The model's output did not match the requested response_format after a retry (${violation}). Simplify the schema or raise max_tokens.`,
    'response_format',
    'output_schema_mismatch',
  );

export const noReadyReplica = (deploymentId: string) =>
  new OpenAIApiError(
    503,
    'service_unavailable',
    `Deployment ${deploymentId} has no ready replica; retry shortly.`,
    null,
    'no_ready_replica',
    5,
  );

/** This instance is stopping (SIGTERM): a client's retry, through the load balancer, reaches another one. */
export const instanceDraining = () =>
  new OpenAIApiError(
    503,
    'service_unavailable',
    'This Hangar instance is shutting down and takes no new requests; retry.',
    null,
    'instance_draining',
    1,
  );

export const queueFull = (deploymentId: string, inFlight: number, queued: number) =>
  new OpenAIApiError(
    429,
    'rate_limit_error',
    `Deployment ${deploymentId} is at capacity (${inFlight} in flight, ${queued} queued); retry later.`,
    null,
    'queue_full',
    1,
  );

/** Answers `error` as OpenAI's error JSON, or as a final error event when a stream is already under way. */
export function sendError(
  res: ServerResponse,
  error: OpenAIApiError,
  extraHeaders: Record<string, string> = {},
) {
  if (res.headersSent) {
    if (!res.writableEnded) res.end(errorEvent(error));
    return;
  }
  const body = JSON.stringify(error.toBody());
  const headers: Record<string, string | number> = {
    ...extraHeaders,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  if (error.shouldRetry !== undefined) headers['x-should-retry'] = String(error.shouldRetry);
  res.writeHead(error.status, headers);
  res.end(body);
}

/**
 * Undeploying flips the status before its replicas finish draining: calls stop then, not when the replicas are
 * gone (and an API key of the deployment stops with them).
 */
export function refuseUndeployed(deployment: { deploymentId: string; status: string }): void {
  if (deployment.status !== 'UNDEPLOYED') return;
  throw new OpenAIApiError(
    409,
    'invalid_request_error',
    `Deployment ${deployment.deploymentId} is undeployed; re-trigger it to serve again.`,
    null,
    'deployment_undeployed',
  );
}
