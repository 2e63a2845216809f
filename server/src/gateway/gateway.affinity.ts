import { createHash } from 'node:crypto';
import type { RequestBody } from './gateway.parameters.js';

/**
 * Cache-aware routing keys. llama.cpp (and vLLM) reuse the KV cache of the prompt prefix a replica last saw, so
 * requests of one session, or sharing a long system prompt, are faster on the replica that served them before.
 */

/**
 * How much of the prompt decides the key: enough to tell system prompts apart, short enough that one
 * conversation keeps its key as it grows (its first messages do not change).
 */
export const AFFINITY_PREFIX_CHARS = 1024;

/** The OpenAI `user` field when given (a session), else a hash of the prompt's first characters. */
export function affinityKey(body: RequestBody): string | undefined {
  if (typeof body.user === 'string' && body.user.length > 0) return `user:${body.user}`;
  const prefix = promptPrefix(body);
  if (!prefix) return undefined;
  return `prefix:${createHash('sha256').update(prefix).digest('base64url')}`;
}

function promptPrefix(body: RequestBody): string {
  let text = '';
  if (Array.isArray(body.messages)) {
    for (const message of body.messages as { role?: unknown; content?: unknown }[]) {
      const content =
        typeof message?.content === 'string' ? message.content : JSON.stringify(message?.content);
      text += `${String(message?.role)}\n${content}\n`;
      if (text.length >= AFFINITY_PREFIX_CHARS) break;
    }
  } else if (typeof body.prompt === 'string') {
    text = body.prompt;
  } else if (body.prompt !== undefined) {
    text = JSON.stringify(body.prompt);
  }
  return text.slice(0, AFFINITY_PREFIX_CHARS);
}
