import type { ApolloClient } from '@apollo/client';
import { getApolloContext } from '@apollo/client/react';
import { useContext } from 'react';

/**
 * The client a component should use: its own `client` prop, else the nearest ApolloProvider (HangarProvider is
 * one). Throws a message that says how to fix a missing client instead of Apollo's generic invariant.
 */
export function useHangarClient(componentName: string, override?: ApolloClient): ApolloClient {
  const fromContext = useContext(getApolloContext()).client;
  const client = override ?? fromContext;
  if (!client) {
    throw new Error(
      `<${componentName} /> needs an ApolloClient: pass \`client\`, or wrap it in <HangarProvider url="…"> or your own <ApolloProvider>.`,
    );
  }
  return client;
}
