import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHub, type FakeHub } from './fixtures/fake-hf-hub.js';
import { startTestServer, type TestServer } from './harness.js';

const GOOD_TOKEN = 'hf_known_to_the_hub_0123456789';
const CREATE = `mutation($i: CreateConnectionInput!) { createConnection(input: $i) { connection { id } userErrors { message } } }`;
const TEST = `mutation($i: TestConnectionInput!) {
  testConnection(input: $i) { result { ok account tokenRole message checkedAt } userErrors { field code message } }
}`;

interface Tested {
  testConnection: {
    result: {
      ok: boolean;
      account: string | null;
      tokenRole: string | null;
      message: string;
      checkedAt: string;
    } | null;
    userErrors: { field: string[]; code: string; message: string }[];
  };
}

describe('testConnection against a stand-in of the Hugging Face hub', () => {
  let hub: FakeHub;
  let server: TestServer;
  let viewerToken = '';

  async function connect(name: string, token: string): Promise<string> {
    const created = await server.gql<{ createConnection: { connection: { id: string } } }>(CREATE, {
      i: { name, token },
    });
    return created.data.createConnection.connection.id;
  }

  beforeAll(async () => {
    hub = await startFakeHub([{ id: 'hangar-test/private', token: GOOD_TOKEN, files: {} }]);
    server = await startTestServer({ db: 'sqlite', env: { HANGAR_HF_ENDPOINT: hub.url } });
    const viewer = await server.gql<{ createUser: { token: string } }>(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { token } }`,
      { i: { name: 'watcher', role: 'VIEWER' } },
    );
    viewerToken = viewer.data.createUser.token;
  });
  afterAll(async () => {
    await server?.cleanup();
    await hub?.close();
  });

  it('says whose token it is when the hub accepts it, and sends the stored token to the configured hub', async () => {
    const id = await connect('work', GOOD_TOKEN);
    const tested = await server.gql<Tested>(TEST, { i: { id } });
    expect(tested.data.testConnection.userErrors).toEqual([]);
    expect(tested.data.testConnection.result).toMatchObject({
      ok: true,
      account: 'hangar-test',
      tokenRole: 'read',
      message: `${hub.url} accepts the token: it belongs to hangar-test (read access).`,
    });
    expect(hub.authorizations).toContain(`Bearer ${GOOD_TOKEN}`);
    const audit = await server.gql<{ auditEvents: { action: string; details: unknown }[] }>(
      `{ auditEvents(last: 5) { action details } }`,
    );
    const event = audit.data.auditEvents.find((e) => e.action === 'testConnection');
    expect(JSON.stringify(event)).not.toContain(GOOD_TOKEN);
  });

  it('says the hub refused a revoked or wrong token, and what to do', async () => {
    const id = await connect('stale', 'hf_revoked_long_ago_000000');
    const tested = await server.gql<Tested>(TEST, { i: { id } });
    expect(tested.data.testConnection.result).toMatchObject({ ok: false, account: null });
    expect(tested.data.testConnection.result!.message).toBe(
      `${hub.url} refused the token (401): it is invalid, expired or revoked. Create a new one at huggingface.co/settings/tokens and add the connection again.`,
    );
  });

  it('names a token that is not a Hugging Face token without asking the hub', async () => {
    const id = await connect('typo', 'ghp_not_a_hub_token_123');
    const before = hub.authorizations.length;
    const tested = await server.gql<Tested>(TEST, { i: { id } });
    expect(tested.data.testConnection.result).toMatchObject({ ok: false });
    expect(tested.data.testConnection.result!.message).toMatch(/start with hf_/);
    expect(hub.authorizations.length).toBe(before);
  });

  it('refuses an unknown connection with NOT_FOUND, and a VIEWER with FORBIDDEN', async () => {
    const unknown = Buffer.from('Connection:00000000-0000-0000-0000-000000000000').toString('base64url');
    const tested = await server.gql<Tested>(TEST, { i: { id: unknown } });
    expect(tested.data.testConnection).toEqual({
      result: null,
      userErrors: [
        { field: ['input', 'id'], code: 'NOT_FOUND', message: `No connection has the ID "${unknown}".` },
      ],
    });
    const asViewer = await server.gql<Tested>(TEST, { i: { id: unknown } }, viewerToken);
    expect(asViewer.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('says the hub could not be reached when it is down', async () => {
    const id = await connect('offline', GOOD_TOKEN);
    await hub.close();
    const tested = await server.gql<Tested>(TEST, { i: { id } });
    expect(tested.data.testConnection.result).toMatchObject({ ok: false });
    expect(tested.data.testConnection.result!.message).toMatch(new RegExp(`^Could not reach ${hub.url}: `));
  });
});
