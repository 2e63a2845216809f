import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '../core/logger.js';
import { limitRefusalOf, OPERATION_LIMIT_CODES } from './operation-limits.js';

export function unauthenticated(message = 'Sign in: send "Authorization: Bearer <token>".'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`No ${what} has the ID "${id}".`, { extensions: { code: 'NOT_FOUND' } });
}

/** Codes whose messages are safe and meant for clients; everything else is masked. */
const EXPOSED_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'QUERY_TOO_COMPLEX',
  'QUERY_TOO_DEEP',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  ...OPERATION_LIMIT_CODES,
]);

/** Masks unexpected errors to "Unexpected error." and logs them with their stack (GraphQL Yoga's habit). */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const refusal = limitRefusalOf(formatted, error);
    const code = refusal?.code ?? formatted.extensions?.code;
    if (typeof code === 'string' && EXPOSED_CODES.has(code)) {
      return {
        message: refusal?.message ?? formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code },
      };
    }
    const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
    logger.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
      message: 'Unexpected error.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
