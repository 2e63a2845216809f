import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, waitFor, type TestServer } from './harness.js';

const CREATE = `mutation($i: CreatePlaygroundKeyInput!) {
  createPlaygroundKey(input: $i) {
    secret
    apiKey { id name expiresAt rateLimitPerMinute }
    userErrors { field code message }
  }
}`;

interface Created {
  createPlaygroundKey: {
    secret: string | null;
    apiKey: { id: string; name: string; expiresAt: string; rateLimitPerMinute: number } | null;
    userErrors: { field: string[]; code: string; message: string }[];
  };
}

// A short lifetime so that the expiry can be watched; the default is 15 minutes.
const KEY_SECONDS = 4;

describe('playground keys (createPlaygroundKey)', () => {
  let server: TestServer;
  let deployment: { id: string; deploymentId: string; endpoint: { baseUrl: string } };
  let modelId = '';
  let viewerToken = '';

  async function deploy(name: string, extra: Record<string, unknown> = {}) {
    const result = await server.gql<{
      deployModel: { deployment: typeof deployment; userErrors: unknown[] };
    }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId endpoint { baseUrl } } userErrors { message } } }`,
      { i: { modelId, name, hardwareProfileId: 'local-cpu', acceptTerms: true, ...extra } },
    );
    expect(result.data.deployModel.userErrors).toEqual([]);
    return result.data.deployModel.deployment;
  }

  beforeAll(async () => {
    server = await startTestServer({
      db: 'sqlite',
      env: { HANGAR_PLAYGROUND_KEY_SECONDS: String(KEY_SECONDS) },
    });
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    modelId = models.data.models.nodes[0]!.id;
    const viewer = await server.gql<{ createUser: { token: string } }>(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { token } }`,
      { i: { name: 'watcher', role: 'VIEWER' } },
    );
    viewerToken = viewer.data.createUser.token;
    deployment = await deploy('Chatty');
    await waitFor(
      async () =>
        (
          await server.gql<{ deployment: { status: string } }>(
            `query($id: ID!) { deployment(id: $id) { status } }`,
            {
              id: deployment.id,
            },
          )
        ).data.deployment.status === 'DEPLOYED',
      90_000,
      'the deployment to be DEPLOYED',
    );
  });
  afterAll(async () => server?.cleanup());

  it('gives a DEPLOYER a key that streams a chat, listed as "Playground · <user>" with its expiry and rate limit', async () => {
    const before = Date.now();
    const created = await server.gql<Created>(CREATE, { i: { deploymentId: deployment.id } });
    const payload = created.data.createPlaygroundKey;
    expect(payload.userErrors).toEqual([]);
    expect(payload.apiKey).toMatchObject({ name: 'Playground · admin', rateLimitPerMinute: 60 });
    const expiresIn = new Date(payload.apiKey!.expiresAt).getTime() - before;
    expect(expiresIn).toBeGreaterThan((KEY_SECONDS - 1) * 1000);
    expect(expiresIn).toBeLessThanOrEqual((KEY_SECONDS + 1) * 1000);

    const client = new OpenAI({
      baseURL: deployment.endpoint.baseUrl,
      apiKey: payload.secret!,
      maxRetries: 0,
    });
    const stream = await client.chat.completions.create({
      model: 'default',
      messages: [{ role: 'user', content: 'Hello' }],
      max_tokens: 8,
      stream: true,
    });
    const chunks: string[] = [];
    for await (const chunk of stream) chunks.push(chunk.object);
    expect(chunks.length).toBeGreaterThan(0);
    expect(new Set(chunks)).toEqual(new Set(['chat.completion.chunk']));

    const keys = await server.gql<{ deployment: { apiKeys: { id: string; name: string }[] } }>(
      `query($id: ID!) { deployment(id: $id) { apiKeys { id name } } }`,
      { id: deployment.id },
    );
    expect(keys.data.deployment.apiKeys).toContainEqual({
      id: payload.apiKey!.id,
      name: 'Playground · admin',
    });
  });

  it('the gateway refuses the key with 401 "expired" once its lifetime is over', async () => {
    const created = await server.gql<Created>(CREATE, { i: { deploymentId: deployment.id } });
    const { secret, apiKey } = created.data.createPlaygroundKey;
    const client = new OpenAI({ baseURL: deployment.endpoint.baseUrl, apiKey: secret!, maxRetries: 0 });
    const ask = () =>
      client.chat.completions.create({
        model: 'default',
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 4,
      });
    await expect(ask()).resolves.toMatchObject({ object: 'chat.completion' });

    const expiresAt = new Date(apiKey!.expiresAt).getTime();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 200));
    const refused = await ask().then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    expect((refused as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
    expect((refused as InstanceType<typeof OpenAI.APIError>).message).toMatch(/expired/);
  });

  it('is FORBIDDEN to a VIEWER and UNAUTHENTICATED without a token', async () => {
    const asViewer = await server.gql<Created>(CREATE, { i: { deploymentId: deployment.id } }, viewerToken);
    expect(asViewer.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const anonymous = await server.gql<Created>(CREATE, { i: { deploymentId: deployment.id } }, null);
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('names an unknown or malformed deployment ID (NOT_FOUND) and issues no key', async () => {
    const unknown = Buffer.from('Deployment:00000000-0000-0000-0000-000000000000').toString('base64url');
    for (const deploymentId of [unknown, 'not-an-id']) {
      const result = await server.gql<Created>(CREATE, { i: { deploymentId } });
      expect(result.data.createPlaygroundKey).toEqual({
        secret: null,
        apiKey: null,
        userErrors: [
          {
            field: ['input', 'deploymentId'],
            code: 'NOT_FOUND',
            message: `No deployment has the ID "${deploymentId}".`,
          },
        ],
      });
    }
  });

  it('refuses a deployment that is not running (saved without starting) with INVALID_STATE', async () => {
    const saved = await deploy('Saved for later', { startNow: false });
    const result = await server.gql<Created>(CREATE, { i: { deploymentId: saved.id } });
    expect(result.data.createPlaygroundKey.secret).toBeNull();
    expect(result.data.createPlaygroundKey.userErrors).toEqual([
      {
        field: ['input', 'deploymentId'],
        code: 'INVALID_STATE',
        message: 'Saved for later is not running (READY_TO_DEPLOY): start it to chat with it.',
      },
    ]);
  });
});
