import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, waitFor, type TestServer } from './harness.js';

/** A receiver for the "endpoint ready" webhook that keeps every delivery's body. */
async function startReceiver(): Promise<{ url: string; bodies: Record<string, unknown>[]; server: Server }> {
  const bodies: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

describe('"endpoint ready" across a server restart', () => {
  const servers: TestServer[] = [];
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterAll(async () => {
    for (const server of servers.reverse()) await server.cleanup();
    receiver?.server.close();
  });

  it('is sent once per version: not again when the restarted server brings the deployment back', async () => {
    receiver = await startReceiver();
    const env = { HANGAR_WEBHOOK_URL: receiver.url };
    const first = await startTestServer({ db: 'sqlite', env });
    servers.push(first);
    const models = await first.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    const deployed = await first.gql<{ deployModel: { deployment: { id: string; deploymentId: string } } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId } } }`,
      {
        i: {
          modelId: models.data.models.nodes[0]!.id,
          name: 'Announced',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
        },
      },
    );
    const { id } = deployed.data.deployModel.deployment;
    await waitFor(async () => receiver!.bodies.length === 1, 90_000, 'the first webhook');
    await first.stop();

    const second = await startTestServer({ db: 'sqlite', env, reuse: { dataDir: first.dataDir } });
    servers.push(second);
    const status = async () =>
      (
        await second.gql<{ deployment: { status: string; events: { message: string }[] } }>(
          `query($id: ID!) { deployment(id: $id) { status events(last: 200) { message } } }`,
          { id },
        )
      ).data.deployment;
    // Back up after the restart: the resumed v1 reports ready again, which is not news.
    await waitFor(
      async () => {
        const d = await status();
        return (
          d.status === 'DEPLOYED' && d.events.some((e) => e.message === 'Resuming after a server restart.')
        );
      },
      90_000,
      'v1 back up after the restart',
    );
    // A new version is news: its webhook arrives, and it is the only one since the first.
    await second.gql(
      `mutation($i: RedeployDeploymentInput!) { redeployDeployment(input: $i) { userErrors { message } } }`,
      {
        i: { id, parameters: { temperature: 0.3 } },
      },
    );
    await waitFor(async () => receiver!.bodies.length >= 2, 90_000, 'the v2 webhook');
    await second.app.services.settled();
    expect(receiver.bodies.map((b) => b.versionName)).toEqual(['Announced_v1', 'Announced_v2']);
  }, 240_000);
});
