import type { ParametersConfig } from '../core/deployment-config/deployment-config.js';
import { badParameter } from '../core/openai/openai-error.js';

/** Ranges a request may override the deployment's defaults within (the deploy API's ranges). */
export const PARAMETER_RANGES = {
  temperature: { min: 0, max: 2 },
  top_p: { min: 0, max: 1 },
  top_k: { min: 1, max: 100 },
  maxStopSequences: 4,
} as const;

export type RequestBody = Record<string, unknown>;

function numberInRange(body: RequestBody, field: string, min: number, max: number, integer = false): void {
  const value = body[field];
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw badParameter(
      field,
      `'${field}' must be ${integer ? 'an integer' : 'a number'} between ${min} and ${max}.`,
      'invalid_type',
    );
  }
  if (value < min || value > max) {
    throw badParameter(field, `'${field}' is ${value}; this deployment accepts ${min} to ${max}.`);
  }
}

/**
 * Checks the sampling parameters a request sets and fills the deployment's defaults for the rest. Mutates and
 * returns `body` (it is the parsed request, owned by the gateway) to avoid copying on the hot path.
 */
export function applyParameters(body: RequestBody, defaults: ParametersConfig): RequestBody {
  numberInRange(body, 'temperature', PARAMETER_RANGES.temperature.min, PARAMETER_RANGES.temperature.max);
  numberInRange(body, 'top_p', PARAMETER_RANGES.top_p.min, PARAMETER_RANGES.top_p.max);
  numberInRange(body, 'top_k', PARAMETER_RANGES.top_k.min, PARAMETER_RANGES.top_k.max, true);

  // Newer OpenAI clients send max_completion_tokens; both mean the same here and the replica reads max_tokens.
  const maxField =
    body.max_completion_tokens !== undefined && body.max_completion_tokens !== null
      ? 'max_completion_tokens'
      : 'max_tokens';
  numberInRange(body, maxField, 1, defaults.maxLength, true);
  if (maxField === 'max_completion_tokens') {
    body.max_tokens = body.max_completion_tokens;
    delete body.max_completion_tokens;
  }

  if (body.n !== undefined && body.n !== null && body.n !== 1) {
    throw badParameter('n', "'n' must be 1: a deployment returns one choice per request.");
  }

  const stop = body.stop;
  if (stop !== undefined && stop !== null) {
    const list = typeof stop === 'string' ? [stop] : stop;
    if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) {
      throw badParameter('stop', "'stop' must be a string or an array of strings.", 'invalid_type');
    }
    if (list.length > PARAMETER_RANGES.maxStopSequences) {
      throw badParameter(
        'stop',
        `'stop' has ${list.length} sequences; at most ${PARAMETER_RANGES.maxStopSequences} are allowed.`,
      );
    }
  } else if (defaults.stopSequences.length > 0) {
    body.stop = defaults.stopSequences;
  }

  body.temperature ??= defaults.temperature;
  body.top_p ??= defaults.topP;
  body.top_k ??= defaults.topK;
  body.max_tokens ??= defaults.maxLength;
  return body;
}

export function requireMessages(body: RequestBody): void {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    throw badParameter('messages', "'messages' must be a non-empty array of chat messages.", 'invalid_type');
  }
}

export function requirePrompt(body: RequestBody): void {
  const prompt = body.prompt;
  const ok =
    typeof prompt === 'string' ||
    (Array.isArray(prompt) && prompt.length > 0 && prompt.every((p) => typeof p === 'string'));
  if (!ok)
    throw badParameter(
      'prompt',
      "'prompt' must be a string or a non-empty array of strings.",
      'invalid_type',
    );
}
