import OpenAI from 'openai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import { generateDemoModel } from '../src/modules/demo-model/demo-model.js';
import {
  hfBaseItems,
  safetensorsBytes,
  tinyHfConfig,
  tinyHfTensors,
} from './fixtures/archives/archive-builders.js';
import { startFakeHub, type FakeHub } from './fixtures/fake-hf-hub.js';
import { collect, startTestServer, waitFor, type TestServer } from './harness.js';

const PRIVATE_TOKEN = 'hf_private_token_0123456789abcdef';
const DEPLOY = `mutation($input: DeployModelInput!) { deployModel(input: $input) {
  deployment { id deploymentId status model { id name source status } } userErrors { field code message } } }`;

interface DeployResult {
  deployModel: {
    deployment: {
      id: string;
      deploymentId: string;
      status: string;
      model: { id: string; name: string; source: string; status: string };
    } | null;
    userErrors: { field: string[]; code: string; message: string }[];
  };
}

describe('deploying from Hugging Face (against a local stand-in of the hub)', () => {
  let hub: FakeHub;
  let server: TestServer & { dataDir: string; databaseUrl?: string };
  let work: string;
  let gguf: Buffer;
  const logLines: string[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'hangar-hf-test-'));
    gguf = await readFile((await generateDemoModel(join(work, 'tiny.gguf'))).path);
    const config = Buffer.from(JSON.stringify(tinyHfConfig()));
    hub = await startFakeHub([
      {
        id: 'hangar-test/tiny-llama-GGUF',
        files: { 'config.json': config, 'tiny-llama.Q8_0.gguf': gguf, 'README.md': Buffer.from('# tiny') },
      },
      { id: 'hangar-test/private-GGUF', token: PRIVATE_TOKEN, files: { 'tiny-llama.gguf': gguf } },
      {
        id: 'hangar-test/too-new',
        files: {
          'config.json': Buffer.from(JSON.stringify(tinyHfConfig({ transformers_version: '4.45.0' }))),
          'model.safetensors': safetensorsBytes(tinyHfTensors()),
        },
      },
      {
        id: 'hangar-test/safetensors-only',
        files: Object.fromEntries(
          hfBaseItems().map((i) => [i.name, Buffer.isBuffer(i.data) ? i.data : Buffer.from(i.data ?? '')]),
        ),
      },
    ]);
    server = await startTestServer({
      db: 'postgresql',
      env: { HANGAR_HF_ENDPOINT: hub.url },
      // Everything the server logs, at the most verbose level, to check that no token ever appears in it.
      appOptions: { logger: createLogger('trace', { write: (line: string) => void logLines.push(line) }) },
    });
  }, 60_000);
  afterAll(async () => {
    await server?.cleanup();
    await hub?.close();
    await rm(work, { recursive: true, force: true });
  });

  const deploy = (huggingFace: Record<string, unknown>, name: string) =>
    server.gql<DeployResult>(DEPLOY, {
      input: { huggingFace, name, hardwareProfileId: 'local-cpu', acceptTerms: true },
    });

  async function untilSettled(id: string) {
    return waitFor(
      async () => {
        const r = await server.gql<{ deployment: { status: string; failureReason: string | null } }>(
          `query($id: ID!) { deployment(id: $id) { status failureReason } }`,
          { id },
        );
        return ['DEPLOYED', 'FAILED'].includes(r.data.deployment.status) ? r.data.deployment : null;
      },
      90_000,
      'the deployment',
    );
  }

  it('deploys a public GGUF repository: downloads with live progress, then answers', async () => {
    const ws = server.ws();
    const progress = collect<{
      modelUpdated: { name: string; status: string; bytesReceived: number; bytesTotal: number } | null;
    }>(ws, `subscription { modelUpdated { name status bytesReceived bytesTotal } }`, {}, (items) =>
      items.some(
        (i) =>
          i.modelUpdated?.name === 'hangar-test--tiny-llama-GGUF' &&
          i.modelUpdated.status === 'READY_TO_DEPLOY',
      ),
    );
    await progress.ready;
    const r = await deploy({ repoId: 'hangar-test/tiny-llama-GGUF' }, 'From the hub');
    expect(r.data.deployModel.userErrors).toEqual([]);
    const deployment = r.data.deployModel.deployment!;
    expect(deployment.model).toMatchObject({
      name: 'hangar-test--tiny-llama-GGUF',
      source: 'HUGGING_FACE',
      status: 'IMPORTING',
    });

    const updates = (await progress.done)
      .map((i) => i.modelUpdated!)
      .filter((m) => m.name === 'hangar-test--tiny-llama-GGUF');
    expect(
      updates.some((u) => u.status === 'IMPORTING' && u.bytesReceived > 0 && u.bytesReceived < gguf.length),
    ).toBe(true);
    expect(updates.at(-1)).toMatchObject({
      status: 'READY_TO_DEPLOY',
      bytesReceived: gguf.length,
      bytesTotal: gguf.length,
    });

    expect(await untilSettled(deployment.id)).toMatchObject({ status: 'DEPLOYED', failureReason: null });
    const replica = server.app.services.runtime
      .replicas(deployment.deploymentId)
      .find((x) => x.status === 'READY')!;
    const completion = await new OpenAI({ baseURL: replica.baseUrl, apiKey: 'x' }).chat.completions.create({
      model: 'hub',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 4,
      // Greedy: random weights sometimes sample end-of-text first; the greedy path always writes tokens.
      temperature: 0,
    });
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a private repository without a connection, and deploys it with one; the token never comes back', async () => {
    const refused = await deploy({ repoId: 'hangar-test/private-GGUF' }, 'Private, no token');
    expect(refused.data.deployModel.deployment).toBeNull();
    expect(refused.data.deployModel.userErrors[0]).toMatchObject({
      field: ['input', 'huggingFace', 'connectionId'],
    });
    expect(refused.data.deployModel.userErrors[0]!.message).toMatch(/private or gated.*connection/);

    const created = await server.gql<{
      createConnection: {
        connection: { id: string; name: string; tokenHint: string } | null;
        userErrors: unknown[];
      };
    }>(
      `mutation($i: CreateConnectionInput!) { createConnection(input: $i) { connection { id name tokenHint } userErrors { message } } }`,
      { i: { name: 'team token', token: PRIVATE_TOKEN } },
    );
    expect(created.data.createConnection.userErrors).toEqual([]);
    const connection = created.data.createConnection.connection!;
    expect(connection.tokenHint).toBe(PRIVATE_TOKEN.slice(-4));

    // Not in the schema, not in the database in clear.
    const type = await server.gql<{ __type: { fields: { name: string }[] } }>(
      `{ __type(name: "Connection") { fields { name } } }`,
    );
    expect(type.data.__type.fields.map((f) => f.name).sort()).toEqual([
      'createdAt',
      'id',
      'name',
      'tokenHint',
    ]);
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    const rows = await db.query('select * from connections');
    const audit = await db.query('select * from audit_events');
    await db.end();
    expect(JSON.stringify(rows.rows)).not.toContain(PRIVATE_TOKEN);
    expect(rows.rows[0].encrypted_token).toMatch(/^v1:/);
    expect(JSON.stringify(audit.rows)).not.toContain(PRIVATE_TOKEN);

    const wrong = await server.gql<{ createConnection: { connection: { id: string } } }>(
      `mutation($i: CreateConnectionInput!) { createConnection(input: $i) { connection { id } } }`,
      { i: { name: 'wrong token', token: 'hf_not_the_right_one_123' } },
    );
    const withWrong = await deploy(
      { repoId: 'hangar-test/private-GGUF', connectionId: wrong.data.createConnection.connection.id },
      'Private, wrong',
    );
    expect(withWrong.data.deployModel.userErrors[0]!.message).toMatch(/token may not read/);

    const ok = await deploy({ repoId: 'hangar-test/private-GGUF', connectionId: connection.id }, 'Private');
    expect(ok.data.deployModel.userErrors).toEqual([]);
    expect(await untilSettled(ok.data.deployModel.deployment!.id)).toMatchObject({ status: 'DEPLOYED' });
    expect(hub.authorizations).toContain(`Bearer ${PRIVATE_TOKEN}`);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(PRIVATE_TOKEN);

    const listed = await server.gql<{ connections: { name: string }[] }>(`{ connections { name } }`);
    expect(listed.data.connections.map((c) => c.name)).toEqual(['team token', 'wrong token']);
    const deleted = await server.gql<{ deleteConnection: { deletedConnectionId: string } }>(
      `mutation($i: DeleteConnectionInput!) { deleteConnection(input: $i) { deletedConnectionId } }`,
      { i: { id: wrong.data.createConnection.connection.id } },
    );
    expect(deleted.data.deleteConnection.deletedConnectionId).toBe(wrong.data.createConnection.connection.id);
  }, 120_000);

  it('refuses a repository that needs a newer Transformers, a missing one, and safetensors-only on the local runtime', async () => {
    const tooNew = await deploy({ repoId: 'hangar-test/too-new' }, 'Too new');
    expect(tooNew.data.deployModel.deployment).toBeNull();
    expect(tooNew.data.deployModel.userErrors[0]!.message).toMatch(
      /needs Transformers 4\.45\.0.*4\.43\.1 or older/,
    );

    const missing = await deploy({ repoId: 'hangar-test/nope' }, 'Missing');
    expect(missing.data.deployModel.userErrors[0]!.message).toMatch(/does not exist/);

    const gpuOnly = await deploy({ repoId: 'hangar-test/safetensors-only' }, 'GPU only');
    expect(gpuOnly.data.deployModel.userErrors[0]!.message).toMatch(/needs a GPU runtime/);

    const badId = await deploy({ repoId: '../etc/passwd' }, 'Bad id');
    expect(badId.data.deployModel.userErrors[0]!.message).toMatch(/owner\/name/);
  });
});
