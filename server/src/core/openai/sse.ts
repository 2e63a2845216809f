import type { OpenAIApiError } from './openai-error.js';

/**
 * Server-sent events as OpenAI's streaming endpoints use them: each event is `data: <json>` and a blank line, the
 * stream ends with `data: [DONE]`, and lines starting with `:` are comments clients ignore (keep-alives).
 */

/** The data that ends a successful stream. */
export const DONE_DATA = '[DONE]';
export const DONE_EVENT = 'data: [DONE]\n\n';

/** One event carrying `data` (already serialised, on one line, as JSON.stringify leaves it). */
export const sseEvent = (data: string): string => `data: ${data}\n\n`;

/** A comment line: keeps a quiet connection open without being an event. */
export const sseComment = (text: string): string => `: ${text}\n\n`;

/**
 * The event that ends a stream whose status line was already sent: the openai SDKs raise it as an `APIError`, so
 * a failure mid-stream never reads as a success.
 */
export const errorEvent = (error: OpenAIApiError): string => sseEvent(JSON.stringify(error.toBody()));

/**
 * The data of one event block (the text between two blank lines, without them), or null when the block has no
 * data field (comments, `retry:` alone). Several data lines are joined with newlines, as the SSE spec says.
 */
export function eventData(block: string): string | null {
  // What llama.cpp, vLLM and Hangar's replica send: a single `data: ` line.
  if (block.startsWith('data: ') && !block.includes('\n')) return block.slice(6);
  let data: string | null = null;
  for (const line of block.split('\n')) {
    let value: string;
    if (line === 'data') value = '';
    else if (line.startsWith('data:')) value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    else continue;
    data = data === null ? value : `${data}\n${value}`;
  }
  return data;
}

/**
 * Cuts a stream's text into event blocks across read boundaries. Feed it decoded text with `append` and take
 * blocks with `next` until it returns null; CRLF and CR line ends become LF, even when a CRLF is split in two.
 */
export class SseBlockReader {
  private buffer = '';
  private endedWithCR = false;

  append(text: string): void {
    if (text === '') return;
    if (this.endedWithCR && text.charCodeAt(0) === 10) text = text.slice(1);
    this.endedWithCR = text.charCodeAt(text.length - 1) === 13;
    this.buffer += text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  }

  /** Whether text of an unfinished block (or a lone CR) is held. */
  pending(): boolean {
    return this.buffer !== '' || this.endedWithCR;
  }

  /** The next complete block, without its blank line; null until more text arrives. */
  next(): string | null {
    const boundary = this.buffer.indexOf('\n\n');
    if (boundary < 0) return null;
    const block = this.buffer.slice(0, boundary);
    this.buffer = this.buffer.slice(boundary + 2);
    return block;
  }
}
