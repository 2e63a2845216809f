import { gguf } from '@huggingface/gguf';
import { Ajv, type ValidateFunction } from 'ajv';
import {
  getLlama,
  LlamaChat,
  LlamaCompletion,
  LlamaLogLevel,
  type ChatWrapper,
  type GbnfJsonSchema,
  type LlamaContextSequence,
  type LlamaGrammar,
  type Llama,
  type LlamaModel,
} from 'node-llama-cpp';
import { badParameter } from '../../core/openai/openai-error.js';
import type { FinishReason } from '../../core/openai/openai-wire.js';
import { toGrammarSchema, toolCallSchema } from './json-schema-grammar.js';
import type { ChatRequest, CompletionRequest, OutputConstraint } from './openai-request.js';
import { ContextWindow, historyTextBytes, longestTokenBytes } from './context-window.js';
import { AdapterContexts } from './adapter-contexts.js';
import { modelChatWrapper } from './chat-wrapper.js';
import type { ReplicaAdapter, ReplicaConfig } from './replica-config.js';
import { SequencePool } from './sequence-pool.js';

/** The model inside one replica process: loads it, hands out context sequences, and generates. */

export interface GenerationResult {
  text: string;
  finishReason: FinishReason;
  promptTokens: number;
  /** Prompt tokens the sequence already held from the previous request (not evaluated again). */
  cachedTokens: number;
  completionTokens: number;
  toolCall?: { name: string; arguments: string };
}

/** Non-streamed schema-constrained answers are re-sampled when they break a rule the grammar cannot express. */
const SCHEMA_ATTEMPTS = 3;
const GRAMMAR_CACHE_SIZE = 32;

/** llama.cpp's last error lines, for the reason a model failed to load. */
const recentErrors: string[] = [];
let llamaLoaded: Promise<Llama> | undefined;

/**
 * The native binding, once per process (~0.7 s of a replica's start, more than loading a small model): a spare
 * replica calls this before it knows its model, ReplicaEngine.load() finds it done.
 */
export function loadLlama(): Promise<Llama> {
  llamaLoaded ??= getLlama({
    gpu: false,
    build: 'never',
    logLevel: LlamaLogLevel.warn,
    logger: (level, message) => {
      const line = message.trim();
      if (!line) return;
      if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) recentErrors.push(line);
      if (recentErrors.length > 5) recentErrors.shift();
      process.stderr.write(`[llama.cpp] ${line}\n`);
    },
  });
  return llamaLoaded;
}

/** A user-facing reason for a load failure, e.g. "the model file has no llama.context_length". */
export class ModelLoadError extends Error {}

/** Reads the metadata first, so a file llama.cpp would abort on is refused with a reason; returns it. */
async function checkGgufMetadata(modelPath: string): Promise<Record<string, unknown>> {
  let metadata: Record<string, unknown>;
  try {
    metadata = (await gguf(modelPath, { allowLocalFile: true })).metadata as unknown as Record<
      string,
      unknown
    >;
  } catch (error) {
    throw new ModelLoadError(`the model file is not a readable GGUF file (${(error as Error).message})`);
  }
  const architecture = metadata['general.architecture'];
  if (typeof architecture !== 'string') {
    throw new ModelLoadError('the model file has no general.architecture, so llama.cpp cannot load it');
  }
  // llama.cpp aborts the whole process on some missing keys instead of returning an error; say which one.
  const required = [
    `${architecture}.block_count`,
    `${architecture}.embedding_length`,
    'tokenizer.ggml.model',
  ];
  const missing = required.filter((key) => metadata[key] === undefined);
  if (missing.length > 0) {
    throw new ModelLoadError(`the model file is missing required metadata: ${missing.join(', ')}`);
  }
  return metadata;
}

export class ReplicaEngine {
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();
  private readonly validators = new Map<string, ValidateFunction | null>();
  private readonly ajv = new Ajv({ strict: false, allErrors: false });

  private constructor(
    private readonly llama: Llama,
    private readonly model: LlamaModel,
    private readonly contexts: AdapterContexts,
    /** What fits into one sequence (each request has its own): prompt and answer together. */
    private readonly window: ContextWindow,
    private readonly chatWrapper: ChatWrapper,
    /** The chat format's name, for the model's next replicas (chat-wrapper.ts). */
    readonly reusableChatWrapper: string | undefined,
  ) {}

  static async load(config: ReplicaConfig): Promise<ReplicaEngine> {
    const metadata = await checkGgufMetadata(config.modelPath);
    const llama = await loadLlama();
    try {
      const model = await llama.loadModel({ modelPath: config.modelPath, gpuLayers: 0 });
      const sequences = config.parameters.inferenceBatchSize;
      const contextSize = Math.min(config.contextSize, model.trainContextSize);
      const context = await model.createContext({ contextSize, sequences, threads: config.threads });
      const contexts = new AdapterContexts(
        model,
        config.modelPath,
        context,
        new SequencePool(context, sequences),
      );
      await contexts.set(config.adapters);
      const chat = modelChatWrapper(model, config.chatWrapper);
      return new ReplicaEngine(
        llama,
        model,
        contexts,
        new ContextWindow(context.contextSize, longestTokenBytes(metadata)),
        chat.wrapper,
        chat.reusableAs,
      );
    } catch (error) {
      const detail = recentErrors.length > 0 ? `: ${recentErrors.join(' | ')}` : '';
      throw new ModelLoadError(`llama.cpp could not load the model (${(error as Error).message})${detail}`);
    }
  }

  private grammarFor(constraint: OutputConstraint): Promise<LlamaGrammar> | undefined {
    if (constraint.kind === 'none') return undefined;
    if (constraint.kind === 'json_object')
      return this.cachedGrammar('json', () => this.llama.getGrammarFor('json'));
    const schema =
      constraint.kind === 'tools' ? toolCallSchema(constraint.tools) : toGrammarSchema(constraint.schema);
    const param = constraint.kind === 'tools' ? 'tools' : 'response_format.json_schema.schema';
    return this.cachedGrammar(JSON.stringify(schema), async () => {
      try {
        // The schema comes from a client at run time; the builder's compile-time schema types cannot apply.
        return await this.llama.createGrammarForJsonSchema(
          schema as unknown as Readonly<GbnfJsonSchema> & { type: 'object' },
        );
      } catch (error) {
        throw badParameter(param, `Unsupported JSON schema: ${(error as Error).message}`, null);
      }
    });
  }

  private cachedGrammar(key: string, create: () => Promise<LlamaGrammar>): Promise<LlamaGrammar> {
    let grammar = this.grammars.get(key);
    if (!grammar) {
      grammar = create();
      grammar.catch(() => this.grammars.delete(key));
      if (this.grammars.size >= GRAMMAR_CACHE_SIZE) this.grammars.delete(this.grammars.keys().next().value!);
      this.grammars.set(key, grammar);
    }
    return grammar;
  }

  private validatorFor(schema: unknown): ValidateFunction | null {
    const key = JSON.stringify(schema);
    if (!this.validators.has(key)) {
      let validate: ValidateFunction | null = null;
      try {
        validate = this.ajv.compile(schema as object);
      } catch {
        // A schema Ajv cannot compile is still usable for the grammar; skip the extra check.
      }
      this.validators.set(key, validate);
    }
    return this.validators.get(key)!;
  }

  async chat(
    request: ChatRequest,
    signal: AbortSignal,
    onText?: (text: string) => void,
  ): Promise<GenerationResult> {
    const grammar = await this.grammarFor(request.constraint);
    const { constraint } = request;
    const validate =
      constraint.kind === 'json_schema' && !onText ? this.validatorFor(constraint.schema) : null;
    let result: GenerationResult | undefined;
    for (let attempt = 0; attempt < (validate ? SCHEMA_ATTEMPTS : 1); attempt++) {
      // A cancelled request gets no second attempt: its answer has nobody to go to.
      if (attempt > 0) signal.throwIfAborted();
      const seed = request.sampling.seed === undefined ? undefined : request.sampling.seed + attempt;
      result = await this.contexts.run(request.model, signal, (sequence) =>
        this.generateChat(sequence, request, grammar, seed, signal, onText),
      );
      if (!validate || result.finishReason !== 'stop' || isValidJson(result.text, validate)) break;
    }
    if (constraint.kind === 'tools') return toToolCall(result!);
    return result!;
  }

  private async generateChat(
    sequence: LlamaContextSequence,
    request: ChatRequest,
    grammar: LlamaGrammar | undefined,
    seed: number | undefined,
    signal: AbortSignal,
    onText?: (text: string) => void,
  ): Promise<GenerationResult> {
    const chat = new LlamaChat({
      contextSequence: sequence,
      chatWrapper: this.chatWrapper,
      autoDisposeSequence: false,
    });
    const counter = tokenCounter(sequence);
    try {
      const { sampling } = request;
      const result = await chat.generateResponse(request.history, {
        grammar,
        maxTokens: sampling.maxTokens,
        temperature: sampling.temperature,
        topP: sampling.topP,
        topK: sampling.topK,
        seed: seed ?? randomSeed(),
        customStopTriggers: sampling.stop.length > 0 ? sampling.stop : undefined,
        signal,
        stopOnAbortSignal: true,
        onTextChunk: onText,
        onToken: counter.onToken,
      });
      return {
        text: result.response,
        finishReason: result.metadata.stopReason === 'maxTokens' ? 'length' : 'stop',
        ...counter.totals(),
      };
    } finally {
      chat.dispose({ disposeSequence: false });
    }
  }

  async complete(
    request: CompletionRequest,
    signal: AbortSignal,
    onText?: (text: string) => void,
  ): Promise<GenerationResult> {
    return this.contexts.run(request.model, signal, async (sequence) => {
      const completion = new LlamaCompletion({ contextSequence: sequence, autoDisposeSequence: false });
      const counter = tokenCounter(sequence);
      try {
        const { sampling } = request;
        const result = await completion.generateCompletionWithMeta(request.prompt, {
          maxTokens: sampling.maxTokens,
          temperature: sampling.temperature,
          topP: sampling.topP,
          topK: sampling.topK,
          seed: sampling.seed ?? randomSeed(),
          customStopTriggers: sampling.stop.length > 0 ? sampling.stop : undefined,
          signal,
          stopOnAbortSignal: true,
          onTextChunk: onText,
          onToken: counter.onToken,
        });
        return {
          text: result.response,
          finishReason: result.metadata.stopReason === 'maxTokens' ? 'length' : 'stop',
          ...counter.totals(),
        };
      } finally {
        completion.dispose({ disposeSequence: false });
      }
    });
  }

  /**
   * The request with its answer fitted into the context; refused when the prompt alone fills it. Called before
   * a response starts, so the refusal is a plain 400 even for a stream.
   */
  fitChat(request: ChatRequest): ChatRequest {
    const maxTokens = this.window.answerBudget(
      historyTextBytes(request.history),
      // Counted as LlamaChat renders it (the chat template included).
      () =>
        this.chatWrapper
          .generateContextState({ chatHistory: request.history })
          .contextText.tokenize(this.model.tokenizer).length,
      request.sampling.maxTokens,
      'messages',
    );
    return { ...request, sampling: { ...request.sampling, maxTokens } };
  }

  /** As fitChat, for a plain completion. */
  fitCompletion(request: CompletionRequest): CompletionRequest {
    const maxTokens = this.window.answerBudget(
      Buffer.byteLength(request.prompt),
      // The beginning-of-text token LlamaCompletion prepends counts too.
      () => this.model.tokenize(request.prompt).length + 1,
      request.sampling.maxTokens,
      'prompt',
    );
    return { ...request, sampling: { ...request.sampling, maxTokens } };
  }

  /** Names of the attached adapters (what `GET /v1/models` lists besides the base). */
  adapterNames(): string[] {
    return this.contexts.names();
  }

  /** Attaches and detaches adapters in place; the base model stays loaded. */
  setAdapters(adapters: ReplicaAdapter[]): Promise<void> {
    return this.contexts.set(adapters);
  }

  /** Number of prompt tokens a text costs (for tests and usage estimates). */
  countTokens(text: string): number {
    return this.model.tokenize(text).length;
  }
}

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/**
 * Counts a request's tokens. Before the first generated token the sequence holds exactly the prompt; of it, what
 * matches the sequence's tokens from before the request was kept (node-llama-cpp erases from the first difference
 * on, and always evaluates the prompt's last token).
 */
function tokenCounter(sequence: LlamaContextSequence): {
  onToken: (tokens: readonly unknown[]) => void;
  totals: () => { promptTokens: number; cachedTokens: number; completionTokens: number };
} {
  const before = sequence.contextTokens.slice();
  let prompt: { tokens: number; cached: number } | undefined;
  let completionTokens = 0;
  const measure = (): { tokens: number; cached: number } => {
    const now = sequence.contextTokens;
    let common = 0;
    while (common < before.length && common < now.length && before[common] === now[common]) common += 1;
    return { tokens: now.length, cached: Math.max(0, Math.min(common, now.length - 1)) };
  };
  return {
    onToken: (tokens) => {
      prompt ??= measure();
      completionTokens += tokens.length;
    },
    totals: () => {
      const { tokens, cached } = prompt ?? measure();
      return { promptTokens: tokens, cachedTokens: cached, completionTokens };
    },
  };
}

function isValidJson(text: string, validate: ValidateFunction): boolean {
  try {
    return validate(JSON.parse(text)) === true;
  } catch {
    return false;
  }
}

function toToolCall(result: GenerationResult): GenerationResult {
  try {
    const call = JSON.parse(result.text) as { name: string; arguments: unknown };
    return {
      ...result,
      finishReason: 'tool_calls',
      toolCall: { name: call.name, arguments: JSON.stringify(call.arguments ?? {}) },
    };
  } catch {
    // Cut off by max_tokens before the call was complete: hand back the text, as OpenAI does with "length".
    return result;
  }
}
