import OpenAI from 'openai';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, waitFor, type TestServer } from './harness.js';

interface Delivery {
  signature: string | undefined;
  body: string;
}

/** A receiver for the "endpoint ready" webhook, as a host product would run one. */
async function startReceiver(): Promise<{ url: string; deliveries: Delivery[]; server: Server }> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const signature = req.headers['x-hangar-signature'];
      deliveries.push({
        signature: typeof signature === 'string' ? signature : undefined,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/hangar`,
    deliveries,
    server,
  };
}

describe('an endpoint that becomes ready', () => {
  const SECRET = 'webhook-test-secret';
  let server: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let deployment: { id: string; deploymentId: string; endpoint: { baseUrl: string } };

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer({
      db: 'sqlite',
      env: { HANGAR_WEBHOOK_URL: receiver.url, HANGAR_WEBHOOK_SECRET: SECRET },
    });
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
          name: 'Hooked',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
        },
      },
    );
    expect(deployed.data.deployModel.userErrors).toEqual([]);
    deployment = deployed.data.deployModel.deployment;
  });
  afterAll(async () => {
    await server?.cleanup();
    receiver?.server.close();
  });

  it('posts a signed "deployment.ready" webhook the receiver can verify', async () => {
    const delivery = await waitFor(async () => receiver.deliveries[0], 90_000, 'the webhook');
    expect(delivery.signature).toBe(
      `sha256=${createHmac('sha256', SECRET).update(delivery.body).digest('hex')}`,
    );
    const event = JSON.parse(delivery.body) as Record<string, unknown>;
    expect(event).toMatchObject({
      event: 'deployment.ready',
      deploymentId: deployment.deploymentId,
      deploymentName: 'Hooked',
      versionName: 'Hooked_v1',
    });
    expect(event.endpointUrl).toContain(deployment.deploymentId);
    // The deployer's address goes to email only, never to a third-party receiver.
    expect(event).not.toHaveProperty('recipient');
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('serves an API key until its expiry, then refuses it with 401 "expired"', async () => {
    const expiresAt = new Date(Date.now() + 3_000);
    const created = await server.gql<{ createApiKey: { secret: string; userErrors: unknown[] } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret userErrors { message } } }`,
      { i: { deploymentId: deployment.id, name: 'short-lived', expiresAt: expiresAt.toISOString() } },
    );
    expect(created.data.createApiKey.userErrors).toEqual([]);
    const client = new OpenAI({
      baseURL: deployment.endpoint.baseUrl,
      apiKey: created.data.createApiKey.secret,
      maxRetries: 0,
    });
    const ask = () =>
      client.chat.completions.create({
        model: 'default',
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 4,
      });

    const before = await ask();
    expect(before.choices[0]?.message.content).toEqual(expect.any(String));

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt.getTime() - Date.now()) + 200));
    const refused = await ask().then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    expect((refused as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
    expect((refused as InstanceType<typeof OpenAI.APIError>).message).toMatch(/expired/);
  });
});
