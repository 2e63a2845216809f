import { getOperationAST, type DocumentNode } from 'graphql';
import { ApolloLink } from '@apollo/client';
import { MockLink } from '@apollo/client/testing';
import { Observable } from 'rxjs';
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

/** Fails every call of `query` with a GraphQL error carrying `extensions.code`, as the server does. */
export function failWithCode(query: DocumentNode, message: string, code: string): Mock {
  return {
    request: { query, variables: () => true },
    result: { errors: [{ message, extensions: { code } }] } as unknown as Mock['result'],
    delay: 20,
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

/** A subscription that keeps sending: each of `messages` `interval` ms apart, then it stays open. */
export interface Stream {
  query: DocumentNode;
  messages: unknown[];
  interval?: number;
}

/**
 * Story decorator for live components: `streams` answer their subscriptions with several messages over time
 * (MockLink answers a subscription once and completes it); everything else goes to MockLink.
 */
export function withLiveMocks(mocks: Mock[], streams: Stream[]): Decorator {
  const byName = new Map(streams.map((stream) => [getOperationAST(stream.query)?.name?.value, stream]));
  const mockLink = new MockLink(mocks);
  const link = new ApolloLink((operation, forward) => {
    const stream = byName.get(operation.operationName);
    if (!stream) return forward(operation);
    return new Observable<ApolloLink.Result>((observer) => {
      const timers = stream.messages.map((data, index) =>
        setTimeout(
          () => observer.next({ data: data as Record<string, unknown> }),
          (stream.interval ?? 30) * (index + 1),
        ),
      );
      return () => timers.forEach(clearTimeout);
    });
  }).concat(mockLink);
  const LiveGraphQL: Decorator = (Story) => (
    <MockedProvider link={link}>
      <Story />
    </MockedProvider>
  );
  return LiveGraphQL;
}
