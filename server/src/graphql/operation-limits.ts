import { LRUCache } from 'lru-cache';
import type { ApolloServerPlugin } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { findInputOverLimit, INPUT_LIMIT_CODES, type InputLimits } from './input-limits.js';

/** Who may ask for `__schema` / `__type`. `__typename` is always allowed. */
export type IntrospectionPolicy = 'public' | 'signed-in' | 'off';

/** Every bound on a GraphQL operation; the values come from config.ts (one place), the checks live here. */
export interface OperationLimits {
  /** Lexical tokens of a document (graphql-js stops parsing past it: the bound on everything below). */
  maxTokens: number;
  /** Nesting of fields; fragments are flattened, `__schema` is not counted. */
  maxDepth: number;
  /** Aliased fields per operation (2 000 aliases of one costly field were the memory blow-up). */
  maxAliases: number;
  /** Directives per operation. */
  maxDirectives: number;
  /** GraphQL Armor's cost estimate: objects 2, scalars 1, ×1.5 per level, × `first`/`last`. */
  maxCost: number;
  introspection: IntrospectionPolicy;
  input: InputLimits;
}

/** Codes a refused operation carries in `extensions.code` (HTTP 400 unless said otherwise). */
export const OPERATION_LIMIT_CODES = [
  'TOO_MANY_TOKENS',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'QUERY_TOO_COMPLEX',
  'INTROSPECTION_DISABLED',
  ...INPUT_LIMIT_CODES,
];

// graphql-js 16 says "more that N tokens" (sic).
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] (\d+) tokens/;

function tokenLimitMessage(parseMessage: string): string | null {
  const limit = TOKEN_LIMIT_MESSAGE.exec(parseMessage)?.[1];
  return limit ? `The document has more than ${limit} tokens (HANGAR_MAX_TOKENS).` : null;
}

/**
 * Armor reports "Syntax Error: <limit> exceeded, found N."; the refusal keeps that and names the setting, as a
 * validation error of its own code (ValidationError keeps it as originalError; the formatter restores the code).
 */
function reportAs(code: string, setting: string): GraphQLArmorRejectCallback {
  return (context, error) => {
    const message = `${error.message.replace(/^Syntax Error: /, '')} (${setting})`;
    context?.reportError(new GraphQLError(message, { extensions: { code } }));
  };
}

function validationRules(limits: OperationLimits): ValidationRule[] {
  // Each Armor rule walks the operation once and memoizes every fragment: linear in the document's size.
  const common = { propagateOnRejection: false, exposeLimits: true } as const;
  return [
    maxDepthRule({
      ...common,
      n: limits.maxDepth,
      flattenFragments: true,
      onReject: [reportAs('QUERY_TOO_DEEP', 'HANGAR_MAX_DEPTH')],
    }),
    maxAliasesRule({
      ...common,
      n: limits.maxAliases,
      onReject: [reportAs('TOO_MANY_ALIASES', 'HANGAR_MAX_ALIASES')],
    }),
    maxDirectivesRule({
      ...common,
      n: limits.maxDirectives,
      onReject: [reportAs('TOO_MANY_DIRECTIVES', 'HANGAR_MAX_DIRECTIVES')],
    }),
    costLimitRule({
      ...common,
      maxCost: limits.maxCost,
      flattenFragments: true,
      onReject: [reportAs('QUERY_TOO_COMPLEX', 'HANGAR_MAX_COMPLEXITY')],
    }),
  ];
}

function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

function introspectionRefusal(policy: IntrospectionPolicy, signedIn: boolean): GraphQLError | null {
  if (policy === 'public' || (policy === 'signed-in' && signedIn)) return null;
  const message =
    policy === 'off'
      ? 'Introspection is turned off on this server (HANGAR_INTROSPECTION=off).'
      : 'Introspection needs a token (Authorization: Bearer <token>); HANGAR_INTROSPECTION=public allows it anonymously.';
  const status = policy === 'off' ? 403 : 401;
  return new GraphQLError(message, { extensions: { code: 'INTROSPECTION_DISABLED', http: { status } } });
}

/** Checks that need the variables or the viewer, run after validation and before execution. */
function checkResolved(
  schema: GraphQLSchema,
  limits: OperationLimits,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  signedIn: () => boolean,
): GraphQLError | null {
  if (limits.introspection !== 'public' && usesIntrospection(document)) {
    const refused = introspectionRefusal(limits.introspection, signedIn());
    if (refused) return refused;
  }
  return findInputOverLimit(schema, document, variables, limits.input);
}

export interface SubscribeMessagePayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** What the guard needs of a request's context: whether someone is signed in (the introspection policy). */
export interface ViewerContext {
  viewer: unknown;
}

export interface OperationGuard<Context extends ViewerContext = ViewerContext> {
  /** Spread into `new ApolloServer({ … })`. */
  apollo: {
    parseOptions: { maxTokens: number };
    validationRules: ValidationRule[];
    introspection: true;
    plugins: ApolloServerPlugin<Context>[];
  };
  /**
   * For graphql-ws's `onSubscribe`: parses, validates and checks like the HTTP path, and returns the execution
   * arguments (the context is still built by `useServer`'s `context`) or the errors to send.
   */
  checkSubscribe(
    payload: SubscribeMessagePayload,
    signedIn: () => Promise<boolean>,
  ): Promise<Omit<ExecutionArgs, 'contextValue'> | GraphQLError[]>;
}

/** Characters of subscribe payloads whose verdicts are remembered (≈ 8 MB of text at most). */
const VERDICT_CACHE_CHARS = 4 * 1024 * 1024;

/** The operation limits as Apollo Server and graphql-ws need them. */
export function createOperationGuard<Context extends ViewerContext>(
  schema: GraphQLSchema,
  limits: OperationLimits,
): OperationGuard<Context> {
  const rules = validationRules(limits);
  // Bounded by the characters it holds (one payload may be up to the body limit), not by entries.
  const verdicts = new LRUCache<string, Omit<ExecutionArgs, 'contextValue'> | GraphQLError[]>({
    maxSize: VERDICT_CACHE_CHARS,
    sizeCalculation: (_value, key) => key.length + 1,
  });
  // Apollo's introspection switch is all-or-nothing; the policy (which depends on the viewer) is enforced below.
  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue }) {
          const refused = checkResolved(
            schema,
            limits,
            document,
            request.variables,
            () => contextValue.viewer !== null,
          );
          if (refused) throw refused;
        },
      };
    },
  };
  return {
    apollo: {
      parseOptions: { maxTokens: limits.maxTokens },
      validationRules: rules,
      introspection: true,
      plugins: [plugin],
    },
    async checkSubscribe(payload, signedIn) {
      // A fleet of dashboards sends the same few subscribe payloads: each distinct one is checked once.
      const key = `${payload.operationName ?? ''}\u0000${JSON.stringify(payload.variables ?? null)}\u0000${payload.query}`;
      let verdict = verdicts.get(key);
      if (!verdict) {
        const checked = await check(payload, signedIn);
        if (checked.cacheable) verdicts.set(key, checked.result);
        verdict = checked.result;
      }
      // A copy each time: graphql-ws adds this subscriber's context to the object it gets.
      return Array.isArray(verdict) ? verdict : { ...verdict };
    },
  };

  async function check(
    payload: SubscribeMessagePayload,
    signedIn: () => Promise<boolean>,
  ): Promise<{ result: Omit<ExecutionArgs, 'contextValue'> | GraphQLError[]; cacheable: boolean }> {
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: limits.maxTokens });
    } catch (error) {
      const parseError = error instanceof GraphQLError ? error : new GraphQLError(String(error));
      const tooMany = tokenLimitMessage(parseError.message);
      const result = [
        tooMany
          ? new GraphQLError(tooMany, { extensions: { code: 'TOO_MANY_TOKENS' } })
          : withCode(parseError, 'GRAPHQL_PARSE_FAILED'),
      ];
      return { result, cacheable: true };
    }
    const errors = validate(schema, document, [...specifiedRules, ...rules]);
    if (errors.length) {
      const result = errors.map((e) =>
        withCode(e, (e.extensions.code as string) ?? 'GRAPHQL_VALIDATION_FAILED'),
      );
      return { result, cacheable: true };
    }
    const variables = payload.variables ?? undefined;
    const needsViewer = limits.introspection === 'signed-in' && usesIntrospection(document);
    const viewerSignedIn = needsViewer ? await signedIn() : false;
    const refused = checkResolved(schema, limits, document, variables, () => viewerSignedIn);
    // The introspection verdict depends on who asks: not remembered.
    if (refused) return { result: [refused], cacheable: !needsViewer };
    const result = {
      schema,
      document,
      operationName: payload.operationName ?? undefined,
      variableValues: variables,
    };
    return { result, cacheable: !needsViewer };
  }
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

/**
 * What a refusal should say once Apollo wrapped it: validation failures keep the limit's own code, and
 * graphql-js's token limit (a parse failure) becomes TOO_MANY_TOKENS. Null for every other error.
 */
export function limitRefusalOf(
  formatted: GraphQLFormattedError,
  error: unknown,
): { code: string; message: string } | null {
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_PARSE_FAILED') {
    const message = tokenLimitMessage(formatted.message);
    return message ? { code: 'TOO_MANY_TOKENS', message } : null;
  }
  if (code !== 'GRAPHQL_VALIDATION_FAILED' || !(error instanceof GraphQLError)) return null;
  const original = error.originalError;
  const originalCode = original instanceof GraphQLError ? original.extensions.code : undefined;
  return typeof originalCode === 'string' && OPERATION_LIMIT_CODES.includes(originalCode)
    ? { code: originalCode, message: formatted.message }
    : null;
}
