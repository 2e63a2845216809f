import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { useEffect, useMemo, type ReactNode } from 'react';
import { HangarSettingsContext, type HangarSettings } from './hangar-settings.context.js';

export interface HangarClientOptions {
  /** GraphQL endpoint over HTTP, e.g. `https://hangar.example.com/graphql`. */
  url: string;
  /** Bearer token sent on every request and in the WebSocket `connectionParams`. */
  token?: string;
  /** WebSocket endpoint for subscriptions. @default `url` with http(s) replaced by ws(s) */
  wsUrl?: string;
  /**
   * One project (its id or slug): every component then shows and creates things of that project only (the
   * server narrows the viewer to it). Without it they show every project the viewer belongs to. @default undefined
   */
  project?: string;
}

/** The header (and connection parameter `project`) the server narrows a request to one project by. */
export const PROJECT_HEADER = 'x-hangar-project';

/** Builds an ApolloClient that sends queries and mutations over HTTP and subscriptions over graphql-ws. */
export function createHangarClient({ url, token, wsUrl, project }: HangarClientOptions): ApolloClient {
  const headers: Record<string, string> = {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(project ? { [PROJECT_HEADER]: project } : {}),
  };
  const http = new HttpLink({ uri: url, headers });
  const absolute = new URL(url, globalThis.location?.href ?? 'http://localhost/');
  const socketUrl = wsUrl ?? absolute.href.replace(/^http/, 'ws');
  const ws = new GraphQLWsLink(
    createClient({
      url: socketUrl,
      connectionParams: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(project ? { project } : {}),
      },
    }),
  );
  const link = ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    ws,
    http,
  );
  return new ApolloClient({ link, cache: new InMemoryCache() });
}

export type HangarProviderProps = {
  children?: ReactNode;
  /** Where ImportModelDialog sends tus uploads. @default `/uploads` next to `url` (or `/uploads`) */
  uploadUrl?: string;
} & (
  | {
      /** An ApolloClient the host app already has. */
      client: ApolloClient;
      url?: never;
      /** Bearer token for tus uploads (the client carries its own for GraphQL). @default undefined */
      token?: string;
      wsUrl?: never;
      /**
       * The project the host's own client is narrowed to (build it with `createHangarClient({ project })` or send
       * `x-hangar-project` yourself); ProjectSwitcher shows it as chosen. @default undefined
       */
      project?: string;
    }
  | ({ client?: never } & HangarClientOptions)
);

/**
 * Gives every Hangar component its GraphQL client: pass an existing `client`, or `url` (and `token`) and one
 * is built with HTTP and graphql-ws links. Components also work inside a host app's own ApolloProvider.
 */
export function HangarProvider(props: HangarProviderProps) {
  const { children, client: givenClient, url, token, wsUrl, uploadUrl, project } = props;
  // A new project is a new client: nothing cached for one project shows under another.
  const client = useMemo(() => {
    if (givenClient) return givenClient;
    if (!url)
      throw new Error(
        '<HangarProvider> needs either `client` (an ApolloClient) or `url` (the GraphQL endpoint).',
      );
    return createHangarClient({ url, token, wsUrl, project });
  }, [givenClient, url, token, wsUrl, project]);

  // A client we built owns a WebSocket; close it when the provider goes away or the settings change.
  useEffect(() => (givenClient ? undefined : () => client.stop()), [client, givenClient]);

  const settings = useMemo<HangarSettings>(
    () => ({
      token,
      project,
      uploadUrl:
        uploadUrl ??
        (url
          ? new URL('/uploads', new URL(url, globalThis.location?.href ?? 'http://localhost/')).href
          : '/uploads'),
    }),
    [token, uploadUrl, url, project],
  );

  return (
    <HangarSettingsContext.Provider value={settings}>
      <ApolloProvider client={client}>{children}</ApolloProvider>
    </HangarSettingsContext.Provider>
  );
}
