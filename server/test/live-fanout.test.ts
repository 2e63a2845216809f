import type { Client } from 'graphql-ws';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fromGlobalId } from '../src/graphql/relay.js';
import { Deployment } from '../src/modules/deployment/deployment.entity.js';
import { Model } from '../src/modules/model/model.entity.js';
import { ModelSource, ModelStatus } from '../src/modules/model/model.enums.js';
import { collect, startTestServer, waitFor, type TestServer } from './harness.js';

const ROW = `subscription($id: ID) { deploymentUpdated(deploymentId: $id) { id status description model { name } } }`;

type Row = { deploymentUpdated: { id: string; description: string } };

/** Every `next` a graphql-ws client receives on one subscription, as it arrives. */
function follow(client: Client, query: string, variables: Record<string, unknown>) {
  const items: Row[] = [];
  const errors: unknown[] = [];
  client.subscribe<Row>(
    { query, variables },
    {
      next: (value) => (value.errors ? errors.push(value.errors) : items.push(value.data as Row)),
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { items, errors };
}

describe('live subscriptions share one execution per event', () => {
  let server: TestServer;
  let statements: string[] = [];
  let counting = false;
  let deploymentId: string;

  beforeAll(async () => {
    server = await startTestServer({
      db: 'sqlite',
      // A small bound, so that a paused reader crosses it after a few events.
      env: { HANGAR_LIVE_MAX_BUFFERED_BYTES: String(256 * 1024) },
      appOptions: { onQuery: (sql) => counting && statements.push(sql) },
    });
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    const created = await server.gql<{ deployModel: { deployment: { id: string } } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } } }`,
      {
        i: {
          modelId: models.data.models.nodes[0]!.id,
          name: 'live',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          startNow: false,
        },
      },
    );
    deploymentId = created.data.deployModel.deployment.id;
  });
  afterAll(async () => server?.cleanup());

  const describeAs = (description: string) =>
    server.gql(
      `mutation($i: UpdateDeploymentInput!) { updateDeployment(input: $i) { userErrors { message } } }`,
      { i: { id: deploymentId, description } },
    );

  /**
   * SQL statements of one event's fan-out: the row is changed and the event published directly, so that only
   * what the subscribers cost is counted, from the publish until every subscriber holds the new state.
   */
  async function statementsPerEvent(subscribers: ReturnType<typeof follow>[], description: string) {
    const em = server.app.orm.em.fork();
    const deployment = await em.findOneOrFail(Deployment, {
      id: fromGlobalId(deploymentId, 'Deployment').id,
    });
    deployment.description = description;
    await em.flush();
    statements = [];
    counting = true;
    await server.app.services.pubsub.publish('DEPLOYMENT_UPDATED', {
      id: deployment.id,
      modelId: deployment.model.id,
      projectId: deployment.project.id,
    });
    await waitFor(
      async () => subscribers.every((s) => s.items.at(-1)?.deploymentUpdated.description === description),
      20_000,
      `every subscriber to see "${description}"`,
    );
    counting = false;
    return statements.length;
  }

  it('100 subscribers cause the same SQL statements per event as 1, at most 3', async () => {
    const one = [follow(server.ws(), ROW, { id: deploymentId })];
    await waitFor(async () => server.app.live.subscriberCount === 1, 10_000, 'the first subscription');
    const forOne = await statementsPerEvent(one, 'seen by one');

    const hundred = [...one];
    for (let i = 1; i < 100; i++) hundred.push(follow(server.ws(), ROW, { id: deploymentId }));
    await waitFor(async () => server.app.live.subscriberCount === 100, 20_000, '100 subscriptions');
    const forHundred = await statementsPerEvent(hundred, 'seen by a hundred');

    expect(forOne).toBeGreaterThan(0);
    expect(forOne).toBeLessThanOrEqual(3);
    expect(forHundred).toBe(forOne);
    // Same document, variables and role: one execution serves them all.
    expect(server.app.live.groupCount).toBe(1);
    for (const subscriber of hundred) expect(subscriber.errors).toEqual([]);
  });

  it('delivers the last state of a burst of changes', async () => {
    const subscriber = follow(server.ws(), ROW, { id: deploymentId });
    await waitFor(async () => server.app.live.subscriberCount >= 101, 10_000, 'the subscription');
    for (let i = 0; i < 10; i++) await describeAs(`burst ${i}`);
    await waitFor(
      async () => subscriber.items.at(-1)?.deploymentUpdated.description === 'burst 9',
      20_000,
      'the final state',
    );
    expect(subscriber.items.length).toBeLessThanOrEqual(10);
    expect(subscriber.errors).toEqual([]);
  });

  it('closes a subscriber that stops reading while the others keep receiving', async () => {
    const slow = new WebSocket(`${server.app.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const acked = new Promise<void>((resolve) =>
      slow.on('message', (data) => {
        if (String(data).includes('connection_ack')) resolve();
      }),
    );
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      slow.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    await new Promise((resolve) => slow.once('open', resolve));
    slow.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${server.adminToken}` } }),
    );
    await acked;
    const before = server.app.live.subscriberCount;
    // 300 subscriptions on one socket: each event puts ~600 KB in its way, past the kernel's buffers quickly.
    for (let i = 0; i < 300; i++) {
      slow.send(
        JSON.stringify({
          id: `slow-${i}`,
          type: 'subscribe',
          payload: { query: ROW, variables: { id: deploymentId } },
        }),
      );
    }
    await waitFor(
      async () => server.app.live.subscriberCount === before + 300,
      10_000,
      'the slow subscriptions',
    );
    (slow as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();

    const fast = follow(server.ws(), ROW, { id: deploymentId });
    await waitFor(
      async () => server.app.live.subscriberCount === before + 301,
      10_000,
      'the fast subscription',
    );
    let events = 0;
    while (server.app.live.subscriberCount > before + 1 && events < 200) {
      const description = `event ${events++} `.padEnd(2000, '.');
      await describeAs(description);
      await waitFor(
        async () => fast.items.at(-1)?.deploymentUpdated.description === description,
        20_000,
        `the fast subscriber to see event ${events - 1}`,
      );
    }
    expect(server.app.live.subscriberCount).toBe(before + 1);

    // The others go on.
    await describeAs('after the cut');
    await waitFor(
      async () => fast.items.at(-1)?.deploymentUpdated.description === 'after the cut',
      20_000,
      'delivery after the cut',
    );
    expect(fast.errors).toEqual([]);

    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toEqual({
      code: 1013,
      reason: 'Subscriber too slow: its unread messages exceeded the server bound',
    });
  });

  it('closes the sockets of a revoked access token, and only those', async () => {
    const created = await server.gql<{ createAccessToken: { token: string; accessToken: { id: string } } }>(
      `mutation { createAccessToken(input: { name: "dashboard" }) { token accessToken { id } } }`,
    );
    const token = created.data.createAccessToken.token;
    const before = server.app.live.subscriberCount;
    const revokedClient = server.ws(token);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      revokedClient.on('closed', (event) => resolve(event as { code: number; reason: string })),
    );
    const revokedSubscriber = follow(revokedClient, ROW, { id: deploymentId });
    const other = follow(server.ws(), ROW, { id: deploymentId });
    await waitFor(async () => server.app.live.subscriberCount === before + 2, 10_000, 'both subscriptions');
    await describeAs('before the revoke');
    await waitFor(
      async () =>
        revokedSubscriber.items.at(-1)?.deploymentUpdated.description === 'before the revoke' &&
        other.items.at(-1)?.deploymentUpdated.description === 'before the revoke',
      20_000,
      'both subscribers',
    );

    const revoked = await server.gql<{
      revokeAccessToken: { accessToken: { revokedAt: string | null }; userErrors: unknown[] };
    }>(
      `mutation($i: RevokeAccessTokenInput!) { revokeAccessToken(input: $i) { accessToken { revokedAt } userErrors { message } } }`,
      { i: { id: created.data.createAccessToken.accessToken.id } },
    );
    expect(revoked.data.revokeAccessToken.userErrors).toEqual([]);
    expect(revoked.data.revokeAccessToken.accessToken.revokedAt).not.toBeNull();
    expect(await closed).toMatchObject({ code: 4403, reason: 'The access token was revoked' });
    await waitFor(
      async () => server.app.live.subscriberCount === before + 1,
      10_000,
      'the revoked subscription to end',
    );

    await describeAs('after the revoke');
    await waitFor(
      async () => other.items.at(-1)?.deploymentUpdated.description === 'after the revoke',
      20_000,
      'the other subscriber',
    );
    expect(revokedSubscriber.items.at(-1)?.deploymentUpdated.description).toBe('before the revoke');
    // The token no longer opens a connection either.
    const again = server.ws(token);
    const refused = new Promise<{ code: number }>((resolve) =>
      again.on('closed', (event) => resolve(event as { code: number })),
    );
    follow(again, ROW, { id: deploymentId });
    expect((await refused).code).toBe(4403);
  });

  it('a deleted model leaves the live model list', async () => {
    const em = server.app.orm.em.fork();
    const model = em.create(Model, {
      name: 'short-lived',
      source: ModelSource.FILE,
      status: ModelStatus.READY_TO_DEPLOY,
    });
    await em.flush();
    type Change = { modelsChanged: { kind: string; id: string; model: { name: string } | null } };
    const changes = collect<Change>(
      server.ws(),
      `subscription { modelsChanged { kind id model { name } } }`,
      {},
      (items) => items.some((i) => i.modelsChanged.kind === 'DELETED'),
      20_000,
    );
    await changes.ready;
    const deleted = await server.gql<{ deleteModel: { deletedModelId: string | null } }>(
      `mutation($i: DeleteModelInput!) { deleteModel(input: $i) { deletedModelId userErrors { message } } }`,
      { i: { id: model.globalId } },
    );
    expect(deleted.data.deleteModel.deletedModelId).toBe(model.globalId);
    expect((await changes.done).at(-1)).toEqual({
      modelsChanged: { kind: 'DELETED', id: model.globalId, model: null },
    });
  });
});

const JWT_SECRET = 'host-product-shared-secret-for-live-tests-0123456789';

describe('a change of status is never coalesced away; a JWT socket ends with its JWT', () => {
  let server: TestServer;
  // A window far longer than the test: whatever goes out before it ends went out because it was a status change.
  beforeAll(async () => {
    server = await startTestServer({
      db: 'sqlite',
      env: { HANGAR_LIVE_WINDOW_MS: '600000', HANGAR_JWT_SECRET: JWT_SECRET },
    });
  });
  afterAll(async () => server?.cleanup());

  it('a phase shorter than the window is seen, progress inside one status still waits for the window', async () => {
    const em = server.app.orm.em.fork();
    const model = em.create(Model, {
      name: 'phases',
      source: ModelSource.FILE,
      status: ModelStatus.IMPORTING,
      bytesReceived: 1,
    });
    await em.flush();
    type Seen = { modelUpdated: { status: string; bytesReceived: number } };
    const seen: Seen[] = [];
    server.ws().subscribe<Seen>(
      {
        query: `subscription($id: ID) { modelUpdated(id: $id) { status bytesReceived } }`,
        variables: { id: model.globalId },
      },
      { next: (value) => seen.push(value.data as Seen), error: () => undefined, complete: () => undefined },
    );
    await waitFor(async () => server.app.live.subscriberCount === 1, 10_000, 'the subscription');
    const set = async (status: ModelStatus, bytesReceived: number) => {
      model.status = status;
      model.bytesReceived = bytesReceived;
      await em.flush();
      await server.app.services.pubsub.publish('MODEL_UPDATED', {
        id: model.id,
        projectId: model.project?.id ?? null,
        status,
      });
    };
    const sees = (status: string, bytes: number) =>
      waitFor(
        async () =>
          seen.some((s) => s.modelUpdated.status === status && s.modelUpdated.bytesReceived === bytes),
        20_000,
        `${status} with ${bytes} bytes`,
      );

    await set(ModelStatus.IMPORTING, 2); // after a quiet window: out at once
    await sees('IMPORTING', 2);
    await set(ModelStatus.IMPORTING, 3); // same status inside the window: waits
    await set(ModelStatus.VALIDATING, 4); // a new status: out at once, with the progress it absorbed
    await sees('VALIDATING', 4);
    await set(ModelStatus.READY_TO_DEPLOY, 4);
    await sees('READY_TO_DEPLOY', 4);

    expect(seen.map((s) => `${s.modelUpdated.status} ${s.modelUpdated.bytesReceived}`)).toEqual([
      'IMPORTING 2',
      'VALIDATING 4',
      'READY_TO_DEPLOY 4',
    ]);
  });

  it('closes a socket opened with a host JWT when the JWT expires (4401), not before', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 3;
    const jwt = await new SignJWT({ name: 'Host dashboard', roles: ['viewer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('host-screen-1')
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(JWT_SECRET));
    const client = server.ws(jwt);
    const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
      client.on('closed', (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolve({ code, reason, at: Date.now() });
      }),
    );
    const before = server.app.live.subscriberCount;
    client.subscribe(
      { query: `subscription { modelsChanged { kind id } }` },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    await waitFor(async () => server.app.live.subscriberCount === before + 1, 10_000, 'the subscription');
    const ended = await closed;
    expect(ended).toMatchObject({ code: 4401, reason: 'The JWT expired: reconnect with a fresh one' });
    expect(ended.at).toBeGreaterThanOrEqual(expiresAt * 1000);
    await waitFor(async () => server.app.live.subscriberCount === before, 10_000, 'the subscription to end');
  });
});
