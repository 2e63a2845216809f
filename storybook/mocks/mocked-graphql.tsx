import type { DocumentNode } from 'graphql';
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import type { Decorator } from '@storybook/react-vite';

type Mock = MockLink.MockedResponse;

/** Answers every call of `query` (any variables) with `data`, or stays loading when `data` is 'loading'. */
export function answer(
  query: DocumentNode,
  data: unknown,
  options: { delay?: number; variables?: (v: Record<string, unknown>) => boolean } = {},
): Mock {
  if (data === 'loading') {
    return {
      request: { query, variables: () => true },
      delay: Number.POSITIVE_INFINITY,
      maxUsageCount: Number.POSITIVE_INFINITY,
    };
  }
  return {
    request: { query, variables: options.variables ?? (() => true) },
    result: { data: data as Record<string, unknown> },
    delay: options.delay ?? 20,
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

/** Fails every call of `query` as a network error would. */
export function fail(query: DocumentNode, message: string): Mock {
  return {
    request: { query, variables: () => true },
    error: new Error(message),
    delay: 20,
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

/** A subscription that is open but sends nothing, as a quiet server would. */
export function quietSubscription(query: DocumentNode): Mock {
  return {
    request: { query, variables: () => true },
    delay: Number.POSITIVE_INFINITY,
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

/** A mutation answered by `respond(variables)`, so interaction tests can assert what was sent. */
export function mutation(
  query: DocumentNode,
  respond: (variables: Record<string, unknown>) => unknown,
): Mock {
  return {
    request: { query, variables: () => true },
    result: (variables: Record<string, unknown>) => ({ data: respond(variables) as Record<string, unknown> }),
    delay: 20,
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

/** Story decorator: the component talks to MockLink instead of a server. */
export function withMocks(mocks: Mock[]): Decorator {
  const MockedGraphQL: Decorator = (Story) => (
    <MockedProvider mocks={mocks}>
      <Story />
    </MockedProvider>
  );
  return MockedGraphQL;
}
