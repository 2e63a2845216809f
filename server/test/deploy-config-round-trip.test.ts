import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry } from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EMPTY_FORM,
  stepsFor,
  toDeployInput,
  validateStep,
  withConfiguration,
  type WizardForm,
} from '../../components/src/deploy-wizard/deploy-wizard.form.js';
import {
  DEPLOYMENT_CONFIG_FIELDS as FIELDS,
  DEPLOYMENT_DETAIL_FIELDS as DETAILS,
} from '../src/core/deployment-config/deployment-config.fields.js';
import { loadHardwareProfiles, type HardwareProfile } from '../src/core/hardware-profile.js';
import { servingJobId } from '../src/runtime/nomad/nomad-job.common.js';
import { NomadRuntime } from '../src/runtime/nomad/nomad.runtime.js';
import {
  openEntryStream,
  openZip,
  readCentralDirectory,
} from '../src/modules/import/validation/zip-archive.reader.js';
import { buildGgufBaseArchive } from './fixtures/archives/archive-builders.js';
import { createUpload, patchUpload } from './fixtures/tus-requests.js';
import { startTestServer, waitFor, type TestServer } from './harness.js';
import { NomadDouble } from './nomad-double/nomad-double.js';

/**
 * For every shipped hardware profile: a configuration at the table's limits is deployed, exported with the model,
 * imported again, pre-filled into the deploy wizard (its pure form functions), and the wizard's mutation input
 * deploys. Local profiles run on the local runtime; Nomad profiles on a Nomad-runtime app against the double.
 */

const CONFIG_FIELDS = `optimization { technique quantization }
  parameters { temperature maxLength topP topK stopSequences inferenceBatchSize }
  hardwareProfileId scaling { minReplicas maxReplicas scaleUpDelaySeconds scaleDownDelaySeconds scaleToZeroAfterSeconds autoscalerMode targetTtftMs targetTokensPerSecondPerReplica }`;
const DEPLOY = `mutation($input: DeployModelInput!) {
  deployModel(input: $input) {
    deployment { id deploymentId status configuration { ${CONFIG_FIELDS} } }
    userErrors { field code message }
  }
}`;
const ACL_TOKEN = 'nomad-acl-token-for-tests';
const PROFILES = loadHardwareProfiles();

type Configuration = Record<string, unknown>;
interface Deployed {
  deployment: { id: string; deploymentId: string; status: string; configuration: Configuration } | null;
  userErrors: { field: string[]; code: string; message: string }[];
}

/** A demanding configuration: most fields at a table limit (a local replica count the 2-core machine can run). */
function configurationFor(profile: HardwareProfile) {
  const { parameters: P, scaling: S } = FIELDS;
  const local = profile.runtime === 'local';
  return {
    // GGUF quantization is the local runtime's optimization; Nomad serves a GGUF model as it is.
    optimization: local
      ? { technique: 'GGUF_QUANTIZATION', quantization: 'Q4_K_M' }
      : { technique: 'NONE', quantization: 'NONE' },
    parameters: {
      temperature: P.temperature.max,
      maxLength: P.maxLength.max,
      topP: P.topP.min,
      topK: P.topK.max,
      stopSequences: ['###', '</s>', 'END', 'x'.repeat(P.stopSequences.itemMaxLength)],
      inferenceBatchSize: local ? 2 : P.inferenceBatchSize.max,
    },
    hardwareProfileId: profile.id,
    scaling: {
      minReplicas: S.minReplicas.min,
      maxReplicas: local ? 1 : S.maxReplicas.max,
      scaleUpDelaySeconds: S.scaleUpDelaySeconds.min,
      scaleDownDelaySeconds: S.scaleDownDelaySeconds.max,
      // Scale to zero is the local runtime's (Nomad keeps its scaling policy's minimum).
      scaleToZeroAfterSeconds: local ? S.scaleToZeroAfterSeconds.max : 0,
      // Not the default, so a place that drops the field shows.
      autoscalerMode: 'SHADOW',
      targetTtftMs: S.targetTtftMs.max,
      targetTokensPerSecondPerReplica: S.targetTokensPerSecondPerReplica.max,
    },
  };
}

const DESCRIPTION = 'd'.repeat(DETAILS.description.maxLength);
const TAGS = Array.from({ length: DETAILS.tags.maxItems }, (_, i) =>
  `${i}`.padStart(DETAILS.tags.itemMaxLength, 't'),
);

async function zipEntries(path: string): Promise<Map<string, Buffer>> {
  const zip = await openZip(path);
  const entries: Entry[] = [];
  await readCentralDirectory(zip, (entry) => entries.push(entry));
  const out = new Map<string, Buffer>();
  for (const entry of entries) {
    const chunks: Buffer[] = [];
    for await (const chunk of await openEntryStream(zip, entry)) chunks.push(chunk as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return out;
}

interface Imported {
  id: string;
  name: string;
  suggestedDeployConfig: (Configuration & { description: string | null; tags: string[] | null }) | null;
}

async function importFile(server: TestServer, path: string): Promise<Imported> {
  const tus = { baseUrl: server.app.url, token: server.adminToken };
  const bytes = await readFile(path);
  const created = await createUpload(tus, 'tiny-llama.zip', bytes.length);
  await patchUpload(tus, created.id!, 0, bytes);
  const r = await server.gql<{ importModel: { model: { id: string } } }>(
    `mutation($input: ImportModelInput!) { importModel(input: $input) { model { id } userErrors { message } } }`,
    { input: { uploadId: created.id, kind: 'BASE' } },
  );
  const id = r.data.importModel.model.id;
  return waitFor(
    async () => {
      const m = await server.gql<{ model: Imported & { status: string } }>(
        `query($id: ID!) { model(id: $id) { id name status suggestedDeployConfig { ${CONFIG_FIELDS} description tags } } }`,
        { id },
      );
      return m.data.model.status === 'READY_TO_DEPLOY' ? m.data.model : null;
    },
    30_000,
    'the import',
  );
}

/**
 * Deploys `configuration` (saved, not started), exports the model, imports the export and returns the wizard's
 * form pre-filled the way <DeployWizard> does it for a chosen model with a deployconfig.json.
 */
async function roundTrip(server: TestServer, work: string, profile: HardwareProfile): Promise<WizardForm> {
  const zipPath = join(work, `${profile.id}.zip`);
  await buildGgufBaseArchive(zipPath);
  const original = await importFile(server, zipPath);
  const configuration = configurationFor(profile);
  const first = await server.gql<{ deployModel: Deployed }>(DEPLOY, {
    input: {
      modelId: original.id,
      name: `Exported ${profile.id}`,
      description: DESCRIPTION,
      tags: TAGS,
      ...configuration,
      acceptTerms: true,
      startNow: false,
    },
  });
  expect(first.data.deployModel.userErrors).toEqual([]);

  const exported = await server.gql<{ exportModel: { url: string; userErrors: unknown[] } }>(
    `mutation($input: ExportModelInput!) { exportModel(input: $input) { url userErrors { message } } }`,
    { input: { id: original.id } },
  );
  expect(exported.data.exportModel.userErrors).toEqual([]);
  const response = await fetch(`${server.app.url}${new URL(exported.data.exportModel.url).pathname}`);
  expect(response.status).toBe(200);
  const exportPath = join(work, `${profile.id}-exported.zip`);
  await writeFile(exportPath, Buffer.from(await response.arrayBuffer()));
  const entries = await zipEntries(exportPath);
  const file = [...entries.keys()].find((name) => name.endsWith('/deployconfig.json'))!;
  expect(JSON.parse(entries.get(file)!.toString('utf8'))).toEqual({
    formatVersion: 1,
    ...configuration,
    description: DESCRIPTION,
    tags: TAGS,
  });

  const reimported = await importFile(server, exportPath);
  const suggested = reimported.suggestedDeployConfig!;
  expect(suggested).toEqual({ ...configuration, description: DESCRIPTION, tags: TAGS });
  const { description, tags, ...config } = suggested;
  const form: WizardForm = {
    ...withConfiguration(
      {
        ...EMPTY_FORM,
        source: 'model',
        choiceId: reimported.id,
        platformHosted: false,
        name: `Round trip ${profile.id}`,
      },
      config as unknown as Parameters<typeof withConfiguration>[1],
    ),
    description: description ?? '',
    tags: (tags ?? []).join(', '),
    acceptTerms: true,
  };
  for (const step of stepsFor(form))
    expect({ step, errors: validateStep(step, form, 'deploy') }).toEqual({ step, errors: {} });
  return form;
}

describe('export → import → wizard pre-fill → deploy, on the local runtime', () => {
  let server: TestServer;
  let work: string;
  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite' });
    work = await mkdtemp(join(tmpdir(), 'hangar-round-trip-'));
  });
  afterAll(async () => {
    await server?.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it.each(PROFILES.filter((p) => p.runtime === 'local').map((p) => [p.id, p] as const))(
    '%s: the wizard’s input deploys and the deployment runs with the exported configuration',
    async (_id, profile) => {
      const form = await roundTrip(server, work, profile);
      const deployed = await server.gql<{ deployModel: Deployed }>(DEPLOY, { input: toDeployInput(form) });
      expect(deployed.data.deployModel.userErrors).toEqual([]);
      expect(deployed.data.deployModel.deployment!.configuration).toEqual(configurationFor(profile));
      const id = deployed.data.deployModel.deployment!.id;
      await waitFor(
        async () => {
          const r = await server.gql<{ deployment: { status: string } }>(
            `query($id: ID!) { deployment(id: $id) { status } }`,
            { id },
          );
          return r.data.deployment.status === 'DEPLOYED';
        },
        60_000,
        'the deployment to be DEPLOYED',
      );
    },
  );
});

describe('export → import → wizard pre-fill → deploy, on the Nomad runtime', () => {
  let nomad: NomadDouble;
  let server: TestServer;
  let work: string;
  beforeAll(async () => {
    nomad = new NomadDouble({ heartbeatMs: 200, maxBlockingWaitMs: 1000, aclToken: ACL_TOKEN });
    const addr = await nomad.start();
    server = await startTestServer({
      db: 'sqlite',
      env: { HANGAR_RUNTIME: 'nomad', NOMAD_ADDR: addr, HANGAR_DEMO_MODEL: '0' },
      appOptions: {
        runtime: new NomadRuntime({
          addr,
          token: ACL_TOKEN,
          hardwareProfiles: PROFILES,
          eventStream: { reconnectDelayMs: 20 },
          stopTimeoutMs: 5000,
        }),
      },
    });
    work = await mkdtemp(join(tmpdir(), 'hangar-round-trip-'));
  });
  afterAll(async () => {
    await server?.cleanup();
    await nomad?.close();
    await rm(work, { recursive: true, force: true });
    expect(nomad.violations).toEqual([]);
  });

  it.each(PROFILES.filter((p) => p.runtime === 'nomad').map((p) => [p.id, p] as const))(
    '%s: the wizard’s input passes deployModel, and the same configuration runs a catalog model on Nomad',
    async (_id, profile) => {
      const form = await roundTrip(server, work, profile);
      // An imported model's files live on the Hangar server, which Nomad cannot fetch, so the imported model is
      // saved (every rule applies) and the configuration is started with a model Nomad can pull.
      const saved = await server.gql<{ deployModel: Deployed }>(DEPLOY, {
        input: { ...toDeployInput(form), startNow: false },
      });
      expect(saved.data.deployModel.userErrors).toEqual([]);
      expect(saved.data.deployModel.deployment!.configuration).toEqual(configurationFor(profile));

      const { modelId: _modelId, ...input } = toDeployInput({
        ...form,
        source: 'catalog',
        choiceId: 'meta-llama/Llama-3.2-1B',
        platformHosted: true,
        name: `On Nomad ${profile.id}`,
      });
      const started = await server.gql<{ deployModel: Deployed }>(DEPLOY, { input });
      expect(started.data.deployModel.userErrors).toEqual([]);
      const deployment = started.data.deployModel.deployment!;
      expect(deployment.status).toBe('DEPLOYING');
      expect(deployment.configuration).toEqual(configurationFor(profile));
      expect(nomad.job(servingJobId(deployment.deploymentId))).toBeDefined();
    },
  );
});
