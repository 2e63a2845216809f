import { CombinedGraphQLErrors } from '@apollo/client';

/**
 * The server's `extensions.code` of a failed operation (NOT_FOUND, FORBIDDEN, UNAUTHENTICATED), or undefined
 * for network errors: components tell "not found" and "not allowed" apart from "could not load".
 */
export function graphQLErrorCode(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  for (const problem of error.errors) {
    const code = problem.extensions?.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
