import { Ajv } from 'ajv';
import OpenAI from 'openai';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replicaPid } from './process-helpers.js';
import { startTestServer, waitFor, type TestServer } from './harness.js';

interface Mail {
  to: string[];
  body: string;
}

const DEPLOYMENT = `id deploymentId status endpoint { baseUrl url curl python javascript }`;

describe('the OpenAI-compatible gateway in front of a deployed demo model', () => {
  let server: TestServer;
  let smtp: SMTPServer;
  const mails: Mail[] = [];
  let a: {
    id: string;
    deploymentId: string;
    endpoint: { baseUrl: string; url: string; curl: string; python: string; javascript: string };
  };
  let b: { id: string; deploymentId: string };
  let keyA = '';
  let keyB = '';
  let modelId = '';

  async function deploy(input: Record<string, unknown>) {
    const result = await server.gql<{ deployModel: { deployment: typeof a; userErrors: unknown[] } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { ${DEPLOYMENT} } userErrors { field message } } }`,
      { i: { modelId, hardwareProfileId: 'local-cpu', acceptTerms: true, ...input } },
    );
    expect(result.data.deployModel.userErrors).toEqual([]);
    return result.data.deployModel.deployment;
  }

  async function createKey(deploymentId: string, extra: Record<string, unknown> = {}) {
    const result = await server.gql<{
      createApiKey: { secret: string; apiKey: { id: string; prefix: string } };
    }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id prefix } userErrors { field message } } }`,
      { i: { deploymentId, name: 'test key', ...extra } },
    );
    return result.data.createApiKey;
  }

  async function waitDeployed(id: string) {
    await waitFor(
      async () => {
        const r = await server.gql<{ deployment: { status: string; failureReason: string | null } }>(
          `query($id: ID!) { deployment(id: $id) { status failureReason } }`,
          { id },
        );
        if (r.data.deployment.status === 'FAILED')
          throw new Error(r.data.deployment.failureReason ?? 'failed');
        return r.data.deployment.status === 'DEPLOYED';
      },
      90_000,
      'deployment to be DEPLOYED',
    );
  }

  const client = (apiKey: string, baseURL = a.endpoint.baseUrl) =>
    new OpenAI({ baseURL, apiKey, maxRetries: 0 });

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let body = '';
        stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
        stream.on('end', () => {
          // Undo quoted-printable soft line breaks so the text reads as sent.
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            body: body.replace(/=\r?\n/g, ''),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    server = await startTestServer({
      db: 'sqlite',
      env: {
        HANGAR_SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`,
        HANGAR_NOTIFY_EMAILS: 'ops@example.com',
        // The timeout test below stops replicas for longer than the endpoint timeout on purpose; health probes
        // would restart them first (replica-health.test.ts covers that), so they are off in this file.
        HANGAR_HEALTH_INTERVAL_SECONDS: '0',
      },
    });
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    modelId = models.data.models.nodes[0]!.id;
    a = await deploy({
      name: 'Gateway A',
      endpointTimeoutSeconds: 30,
      parameters: { maxLength: 400, inferenceBatchSize: 2, temperature: 0.7 },
      scaling: { minReplicas: 1, maxReplicas: 2, scaleUpDelaySeconds: 1, scaleDownDelaySeconds: 3 },
    });
    b = await deploy({ name: 'Gateway B', startNow: false });
    keyA = (await createKey(a.id)).secret;
    keyB = (await createKey(b.id)).secret;
    await waitDeployed(a.id);
  }, 120_000);

  afterAll(async () => {
    await server?.cleanup();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('emails that the endpoint is ready', async () => {
    const mail = await waitFor(
      async () => mails.find((m) => m.body.includes('Gateway A is ready')),
      20_000,
      'ready email',
    );
    expect(mail.to).toContain('ops@example.com');
    expect(mail.body).toContain(a.endpoint.url);
  });

  it('gives the endpoint in three formats with a key placeholder', () => {
    expect(a.endpoint.url).toBe(`${a.endpoint.baseUrl}/chat/completions`);
    expect(a.endpoint.curl).toContain(`curl ${a.endpoint.url}`);
    expect(a.endpoint.curl).toContain('Authorization: Bearer $HANGAR_API_KEY');
    expect(a.endpoint.python).toContain(`base_url="${a.endpoint.baseUrl}"`);
    expect(a.endpoint.javascript).toContain(`baseURL: '${a.endpoint.baseUrl}'`);
  });

  it('answers chat completions and streams them to the official SDK', async () => {
    const completion = await client(keyA).chat.completions.create({
      model: a.deploymentId,
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 12,
      // Greedy: random weights sometimes sample end-of-text first; the greedy path always writes tokens.
      temperature: 0,
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);

    const stream = await client(keyA).chat.completions.create({
      model: a.deploymentId,
      messages: [{ role: 'user', content: 'Tell me a story' }],
      max_tokens: 16,
      temperature: 0,
      stream: true,
    });
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(finish).toMatch(/stop|length/);

    const models = await client(keyA).models.list();
    expect(models.data.length).toBeGreaterThan(0);
  });

  it('serves the legacy v1 completions and refuses response_format there', async () => {
    const v1 = client(keyA, a.endpoint.baseUrl.replace('/api/v2/', '/api/v1/'));
    const completion = await v1.completions.create({
      model: a.deploymentId,
      prompt: 'Once upon a time',
      max_tokens: 8,
    });
    expect(completion.choices[0]?.text).toBeTypeOf('string');
    const refused = await v1.completions
      .create({
        model: a.deploymentId,
        prompt: 'x',
        max_tokens: 4,
        response_format: { type: 'json_object' },
      } as never)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect((refused as InstanceType<typeof OpenAI.BadRequestError>).message).toMatch(
      /v2\/chat\/completions|structured output/i,
    );
  });

  it('returns JSON that matches a schema using every supported type, anyOf and enum', async () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        score: { type: 'number' },
        ok: { type: 'boolean' },
        count: { type: 'integer' },
        color: { enum: ['red', 'green', 'blue'] },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
        either: { anyOf: [{ type: 'integer' }, { type: 'boolean' }] },
        nested: {
          type: 'object',
          properties: { x: { type: 'integer' } },
          required: ['x'],
          additionalProperties: false,
        },
      },
      required: ['name', 'score', 'ok', 'count', 'color', 'tags', 'either', 'nested'],
      additionalProperties: false,
    };
    const validate = new Ajv().compile(schema);
    for (let i = 0; i < 3; i++) {
      const completion = await client(keyA).chat.completions.create({
        model: a.deploymentId,
        messages: [{ role: 'user', content: 'Describe a thing as JSON' }],
        max_tokens: 400,
        response_format: { type: 'json_schema', json_schema: { name: 'thing', schema } },
      });
      const parsed: unknown = JSON.parse(completion.choices[0]!.message.content!);
      expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('refuses an unsupported schema keyword with 400 naming it', async () => {
    const error = await client(keyA)
      .chat.completions.create({
        model: a.deploymentId,
        messages: [{ role: 'user', content: 'x' }],
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'z',
            schema: { type: 'object', properties: { zip: { type: 'string', pattern: '^[0-9]{5}$' } } },
          },
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toContain('pattern');
  });

  it('lets tool calls take precedence over the schema and says so in x-hangar-warning', async () => {
    const { data, response } = await client(keyA)
      .chat.completions.create({
        model: a.deploymentId,
        messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
        max_tokens: 200,
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              // An enum keeps the random-weight model's arguments short, so the call always completes.
              parameters: {
                type: 'object',
                properties: { city: { enum: ['Paris', 'Oslo'] } },
                required: ['city'],
              },
            },
          },
        ],
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'ignored', schema: { type: 'object' } },
        },
      })
      .withResponse();
    expect(response.headers.get('x-hangar-warning')).toMatch(/tool calls take precedence/);
    expect(data.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      type: 'function',
      function: { name: 'get_weather' },
    });
  });

  it('answers each error class with OpenAI error JSON', async () => {
    const missing = await fetch(a.endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"messages":[]}',
    });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBeTruthy();

    const call = (key: string, extra: Record<string, unknown> = {}, baseURL?: string) =>
      client(key, baseURL)
        .chat.completions.create({
          model: 'x',
          messages: [{ role: 'user', content: 'hi' }],
          max_tokens: 4,
          ...extra,
        })
        .catch((e: unknown) => e);

    expect(await call('hgr_sk_00000000000000000000000000000000')).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(await call(keyB)).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const unknown = await call(keyA, {}, a.endpoint.baseUrl.replace(a.deploymentId, 'dpl-doesnotexist'));
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    const bad = await call(keyA, { temperature: 3 });
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect((bad as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('temperature');
    const tooLong = await call(keyA, { max_tokens: 401 });
    expect((tooLong as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('max_tokens');
  });

  it('rate-limits a key with 429 and Retry-After, and a revoked key gets 401', async () => {
    const limited = await createKey(a.id, { rateLimitPerMinute: 2 });
    const call = () =>
      client(limited.secret)
        .chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }], max_tokens: 2 })
        .catch((e: unknown) => e);
    await call();
    await call();
    const third = await call();
    expect(third).toBeInstanceOf(OpenAI.RateLimitError);
    expect(
      Number((third as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')),
    ).toBeGreaterThan(0);

    const revoked = await server.gql<{ revokeApiKey: { apiKey: { revokedAt: string } } }>(
      `mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { apiKey { revokedAt } userErrors { message } } }`,
      { i: { id: limited.apiKey.id } },
    );
    expect(revoked.data.revokeApiKey.apiKey.revokedAt).toBeTruthy();
    expect(await call()).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('lists keys without secrets, with usage and deployment metrics', async () => {
    const result = await server.gql<{
      deployment: {
        apiKeys: { prefix: string; name: string; lastUsedAt: string | null; usage: { requests: number } }[];
        metrics: { totals: { requests: number; completionTokens: number; latencyP50Ms: number | null } };
      };
    }>(
      `query($id: ID!, $range: MetricsRangeInput!) { deployment(id: $id) { apiKeys { prefix name lastUsedAt usage { requests } } metrics(range: $range, step: 60) { totals { requests completionTokens latencyP50Ms } } } }`,
      { id: a.id, range: { from: new Date(Date.now() - 3_600_000).toISOString() } },
    );
    const keys = result.data.deployment.apiKeys;
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys.every((k) => k.prefix.startsWith('hgr_sk_') && k.prefix.length < 20)).toBe(true);
    expect(JSON.stringify(result.data)).not.toContain(keyA);
    expect(keys.some((k) => k.lastUsedAt && k.usage.requests > 0)).toBe(true);
    expect(result.data.deployment.metrics.totals.requests).toBeGreaterThan(0);
    expect(result.data.deployment.metrics.totals.completionTokens).toBeGreaterThan(0);
    // /metrics needs an ADMIN token (HANGAR_METRICS=public would open it).
    const prometheus = await (
      await fetch(`${server.app.url}/metrics`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    ).text();
    expect(prometheus).toContain(`hangar_gateway_requests_total{deployment_id="${a.deploymentId}"`);
    expect(prometheus).not.toContain(keyA);
  });

  it('scales up under load and back down after it', async () => {
    const ready = server.app.services.runtime.replicas(a.deploymentId).filter((r) => r.status === 'READY');
    expect(ready).toHaveLength(1);
    // Freeze the only replica: requests pile up in flight and in the queue, as under real load.
    const pid = await replicaPid(ready[0]!.baseUrl!);
    process.kill(pid, 'SIGSTOP');
    const load = Array.from({ length: 6 }, () =>
      client(keyA)
        .chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4 })
        .catch((e: unknown) => e),
    );
    try {
      await waitFor(
        async () =>
          server.app.services.runtime.replicas(a.deploymentId).filter((r) => r.status === 'READY').length ===
          2,
        60_000,
        'scale-up to 2 replicas',
      );
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const results = await Promise.all(load);
    expect(results.filter((r) => r instanceof Error)).toEqual([]);
    await waitFor(
      async () => server.app.services.runtime.replicas(a.deploymentId).length === 1,
      60_000,
      'scale-down to 1 replica',
    );
    const lines = await server.gql<{ deployment: { events: { message: string }[] } }>(
      `query($id: ID!) { deployment(id: $id) { events(last: 200) { message } } }`,
      { id: a.id },
    );
    const autoscaler = lines.data.deployment.events
      .map((e) => e.message)
      .filter((m) => m.startsWith('Autoscaler'));
    expect(autoscaler.some((m) => /up|2 replicas/i.test(m))).toBe(true);
    expect(autoscaler.some((m) => /down|1 replica/i.test(m))).toBe(true);
    // The API's last decision is the scale-down, with the reason its event line gave.
    const decision = await server.gql<{
      deployment: { lastScalingDecision: { fromReplicas: number; toReplicas: number; reason: string } };
    }>(
      `query($id: ID!) { deployment(id: $id) { lastScalingDecision { fromReplicas toReplicas reason error } } }`,
      { id: a.id },
    );
    expect(decision.data.deployment.lastScalingDecision).toMatchObject({
      fromReplicas: 2,
      toReplicas: 1,
      error: null,
    });
    expect(autoscaler).toContain(`Autoscaler: ${decision.data.deployment.lastScalingDecision.reason}`);
  });

  it('ends a request that outlives the endpoint timeout with a timeout error', async () => {
    const ready = server.app.services.runtime.replicas(a.deploymentId).filter((r) => r.status === 'READY');
    const pids = await Promise.all(ready.map((r) => replicaPid(r.baseUrl!)));
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    try {
      const error = await client(keyA)
        .chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(504);
      expect((error as InstanceType<typeof OpenAI.APIError>).type).toBe('timeout');
    } finally {
      for (const pid of pids) process.kill(pid, 'SIGCONT');
    }
  }, 60_000);
});
