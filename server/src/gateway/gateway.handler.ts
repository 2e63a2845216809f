import type { IncomingMessage, ServerResponse } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import type { DeploymentConfig } from '../core/deployment-config/deployment-config.js';
import type { ReplicaInfo } from '../runtime/runtime.js';
import { GatewayError, badParameter, refuseUndeployed, sendError } from './gateway.errors.js';
import { createGatewayMetrics, type GatewayMetrics, type UsageRecord } from './gateway.metrics.js';
import { applyParameters, requireMessages, requirePrompt, type RequestBody } from './gateway.parameters.js';
import { createRateLimiter } from './gateway.rate-limit.js';
import { createRouter, type Lease } from './gateway.router.js';
import {
  findOutputViolation,
  parseResponseFormat,
  type StructuredOutput,
} from './gateway.structured-output.js';
import { ReplicaConnectionError, postToReplica, type ReplicaResponse } from './gateway.upstream.js';

export interface GatewayDeployment {
  deploymentId: string;
  status: string;
  config: DeploymentConfig;
  endpointTimeoutSeconds: number;
  modelName: string;
}

export type ApiKeyVerdict =
  | { ok: true; keyId: string; rateLimitPerMinute?: number }
  | { ok: false; status: 401 | 403; message: string };

/** pino-compatible; the gateway logs ids and errors, never request bodies or keys. */
export interface GatewayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface GatewayDeps {
  lookupDeployment(deploymentId: string): Promise<GatewayDeployment | null>;
  verifyApiKey(deploymentId: string, secret: string): Promise<ApiKeyVerdict>;
  replicas(deploymentId: string): ReplicaInfo[];
  onUsage?(record: UsageRecord): void;
  logger: GatewayLogger;
  /** Queue bound as a multiple of capacity. @default 4 */
  queueFactor?: number;
  /** Fixed queue bound per deployment (overrides queueFactor). */
  maxQueue?: number;
  metrics?: GatewayMetrics;
  /** @default 4 MiB */
  maxBodyBytes?: number;
}

export const TOOLS_PRECEDENCE_WARNING =
  'response_format was ignored: tool calls take precedence over structured output when tools are given';

const ROUTE = /^\/api\/(v1|v2)\/deployments\/([A-Za-z0-9_-]+)\/(chat\/completions|completions|models)\/?$/;

type Endpoint = UsageRecord['endpoint'];

interface Call {
  deployment: GatewayDeployment;
  endpoint: Endpoint;
  body: RequestBody;
  structured: StructuredOutput | null;
  headers: Record<string, string>;
  signal: AbortSignal;
  record: UsageRecord;
  /** Whether the client asked for the final usage chunk of a stream (we always ask the replica for it). */
  clientWantsUsage: boolean;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new GatewayError(413, 'invalid_request_error', `Request body is larger than ${limit} bytes.`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function bearerSecret(req: IncomingMessage): string {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) {
    throw new GatewayError(
      401,
      'authentication_error',
      "Missing API key: send the deployment's key as 'Authorization: Bearer <key>'.",
      null,
      'missing_api_key',
    );
  }
  return match[1]!;
}

const timeoutError = (seconds: number) =>
  new GatewayError(
    504,
    'timeout',
    `The request exceeded this deployment's endpoint timeout of ${seconds} s and was cancelled.`,
    null,
    'timeout',
  );

const replicaFailed = (message: string) =>
  new GatewayError(
    502,
    'server_error',
    `The model server failed while answering: ${message}`,
    null,
    'replica_failed',
  );

function schemaViolation(violation: string) {
  return new GatewayError(
    502,
    'server_error',
    `The model's output did not match the requested response_format after a retry (${violation}). Simplify the schema or raise max_tokens.`,
    'response_format',
    'output_schema_mismatch',
  );
}

/** Passes an upstream error through when it is OpenAI-shaped, else reports the replica as failed. */
function upstreamError(status: number, body: Buffer): GatewayError {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as {
      error?: { message?: string; type?: string; param?: string; code?: string };
    };
    if (parsed.error?.message) {
      const s = status >= 400 && status < 600 ? status : 502;
      return new GatewayError(
        s,
        (parsed.error.type as 'server_error') ?? 'server_error',
        parsed.error.message,
        parsed.error.param ?? null,
        parsed.error.code ?? null,
      );
    }
  } catch {
    // not JSON: fall through
  }
  return replicaFailed(`status ${status}`);
}

function countUsage(
  record: UsageRecord,
  parsed: { usage?: { prompt_tokens?: number; completion_tokens?: number } | null },
) {
  if (parsed.usage) {
    record.promptTokens = parsed.usage.prompt_tokens ?? 0;
    record.completionTokens = parsed.usage.completion_tokens ?? 0;
  }
}

/**
 * The OpenAI-compatible endpoints of every deployment. Returns a node:http handler that resolves true when it
 * answered the request (its path is a gateway path) and false otherwise, plus the router's load and metrics.
 */
export function createGateway(deps: GatewayDeps) {
  const router = createRouter({
    replicas: deps.replicas,
    queueFactor: deps.queueFactor,
    maxQueue: deps.maxQueue,
  });
  const limiter = createRateLimiter();
  const metrics = deps.metrics ?? createGatewayMetrics();
  const maxBodyBytes = deps.maxBodyBytes ?? 4 * 1024 * 1024;

  function finish(record: UsageRecord | null, started: number) {
    if (!record) return;
    record.latencyMs = performance.now() - started;
    metrics.record(record);
    try {
      deps.onUsage?.(record);
    } catch (error) {
      deps.logger.error({ err: error }, 'onUsage failed');
    }
  }

  /** Non-streamed request: retried once on another replica if the replica drops, once more if the output is invalid. */
  async function forwardBuffered(
    call: Call,
    path: string,
    payload: string,
    res: ServerResponse,
  ): Promise<void> {
    const { deployment, signal, structured } = call;
    let connectionRetries = 1;
    let validationRetries = structured ? 1 : 0;
    let exclude: string | undefined;
    for (;;) {
      const lease = await router.acquire(
        deployment.deploymentId,
        deployment.config.parameters.inferenceBatchSize,
        signal,
        exclude,
      );
      let status: number;
      let body: Buffer;
      try {
        const upstream = await postToReplica(lease.replica.baseUrl!, path, payload, signal);
        status = upstream.statusCode;
        body = await upstream.readAll();
      } catch (error) {
        if (error instanceof ReplicaConnectionError && connectionRetries-- > 0) {
          deps.logger.warn(
            { deploymentId: deployment.deploymentId, replicaId: lease.replica.id, err: error.message },
            'replica failed; retrying once',
          );
          exclude = lease.replica.id;
          continue;
        }
        throw error instanceof ReplicaConnectionError ? replicaFailed(error.message) : error;
      } finally {
        lease.release();
      }
      if (status !== 200) throw upstreamError(status, body);
      let parsed: {
        usage?: { prompt_tokens?: number; completion_tokens?: number };
        choices?: { message?: { content?: unknown }; text?: unknown }[];
      };
      try {
        parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
      } catch {
        throw replicaFailed('the response is not JSON');
      }
      countUsage(call.record, parsed);
      if (structured) {
        const violation = findOutputViolation(structured, parsed.choices?.[0]?.message?.content);
        if (violation) {
          deps.logger.warn(
            { deploymentId: deployment.deploymentId, violation },
            'output failed response_format validation',
          );
          if (validationRetries-- > 0) continue;
          throw schemaViolation(violation);
        }
      }
      res.writeHead(200, {
        ...call.headers,
        'content-type': 'application/json',
        'content-length': body.length,
      });
      res.end(body);
      return;
    }
  }

  /**
   * Streamed request. Chunks pass through as they arrive. With a response_format the content is also collected
   * and validated when the replica finishes; an invalid result ends the stream with an error event instead of
   * `[DONE]` (the openai SDK raises it), so it is never a success. Buffering the whole stream instead would
   * defeat streaming, and a retry is impossible once tokens were sent.
   */
  async function forwardStream(
    call: Call,
    path: string,
    payload: string,
    res: ServerResponse,
  ): Promise<void> {
    const { deployment, signal, structured } = call;
    let lease: Lease | undefined;
    let upstream: ReplicaResponse;
    let exclude: string | undefined;
    // Until the first byte is sent, a dropped replica can still be swapped for another one.
    for (let attempt = 0; ; attempt++) {
      lease = await router.acquire(
        deployment.deploymentId,
        deployment.config.parameters.inferenceBatchSize,
        signal,
        exclude,
      );
      try {
        upstream = await postToReplica(lease.replica.baseUrl!, path, payload, signal);
        break;
      } catch (error) {
        lease.release();
        if (error instanceof ReplicaConnectionError && attempt === 0) {
          exclude = lease.replica.id;
          continue;
        }
        throw error instanceof ReplicaConnectionError ? replicaFailed(error.message) : error;
      }
    }
    try {
      if (upstream.statusCode !== 200) throw upstreamError(upstream.statusCode, await upstream.readAll());
      res.writeHead(200, {
        ...call.headers,
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      let pending = '';
      let content = '';
      let done = false;
      /** Returns what to send the client for one upstream event ('' for nothing). */
      const onEvent = (event: string): string => {
        const data = event.startsWith('data: ') ? event.slice(6) : event.replace(/^data:/, '');
        if (data === '[DONE]') {
          done = true;
          return '';
        }
        if (structured || data.includes('"usage"')) {
          let chunk: {
            usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
            choices?: { delta?: { content?: string | null } }[];
          };
          try {
            chunk = JSON.parse(data) as typeof chunk;
          } catch {
            chunk = {};
          }
          countUsage(call.record, chunk);
          if (structured) content += chunk.choices?.[0]?.delta?.content ?? '';
          if (chunk.usage && chunk.choices?.length === 0 && !call.clientWantsUsage) return '';
        }
        return event + '\n\n';
      };
      const decoder = new StringDecoder('utf8');
      await new Promise<void>((resolve, reject) => {
        upstream.pipe({
          onData(chunk) {
            const text = decoder.write(chunk);
            pending += text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
            let boundary;
            // One write per upstream read: events that arrived together leave together (fewer syscalls per token).
            let out = '';
            while ((boundary = pending.indexOf('\n\n')) >= 0) {
              const event = pending.slice(0, boundary);
              pending = pending.slice(boundary + 2);
              if (event.startsWith('data:')) out += onEvent(event);
            }
            if (out) res.write(out);
          },
          onEnd: resolve,
          onError: (error) =>
            reject(
              signal.aborted
                ? signal.reason
                : replicaFailed(`the replica dropped the stream: ${(error as Error).message}`),
            ),
        });
      });
      if (!done) throw replicaFailed('the stream ended without [DONE]');
      if (structured) {
        const violation = findOutputViolation(structured, content);
        if (violation) throw schemaViolation(violation);
      }
      res.end('data: [DONE]\n\n');
    } finally {
      lease.release();
    }
  }

  async function handleCompletion(call: Call, res: ServerResponse): Promise<void> {
    const { body, deployment } = call;
    body.model = deployment.modelName;
    const path = call.endpoint === 'chat.completions' ? '/chat/completions' : '/completions';
    if (body.stream === true) {
      call.record.stream = true;
      const options = (body.stream_options ?? {}) as { include_usage?: boolean };
      call.clientWantsUsage = options.include_usage === true;
      body.stream_options = { ...options, include_usage: true };
      await forwardStream(call, path, JSON.stringify(body), res);
    } else {
      await forwardBuffered(call, path, JSON.stringify(body), res);
    }
  }

  function prepare(
    endpoint: Endpoint,
    body: RequestBody,
    deployment: GatewayDeployment,
    headers: Record<string, string>,
  ) {
    let structured: StructuredOutput | null = null;
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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = req.url ?? '';
    if (!url.startsWith('/api/v')) return false;
    const match = ROUTE.exec(url.split('?', 1)[0]!);
    if (!match) return false;
    const [, version, deploymentId, tail] = match as unknown as [string, string, string, string];
    const endpoint: Endpoint =
      tail === 'models' ? 'models' : tail === 'completions' ? 'completions' : 'chat.completions';
    const started = performance.now();
    let record: UsageRecord | null = null;
    const headers: Record<string, string> = {};
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const onClose = () => {
      if (!res.writableFinished)
        controller.abort(
          new GatewayError(499, 'invalid_request_error', 'client closed the request', null, 'client_closed'),
        );
    };
    try {
      const expected = endpoint === 'models' ? 'GET' : 'POST';
      const expectedVersion = endpoint === 'completions' ? 'v1' : 'v2';
      if (version !== expectedVersion) {
        throw new GatewayError(
          404,
          'not_found_error',
          endpoint === 'completions'
            ? `Text completions are served at /api/v1/deployments/${deploymentId}/completions.`
            : `This endpoint is served at /api/v2/deployments/${deploymentId}/${tail}.`,
          null,
          'unknown_url',
        );
      }
      if (req.method !== expected) {
        throw new GatewayError(
          405,
          'invalid_request_error',
          `Use ${expected} for ${url}.`,
          null,
          'method_not_allowed',
        );
      }
      const secret = bearerSecret(req);
      const deployment = await deps.lookupDeployment(deploymentId);
      if (!deployment) {
        throw new GatewayError(
          404,
          'not_found_error',
          `Deployment ${deploymentId} does not exist.`,
          null,
          'deployment_not_found',
        );
      }
      const verdict = await deps.verifyApiKey(deploymentId, secret);
      if (!verdict.ok) {
        throw new GatewayError(
          verdict.status,
          verdict.status === 401 ? 'authentication_error' : 'permission_error',
          verdict.message,
          null,
          verdict.status === 401 ? 'invalid_api_key' : 'wrong_deployment',
        );
      }
      refuseUndeployed(deployment);
      record = {
        deploymentId,
        keyId: verdict.keyId,
        endpoint,
        stream: false,
        status: 200,
        promptTokens: 0,
        completionTokens: 0,
        latencyMs: 0,
        at: new Date(),
      };
      if (verdict.rateLimitPerMinute) {
        const wait = limiter.take(verdict.keyId, verdict.rateLimitPerMinute);
        if (wait > 0) {
          throw new GatewayError(
            429,
            'rate_limit_error',
            `This API key is limited to ${verdict.rateLimitPerMinute} requests per minute; retry in ${wait} s.`,
            null,
            'rate_limit_exceeded',
            wait,
          );
        }
      }
      if (endpoint === 'models') {
        const created = Math.floor(Date.now() / 1000);
        const body = JSON.stringify({
          object: 'list',
          data: [{ id: deployment.modelName, object: 'model', created, owned_by: 'hangar' }],
        });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return true;
      }

      const timeoutSeconds = deployment.endpointTimeoutSeconds;
      timer = setTimeout(() => controller.abort(timeoutError(timeoutSeconds)), timeoutSeconds * 1000);
      res.on('close', onClose);

      let body: RequestBody;
      try {
        const parsed: unknown = JSON.parse((await readBody(req, maxBodyBytes)).toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error('not an object');
        body = parsed as RequestBody;
      } catch (error) {
        if (error instanceof GatewayError) throw error;
        throw new GatewayError(
          400,
          'invalid_request_error',
          'The request body must be a JSON object.',
          null,
          'invalid_json',
        );
      }
      const structured = prepare(endpoint, body, deployment, headers);
      await handleCompletion(
        {
          deployment,
          endpoint,
          body,
          structured,
          headers,
          signal: controller.signal,
          record,
          clientWantsUsage: false,
        },
        res,
      );
    } catch (caught) {
      const error =
        caught instanceof GatewayError
          ? caught
          : new GatewayError(
              500,
              'server_error',
              'The gateway failed unexpectedly; the error was logged.',
              null,
              'internal_error',
            );
      if (!(caught instanceof GatewayError))
        deps.logger.error({ err: caught, deploymentId }, 'gateway request failed');
      if (record) {
        record.status = res.headersSent ? res.statusCode : error.status;
        record.error = error.code ?? error.type;
      }
      if (error.status !== 499) sendError(res, error, headers);
      else if (!res.writableEnded) res.destroy();
    } finally {
      if (timer) clearTimeout(timer);
      res.off('close', onClose);
      finish(record, started);
    }
    return true;
  }

  return Object.assign(handle, {
    /** In-flight and queued requests of a deployment (the autoscaler's input). */
    load: (deploymentId: string) => router.load(deploymentId),
    replicasChanged: (deploymentId: string) => router.replicasChanged(deploymentId),
    metrics,
    close: () => router.close(),
  });
}

export type Gateway = ReturnType<typeof createGateway>;
