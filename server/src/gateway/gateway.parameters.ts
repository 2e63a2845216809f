import type { ParametersConfig } from '../core/deployment-config/deployment-config.js';
import {
  checkNumberParameter,
  checkStopParameter,
  maxTokensParam,
  type ParameterCheck,
} from '../core/deployment-config/request-parameters.js';
import { badParameter } from '../core/openai/openai-error.js';

export type RequestBody = Record<string, unknown>;

/** The checked value, or the 400 naming the parameter (`invalid_type` when it is not even the right type). */
function valueOf<T>(check: ParameterCheck<T>): T | undefined {
  if (check.ok) return check.value;
  const { param, kind, message } = check.problem;
  throw kind === 'type' ? badParameter(param, message, 'invalid_type') : badParameter(param, message);
}

/**
 * Checks the sampling parameters a request sets (the limits of core/deployment-config, the replica's too) and
 * fills the deployment's defaults for the rest. Mutates and returns `body` (it is the parsed request, owned by the
 * gateway) to avoid copying on the hot path.
 */
export function applyParameters(body: RequestBody, defaults: ParametersConfig): RequestBody {
  valueOf(checkNumberParameter(body.temperature, 'temperature'));
  valueOf(checkNumberParameter(body.top_p, 'top_p'));
  valueOf(checkNumberParameter(body.top_k, 'top_k'));

  // A request may not ask for more than the deployment's own maxLength: operators size replicas with it.
  const maxField = maxTokensParam(body);
  valueOf(checkNumberParameter(body[maxField], 'max_tokens', maxField, defaults.maxLength));
  if (maxField === 'max_completion_tokens') {
    // The replica reads max_tokens.
    body.max_tokens = body.max_completion_tokens;
    delete body.max_completion_tokens;
  }

  if (body.n !== undefined && body.n !== null && body.n !== 1) {
    throw badParameter('n', "'n' must be 1: a deployment returns one choice per request.");
  }

  const stop = valueOf(checkStopParameter(body.stop));
  if (stop === undefined && defaults.stopSequences.length > 0) body.stop = defaults.stopSequences;

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
