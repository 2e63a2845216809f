import type { CallSignal } from './call-signal.js';
import type { ServerResponse } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import { isPromise } from '../core/awaitable.js';
import { parseErrorBody, type OpenAIApiError } from '../core/openai/openai-error.js';
import type { RelayedCompletion } from '../core/openai/openai-wire.js';
import { DONE_DATA, DONE_EVENT, SseBlockReader, eventData } from '../core/openai/sse.js';
import type { GatewayDeployment, GatewayLogger } from './gateway.deps.js';
import { openEventStream } from './cold-start.js';
import { affinityKeys } from './gateway.affinity.js';
import { replicaFailed, schemaViolation } from './gateway.errors.js';
import type { UsageRecord } from './gateway.metrics.js';
import type { RequestBody } from './gateway.parameters.js';
import type { Endpoint } from './gateway.request.js';
import type { Lease, Router, SplitRoute } from './gateway.router.js';
import type { Admission } from './gateway.admission.js';
import { findOutputViolation, type StructuredOutput } from './gateway.structured-output.js';
import {
  ReplicaConnectionError,
  askReplica,
  postToReplica,
  type ReplicaResponse,
  type ReplicaSink,
} from './gateway.upstream.js';

/** Sending a checked request to a replica and its answer back to the client. */

/** The version that answered: during a traffic split, callers (and tests) can tell the canary's answers apart. */
export const VERSION_HEADER = 'x-hangar-version';

/** The gateway's parts forwarding uses; built once per gateway. */
export interface Forwarding {
  router: Router;
  logger: GatewayLogger;
}

/** One checked request on its way to a replica. */
export interface Call {
  deployment: GatewayDeployment;
  endpoint: Endpoint;
  body: RequestBody;
  structured: StructuredOutput | null;
  /** Extra response headers (warnings). */
  headers: Record<string, string>;
  signal: CallSignal;
  record: UsageRecord;
  /** Whether the client asked for the final usage chunk of a stream (we always ask the replica for it). */
  clientWantsUsage: boolean;
  /** Session or prompt-prefix key: the router prefers the replica whose KV cache holds it. */
  affinity?: readonly string[];
  /** The key's rate-limit charge, when still pending: the first slot's acquisition settles it. */
  admission?: Admission;
}

/** Passes an upstream error through when it is OpenAI-shaped, else reports the replica as failed. */
function upstreamError(status: number, body: Buffer): OpenAIApiError {
  return (
    parseErrorBody(status >= 400 && status < 600 ? status : 502, body.toString('utf8')) ??
    replicaFailed(`status ${status}`)
  );
}

function countUsage(record: UsageRecord, parsed: RelayedCompletion) {
  if (parsed.usage) {
    record.promptTokens = parsed.usage.prompt_tokens ?? 0;
    record.completionTokens = parsed.usage.completion_tokens ?? 0;
  }
}

/** A retry stays on the side of the split its first try took (each version is judged on its own answers). */
function stayOnVersion(split: SplitRoute | null | undefined, version: number): SplitRoute | undefined {
  if (!split) return undefined;
  return { canaryVersion: split.canaryVersion, weightPercent: version === split.canaryVersion ? 100 : 0 };
}

export async function forwardCompletion(
  forwarding: Forwarding,
  call: Call,
  res: ServerResponse,
): Promise<void> {
  const { body, deployment } = call;
  call.affinity = affinityKeys(body);
  // Upstream servers (vLLM) answer only the names they serve: an attached adapter's name passes through, any
  // other name becomes the base model's (Hangar's URL already names the deployment).
  const adapter = typeof body.model === 'string' && deployment.adapters?.includes(body.model);
  if (!adapter) body.model = deployment.modelName;
  const path = call.endpoint === 'chat.completions' ? '/chat/completions' : '/completions';
  if (body.stream === true) {
    call.record.stream = true;
    const options = (body.stream_options ?? {}) as { include_usage?: boolean };
    call.clientWantsUsage = options.include_usage === true;
    body.stream_options = { ...options, include_usage: true };
    await forwardStream(forwarding, call, path, JSON.stringify(body), res);
  } else {
    await forwardBuffered(forwarding, call, path, JSON.stringify(body), res);
  }
}

/** Non-streamed request: retried once on another replica if the replica drops, once more if the output is invalid. */
async function forwardBuffered(
  { router, logger }: Forwarding,
  call: Call,
  path: string,
  payload: string,
  res: ServerResponse,
): Promise<void> {
  const { deployment, signal, structured } = call;
  let connectionRetries = 1;
  let validationRetries = structured ? 1 : 0;
  let exclude: string | undefined;
  let split: SplitRoute | undefined = deployment.split ?? undefined;
  for (;;) {
    const leased = router.acquire(
      deployment.deploymentId,
      deployment.config.parameters.inferenceBatchSize,
      signal,
      exclude,
      call.affinity,
      split,
      call.admission,
    );
    const lease = isPromise(leased) ? await leased : leased;
    call.record.version = lease.replica.version;
    call.headers[VERSION_HEADER] = String(lease.replica.version);
    let status: number;
    let body: Buffer;
    try {
      ({ statusCode: status, body } = await askReplica(lease.replica.baseUrl!, path, payload, signal));
    } catch (error) {
      if (error instanceof ReplicaConnectionError && connectionRetries-- > 0) {
        logger.warn(
          { deploymentId: deployment.deploymentId, replicaId: lease.replica.id, err: error.message },
          'replica failed; retrying once',
        );
        exclude = lease.replica.id;
        split = stayOnVersion(deployment.split, lease.replica.version);
        continue;
      }
      throw error instanceof ReplicaConnectionError ? replicaFailed(error.message) : error;
    } finally {
      lease.release();
    }
    if (status !== 200) throw upstreamError(status, body);
    let parsed: RelayedCompletion;
    const text = body.toString('utf8');
    try {
      parsed = JSON.parse(text) as RelayedCompletion;
    } catch {
      throw replicaFailed('the response is not JSON');
    }
    countUsage(call.record, parsed);
    if (structured) {
      const violation = findOutputViolation(structured, parsed.choices?.[0]?.message?.content);
      if (violation) {
        logger.warn(
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
      'content-length': Buffer.byteLength(text),
    });
    // The text decoded for parsing, not the bytes: node:http sends a string body and the headers in one write
    // (a Buffer body goes out as a second buffer of a writev).
    res.end(text);
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
  { router }: Forwarding,
  call: Call,
  path: string,
  payload: string,
  res: ServerResponse,
): Promise<void> {
  const { deployment, signal, structured } = call;
  let lease: Lease | undefined;
  let upstream: ReplicaResponse;
  let exclude: string | undefined;
  let split: SplitRoute | undefined = deployment.split ?? undefined;
  // Until the first byte is sent, a dropped replica can still be swapped for another one.
  for (let attempt = 0; ; attempt++) {
    const leased = router.acquire(
      deployment.deploymentId,
      deployment.config.parameters.inferenceBatchSize,
      signal,
      exclude,
      call.affinity,
      split,
      call.admission,
    );
    lease = isPromise(leased) ? await leased : leased;
    call.record.version = lease.replica.version;
    call.headers[VERSION_HEADER] = String(lease.replica.version);
    try {
      upstream = await postToReplica(lease.replica.baseUrl!, path, payload, signal);
      break;
    } catch (error) {
      lease.release();
      if (error instanceof ReplicaConnectionError && attempt === 0) {
        exclude = lease.replica.id;
        split = stayOnVersion(deployment.split, lease.replica.version);
        continue;
      }
      throw error instanceof ReplicaConnectionError ? replicaFailed(error.message) : error;
    }
  }
  try {
    if (upstream.statusCode !== 200) throw upstreamError(upstream.statusCode, await upstream.readAll());
    // A request held through a cold start has its stream open already.
    openEventStream(res, call.headers, false);
    const relay = new StreamRelay(call, res);
    await new Promise<void>((resolve, reject) => {
      relay.resolve = resolve;
      relay.reject = reject;
      upstream.pipe(relay);
    });
    if (!relay.done) throw replicaFailed('the stream ended without [DONE]');
    if (structured) {
      const violation = findOutputViolation(structured, relay.content);
      if (violation) throw schemaViolation(violation);
    }
    res.end(DONE_EVENT);
  } finally {
    lease.release();
  }
}

const DATA_PREFIX = Buffer.from('data: ');
const LF = 10;
const CR = 13;
// Searched as bytes: a string needle is encoded to UTF-8 again on every search.
const USAGE_KEY = Buffer.from('"usage"');
const DONE_MARK = Buffer.from('[DONE]');

/**
 * Relays a replica's events to the client as they arrive, counting usage and collecting structured content.
 * Per token this is the gateway's whole cost, so the common read — whole `data:` events, no usage, no `[DONE]`,
 * no content to validate — is passed on as the bytes that came in (no decoding, no new strings). The reads undici
 * hands over in one turn of the event loop (a socket read holding several HTTP chunks) leave in one write without
 * corking here: node:http corks the socket at a response's first write of a tick and uncorks it on the next tick.
 */
class StreamRelay implements ReplicaSink {
  private readonly reader = new SseBlockReader();
  private readonly decoder = new StringDecoder('utf8');
  /** Whether the reader holds text: then every read takes the parsing path until it is drained. */
  private partial = false;
  /** The content so far, kept only when it will be validated. */
  content = '';
  done = false;
  resolve!: () => void;
  reject!: (error: unknown) => void;

  constructor(
    private readonly call: Call,
    private readonly res: ServerResponse,
  ) {}

  onData(chunk: Buffer): void {
    if (this.passesAsIs(chunk)) {
      // Whole data events only: the first one is the first token (the autoscaler's time-to-first-token signal).
      this.call.record.firstTokenMs ??= Date.now() - this.call.record.at.getTime();
      this.res.write(chunk);
      return;
    }
    this.reader.append(this.decoder.write(chunk));
    let out = '';
    let block: string | null;
    while ((block = this.reader.next()) !== null) out += this.relay(block);
    this.partial = this.reader.pending();
    if (!out) return;
    this.call.record.firstTokenMs ??= Date.now() - this.call.record.at.getTime();
    this.res.write(out);
  }

  /**
   * Whole plain events only: what the parsing path would send unchanged. (A UTF-8 sequence the decoder holds from
   * the last read continues at the start of this one, which then does not start with `data: `.)
   */
  private passesAsIs(chunk: Buffer): boolean {
    const n = chunk.length;
    if (this.partial || this.call.structured || n <= 8) return false;
    // Byte by byte rather than subarray().equals(): no Buffer objects per read (~0.35 against ~0.8 µs a read).
    for (let i = 0; i < DATA_PREFIX.length; i++) if (chunk[i] !== DATA_PREFIX[i]) return false;
    return (
      chunk[n - 1] === LF &&
      chunk[n - 2] === LF &&
      chunk.indexOf(CR) === -1 && // line ends to normalise
      chunk.indexOf(USAGE_KEY) === -1 &&
      chunk.indexOf(DONE_MARK) === -1
    );
  }

  onEnd(): void {
    this.resolve();
  }

  onError(error: unknown): void {
    const { signal } = this.call;
    this.reject(
      signal.aborted
        ? signal.reason
        : replicaFailed(`the replica dropped the stream: ${(error as Error).message}`),
    );
  }

  /** What to send the client for one upstream event ('' for nothing). */
  private relay(block: string): string {
    const data = eventData(block);
    if (data === null) return '';
    if (data === DONE_DATA) {
      // The gateway sends [DONE] itself once the content is known to be valid.
      this.done = true;
      return '';
    }
    const { call } = this;
    if (call.structured || data.includes('"usage"')) {
      let chunk: RelayedCompletion;
      try {
        chunk = JSON.parse(data) as RelayedCompletion;
      } catch {
        chunk = {};
      }
      countUsage(call.record, chunk);
      if (call.structured) this.content += chunk.choices?.[0]?.delta?.content ?? '';
      // The usage-only chunk was asked for by the gateway, not by this client.
      if (chunk.usage && chunk.choices?.length === 0 && !call.clientWantsUsage) return '';
    }
    return block + '\n\n';
  }
}
