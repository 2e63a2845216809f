import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/relay.js';
import { writeGguf } from '../src/modules/demo-model/gguf-writer.js';
import { Model } from '../src/modules/model/model.entity.js';
import { ModelFormat, ModelKind, ModelSource, ModelStatus } from '../src/modules/model/model.enums.js';
import { replicaPid } from './process-helpers.js';
import { startTestServer, waitFor, type TestServer } from './harness.js';

const UPPERCASE = 'Hangar LoRA Uppercase';
const DIGITS = 'Hangar LoRA Digits';
const ADAPTER_FIELDS = `adapters { id name }`;

interface Payload {
  deployment: { id: string; adapters: { id: string; name: string }[] } | null;
  userErrors: { field: string[]; message: string; code: string }[];
}

async function modelIdByName(server: TestServer, name: string): Promise<string> {
  const r = await server.gql<{ models: { nodes: { id: string; name: string }[] } }>(
    `query($s: String!) { models(filter: { search: $s }) { nodes { id name } } }`,
    { s: name },
  );
  const node = r.data.models.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no model named ${name}`);
  return node.id;
}

async function change(
  server: TestServer,
  mutation: 'attachAdapter' | 'detachAdapter',
  deploymentId: string,
  adapterModelId: string,
  token?: string,
) {
  return server.gql<Record<string, Payload>>(
    `mutation($i: ${mutation === 'attachAdapter' ? 'AttachAdapterInput' : 'DetachAdapterInput'}!) {
      ${mutation}(input: $i) { deployment { id ${ADAPTER_FIELDS} } userErrors { field message code } }
    }`,
    { i: { deploymentId, adapterModelId } },
    token,
  );
}

/** A LoRA for a llama model with 32-wide embeddings: the demo model's are 64, so it cannot apply. */
async function writeMismatchedAdapter(path: string): Promise<void> {
  await writeGguf(path, {
    metadata: {
      'general.architecture': 'llama',
      'general.type': 'adapter',
      'adapter.type': 'lora',
      'adapter.lora.alpha': 1.5,
    },
    tensors: [
      { name: 'output.weight.lora_a', dims: [32, 1], type: 'F32', data: new Float32Array(32) },
      { name: 'output.weight.lora_b', dims: [1, 262], type: 'F32', data: new Float32Array(262) },
    ],
  });
}

async function addFileAdapter(server: TestServer, name: string, path: string, baseId: string) {
  const em = server.app.orm.em.fork();
  const base = await em.findOneOrFail(Model, { name: 'hangar-demo-tiny-llama' });
  expect(toGlobalId('Model', base.id)).toBe(baseId);
  const model = em.create(Model, {
    name,
    source: ModelSource.FILE,
    kind: ModelKind.ADAPTER,
    baseModel: base,
    format: ModelFormat.GGUF,
    status: ModelStatus.READY_TO_DEPLOY,
    storagePath: path,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  await em.flush();
  return toGlobalId('Model', model.id);
}

describe('LoRA adapters on one running deployment of the demo model (SQLite, real llama.cpp)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let deployment: { id: string; deploymentId: string; endpoint: { baseUrl: string } };
  let baseId = '';
  let uppercaseId = '';
  let digitsId = '';
  let client: OpenAI;

  const ask = async (model: string) =>
    (
      await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Say something' }],
        max_tokens: 12,
        temperature: 0,
      })
    ).choices[0]!.message.content ?? '';

  async function servingPid(): Promise<number> {
    const replicas = server.app.services.runtime.replicas(deployment.deploymentId);
    return replicaPid(replicas.find((r) => r.status === 'READY')!.baseUrl!);
  }

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite', env: { HANGAR_HEALTH_INTERVAL_SECONDS: '0' } });
    baseId = await modelIdByName(server, 'hangar-demo-tiny-llama');
    uppercaseId = await modelIdByName(server, UPPERCASE);
    digitsId = await modelIdByName(server, DIGITS);
    const deployed = await server.gql<{ deployModel: { deployment: typeof deployment } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) {
        deployment { id deploymentId endpoint { baseUrl } } userErrors { message } } }`,
      { i: { modelId: baseId, name: 'Adapters', hardwareProfileId: 'local-cpu', acceptTerms: true } },
    );
    deployment = deployed.data.deployModel.deployment;
    const key = await server.gql<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { deploymentId: deployment.id, name: 'adapters' } },
    );
    client = new OpenAI({
      baseURL: deployment.endpoint.baseUrl,
      apiKey: key.data.createApiKey.secret,
      maxRetries: 0,
    });
    await waitFor(
      async () => {
        const r = await server.gql<{ deployment: { status: string } }>(
          `query($id: ID!) { deployment(id: $id) { status } }`,
          { id: deployment.id },
        );
        return r.data.deployment.status === 'DEPLOYED';
      },
      90_000,
      'the deployment to be DEPLOYED',
    );
  }, 120_000);

  afterAll(async () => {
    await server?.cleanup();
  });

  it('attaches two adapters to the running replica without restarting it, and each answers differently from the base', async () => {
    const pid = await servingPid();
    const base = await ask('hangar-demo-tiny-llama');
    const first = await change(server, 'attachAdapter', deployment.id, uppercaseId);
    expect(first.data.attachAdapter!.userErrors).toEqual([]);
    const second = await change(server, 'attachAdapter', deployment.id, digitsId);
    expect(second.data.attachAdapter!.deployment!.adapters.map((a) => a.name)).toEqual([UPPERCASE, DIGITS]);
    expect(await servingPid()).toBe(pid);

    const upper = await ask(UPPERCASE);
    const digits = await ask(DIGITS);
    expect(upper).toMatch(/^[A-Z]+$/);
    expect(digits).toMatch(/^[0-9]+$/);
    expect(base).not.toBe(upper);
    expect(base).not.toBe(digits);
    // Temperature 0: the same adapter answers the same again, and a name the deployment does not know is the base.
    expect(await ask(UPPERCASE)).toBe(upper);
    expect(await ask('gpt-4o')).toBe(base);

    // The answer names the adapter that produced it, as vLLM's does.
    const named = await client.chat.completions.create({
      model: DIGITS,
      messages: [{ role: 'user', content: 'Count' }],
      max_tokens: 6,
      temperature: 0,
    });
    expect(named.model).toBe(DIGITS);

    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['hangar-demo-tiny-llama', UPPERCASE, DIGITS]);
  }, 60_000);

  it('answers requests for different adapters sent at once, each with its own adapter', async () => {
    const base = await ask('hangar-demo-tiny-llama');
    const names = [UPPERCASE, DIGITS, 'hangar-demo-tiny-llama', DIGITS, UPPERCASE, 'hangar-demo-tiny-llama'];
    const answers = await Promise.all(names.map((name) => ask(name)));
    answers.forEach((answer, i) => {
      if (names[i] === UPPERCASE) expect(answer).toMatch(/^[A-Z]+$/);
      else if (names[i] === DIGITS) expect(answer).toMatch(/^[0-9]+$/);
      else expect(answer).toBe(base);
    });
  }, 60_000);

  it('refuses a second attach of the same adapter, a base model, and an adapter of other dimensions', async () => {
    const again = await change(server, 'attachAdapter', deployment.id, uppercaseId);
    expect(again.data.attachAdapter!.userErrors).toEqual([
      expect.objectContaining({
        code: 'TAKEN',
        message: `${UPPERCASE} is already attached to this deployment.`,
      }),
    ]);
    const base = await change(server, 'attachAdapter', deployment.id, baseId);
    expect(base.data.attachAdapter!.userErrors[0]).toMatchObject({
      field: ['input', 'adapterModelId'],
      code: 'INVALID',
    });
    const path = join(server.dataDir, 'narrow-lora.gguf');
    await writeMismatchedAdapter(path);
    const narrowId = await addFileAdapter(server, 'narrow-lora', path, baseId);
    const narrow = await change(server, 'attachAdapter', deployment.id, narrowId);
    expect(narrow.data.attachAdapter!.deployment).toBeNull();
    expect(narrow.data.attachAdapter!.userErrors[0]!.code).toBe('UNSUPPORTED');
    expect(narrow.data.attachAdapter!.userErrors[0]!.message).toBe(
      "narrow-lora cannot be attached to hangar-demo-tiny-llama: The adapter's output.weight is for a 32×262 " +
        "weight, but the deployment's model has 64×262: the adapter was trained on a model of other dimensions.",
    );
    // The replica kept serving: llama.cpp never saw the file.
    expect(await ask(UPPERCASE)).toMatch(/^[A-Z]+$/);
  }, 30_000);

  it('lets only deployers attach, and records each attach in the audit log', async () => {
    const viewer = await server.gql<{ createUser: { token: string } }>(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { token } }`,
      { i: { name: 'vera viewer', role: 'VIEWER', email: 'vera@example.com' } },
    );
    const refused = await change(
      server,
      'detachAdapter',
      deployment.id,
      uppercaseId,
      viewer.data.createUser.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const audit = await server.gql<{ auditEvents: { action: string; actorName: string }[] }>(
      `{ auditEvents(last: 1000) { action actorName } }`,
    );
    expect(audit.data.auditEvents.filter((e) => e.action === 'attachAdapter')).toHaveLength(2);
  });

  it('detaches an adapter in place: its name then gets the OpenAI 404 model_not_found', async () => {
    const pid = await servingPid();
    const detached = await change(server, 'detachAdapter', deployment.id, digitsId);
    expect(detached.data.detachAdapter!.deployment!.adapters.map((a) => a.name)).toEqual([UPPERCASE]);
    const error = await ask(DIGITS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).param).toBe('model');
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(['hangar-demo-tiny-llama', UPPERCASE]);
    expect(await ask(UPPERCASE)).toMatch(/^[A-Z]+$/);
    expect(await servingPid()).toBe(pid);
    const again = await change(server, 'detachAdapter', deployment.id, digitsId);
    expect(again.data.detachAdapter!.userErrors[0]!.code).toBe('NOT_FOUND');
  }, 30_000);

  it('serves the attached adapters again after a server restart', async () => {
    await server.stop();
    server = await startTestServer({
      db: 'sqlite',
      reuse: { dataDir: server.dataDir },
      env: { HANGAR_HEALTH_INTERVAL_SECONDS: '0' },
    });
    await waitFor(
      async () =>
        server.app.services.runtime.replicas(deployment.deploymentId).some((r) => r.status === 'READY'),
      90_000,
      'a replica after the restart',
    );
    const r = await server.gql<{ deployment: { adapters: { name: string }[] } }>(
      `query($id: ID!) { deployment(id: $id) { ${ADAPTER_FIELDS} } }`,
      { id: deployment.id },
    );
    expect(r.data.deployment.adapters.map((a) => a.name)).toEqual([UPPERCASE]);
    client = new OpenAI({
      baseURL: client.baseURL.replace(/:\d+\//, `:${server.app.port}/`),
      apiKey: client.apiKey,
      maxRetries: 0,
    });
    expect(await ask(UPPERCASE)).toMatch(/^[A-Z]+$/);
  }, 120_000);
});

describe('attached adapters are stored with the deployment (PostgreSQL)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;

  afterAll(async () => {
    await server?.cleanup();
  });

  it('keeps the adapter list of a deployment that is not running across a restart', async () => {
    server = await startTestServer({ db: 'postgresql' });
    const baseId = await modelIdByName(server, 'hangar-demo-tiny-llama');
    const digitsId = await modelIdByName(server, DIGITS);
    const saved = await server.gql<{ deployModel: { deployment: { id: string } } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } userErrors { message } } }`,
      {
        i: {
          modelId: baseId,
          name: 'Later',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
          startNow: false,
        },
      },
    );
    const id = saved.data.deployModel.deployment.id;
    const attached = await change(server, 'attachAdapter', id, digitsId);
    expect(attached.data.attachAdapter!.deployment!.adapters.map((a) => a.name)).toEqual([DIGITS]);
    const { dataDir, databaseUrl } = server;
    await server.stop();
    server = await startTestServer({ db: 'postgresql', reuse: { dataDir, databaseUrl } });
    const r = await server.gql<{ deployment: { adapters: { name: string }[] } }>(
      `query($id: ID!) { deployment(id: $id) { ${ADAPTER_FIELDS} } }`,
      { id },
    );
    expect(r.data.deployment.adapters.map((a) => a.name)).toEqual([DIGITS]);
  }, 60_000);
});
