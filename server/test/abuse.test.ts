import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startTestServer, type TestServer } from './harness.js';
import { ABUSE_DOCUMENTS } from './abuse.documents.js';

/** A raw HTTP request (fetch refuses to send a malformed path such as /%E0%A4%A). */
function rawGet(url: string, path: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

async function post(url: string, body: string, token: string | null) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const json = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  return {
    status: response.status,
    code: json.errors?.[0]?.extensions?.code,
    message: json.errors?.[0]?.message,
  };
}

describe('abusive GraphQL documents and requests', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite' });
  });
  afterAll(() => server.cleanup());

  it.each(ABUSE_DOCUMENTS.map((d) => [d.name, d] as const))(
    '%s is refused with a 4xx and its code, with no token and with an admin token',
    async (_name, doc) => {
      for (const token of [null, server.adminToken]) {
        const result = await post(
          server.app.url,
          JSON.stringify({ query: doc.query, variables: doc.variables }),
          token,
        );
        expect({ status: result.status, code: result.code }).toEqual({
          status: doc.status ?? 400,
          code: doc.code,
        });
        expect(result.message).toMatch(doc.message);
      }
    },
  );

  it('/healthz keeps answering while every abusive document is sent at once', async () => {
    let stop = false;
    const health: number[] = [];
    const probe = (async () => {
      while (!stop) {
        health.push((await fetch(`${server.app.url}/healthz`)).status);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const results = await Promise.all(
      ABUSE_DOCUMENTS.flatMap((doc) =>
        [1, 2, 3].map(async () => {
          const body = JSON.stringify({ query: doc.query, variables: doc.variables });
          const { status, code } = await post(server.app.url, body, null);
          return { name: doc.name, status, code };
        }),
      ),
    );
    stop = true;
    await probe;
    expect(results).toEqual(
      ABUSE_DOCUMENTS.flatMap((doc) =>
        [1, 2, 3].map(() => ({ name: doc.name, status: doc.status ?? 400, code: doc.code })),
      ),
    );
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((status) => status === 200)).toBe(true);
  });

  it('the same limits hold over graphql-ws, where a signed-in viewer may introspect', async () => {
    const client = server.ws();
    for (const doc of ABUSE_DOCUMENTS.filter((d) => d.overWebSocket)) {
      const errors = await new Promise<{ extensions?: { code?: string } }[]>((resolve) => {
        client.subscribe(
          { query: doc.query, variables: doc.variables },
          {
            next: (value) => resolve((value.errors ?? []) as unknown as { extensions?: { code?: string } }[]),
            error: (error) =>
              resolve(Array.isArray(error) ? error : [{ extensions: { code: String(error) } }]),
            complete: () => undefined,
          },
        );
      });
      expect({ name: doc.name, errors }).toMatchObject({
        name: doc.name,
        errors: [{ extensions: { code: doc.code } }],
      });
    }
    const introspection = await new Promise<unknown>((resolve, reject) => {
      client.subscribe(
        { query: '{ __schema { queryType { name } } }' },
        { next: (value) => resolve(value), error: reject, complete: () => undefined },
      );
    });
    expect(introspection).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('bad percent-encoding is a 400, not a 500', async () => {
    expect(await rawGet(server.app.url, '/%E0%A4%A')).toBe(400);
    expect(await rawGet(server.app.url, '/graphql/%ZZ')).toBe(400);
    expect(await rawGet(server.app.url, '/uploads/%ZZ')).toBe(400);
  });

  it('a 50 MB body gets a 413 with an OpenAI error from the gateway, and a 413 from /graphql', async () => {
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(first: 1) { nodes { id } } }`,
    );
    const deployed = await server.gql<{ deployModel: { deployment: { id: string; deploymentId: string } } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId } userErrors { message } } }`,
      {
        i: {
          modelId: models.data.models.nodes[0]!.id,
          name: 'Body limit',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          startNow: false,
        },
      },
    );
    const deployment = deployed.data.deployModel.deployment;
    const key = await server.gql<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { deploymentId: deployment.id, name: 'body limit' } },
    );
    const huge = Buffer.alloc(50 * 1024 * 1024, 'a');
    const response = await fetch(
      `${server.app.url}/api/v2/deployments/${deployment.deploymentId}/chat/completions`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${key.data.createApiKey.secret}`,
        },
        body: huge,
      },
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'request_too_large' },
    });
    const graphql = await fetch(`${server.app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(graphql.status).toBe(413);
    expect(await graphql.json()).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_TOO_LARGE' } }] });
  });

  it('introspection needs a token by default, and works with one', async () => {
    const query = '{ __schema { queryType { name } } }';
    const anonymous = await post(server.app.url, JSON.stringify({ query }), null);
    expect({ status: anonymous.status, code: anonymous.code }).toEqual({
      status: 401,
      code: 'INTROSPECTION_DISABLED',
    });
    const hidden = await post(
      server.app.url,
      JSON.stringify({ query: '{ a: __type(name: "Query") { name } }' }),
      null,
    );
    expect(hidden.code).toBe('INTROSPECTION_DISABLED');
    const signedIn = await server.gql<{ __schema: { queryType: { name: string } } }>(query);
    expect(signedIn.status).toBe(200);
    expect(signedIn.data.__schema.queryType.name).toBe('Query');
    const typename = await post(server.app.url, JSON.stringify({ query: '{ __typename }' }), null);
    expect(typename.status).toBe(200);
  });

  it('a 100 000-character name and a NUL byte are refused before they reach the database', async () => {
    const mutation = `mutation($i: CreateAccessTokenInput!) { createAccessToken(input: $i) { token userErrors { code } } }`;
    const huge = await post(
      server.app.url,
      JSON.stringify({ query: mutation, variables: { i: { name: 'x'.repeat(100_000) } } }),
      server.adminToken,
    );
    expect({ status: huge.status, code: huge.code }).toEqual({ status: 400, code: 'STRING_TOO_LONG' });
    expect(huge.message).toMatch(/100000 characters long; the limit is 200/);
    const inline = await post(
      server.app.url,
      JSON.stringify({
        query: `mutation { createAccessToken(input: { name: "${'y'.repeat(201)}" }) { token } }`,
      }),
      server.adminToken,
    );
    expect({ status: inline.status, code: inline.code }).toEqual({ status: 400, code: 'STRING_TOO_LONG' });
    const nul = await post(
      server.app.url,
      JSON.stringify({ query: mutation, variables: { i: { name: 'a\u0000b' } } }),
      server.adminToken,
    );
    expect({ status: nul.status, code: nul.code }).toEqual({ status: 400, code: 'INVALID_CHARACTER' });
    const tokens = await server.gql<{ auditEvents: { action: string }[] }>(
      `{ auditEvents(last: 1000) { action } }`,
    );
    expect(tokens.data.auditEvents.filter((e) => e.action === 'createAccessToken')).toEqual([]);
  });

  it('page sizes over their cap are refused with the cap in the message', async () => {
    const models = await server.gql(`{ models(first: 101) { totalCount } }`);
    expect({ status: models.status, code: models.errors?.[0]?.extensions?.code }).toEqual({
      status: 400,
      code: 'PAGE_SIZE_OUT_OF_RANGE',
    });
    expect(models.errors?.[0]?.message).toMatch(/0 to 100/);
    const audit = await server.gql(`query($n: Int) { auditEvents(last: $n) { action } }`, { n: 1001 });
    expect(audit.errors?.[0]?.message).toMatch(/0 to 1000/);
    const fine = await server.gql(`{ auditEvents(last: 1000) { action } }`);
    expect(fine.status).toBe(200);
    // A nested list field's own cap (Deployment.events: 500), refused even when no deployment exists.
    const events = await server.gql(`{ deployments(first: 1) { nodes { events(last: 501) { message } } } }`);
    expect(events.errors?.[0]?.message).toMatch(/events\(last\) is 501; ask for 0 to 500/);
  });
});

describe.each(DATABASES)('search and tag filters with special characters on %s', (db) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ db });
  });
  afterAll(() => server.cleanup());

  it('% and _ in a search match literally, and a tag with a quote is found', async () => {
    const models = await server.gql<{ models: { nodes: { id: string; name: string }[] } }>(
      `{ models(first: 1) { nodes { id name } } }`,
    );
    const model = models.data.models.nodes[0]!;
    const updated = await server.gql<{ updateModel: { userErrors: unknown[] } }>(
      `mutation($i: UpdateModelInput!) { updateModel(input: $i) { userErrors { message } } }`,
      { i: { id: model.id, description: 'ships 100% offline, in_place', tags: ['say "hi"', 'back\\slash'] } },
    );
    expect(updated.data.updateModel.userErrors).toEqual([]);
    const count = async (filter: Record<string, unknown>) =>
      (
        await server.gql<{ models: { totalCount: number } }>(
          `query($f: ModelFilter) { models(filter: $f) { totalCount } }`,
          { f: filter },
        )
      ).data.models.totalCount;
    expect(await count({ search: '100%' })).toBe(1);
    expect(await count({ search: 'in_place' })).toBe(1);
    expect(await count({ search: 'in%place' })).toBe(0);
    expect(await count({ search: 'n_p' })).toBe(1);
    expect(await count({ search: 'x_y' })).toBe(0);
    expect(await count({ tags: ['say "hi"'] })).toBe(1);
    expect(await count({ tags: ['back\\slash'] })).toBe(1);
    expect(await count({ tags: ['say'] })).toBe(0);
  });

  it('a filter of 100 tags (the most a list may hold) is answered, not an unexpected error', async () => {
    const result = await server.gql<{ models: { totalCount: number } }>(
      `query($f: ModelFilter) { models(filter: $f) { totalCount } }`,
      { f: { tags: Array.from({ length: 100 }, (_, i) => `tag-${i}`) } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.models.totalCount).toBe(0);
  });

  it('a NUL byte in a search is a clear user error', async () => {
    const result = await server.gql(`query($f: ModelFilter) { models(filter: $f) { totalCount } }`, {
      f: { search: 'a\u0000' },
    });
    expect({ status: result.status, code: result.errors?.[0]?.extensions?.code }).toEqual({
      status: 400,
      code: 'INVALID_CHARACTER',
    });
  });
});
