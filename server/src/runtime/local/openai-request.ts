import type { ChatHistoryItem } from 'node-llama-cpp';
import type { ParametersConfig } from '../../core/deployment-config/deployment-config.js';
import { badParameter } from '../../core/openai/openai-error.js';
import {
  checkNumberParameter,
  checkStopParameter,
  maxTokensParam,
  type ParameterCheck,
} from '../../core/deployment-config/request-parameters.js';
import type { ToolDefinition } from './json-schema-grammar.js';

/**
 * Reads OpenAI-style request bodies into what the replica's engine needs, applying the deployment's defaults.
 * Everything a client can get wrong is reported as a 400 naming the parameter.
 */

const invalid = (param: string, message: string) => badParameter(param, message);

export interface Sampling {
  temperature: number;
  topP: number;
  topK: number;
  maxTokens: number;
  stop: string[];
  seed?: number;
}

export type OutputConstraint =
  | { kind: 'none' }
  | { kind: 'json_object' }
  | { kind: 'json_schema'; schema: unknown }
  | { kind: 'tools'; tools: ToolDefinition[] };

export interface ChatRequest {
  /** The OpenAI `model` field: an attached adapter's name selects it; anything else is the base model. */
  model?: string;
  history: ChatHistoryItem[];
  sampling: Sampling;
  stream: boolean;
  includeUsage: boolean;
  constraint: OutputConstraint;
}

export interface CompletionRequest {
  /** As ChatRequest.model. */
  model?: string;
  prompt: string;
  sampling: Sampling;
  stream: boolean;
  includeUsage: boolean;
}

type Body = Record<string, unknown>;

function asObject(body: unknown): Body {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw invalid('body', 'The request body must be a JSON object.');
  }
  return body as Body;
}

function optionalNumber(body: Body, param: string, min: number, max: number): number | undefined {
  const value = body[param];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw invalid(param, `${param} must be a number between ${min} and ${max}.`);
  }
  return value;
}

function optionalInteger(body: Body, param: string, min: number, max: number): number | undefined {
  const value = optionalNumber(body, param, min, max);
  if (value !== undefined && !Number.isInteger(value)) throw invalid(param, `${param} must be an integer.`);
  return value;
}

/** The checked value, or an OpenAIApiError naming the parameter (the same rule and message as the gateway's). */
function valueOf<T>(check: ParameterCheck<T>): T | undefined {
  if (check.ok) return check.value;
  throw invalid(check.problem.param, check.problem.message);
}

function readSampling(body: Body, defaults: ParametersConfig): Sampling {
  const maxField = maxTokensParam(body);
  const requestedMax = valueOf(checkNumberParameter(body[maxField], 'max_tokens', maxField));
  const requestStops = valueOf(checkStopParameter(body.stop)) ?? [];
  optionalInteger(body, 'n', 1, 1); // one choice per request
  return {
    temperature: valueOf(checkNumberParameter(body.temperature, 'temperature')) ?? defaults.temperature,
    topP: valueOf(checkNumberParameter(body.top_p, 'top_p')) ?? defaults.topP,
    topK: valueOf(checkNumberParameter(body.top_k, 'top_k')) ?? defaults.topK,
    // The deployment's max length is a ceiling, not only a default: operators size replicas with it. The gateway
    // refuses a request above it; a client talking to the replica directly gets it clamped.
    maxTokens: Math.min(requestedMax ?? defaults.maxLength, defaults.maxLength),
    stop: [...new Set([...defaults.stopSequences, ...requestStops])].filter((s) => s.length > 0),
    seed: optionalInteger(body, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  };
}

function readStreamOptions(body: Body): { stream: boolean; includeUsage: boolean } {
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') {
    throw invalid('stream', 'stream must be a boolean.');
  }
  const options = body.stream_options as { include_usage?: unknown } | undefined | null;
  return { stream: body.stream === true, includeUsage: options?.include_usage === true };
}

function messageText(content: unknown, param: string): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown, i) => {
        const p = part as { type?: unknown; text?: unknown };
        if (p?.type === 'text' && typeof p.text === 'string') return p.text;
        throw invalid(`${param}[${i}]`, 'Only text content parts are supported by this model.');
      })
      .join('');
  }
  throw invalid(param, 'Message content must be a string or an array of text parts.');
}

function readHistory(body: Body): ChatHistoryItem[] {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalid('messages', 'messages must be a non-empty array.');
  }
  const history: ChatHistoryItem[] = messages.map((raw: unknown, i): ChatHistoryItem => {
    const message = raw as { role?: unknown; content?: unknown; tool_calls?: unknown; name?: unknown };
    const param = `messages[${i}].content`;
    switch (message?.role) {
      case 'system':
      case 'developer':
        return { type: 'system', text: messageText(message.content, param) };
      case 'user':
        return { type: 'user', text: messageText(message.content, param) };
      case 'assistant': {
        const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
        // The chat template has no tool syntax, so earlier calls are shown to the model as their JSON.
        const callText = calls
          .map((c: { function?: { name?: string; arguments?: string } }) =>
            JSON.stringify({ name: c.function?.name, arguments: c.function?.arguments }),
          )
          .join('\n');
        return { type: 'model', response: [messageText(message.content, param) + callText] };
      }
      case 'tool':
        return { type: 'user', text: `Tool result: ${messageText(message.content, param)}` };
      default:
        throw invalid(`messages[${i}].role`, 'role must be system, developer, user, assistant or tool.');
    }
  });
  // LlamaChat continues the last model turn; an empty one asks for a fresh answer.
  history.push({ type: 'model', response: [] });
  return history;
}

function readTools(body: Body): ToolDefinition[] | undefined {
  if (body.tools === undefined || body.tools === null) return undefined;
  if (!Array.isArray(body.tools)) throw invalid('tools', 'tools must be an array.');
  if (body.tools.length === 0) return undefined;
  const tools = body.tools.map((raw: unknown, i): ToolDefinition => {
    const tool = raw as {
      type?: unknown;
      function?: { name?: unknown; description?: unknown; parameters?: unknown };
    };
    if (tool?.type !== 'function' || typeof tool.function?.name !== 'string' || !tool.function.name) {
      throw invalid(`tools[${i}]`, 'Each tool must be {type: "function", function: {name, parameters}}.');
    }
    return {
      name: tool.function.name,
      description: typeof tool.function.description === 'string' ? tool.function.description : undefined,
      parameters: tool.function.parameters,
    };
  });
  const choice = body.tool_choice as string | { type?: string; function?: { name?: string } } | undefined;
  if (choice === 'none') return undefined;
  if (choice && typeof choice === 'object') {
    const chosen = tools.filter((t) => t.name === choice.function?.name);
    if (chosen.length === 0)
      throw invalid('tool_choice', 'tool_choice names a function that is not in tools.');
    return chosen;
  }
  return tools;
}

function readConstraint(body: Body): OutputConstraint {
  const tools = readTools(body);
  if (tools) return { kind: 'tools', tools };
  const format = body.response_format as
    { type?: unknown; json_schema?: { schema?: unknown } } | undefined | null;
  if (!format || format.type === 'text') return { kind: 'none' };
  if (format.type === 'json_object') return { kind: 'json_object' };
  if (format.type === 'json_schema') {
    const schema = format.json_schema?.schema;
    if (!schema || typeof schema !== 'object') {
      throw invalid('response_format.json_schema.schema', 'json_schema.schema must be a JSON schema object.');
    }
    return { kind: 'json_schema', schema };
  }
  throw invalid('response_format.type', 'response_format.type must be text, json_object or json_schema.');
}

export function readChatRequest(rawBody: unknown, defaults: ParametersConfig): ChatRequest {
  const body = asObject(rawBody);
  return {
    model: readModel(body),
    history: readHistory(body),
    sampling: readSampling(body, defaults),
    ...readStreamOptions(body),
    constraint: readConstraint(body),
  };
}

export function readCompletionRequest(rawBody: unknown, defaults: ParametersConfig): CompletionRequest {
  const body = asObject(rawBody);
  let prompt = body.prompt;
  if (Array.isArray(prompt) && prompt.length === 1 && typeof prompt[0] === 'string') prompt = prompt[0];
  if (typeof prompt !== 'string')
    throw invalid('prompt', 'prompt must be a string (one prompt per request).');
  return {
    model: readModel(body),
    prompt,
    sampling: readSampling(body, defaults),
    ...readStreamOptions(body),
  };
}

function readModel(body: Body): string | undefined {
  return typeof body.model === 'string' ? body.model : undefined;
}
