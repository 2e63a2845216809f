import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EMPTY_FORM,
  validateStep,
  withConfiguration,
  type WizardForm,
} from '../../components/src/deploy-wizard/deploy-wizard.form.js';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_PARAMETERS,
  DEFAULT_SCALING,
  type DeploymentConfig,
} from '../src/core/deployment-config/deployment-config.js';
import {
  DEPLOYMENT_CONFIG_FIELDS as FIELDS,
  DEPLOYMENT_DETAIL_FIELDS as DETAILS,
  type NumberFieldSpec,
  type StringListFieldSpec,
} from '../src/core/deployment-config/deployment-config.fields.js';
import { applyParameters } from '../src/gateway/gateway.parameters.js';
import { deployConfigProblems } from '../src/modules/import/validation/deploy-config.schema.js';
import { readChatRequest } from '../src/runtime/local/openai-request.js';
import { loadHardwareProfiles } from '../src/core/hardware-profile.js';
import { NomadRuntime } from '../src/runtime/nomad/nomad.runtime.js';
import { startTestServer, type TestServer } from './harness.js';
import { NomadDouble } from './nomad-double/nomad-double.js';

/**
 * Every boundary value of every configuration field, judged by every place that checks it: GraphQL
 * (planDeployment, or deployModel for the details), the deployconfig.json schema, the gateway's and the local
 * replica's request checks (for the sampling parameters a request can set) and the deploy wizard's step check.
 * They must accept or refuse together, or an imported file pre-fills a wizard that deploying then refuses.
 */

const PLAN = `query($i: PlanDeploymentInput!) { planDeployment(input: $i) { userErrors { field code } } }`;
const DEPLOY = `mutation($i: DeployModelInput!) { deployModel(input: $i) { userErrors { field code } } }`;

type Group = 'parameters' | 'scaling';
interface Case {
  label: string;
  /** Changes to the default configuration (merged per group). */
  config: { parameters?: Record<string, unknown>; scaling?: Record<string, unknown> };
  /** The OpenAI request override to check at the gateway and the replica, when the field has one. */
  request?: Record<string, unknown>;
  accepted: boolean;
  /** The wizard edits stop sequences one per line, so an empty one cannot be entered there at all. */
  notInWizard?: boolean;
  /** Who judges the case (the test name says so). */
  by: string;
}

const ALL = 'GraphQL, the schema, the wizard, the gateway and the replica';
const NO_REQUEST = 'GraphQL, the schema and the wizard';

/** min, max and just outside for a number field; a fraction for an integer field. */
function numberCases(group: Group, key: string, spec: NumberFieldSpec): Case[] {
  const step = spec.kind === 'integer' ? 1 : 0.01;
  const values: [number, boolean][] = [
    [spec.min, true],
    [spec.max, true],
    [spec.min - step, false],
    [spec.max + step, false],
  ];
  if (spec.kind === 'integer') values.push([spec.min + 0.5, false]);
  return values.map(([value, accepted]) => {
    const config: Case['config'] = { [group]: { [key]: value } };
    // The replica bounds only make sense when the other bound allows them.
    if (key === 'minReplicas')
      config.scaling = { minReplicas: value, maxReplicas: FIELDS.scaling.maxReplicas.max };
    return {
      label: `${group}.${key} = ${value}`,
      config,
      request: spec.openAiName ? { [spec.openAiName]: value } : undefined,
      accepted,
      by: spec.openAiName ? ALL : NO_REQUEST,
    };
  });
}

function stopCases(spec: StringListFieldSpec): Case[] {
  const cases: [string, string[], boolean][] = [
    ['none', [], true],
    [`${spec.maxItems} sequences`, Array.from({ length: spec.maxItems }, (_, i) => `#${i}`), true],
    [`${spec.maxItems + 1} sequences`, Array.from({ length: spec.maxItems + 1 }, (_, i) => `#${i}`), false],
    [`one of ${spec.itemMaxLength} characters`, ['x'.repeat(spec.itemMaxLength)], true],
    [`one of ${spec.itemMaxLength + 1} characters`, ['x'.repeat(spec.itemMaxLength + 1)], false],
    ['an empty one', [''], false],
  ];
  return cases.map(([label, list, accepted]) => ({
    label: `parameters.stopSequences: ${label}`,
    config: { parameters: { stopSequences: list } },
    request: { stop: list },
    accepted,
    notInWizard: list.includes(''),
    by: list.includes('') ? 'GraphQL, the schema, the gateway and the replica' : ALL,
  }));
}

const CASES: Case[] = [
  ...Object.entries(FIELDS.parameters).flatMap(([key, spec]) =>
    spec.kind === 'stringList' ? stopCases(spec) : numberCases('parameters', key, spec),
  ),
  ...Object.entries(FIELDS.scaling).flatMap(([key, spec]) =>
    spec.kind === 'enum'
      ? // GraphQL's enum refuses any other value before a rule runs; every listed value is accepted everywhere.
        Object.keys(spec.values).map((value) => ({
          label: `scaling.${key} = ${value}`,
          config: { scaling: { [key]: value } },
          accepted: true,
          by: NO_REQUEST,
        }))
      : numberCases('scaling', key, spec),
  ),
  {
    label: 'scaling.maxReplicas below minReplicas',
    config: { scaling: { minReplicas: 3, maxReplicas: 2 } },
    accepted: false,
    by: NO_REQUEST,
  },
];

function configOf(c: Pick<Case, 'config'>): DeploymentConfig {
  return {
    optimization: DEFAULT_OPTIMIZATION,
    parameters: { ...DEFAULT_PARAMETERS, ...c.config.parameters } as DeploymentConfig['parameters'],
    hardwareProfileId: 'local-cpu',
    scaling: { ...DEFAULT_SCALING, ...c.config.scaling } as DeploymentConfig['scaling'],
  };
}

/** The deployment a request is sent to allows the table's whole range, so only the table's limits decide. */
const WIDEST = { ...DEFAULT_PARAMETERS, maxLength: FIELDS.parameters.maxLength.max };

function gatewayAccepts(request: Record<string, unknown>): boolean {
  try {
    applyParameters({ messages: [{ role: 'user', content: 'hi' }], ...request }, WIDEST);
    return true;
  } catch {
    return false;
  }
}

function replicaAccepts(request: Record<string, unknown>): boolean {
  try {
    readChatRequest({ messages: [{ role: 'user', content: 'hi' }], ...request }, WIDEST);
    return true;
  } catch {
    return false;
  }
}

function wizardAccepts(step: 'general' | 'parameters', form: WizardForm): boolean {
  return Object.keys(validateStep(step, form, 'deploy')).length === 0;
}

describe('every configuration boundary gets one verdict', () => {
  let server: TestServer;
  let modelId: string;

  beforeAll(async () => {
    server = await startTestServer({ db: 'sqlite' });
    const models = await server.gql<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    modelId = models.data.models.nodes[0]!.id;
  });
  afterAll(async () => server?.cleanup());

  async function graphqlAccepts(query: string, input: Record<string, unknown>): Promise<boolean> {
    const result = await server.gql<Record<string, { userErrors: unknown[] }>>(query, { i: input });
    if (result.errors) return false;
    return Object.values(result.data)[0]!.userErrors.length === 0;
  }

  it.each(CASES)('$label: accepted $accepted by $by', async (c) => {
    const config = configOf(c);
    const verdicts: Record<string, boolean> = {
      graphql: await graphqlAccepts(PLAN, { modelId, ...config }),
      schema: deployConfigProblems({ formatVersion: 1, ...config }).length === 0,
    };
    if (!c.notInWizard) verdicts.wizard = wizardAccepts('parameters', withConfiguration(EMPTY_FORM, config));
    if (c.request) {
      verdicts.gateway = gatewayAccepts(c.request);
      verdicts.replica = replicaAccepts(c.request);
    }
    expect(verdicts).toEqual(Object.fromEntries(Object.keys(verdicts).map((k) => [k, c.accepted])));
  });

  const OPTIMIZATIONS: [string, DeploymentConfig['optimization'], boolean][] = [
    ['NONE / NONE', { technique: 'NONE', quantization: 'NONE' }, true],
    ['GGUF_QUANTIZATION / Q8_0', { technique: 'GGUF_QUANTIZATION', quantization: 'Q8_0' }, true],
    ['GGUF_QUANTIZATION / Q4_K_M', { technique: 'GGUF_QUANTIZATION', quantization: 'Q4_K_M' }, true],
    [
      'GGUF_QUANTIZATION / NONE (not offered)',
      { technique: 'GGUF_QUANTIZATION', quantization: 'NONE' },
      false,
    ],
    ['a technique that does not exist', { technique: 'TURBO' as 'NONE', quantization: 'NONE' }, false],
    ['a quantization that does not exist', { technique: 'NONE', quantization: 'Q2_K' as 'NONE' }, false],
  ];
  it.each(OPTIMIZATIONS)(
    'optimization %s on a local GGUF model: GraphQL and the schema agree',
    async (_l, o, ok) => {
      const config = { ...configOf({ config: {} }), optimization: o };
      expect({
        graphql: await graphqlAccepts(PLAN, { modelId, ...config }),
        schema: deployConfigProblems({ formatVersion: 1, ...config }).length === 0,
      }).toEqual({ graphql: ok, schema: ok });
    },
  );

  const HARDWARE: [string, string, boolean][] = [
    ['the local profile', 'local-cpu', true],
    ['an empty id', '', false],
    ['an id over the length limit', 'x'.repeat(FIELDS.hardwareProfileId.maxLength + 1), false],
  ];
  it.each(HARDWARE)('hardwareProfileId: %s gets one verdict', async (_l, id, ok) => {
    const config = { ...configOf({ config: {} }), hardwareProfileId: id };
    expect({
      graphql: await graphqlAccepts(PLAN, { modelId, ...config }),
      schema: deployConfigProblems({ formatVersion: 1, ...config }).length === 0,
    }).toEqual({ graphql: ok, schema: ok });
  });

  const tags = DETAILS.tags;
  const DETAIL_CASES: [string, { description?: string; tags?: string[] }, boolean][] = [
    [`description of ${DETAILS.description.maxLength} characters`, { description: 'd'.repeat(2000) }, true],
    [
      `description of ${DETAILS.description.maxLength + 1} characters`,
      { description: 'd'.repeat(DETAILS.description.maxLength + 1) },
      false,
    ],
    [`${tags.maxItems} tags`, { tags: Array.from({ length: tags.maxItems }, (_, i) => `t${i}`) }, true],
    [
      `${tags.maxItems + 1} tags`,
      { tags: Array.from({ length: tags.maxItems + 1 }, (_, i) => `t${i}`) },
      false,
    ],
    [`a tag of ${tags.itemMaxLength} characters`, { tags: ['t'.repeat(tags.itemMaxLength)] }, true],
    [`a tag of ${tags.itemMaxLength + 1} characters`, { tags: ['t'.repeat(tags.itemMaxLength + 1)] }, false],
  ];
  let n = 0;
  it.each(DETAIL_CASES)('%s: deployModel, the schema and the wizard agree', async (_l, details, ok) => {
    const config = configOf({ config: {} });
    const name = `Details ${++n}`;
    const form: WizardForm = {
      ...withConfiguration(EMPTY_FORM, config),
      source: 'model',
      choiceId: modelId,
      name,
      description: details.description ?? '',
      tags: (details.tags ?? []).join(', '),
    };
    expect({
      graphql: await graphqlAccepts(DEPLOY, {
        modelId,
        name,
        ...config,
        ...details,
        acceptTerms: true,
        startNow: false,
      }),
      schema: deployConfigProblems({ formatVersion: 1, ...config, ...details }).length === 0,
      wizard: wizardAccepts('general', form),
    }).toEqual({ graphql: ok, schema: ok, wizard: ok });
  });
});

describe('every optimization a GPU runtime offers gets one verdict', () => {
  const ACL_TOKEN = 'nomad-acl-token-for-tests';
  let nomad: NomadDouble;
  let server: TestServer;

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
          hardwareProfiles: loadHardwareProfiles(),
          eventStream: { reconnectDelayMs: 20 },
          stopTimeoutMs: 5000,
        }),
      },
    });
  });
  afterAll(async () => {
    await server?.cleanup();
    await nomad?.close();
    expect(nomad.violations).toEqual([]);
  });

  // CTranslate2 and vLLM apply to platform-hosted models on a GPU runtime: a catalog entry on Nomad.
  const OPTIMIZATIONS: [string, DeploymentConfig['optimization'], boolean][] = [
    ['CTRANSLATE2 / NONE', { technique: 'CTRANSLATE2', quantization: 'NONE' }, true],
    ['CTRANSLATE2 / INT8_FLOAT16', { technique: 'CTRANSLATE2', quantization: 'INT8_FLOAT16' }, true],
    ['CTRANSLATE2 / AWQ (not offered)', { technique: 'CTRANSLATE2', quantization: 'AWQ' }, false],
    ['VLLM / NONE', { technique: 'VLLM', quantization: 'NONE' }, true],
    ['VLLM / AWQ', { technique: 'VLLM', quantization: 'AWQ' }, true],
    ['VLLM / INT8_FLOAT16 (not offered)', { technique: 'VLLM', quantization: 'INT8_FLOAT16' }, false],
    ['NONE / AWQ (not offered)', { technique: 'NONE', quantization: 'AWQ' }, false],
  ];
  it.each(OPTIMIZATIONS)(
    'optimization %s of a catalog model: GraphQL and the schema agree',
    async (_l, o, ok) => {
      const config = { ...configOf({ config: {} }), hardwareProfileId: 'nvidia-a10g-x1', optimization: o };
      const result = await server.gql<{ planDeployment: { userErrors: unknown[] } }>(PLAN, {
        i: { catalogEntryId: 'meta-llama/Llama-3.2-1B', ...config },
      });
      expect({
        graphql: !result.errors && result.data.planDeployment.userErrors.length === 0,
        schema: deployConfigProblems({ formatVersion: 1, ...config }).length === 0,
      }).toEqual({ graphql: ok, schema: ok });
    },
  );
});
