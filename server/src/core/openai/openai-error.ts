/**
 * OpenAI's error `type` values, plus Hangar's `timeout`. Clients branch on these, so keep them stable. An error
 * relayed from a replica keeps the type the replica sent (vLLM sends its exception names).
 */
export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'insufficient_quota'
  | 'server_error'
  | 'service_unavailable'
  | 'timeout';

/** The JSON body of every error response, and the data of an error event mid-stream. */
export interface OpenAIErrorBody {
  error: { message: string; type: OpenAIErrorType; param: string | null; code: string | null };
}

/**
 * A failure answered with an HTTP status and OpenAI's error body. Thrown anywhere below a request handler and
 * turned into a response in one place, so every path reports errors the same way; the official SDKs turn the
 * body into an `APIError` carrying `status`, `type`, `param` and `code`.
 */
export class OpenAIApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: OpenAIErrorType,
    message: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
    /** Seconds, sent as `Retry-After` (429, 503): the SDKs wait that long before their automatic retry. */
    readonly retryAfterSeconds?: number,
    /**
     * Sent as `x-should-retry`, which the official SDKs obey before their own status rules: false for a refusal
     * that no retry can change (a spent budget), so a 429 is not retried.
     */
    readonly shouldRetry?: boolean,
  ) {
    super(message);
    this.name = 'OpenAIApiError';
  }

  toBody(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** 400 naming the request parameter at fault (`param` is a path such as `messages[0].content`). */
export const badParameter = (
  param: string,
  message: string,
  code: string | null = 'invalid_value',
): OpenAIApiError => new OpenAIApiError(400, 'invalid_request_error', message, param, code);

/**
 * The largest request body the gateway accepts by default and a local replica accepts at all: the gateway forwards
 * what it accepted, so a higher gateway limit would let through bodies the replica refuses.
 */
export const MAX_REQUEST_BODY_BYTES = 4 * 1024 * 1024;

export const bodyTooLarge = (limit: number): OpenAIApiError =>
  new OpenAIApiError(
    413,
    'invalid_request_error',
    `The request body is larger than ${limit} bytes.`,
    null,
    'request_too_large',
  );

/** OpenAI's refusal of a prompt that leaves no room in the model's context, word for word as its API says it. */
export const contextLengthExceeded = (
  contextSize: number,
  tokens: string,
  param: 'messages' | 'prompt',
): OpenAIApiError =>
  new OpenAIApiError(
    400,
    'invalid_request_error',
    `This model's maximum context length is ${contextSize} tokens. However, your ${param} resulted in ${tokens} tokens. Please reduce the length of the ${param}.`,
    param,
    'context_length_exceeded',
  );

/** 500 for a fault of ours; the message says what the client can do, the details go to the log. */
export const internalError = (message: string, code: string | null = 'internal_error'): OpenAIApiError =>
  new OpenAIApiError(500, 'server_error', message, null, code);

/**
 * Reads an OpenAI-shaped error body (as another OpenAI-compatible server sends it) back into an error with
 * `status`; null when `text` is not one, so the caller can report the failure in its own words.
 */
export function parseErrorBody(status: number, text: string): OpenAIApiError | null {
  let parsed: { error?: { message?: unknown; type?: unknown; param?: unknown; code?: unknown } };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return null;
  }
  const error = parsed?.error;
  if (typeof error?.message !== 'string' || !error.message) return null;
  return new OpenAIApiError(
    status,
    typeof error.type === 'string' ? (error.type as OpenAIErrorType) : 'server_error',
    error.message,
    typeof error.param === 'string' ? error.param : null,
    // vLLM sends the HTTP status as a numeric code; the wire format's code is a string.
    typeof error.code === 'string' || typeof error.code === 'number' ? String(error.code) : null,
  );
}

/** 404 for a `model` the deployment does not serve (e.g. a detached adapter), as OpenAI and vLLM answer it. */
export const modelNotFound = (model: string): OpenAIApiError =>
  new OpenAIApiError(
    404,
    'invalid_request_error',
    `The model \`${model}\` does not exist or is not served by this deployment.`,
    'model',
    'model_not_found',
  );

/**
 * 429 for a key whose monthly token budget is spent, as OpenAI answers an exhausted quota (`insufficient_quota`
 * as both type and code). Retrying cannot help before the reset, so it carries `x-should-retry: false`.
 */
export const insufficientQuota = (what: string, limit: number, resetsAt: Date): OpenAIApiError =>
  new OpenAIApiError(
    429,
    'insufficient_quota',
    `${what}'s monthly token budget of ${limit} tokens is spent; resets at ${resetsAt.toISOString()}.`,
    null,
    'insufficient_quota',
    undefined,
    false,
  );
