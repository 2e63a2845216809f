import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../src/runtime/local/local-runtime.js';
import { collect, startTestServer, waitFor, type TestServer } from './harness.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('health probes of local replicas', () => {
  let server: TestServer;
  const stopped: number[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      db: 'sqlite',
      env: {
        HANGAR_HEALTH_INTERVAL_SECONDS: '1',
        HANGAR_HEALTH_TIMEOUT_SECONDS: '1',
        HANGAR_HEALTH_MISSES: '2',
      },
    });
  }, 60_000);
  afterAll(async () => {
    // A stopped process left behind would outlive the test: let it go on to its SIGKILL.
    for (const pid of stopped) if (alive(pid)) process.kill(pid, 'SIGCONT');
    await server?.cleanup();
  });

  it('a replica that is alive but stops answering leaves routing, is restarted, and the event line says so', async () => {
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    const deployed = await server.gql<{ deployModel: { deployment: { id: string; deploymentId: string } } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId } } }`,
      {
        i: {
          modelId: models.data.models.nodes[0]!.id,
          name: 'hangs',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
        },
      },
    );
    const { id, deploymentId } = deployed.data.deployModel.deployment;
    const runtime = server.app.services.runtime as LocalRuntime;
    await waitFor(
      async () => runtime.replicas(deploymentId).some((r) => r.status === 'READY'),
      90_000,
      'a ready replica',
    );
    const warning = 'replica 1 did not answer 2 health probes in a row; taken out of routing and restarted';
    const events = collect<{ deploymentEvents: { level: string; message: string } }>(
      server.ws(),
      `subscription($id: ID!) { deploymentEvents(deploymentId: $id) { level message } }`,
      { id },
      (items) => items.some((i) => i.deploymentEvents.message === warning),
      90_000,
    );
    await events.ready;

    const [hungPid] = runtime.replicaPids(deploymentId);
    stopped.push(hungPid!);
    // Alive (its exit never comes) but answering nothing.
    process.kill(hungPid!, 'SIGSTOP');
    const seen = await events.done;
    // Out of routing: the gateway routes only to READY replicas (the restart waits out its backoff first).
    expect(runtime.replicas(deploymentId).map((r) => [r.status, r.baseUrl])).toEqual([
      ['STARTING', undefined],
    ]);
    expect(seen.find((i) => i.deploymentEvents.message === warning)!.deploymentEvents.level).toBe('WARNING');
    await waitFor(async () => !alive(hungPid!), 15_000, 'the hung process to be killed');

    // Back in routing with a new process, and answering through the gateway.
    await waitFor(
      async () => {
        const [replica] = runtime.replicas(deploymentId);
        const [pid] = runtime.replicaPids(deploymentId);
        return replica?.status === 'READY' && pid !== undefined && pid !== hungPid;
      },
      90_000,
      'the restarted replica',
    );
    // The API counts the restart (ReplicaList shows it).
    const listed = await server.gql<{ deployment: { replicas: { status: string; restarts: number }[] } }>(
      `query($id: ID!) { deployment(id: $id) { replicas { status restarts } } }`,
      { id },
    );
    expect(listed.data.deployment.replicas).toEqual([{ status: 'READY', restarts: 1 }]);
    const key = await server.gql<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { deploymentId: id, name: 'k' } },
    );
    const answer = await fetch(`${server.app.url}/api/v2/deployments/${deploymentId}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${key.data.createApiKey.secret}`,
      },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], max_tokens: 2 }),
    });
    expect(answer.status).toBe(200);

    // The line stays in the deployment's history of events, and it never stopped being DEPLOYED.
    const history = await server.gql<{
      deployment: { status: string; events: { level: string; message: string }[] };
    }>(`query($id: ID!) { deployment(id: $id) { status events(last: 100) { level message } } }`, { id });
    expect(history.data.deployment.status).toBe('DEPLOYED');
    expect(history.data.deployment.events).toContainEqual({ level: 'WARNING', message: warning });
  }, 180_000);
});
