import {
  REQUEST_PARAMETERS,
  type NumberFieldSpec,
  type StringListFieldSpec,
} from './deployment-config.fields.js';

/**
 * The per-request sampling overrides, checked against the configuration table. The gateway and the local replica
 * both call these, so a request the gateway lets through is never refused by the replica (and the other way
 * round); each wraps a problem in its own OpenAI-style error.
 */

export interface ParameterProblem {
  /** The request parameter as the client sent it (`max_completion_tokens` stays itself). */
  param: string;
  /** `type`: not a number / integer / string list; `value`: out of range, too many or wrong length. */
  kind: 'type' | 'value';
  message: string;
}

export type NumericRequestParameter = 'temperature' | 'top_p' | 'top_k' | 'max_tokens';

export type ParameterCheck<T> = { ok: true; value: T | undefined } | { ok: false; problem: ParameterProblem };

const absent = (value: unknown): value is null | undefined => value === undefined || value === null;

/**
 * A numeric sampling parameter within its table range, or within `max` when the deployment narrows it (the
 * gateway caps max_tokens at the deployment's own maxLength). `param` names the parameter in messages.
 */
export function checkNumberParameter(
  value: unknown,
  name: NumericRequestParameter,
  param: string = name,
  max: number = REQUEST_PARAMETERS[name].max,
): ParameterCheck<number> {
  if (absent(value)) return { ok: true, value: undefined };
  const spec: NumberFieldSpec = REQUEST_PARAMETERS[name];
  const integer = spec.kind === 'integer';
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    const message = `'${param}' must be ${integer ? 'an integer' : 'a number'} between ${spec.min} and ${max}.`;
    return { ok: false, problem: { param, kind: 'type', message } };
  }
  if (value < spec.min || value > max) {
    const message = `'${param}' is ${value}; this deployment accepts ${spec.min} to ${max}.`;
    return { ok: false, problem: { param, kind: 'value', message } };
  }
  return { ok: true, value };
}

/** `stop`: a string or a list of strings, as many and as long as a deployment's stop sequences may be. */
export function checkStopParameter(value: unknown): ParameterCheck<string[]> {
  if (absent(value)) return { ok: true, value: undefined };
  const spec: StringListFieldSpec = REQUEST_PARAMETERS.stop;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) {
    const message = "'stop' must be a string or an array of strings.";
    return { ok: false, problem: { param: 'stop', kind: 'type', message } };
  }
  if (list.length > spec.maxItems) {
    const message = `'stop' has ${list.length} sequences; at most ${spec.maxItems} are allowed.`;
    return { ok: false, problem: { param: 'stop', kind: 'value', message } };
  }
  if (list.some((s: string) => s.length < spec.itemMinLength || s.length > spec.itemMaxLength)) {
    const message = `Each 'stop' sequence must be ${spec.itemMinLength}–${spec.itemMaxLength} characters.`;
    return { ok: false, problem: { param: 'stop', kind: 'value', message } };
  }
  return { ok: true, value: list as string[] };
}

/**
 * Which of the two names a client used for the generation limit: newer OpenAI clients send
 * max_completion_tokens, older ones max_tokens; both mean the same here.
 */
export function maxTokensParam(body: Record<string, unknown>): 'max_completion_tokens' | 'max_tokens' {
  return absent(body.max_completion_tokens) ? 'max_tokens' : 'max_completion_tokens';
}
