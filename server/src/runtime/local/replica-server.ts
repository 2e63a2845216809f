import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventStream } from './event-stream.js';
import { OpenAiError, readChatRequest, readCompletionRequest } from './openai-request.js';
import { readReplicaConfig, type ReplicaMessage } from './replica-config.js';
import { ModelLoadError, ReplicaEngine, type GenerationResult } from './replica-engine.js';

/**
 * Entry point of one replica process: loads one GGUF model and serves an OpenAI-compatible API on 127.0.0.1.
 * Run by LocalRuntime as `node --import tsx replica-server.ts` with an IPC channel; a model that crashes
 * llama.cpp takes down only this process.
 */

const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** How long SIGTERM waits for running requests before cutting them off; the parent's grace period is longer. */
const DRAIN_MS = 3_000;

const config = readReplicaConfig(process.env, process.argv.slice(2));
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
    error instanceof OpenAiError
      ? error
      : new OpenAiError(500, `The model server failed: ${(error as Error).message}`, 'server_error');
  if (apiError.status >= 500) process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  if (res.headersSent) {
    // Mid-stream: the status line is gone, so the error travels as one more event.
    const last = `data: ${JSON.stringify(apiError.toBody())}\n\n`;
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
    if (size > MAX_BODY_BYTES) throw new OpenAiError(413, 'The request body is larger than 4 MB.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new OpenAiError(400, 'The request body is not valid JSON.', 'invalid_request_error', 'body');
  }
}

function usageOf(result: GenerationResult): {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
} {
  return {
    prompt_tokens: result.promptTokens,
    completion_tokens: result.completionTokens,
    total_tokens: result.promptTokens + result.completionTokens,
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
  const request = ready.fitChat(readChatRequest(await readBody(req), config.parameters));
  const id = `chatcmpl-${randomUUID().replaceAll('-', '')}`;
  const created = Math.floor(Date.now() / 1000);
  const base = { id, created, model: config.modelId, system_fingerprint: null };
  const toolCallOf = (result: GenerationResult): unknown[] | undefined =>
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
    });
    return;
  }

  const stream = openStream(res);
  const chunk = (delta: unknown, finishReason: string | null = null): unknown => ({
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
  if (toolCalls)
    stream.send(chunk({ tool_calls: toolCalls.map((call, index) => ({ index, ...(call as object) })) }));
  else if (!onText && result.text) stream.send(chunk({ content: result.text }));
  stream.send(chunk({}, result.finishReason));
  if (request.includeUsage)
    stream.send({ ...base, object: 'chat.completion.chunk', choices: [], usage: usageOf(result) });
  stream.done();
}

async function completions(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const ready = requireEngine();
  const request = ready.fitCompletion(readCompletionRequest(await readBody(req), config.parameters));
  const base = {
    id: `cmpl-${randomUUID().replaceAll('-', '')}`,
    object: 'text_completion',
    created: Math.floor(Date.now() / 1000),
    model: config.modelId,
    system_fingerprint: null,
  };
  if (!request.stream) {
    const result = await ready.complete(request, signal);
    sendJson(res, 200, {
      ...base,
      choices: [{ index: 0, text: result.text, logprobs: null, finish_reason: result.finishReason }],
      usage: usageOf(result),
    });
    return;
  }
  const stream = openStream(res);
  const choice = (text: string, finishReason: string | null = null): unknown => ({
    ...base,
    choices: [{ index: 0, text, logprobs: null, finish_reason: finishReason }],
  });
  const result = await ready.complete(request, signal, (text) => {
    if (text) stream.send(choice(text));
  });
  stream.send(choice('', result.finishReason));
  if (request.includeUsage) stream.send({ ...base, choices: [], usage: usageOf(result) });
  stream.done();
}

function requireEngine(): ReplicaEngine {
  if (!engine)
    throw new OpenAiError(
      503,
      'The model is still loading; retry shortly.',
      'server_error',
      null,
      'model_loading',
    );
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
    return sendJson(res, 200, {
      object: 'list',
      data: [{ id: config.modelId, object: 'model', created: 0, owned_by: 'hangar' }],
    });
  }
  if (req.method === 'POST' && path === '/v1/chat/completions') return chatCompletions(req, res, signal);
  if (req.method === 'POST' && path === '/v1/completions') return completions(req, res, signal);
  throw new OpenAiError(
    404,
    `Unknown endpoint: ${req.method} ${path}`,
    'invalid_request_error',
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

// The parent owns this process: when it goes away (even by SIGKILL), so do we.
process.on('disconnect', () => process.exit(0));
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  tell({ type: 'loading', port });
  ReplicaEngine.load(config).then(
    (loaded) => {
      engine = loaded;
      tell({ type: 'ready', port });
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
});
