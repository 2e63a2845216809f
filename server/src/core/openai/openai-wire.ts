/**
 * The bodies of OpenAI's completion endpoints as Hangar sends them (the replica writes them, the gateway reads the
 * usage and content back). Requests stay `unknown` until a reader has checked them.
 */

export type FinishReason = 'stop' | 'length' | 'tool_calls';

export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** As OpenAI reports it: how many prompt tokens were found in the cache instead of evaluated. */
  prompt_tokens_details?: { cached_tokens: number };
}

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** The fields every completion and chunk repeats. */
export interface CompletionHeader {
  id: string;
  created: number;
  model: string;
  system_fingerprint: string | null;
}

export interface ChatCompletion extends CompletionHeader {
  object: 'chat.completion';
  choices: {
    index: number;
    message: { role: 'assistant'; content: string | null; refusal: null; tool_calls?: ToolCall[] };
    logprobs: null;
    finish_reason: FinishReason;
  }[];
  usage: CompletionUsage;
}

export interface ChatCompletionDelta {
  role?: 'assistant';
  content?: string | null;
  tool_calls?: (ToolCall & { index: number })[];
}

/** A streamed piece; the last one, sent when `stream_options.include_usage` is set, has no choices and the usage. */
export interface ChatCompletionChunk extends CompletionHeader {
  object: 'chat.completion.chunk';
  choices: {
    index: number;
    delta: ChatCompletionDelta;
    logprobs: null;
    finish_reason: FinishReason | null;
  }[];
  usage?: CompletionUsage;
}

/** `/v1/completions`, streamed or not (a chunk has the same shape). */
export interface TextCompletion extends CompletionHeader {
  object: 'text_completion';
  choices: { index: number; text: string; logprobs: null; finish_reason: FinishReason | null }[];
  usage?: CompletionUsage;
}

export interface ModelList {
  object: 'list';
  /** `parent` names the base model of a LoRA adapter, as vLLM lists `--lora-modules`. */
  data: { id: string; object: 'model'; created: number; owned_by: string; parent?: string }[];
}

/** What `/models` answers: a deployment's base model, then the LoRA adapters attached to it. */
export const modelList = (id: string, created: number, adapters: readonly string[] = []): ModelList => ({
  object: 'list',
  data: [
    { id, object: 'model', created, owned_by: 'hangar' },
    ...adapters.map((name) => ({
      id: name,
      object: 'model' as const,
      created,
      owned_by: 'hangar',
      parent: id,
    })),
  ],
});

/**
 * What the gateway reads back from a replica's body or chunk: only the parts it counts or validates, all
 * optional because an OpenAI-compatible server other than ours (vLLM) may leave any of them out.
 */
export interface RelayedCompletion {
  usage?: Partial<CompletionUsage> | null;
  choices?: { message?: { content?: unknown }; delta?: { content?: string | null }; text?: unknown }[];
}
