import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './read-body.js';

/**
 * Largest GraphQL request (HTTP body or graphql-ws message). Every string input is at most 10 000 characters, so
 * a real operation needs far less; refusing bigger bodies before JSON.parse keeps a 100 000-element list from
 * costing 100 ms and tens of MB just to be parsed and refused.
 */
export const GRAPHQL_MAX_BODY_BYTES = 512 * 1024;

/** Serves Apollo Server from node:http (Apollo 5 has no express4 export; graphql-ws shares the same server). */
export function createGraphqlHttpHandler<Context extends object>(
  apollo: ApolloServer<Context>,
  makeContext: (req: IncomingMessage) => Promise<Context>,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const raw = await readBody(req, GRAPHQL_MAX_BODY_BYTES);
      if (raw === null) {
        res.writeHead(413, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            errors: [
              {
                message: `The request body is over ${GRAPHQL_MAX_BODY_BYTES / 1024} KB; send smaller inputs.`,
                extensions: { code: 'REQUEST_TOO_LARGE' },
              },
            ],
          }),
        );
        return;
      }
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
          }),
        );
        return;
      }
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => makeContext(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
