import type { IncomingMessage } from 'node:http';
import { badParameter, bodyTooLarge, modelNotFound } from '../core/openai/openai-error.js';
import type { GatewayDeployment } from './gateway.deps.js';
import { clientClosed, invalidJson, methodNotAllowed, missingApiKey, unknownUrl } from './gateway.errors.js';
import type { UsageRecord } from './gateway.metrics.js';
import { applyParameters, requireMessages, requirePrompt, type RequestBody } from './gateway.parameters.js';
import { parseResponseFormat, type StructuredOutput } from './gateway.structured-output.js';

/** Reading a gateway request and everything a client can get wrong in it, before a replica is involved. */

export type Endpoint = UsageRecord['endpoint'];

export const TOOLS_PRECEDENCE_WARNING =
  'response_format was ignored: tool calls take precedence over structured output when tools are given';

/** Groups: API version, deployment id, endpoint path. */
export const ROUTE =
  /^\/api\/(v1|v2)\/deployments\/([A-Za-z0-9_-]+)\/(chat\/completions|completions|models)\/?$/;

export const endpointOf = (tail: string): Endpoint =>
  tail === 'models' ? 'models' : tail === 'completions' ? 'completions' : 'chat.completions';

/** Text completions are the legacy v1 API; chat and models are v2. Throws 404 or 405 with the right URL. */
export function checkRoute(
  endpoint: Endpoint,
  version: string,
  method: string | undefined,
  deploymentId: string,
  tail: string,
  url: string,
): void {
  if (version !== (endpoint === 'completions' ? 'v1' : 'v2')) {
    throw unknownUrl(
      endpoint === 'completions'
        ? `Text completions are served at /api/v1/deployments/${deploymentId}/completions.`
        : `This endpoint is served at /api/v2/deployments/${deploymentId}/${tail}.`,
    );
  }
  const expected = endpoint === 'models' ? 'GET' : 'POST';
  if (method !== expected) throw methodNotAllowed(expected, url);
}

export function bearerSecret(req: IncomingMessage): string {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) throw missingApiKey();
  return match[1]!;
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Answer now and discard the rest as it arrives: destroying the request reset the connection before the
        // client could read the 413.
        chunks.length = 0;
        reject(bodyTooLarge(limit));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    // A request stream only fails when the connection broke: nobody is left to read an answer.
    req.on('error', () => reject(clientClosed()));
  });
}

export function parseJsonObject(raw: Buffer): RequestBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw invalidJson();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidJson();
  return parsed as RequestBody;
}

/**
 * Checks a completion request against its endpoint and the deployment, and fills the deployment's parameter
 * defaults into `body`. Returns the structured output to validate, if any; a warning for the client goes into
 * `headers`.
 */
export function checkCompletionRequest(
  endpoint: Endpoint,
  body: RequestBody,
  deployment: GatewayDeployment,
  headers: Record<string, string>,
): StructuredOutput | null {
  let structured: StructuredOutput | null = null;
  // Passed through to the replica, which picks the adapter by name; a detached one must not fall to the base.
  if (typeof body.model === 'string' && deployment.unattachedAdapters?.includes(body.model)) {
    throw modelNotFound(body.model);
  }
  if (endpoint === 'chat.completions') {
    requireMessages(body);
    const hasFormat = body.response_format !== undefined && body.response_format !== null;
    if (hasFormat && Array.isArray(body.tools) && body.tools.length > 0) {
      delete body.response_format;
      headers['x-hangar-warning'] = TOOLS_PRECEDENCE_WARNING;
    } else {
      structured = parseResponseFormat(body);
    }
  } else {
    requirePrompt(body);
    if (body.response_format !== undefined && body.response_format !== null) {
      throw badParameter(
        'response_format',
        `Structured output is only available on POST /api/v2/deployments/${deployment.deploymentId}/chat/completions; /api/v1/…/completions does not support response_format.`,
        'unsupported_parameter',
      );
    }
  }
  applyParameters(body, deployment.config.parameters);
  return structured;
}
