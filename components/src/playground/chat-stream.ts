/** One turn of the conversation, as the OpenAI chat format has it. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** A refusal in the gateway's OpenAI error shape (`{ error: { message, type, param, code } }`). */
export class GatewayError extends Error {
  constructor(
    message: string,
    /** HTTP status; 200 for an error event that arrived mid-stream. */
    readonly status: number,
    readonly type: string | null,
    readonly param: string | null,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

interface OpenAIErrorBody {
  error?: { message?: unknown; type?: unknown; param?: unknown; code?: unknown };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function gatewayError(body: unknown, status: number): GatewayError | null {
  const error = (body as OpenAIErrorBody | null)?.error;
  if (!error || typeof error !== 'object') return null;
  return new GatewayError(
    text(error.message) ?? `The gateway answered ${status}.`,
    status,
    text(error.type),
    text(error.param),
    text(error.code),
  );
}

export interface StreamChatOptions {
  fetch: typeof globalThis.fetch;
  url: string;
  apiKey: string;
  /** The request body without `stream` (messages, sampling parameters, response_format). */
  body: Record<string, unknown>;
  signal: AbortSignal;
  /** Called with each piece of the answer as it arrives. */
  onDelta: (content: string) => void;
}

/**
 * Posts a streamed chat completion and hands each delta to `onDelta`; resolves with the finish reason. Rejects
 * with a GatewayError for a refusal (before or during the stream), and with the fetch's AbortError on stop.
 * OpenAI's framing is fixed (`data: <json>` events, `data: [DONE]` last, `:` comments), so a few lines here
 * replace an EventSource library (EventSource itself cannot POST or send a bearer header).
 */
export async function streamChat(options: StreamChatOptions): Promise<string | null> {
  const response = await options.fetch(options.url, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...options.body, stream: true }),
    signal: options.signal,
  });
  if (!response.ok || !response.body) {
    const body: unknown = await response.json().catch(() => null);
    throw (
      gatewayError(body, response.status) ??
      new GatewayError(
        `The gateway answered ${response.status} ${response.statusText}.`,
        response.status,
        null,
        null,
        null,
      )
    );
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let finishReason: string | null = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
        .join('\n');
      if (!data) continue;
      if (data === '[DONE]') return finishReason;
      const event = JSON.parse(data) as {
        choices?: Array<{ delta?: { content?: unknown }; finish_reason?: unknown }>;
      };
      const refusal = gatewayError(event, 200);
      if (refusal) throw refusal;
      const choice = event.choices?.[0];
      const content = text(choice?.delta?.content);
      if (content) options.onDelta(content);
      finishReason = text(choice?.finish_reason) ?? finishReason;
    }
  }
  return finishReason;
}
