import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  MAX_REQUEST_BODY_BYTES,
  OpenAIApiError,
  badParameter,
  bodyTooLarge,
  internalError,
} from '../../core/openai/openai-error.js';
import {
  modelList,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionDelta,
  type CompletionUsage,
  type FinishReason,
  type TextCompletion,
  type ToolCall,
} from '../../core/openai/openai-wire.js';
import { errorEvent } from '../../core/openai/sse.js';
import { EventStream } from './event-stream.js';
import { readChatRequest, readCompletionRequest } from './openai-request.js';
import {
  completeReplicaConfig,
  readReplicaConfig,
  REPLICA_SPARE_ENV,
  type ReplicaAdapter,
  type ReplicaConfig,
  type ReplicaMessage,
  type ReplicaStartMessage,
} from './replica-config.js';
import { loadLlama, ModelLoadError, ReplicaEngine, type GenerationResult } from './replica-engine.js';

/**
 * Entry point of one replica process: loads one GGUF model and serves an OpenAI-compatible API on 127.0.0.1.
 * Run by LocalRuntime with an IPC channel, either with its configuration or as a spare that gets it later over
 * IPC (replica-launcher.ts); a model that crashes llama.cpp takes down only this process.
 */

/** How long SIGTERM waits for running requests before cutting them off; the parent's grace period is longer. */
const DRAIN_MS = 3_000;

const spare = process.env[REPLICA_SPARE_ENV] === '1';
/** Known from the start, or once a spare is told its model; always set when `engine` is. */
let config: ReplicaConfig | undefined = spare
  ? undefined
  : readReplicaConfig(process.env, process.argv.slice(2));
let engine: ReplicaEngine | undefined;
const running = new Set<{ controller: AbortController; done: Promise<void>; generates: boolean }>();

function tell(message: ReplicaMessage, then?: () => void): void {
  if (process.send && process.connected) process.send(message, undefined, {}, () => then?.());
  else {
    process.stdout.write(`${JSON.stringify(message)}\n`);
    then?.();
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, error: unknown): void {
  const apiError =
    error instanceof OpenAIApiError
      ? error
      : internalError(`The model server failed: ${(error as Error).message}`, null);
  if (apiError.status >= 500) process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  if (res.headersSent) {
    // Mid-stream: the status line is gone, so the error travels as one more event.
    const last = errorEvent(apiError);
    const stream = streams.get(res);
    if (stream) stream.end(last);
    else res.end(last);
  } else {
    sendJson(res, apiError.status, apiError.toBody());
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BODY_BYTES) throw bodyTooLarge(MAX_REQUEST_BODY_BYTES);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badParameter('body', 'The request body is not valid JSON.', null);
  }
}

function usageOf(result: GenerationResult): CompletionUsage {
  return {
    prompt_tokens: result.promptTokens,
    completion_tokens: result.completionTokens,
    total_tokens: result.promptTokens + result.completionTokens,
    prompt_tokens_details: { cached_tokens: result.cachedTokens },
  };
}

/** The open event stream of a response, so an error mid-stream follows the events already produced. */
const streams = new WeakMap<ServerResponse, EventStream>();

function openStream(res: ServerResponse): EventStream {
  const stream = new EventStream(res);
  streams.set(res, stream);
  return stream;
}

async function chatCompletions(
  req: IncomingMessage,
  res: ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const ready = requireEngine();
  const request = ready.fitChat(readChatRequest(await readBody(req), config!.parameters));
  const id = `chatcmpl-${randomUUID().replaceAll('-', '')}`;
  const created = Math.floor(Date.now() / 1000);
  const base = { id, created, model: servedModel(ready, request.model), system_fingerprint: null };
  const toolCallOf = (result: GenerationResult): ToolCall[] | undefined =>
    result.toolCall && [
      {
        id: `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
        type: 'function',
        function: { name: result.toolCall.name, arguments: result.toolCall.arguments },
      },
    ];

  if (!request.stream) {
    const result = await ready.chat(request, signal);
    const toolCalls = toolCallOf(result);
    sendJson(res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: toolCalls ? null : result.text,
            refusal: null,
            ...(toolCalls ? { tool_calls: toolCalls } : {}),
          },
          logprobs: null,
          finish_reason: result.finishReason,
        },
      ],
      usage: usageOf(result),
    } satisfies ChatCompletion);
    return;
  }

  const stream = openStream(res);
  const chunk = (
    delta: ChatCompletionDelta,
    finishReason: FinishReason | null = null,
  ): ChatCompletionChunk => ({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  stream.send(chunk({ role: 'assistant', content: '' }));
  // A tool call is only known once complete, so it is sent as one delta instead of as text.
  const onText =
    request.constraint.kind === 'tools'
      ? undefined
      : (text: string) => {
          if (text) stream.send(chunk({ content: text }));
        };
  const result = await ready.chat(request, signal, onText);
  const toolCalls = toolCallOf(result);
  if (toolCalls) stream.send(chunk({ tool_calls: toolCalls.map((call, index) => ({ index, ...call })) }));
  else if (!onText && result.text) stream.send(chunk({ content: result.text }));
  stream.send(chunk({}, result.finishReason));
  if (request.includeUsage) {
    stream.send({
      ...base,
      object: 'chat.completion.chunk',
      choices: [],
      usage: usageOf(result),
    } satisfies ChatCompletionChunk);
  }
  stream.done();
}

async function completions(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const ready = requireEngine();
  const request = ready.fitCompletion(readCompletionRequest(await readBody(req), config!.parameters));
  const base = {
    id: `cmpl-${randomUUID().replaceAll('-', '')}`,
    object: 'text_completion' as const,
    created: Math.floor(Date.now() / 1000),
    model: servedModel(ready, request.model),
    system_fingerprint: null,
  };
  if (!request.stream) {
    const result = await ready.complete(request, signal);
    sendJson(res, 200, {
      ...base,
      choices: [{ index: 0, text: result.text, logprobs: null, finish_reason: result.finishReason }],
      usage: usageOf(result),
    } satisfies TextCompletion);
    return;
  }
  const stream = openStream(res);
  const choice = (text: string, finishReason: FinishReason | null = null): TextCompletion => ({
    ...base,
    choices: [{ index: 0, text, logprobs: null, finish_reason: finishReason }],
  });
  const result = await ready.complete(request, signal, (text) => {
    if (text) stream.send(choice(text));
  });
  stream.send(choice('', result.finishReason));
  if (request.includeUsage)
    stream.send({ ...base, choices: [], usage: usageOf(result) } satisfies TextCompletion);
  stream.done();
}

/** The name echoed in responses: the adapter that answered, else the base model. */
function servedModel(ready: ReplicaEngine, model: string | undefined): string {
  return model !== undefined && ready.adapterNames().includes(model) ? model : config!.modelId;
}

/** `PUT /hangar/adapters {"adapters":[{"name","path"}]}`: the parent sets the attached adapters in place. */
async function putAdapters(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ready = requireEngine();
  const body = (await readBody(req)) as { adapters?: unknown };
  const adapters = body.adapters;
  if (
    !Array.isArray(adapters) ||
    !adapters.every(
      (a: Partial<ReplicaAdapter>) => typeof a?.name === 'string' && typeof a?.path === 'string',
    )
  ) {
    throw badParameter('adapters', 'adapters must be a list of { name, path }.', null);
  }
  try {
    await ready.setAdapters(adapters as ReplicaAdapter[]);
  } catch (error) {
    throw badParameter('adapters', (error as Error).message, 'adapter_load_failed');
  }
  sendJson(res, 200, { adapters: ready.adapterNames() });
}

function stillLoading(): OpenAIApiError {
  return new OpenAIApiError(
    503,
    'server_error',
    'The model is still loading; retry shortly.',
    null,
    'model_loading',
  );
}

function requireEngine(): ReplicaEngine {
  if (!engine) throw stillLoading();
  return engine;
}

async function route(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://replica').pathname.replace(/\/+$/, '');
  if (req.method === 'GET' && path === '/health') {
    // Requests in flight show whether a cancelled request really stopped (health probes and tests read it).
    const requestsInFlight = [...running].filter((r) => r.generates).length;
    return sendJson(res, engine ? 200 : 503, { status: engine ? 'ready' : 'loading', requestsInFlight });
  }
  if (req.method === 'GET' && path === '/v1/models') {
    if (!config) throw stillLoading();
    return sendJson(res, 200, modelList(config.modelId, 0, engine?.adapterNames() ?? []));
  }
  if (req.method === 'PUT' && path === '/hangar/adapters') return putAdapters(req, res);
  if (req.method === 'POST' && path === '/v1/chat/completions') return chatCompletions(req, res, signal);
  if (req.method === 'POST' && path === '/v1/completions') return completions(req, res, signal);
  throw new OpenAIApiError(
    404,
    'invalid_request_error',
    `Unknown endpoint: ${req.method} ${path}`,
    null,
    'unknown_url',
  );
}

const server = createServer((req, res) => {
  const controller = new AbortController();
  // 'close' on the response fires when the client goes away before we finished: stop generating for it.
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new Error('client disconnected'));
  });
  const entry = {
    controller,
    generates: req.method === 'POST',
    done: route(req, res, controller.signal)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) sendError(res, error);
        else res.destroy();
      })
      .finally(() => running.delete(entry)),
  };
  running.add(entry);
});

async function shutdown(): Promise<void> {
  server.close();
  const drained = Promise.all([...running].map((r) => r.done));
  const timeout = new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref());
  await Promise.race([drained, timeout]);
  for (const r of running) r.controller.abort(new Error('replica stopping'));
  process.exit(0);
}

// The parent owns this process: when it goes away (even by SIGKILL), so do we; also when it went away while this
// process was still importing its modules, before the listener existed.
process.on('disconnect', () => process.exit(0));
if (process.send && !process.connected) process.exit(0);
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());

function start(port: number, given: ReplicaConfig): void {
  config = given;
  tell({ type: 'loading', port });
  ReplicaEngine.load(given).then(
    (loaded) => {
      engine = loaded;
      tell({ type: 'ready', port, chatWrapper: loaded.reusableChatWrapper });
    },
    (error: unknown) => {
      const reason =
        error instanceof ModelLoadError
          ? error.message
          : `the model could not be loaded (${(error as Error).message})`;
      process.stderr.write(`${reason}\n`);
      tell({ type: 'failed', reason }, () => process.exit(1));
    },
  );
}

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  if (config) return start(port, config);
  // A spare: the binding loads now, the model once the parent says which (it sends nothing before `spare`).
  process.on('message', (message: ReplicaStartMessage) => {
    if (message.type === 'start' && !config) start(port, completeReplicaConfig(message.config));
  });
  loadLlama().then(
    () => tell({ type: 'spare' }),
    // Reported by ReplicaEngine.load() as the reason this replica failed, once it has a model.
    () => tell({ type: 'spare' }),
  );
});
