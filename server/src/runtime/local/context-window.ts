import type { ChatHistoryItem } from 'node-llama-cpp';
import { contextLengthExceeded, type OpenAIApiError } from '../../core/openai/openai-error.js';

/**
 * What fits into one sequence's context. A prompt that leaves no room for an answer is refused before any work,
 * as OpenAI does (400 context_length_exceeded); otherwise the answer stops where the context is full. Either way
 * llama.cpp never has to shift the context, which for one long message fails ("failed to compress chat history
 * for context shift") after minutes of work that a cancel cannot stop.
 */
export class ContextWindow {
  constructor(
    /** Tokens one sequence holds: prompt and answer together. */
    readonly size: number,
    /** The most bytes of text one token stands for (longestTokenBytes). */
    private readonly maxBytesPerToken: number,
  ) {}

  /**
   * The answer's token budget for a prompt of `textBytes` bytes of text, refusing one that does not fit.
   * `countTokens` runs only when the length alone does not settle it: tokenizing blocks the replica (3.9 MB
   * took 2.5 s on the demo model).
   */
  answerBudget(
    textBytes: number,
    countTokens: () => number,
    maxTokens: number,
    param: 'messages' | 'prompt',
  ): number {
    // LlamaChat keeps one token of the context free.
    const usable = this.size - 1;
    const atLeast = Math.floor(textBytes / this.maxBytesPerToken);
    if (atLeast >= usable) throw this.exceeded(`at least ${atLeast}`, param);
    const promptTokens = countTokens();
    if (promptTokens >= usable) throw this.exceeded(String(promptTokens), param);
    return Math.min(maxTokens, usable - promptTokens);
  }

  private exceeded(tokens: string, param: 'messages' | 'prompt'): OpenAIApiError {
    return contextLengthExceeded(this.size, tokens, param);
  }
}

/**
 * The most bytes of text one token can stand for, from the GGUF vocabulary. An entry's UTF-8 length is never
 * less than the text it decodes to (SPM's "▁" and BPE's byte characters take more bytes than what they stand
 * for, "<0x0A>" six for one), so text of n bytes costs at least n / this many tokens. Infinity (no shortcut) when
 * the file has no vocabulary list.
 */
export function longestTokenBytes(metadata: Record<string, unknown>): number {
  const tokens = metadata['tokenizer.ggml.tokens'];
  if (!Array.isArray(tokens) || tokens.length === 0) return Infinity;
  let longest = 1;
  for (const token of tokens) {
    if (typeof token === 'string') longest = Math.max(longest, Buffer.byteLength(token));
  }
  return longest;
}

/** Bytes of message text in a chat history; the template's own text only adds tokens. */
export function historyTextBytes(history: readonly ChatHistoryItem[]): number {
  let bytes = 0;
  for (const item of history) {
    if (item.type === 'model') {
      for (const part of item.response) if (typeof part === 'string') bytes += Buffer.byteLength(part);
    } else if (typeof item.text === 'string') bytes += Buffer.byteLength(item.text);
  }
  return bytes;
}
