import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, waitFor, type TestServer } from './harness.js';

/**
 * One request must not take a deployment down: a prompt over the model's context is refused before any work,
 * and a request the client gives up on stops on the replica. The demo model has a 2 048-token context.
 */
const LONG_STORY = 'Tell me a long story';

describe('a replica stays available whatever one request asks', () => {
  let server: TestServer;
  let deployment: { id: string; deploymentId: string; endpoint: { baseUrl: string } };
  let key = '';

  const client = () => new OpenAI({ baseURL: deployment.endpoint.baseUrl, apiKey: key, maxRetries: 0 });
  const small = () =>
    client().chat.completions.create({
      model: 'x',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 4,
      temperature: 0,
    });
  const replicaHealth = async (): Promise<{ status: string; requestsInFlight: number }> => {
    const [replica] = server.app.services.runtime.replicas(deployment.deploymentId);
    const response = await fetch(`${replica!.baseUrl!.replace(/\/v1$/, '')}/health`);
    return (await response.json()) as { status: string; requestsInFlight: number };
  };

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite' });
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    const deployed = await server.gql<{
      deployModel: { deployment: typeof deployment; userErrors: unknown[] };
    }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId endpoint { baseUrl } } userErrors { message } } }`,
      {
        i: {
          modelId: models.data.models.nodes[0]!.id,
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          name: 'Limits',
          endpointTimeoutSeconds: 120,
          parameters: { maxLength: 32_768, inferenceBatchSize: 2 },
        },
      },
    );
    expect(deployed.data.deployModel.userErrors).toEqual([]);
    deployment = deployed.data.deployModel.deployment;
    const created = await server.gql<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { deploymentId: deployment.id, name: 'limits' } },
    );
    key = created.data.createApiKey.secret;
    await waitFor(
      async () => {
        const r = await server.gql<{ deployment: { status: string; failureReason: string | null } }>(
          `query($id: ID!) { deployment(id: $id) { status failureReason } }`,
          { id: deployment.id },
        );
        if (r.data.deployment.status === 'FAILED') throw new Error(r.data.deployment.failureReason ?? '');
        return r.data.deployment.status === 'DEPLOYED';
      },
      90_000,
      'the deployment to be DEPLOYED',
    );
  }, 120_000);

  afterAll(async () => {
    await server?.cleanup();
  });

  it('refuses a 3.9 MB prompt with 400 context_length_exceeded, then answers a small request', async () => {
    const error = await client()
      .chat.completions.create({
        model: 'x',
        messages: [{ role: 'user', content: 'lorem ipsum '.repeat(325_000) }],
        max_tokens: 16,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const refused = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(refused.status).toBe(400);
    expect(refused.error).toMatchObject({
      type: 'invalid_request_error',
      param: 'messages',
      code: 'context_length_exceeded',
    });
    expect(refused.message).toMatch(/maximum context length is 2048 tokens/);

    const answer = await small();
    expect(answer.choices[0]!.message.role).toBe('assistant');
  }, 60_000);

  it('refuses a streamed over-context request with a plain 400, before the stream starts', async () => {
    const error = await client()
      .chat.completions.create({
        model: 'x',
        messages: [{ role: 'user', content: 'lorem ipsum '.repeat(20_000) }],
        stream: true,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('context_length_exceeded');
  }, 60_000);

  it('refuses 10 000 messages with 400 context_length_exceeded, not a context-shift failure', async () => {
    const messages = Array.from({ length: 10_000 }, (_, i) => ({
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      content: `message ${i}`,
    }));
    const error = await client()
      .chat.completions.create({ model: 'x', messages, max_tokens: 8 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('context_length_exceeded');
    expect((await small()).choices).toHaveLength(1);
  }, 60_000);

  it('refuses an over-context plain completion prompt with param "prompt"', async () => {
    const v1 = new OpenAI({
      baseURL: deployment.endpoint.baseUrl.replace('/api/v2/', '/api/v1/'),
      apiKey: key,
      maxRetries: 0,
    });
    const error = await v1.completions
      .create({ model: 'x', prompt: 'lorem ipsum '.repeat(20_000), max_tokens: 8 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({
      param: 'prompt',
      code: 'context_length_exceeded',
    });
  }, 60_000);

  it('ends the answer where the context is full instead of failing when max_tokens does not fit', async () => {
    const answer = await client().chat.completions.create({
      model: 'x',
      messages: [{ role: 'user', content: LONG_STORY }],
      max_tokens: 5_000,
      temperature: 0,
    });
    expect(answer.choices[0]!.finish_reason).toBe('length');
    expect(answer.usage!.completion_tokens).toBeGreaterThan(1_000);
    expect(answer.usage!.prompt_tokens + answer.usage!.completion_tokens).toBeLessThan(2048);
  }, 120_000);

  it('stops the work of a request aborted mid-generation, and the next request is answered', async () => {
    // Without the abort this request generates over 1 000 tokens, until the context is full (previous test).
    const controller = new AbortController();
    const stream = await client().chat.completions.create(
      {
        model: 'x',
        messages: [{ role: 'user', content: LONG_STORY }],
        max_tokens: 32_768,
        temperature: 0,
        stream: true,
      },
      { signal: controller.signal },
    );
    let chunks = 0;
    let finishReason: string | null | undefined = null;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) chunks += 1;
      finishReason ??= chunk.choices[0]?.finish_reason;
      if (chunks === 3) {
        controller.abort();
        break;
      }
    }
    // The stream was given up on before its end.
    expect(chunks).toBe(3);
    expect(finishReason).toBeNull();

    // The small request runs beside the aborted one (two slots) and needs 4 tokens; the aborted one had over
    // 1 000 to go. Once the small one is answered, the replica reports nothing left running.
    const answer = await small();
    expect(answer.choices).toHaveLength(1);
    expect(await replicaHealth()).toEqual({ status: 'ready', requestsInFlight: 0 });
  }, 120_000);
});
