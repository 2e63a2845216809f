import { createHash, hash as oneShotHash } from 'node:crypto';
import type { RequestBody } from './gateway.parameters.js';

/**
 * Cache-aware routing keys. llama.cpp (and vLLM) reuse the KV cache of the prompt prefix a replica last saw, so
 * requests of one session, or sharing a long system prompt, are faster on the replica that served them before.
 */

/**
 * How much of the prompt decides the keys: enough to tell system prompts apart, short enough that one
 * conversation keeps its keys as it grows (its first messages do not change).
 */
export const AFFINITY_PREFIX_CHARS = 1024;
/**
 * A key per this many characters of the prefix, so that the longest prefix a replica saw wins: a system prompt
 * shorter than AFFINITY_PREFIX_CHARS followed by a different question each time still shares its first chunks.
 */
export const AFFINITY_CHUNK_CHARS = 256;

/**
 * The OpenAI `user` field when given (a session); else hashes of the prompt's first 256, 512, 768 and 1024
 * characters (those it has), longest first; a prompt shorter than one chunk is its own key.
 */
export function affinityKeys(body: RequestBody): string[] | undefined {
  if (typeof body.user === 'string' && body.user.length > 0) return [`user:${body.user}`];
  const prefix = promptPrefix(body);
  if (!prefix) return undefined;
  // A prompt shorter than one chunk (most requests) is hashed in one shot, without a Hash object.
  if (prefix.length < AFFINITY_CHUNK_CHARS) return [`prefix:${oneShotHash('sha256', prefix, 'base64url')}`];
  const keys: string[] = [];
  const hash = createHash('sha256');
  for (let end = AFFINITY_CHUNK_CHARS; end <= prefix.length; end += AFFINITY_CHUNK_CHARS) {
    // One running hash: each key covers the whole prefix up to its end, at the cost of hashing it once.
    hash.update(prefix.slice(end - AFFINITY_CHUNK_CHARS, end));
    keys.unshift(`prefix:${end}:${hash.copy().digest('base64url')}`);
  }
  return keys;
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
