// Data the stories render. Shapes follow schema/operations; __typename lets Apollo's cache normalize them as
// it would with the real server.
export const alice = { __typename: 'User', id: 'VXNlcjox', name: 'Alice Martin' } as const;
export const bob = { __typename: 'User', id: 'VXNlcjoy', name: 'Bob Chen' } as const;

export type ModelStatus = 'IMPORTING' | 'VALIDATING' | 'IMPORT_FAILED' | 'READY_TO_DEPLOY';
export type DeploymentStatus =
  'READY_TO_DEPLOY' | 'OPTIMIZING' | 'DEPLOYING' | 'DEPLOYED' | 'FAILED' | 'UNDEPLOYED';

export function modelRow(n: number, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Model',
    id: `TW9kZWw6${n}`,
    name:
      ['Flan T5', 'Llama 3 8B Instruct', 'Mistral 7B', 'Tiny Llama', 'Phi-3 mini', 'Qwen2 1.5B'][n % 6] +
      (n >= 6 ? ` ${n}` : ''),
    description: 'A general-purpose instruction model.',
    tags: n % 2 ? ['chat'] : ['summarize', 'en'],
    source: (['FILE', 'PLATFORM', 'HUGGING_FACE'] as const)[n % 3],
    kind: 'BASE',
    status: 'READY_TO_DEPLOY' as ModelStatus,
    statusDetail: null as string | null,
    createdAt: '2026-11-20T09:30:00.000Z',
    activeDeploymentCount: n % 3,
    failedDeploymentCount: n % 4 === 1 ? 1 : 0,
    readyToDeployCount: n % 2,
    ...overrides,
  };
}

export function modelPage(rows: unknown[], totalCount = rows.length, hasNextPage = false) {
  return {
    models: {
      __typename: 'ModelConnection',
      totalCount,
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null },
      nodes: rows,
    },
  };
}

export function deploymentRow(
  n: number,
  status: DeploymentStatus = 'DEPLOYED',
  overrides: Record<string, unknown> = {},
) {
  const deploymentId = `dep-${(1000 + n).toString(36)}`;
  return {
    __typename: 'Deployment',
    id: `RGVwbG95bWVudDo${n}`,
    deploymentId,
    name: ['Flan T5', 'Support bot', 'Summarizer', 'Translator'][n % 4] + (n >= 4 ? ` ${n}` : ''),
    description: 'Answers support questions.',
    tags: ['prod'],
    status,
    serving: status === 'DEPLOYING' || status === 'OPTIMIZING' || status === 'DEPLOYED',
    idle: false,
    failureReason:
      status === 'FAILED'
        ? 'The model server exited during start-up: not enough memory for the context size.'
        : null,
    endpointTimeoutSeconds: 60,
    createdAt: '2026-11-21T14:05:00.000Z',
    createdBy: n % 2 ? bob : alice,
    endpoint: {
      __typename: 'DeploymentEndpoint',
      url: `http://localhost:4000/api/v2/deployments/${deploymentId}/chat/completions`,
      curl: `curl http://localhost:4000/api/v2/deployments/${deploymentId}/chat/completions -H "Authorization: Bearer <YOUR_API_KEY>" -H "Content-Type: application/json" -d '{"messages":[{"role":"user","content":"Hello"}]}'`,
    },
    ...overrides,
  };
}

export function deploymentPage(rows: unknown[], hasNextPage = false) {
  return {
    deployments: {
      __typename: 'DeploymentConnection',
      totalCount: rows.length,
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null },
      nodes: rows,
    },
  };
}

export const configuration = {
  __typename: 'DeploymentConfiguration',
  optimization: { __typename: 'OptimizationConfig', technique: 'NONE', quantization: 'NONE' },
  parameters: {
    __typename: 'ParametersConfig',
    temperature: 0.2,
    maxLength: 256,
    topP: 0.95,
    topK: 20,
    stopSequences: ['</s>'],
    inferenceBatchSize: 2,
  },
  hardwareProfileId: 'cpu-small',
  scaling: {
    __typename: 'ScalingConfig',
    minReplicas: 1,
    maxReplicas: 2,
    scaleUpDelaySeconds: 30,
    scaleDownDelaySeconds: 600,
    scaleToZeroAfterSeconds: 0,
    autoscalerMode: 'ACTIVE',
    targetTtftMs: 0,
    targetTokensPerSecondPerReplica: 0,
  },
};

export function version(
  n: number,
  status: 'DEPLOYING' | 'SUCCESS' | 'FAILED',
  overrides: Record<string, unknown> = {},
) {
  return {
    __typename: 'DeploymentVersion',
    id: `VmVyc2lvbjo${n}`,
    version: n,
    name: `Flan T5_v${n}`,
    status,
    failureReason: status === 'FAILED' ? 'Replica did not become healthy within 300 s: out of memory.' : null,
    startedAt: `2026-11-2${n}T10:00:00.000Z`,
    endedAt: status === 'DEPLOYING' ? null : `2026-11-2${n}T10:02:05.000Z`,
    durationSeconds: status === 'DEPLOYING' ? null : 125,
    isLatest: false,
    trigger: n === 1 ? 'DEPLOY' : 'REDEPLOY',
    rolledBackFrom: null as number | null,
    // Each version raises the temperature a step, so neighbours differ in one setting.
    configuration: {
      ...configuration,
      parameters: { ...configuration.parameters, temperature: Math.round(n * 10) / 100 },
    },
    deployedBy: n % 2 ? alice : bob,
    undeployment: null,
    ...overrides,
  };
}

export function history(versions: unknown[], status: DeploymentStatus = 'DEPLOYED') {
  return {
    deployment: { __typename: 'Deployment', id: 'RGVwbG95bWVudDox', name: 'Flan T5', status, versions },
  };
}

export const wizardOptions = {
  models: {
    __typename: 'ModelConnection',
    nodes: [
      {
        __typename: 'Model',
        id: 'TW9kZWw6MQ',
        name: 'tiny-llama-demo',
        source: 'FILE',
        kind: 'BASE',
        format: 'GGUF',
      },
      {
        __typename: 'Model',
        id: 'TW9kZWw6Mg',
        name: 'flan-t5-export',
        source: 'FILE',
        kind: 'BASE',
        format: 'GGUF',
      },
    ],
  },
  catalog: [
    {
      __typename: 'CatalogEntry',
      id: 'llama-3-8b-instruct',
      name: 'Llama 3 8B Instruct',
      description: 'Meta Llama 3, 8B, instruction tuned.',
      deployableHere: true,
      requiresDownload: false,
    },
    {
      __typename: 'CatalogEntry',
      id: 'flan-t5-xl',
      name: 'Flan T5 XL',
      description: 'Google Flan T5 XL.',
      deployableHere: false,
      requiresDownload: true,
    },
  ],
  hardwareProfiles: [
    {
      __typename: 'HardwareProfileOption',
      id: 'cpu-small',
      name: 'CPU · 2 cores · 4 GiB',
      description: 'Local runtime, good for small GGUF models.',
      available: true,
    },
    {
      __typename: 'HardwareProfileOption',
      id: 'gpu-a10g',
      name: '1× NVIDIA A10G · 24 GiB',
      description: 'Nomad runtime, for 7B–13B models.',
      available: true,
    },
    {
      __typename: 'HardwareProfileOption',
      id: 'gpu-h100',
      name: '8× NVIDIA H100 · 80 GiB',
      description: 'Not in this cluster.',
      available: false,
    },
  ],
};

export const currentDeployment = {
  deployment: {
    __typename: 'Deployment',
    id: 'RGVwbG95bWVudDox',
    name: 'Flan T5',
    description: 'Answers support questions.',
    tags: ['prod', 'support'],
    model: { __typename: 'Model', id: 'TW9kZWw6Mg', name: 'flan-t5-export', source: 'FILE' },
    configuration,
  },
};

export function apiKey(n: number, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'ApiKey',
    id: `QXBpS2V5Oj${n}`,
    name: ['Support app', 'Batch jobs', 'Staging'][n % 3] + (n >= 3 ? ` ${n}` : ''),
    prefix: `hgk_${(4096 + n).toString(16)}`,
    createdAt: '2026-11-22T08:00:00.000Z',
    lastUsedAt: n % 2 ? '2026-11-25T17:45:00.000Z' : null,
    expiresAt: null as string | null,
    revokedAt: null as string | null,
    rateLimitPerMinute: null as number | null,
    usage: {
      __typename: 'UsageStats',
      requests: n * 120,
      errors: n % 2,
      promptTokens: n * 3000,
      completionTokens: n * 1500,
    },
    createdBy: alice,
    budget: keyBudget(null, n * 4500),
    ...overrides,
  };
}

/** An API key's month: `limit` null for no budget. */
export function keyBudget(limit: number | null, used: number, warned = false) {
  return {
    __typename: 'TokenBudget',
    monthlyTokenBudget: limit,
    usedTokens: used,
    remainingTokens: limit === null ? null : Math.max(0, limit - used),
    periodStart: '2026-11-01T00:00:00.000Z',
    periodEnd: '2026-12-01T00:00:00.000Z',
    warned,
  };
}

export const endpoint = {
  __typename: 'DeploymentEndpoint',
  url: 'http://localhost:4000/api/v2/deployments/dep-rs/chat/completions',
  curl: `curl http://localhost:4000/api/v2/deployments/dep-rs/chat/completions \\
  -H "Authorization: Bearer <YOUR_API_KEY>" \\
  -H "Content-Type: application/json" \\
  -d '{"messages":[{"role":"user","content":"Hello"}]}'`,
  python: `from openai import OpenAI

client = OpenAI(base_url="http://localhost:4000/api/v2/deployments/dep-rs", api_key="<YOUR_API_KEY>")
reply = client.chat.completions.create(model="dep-rs", messages=[{"role": "user", "content": "Hello"}])
print(reply.choices[0].message.content)`,
  javascript: `import OpenAI from 'openai';

const client = new OpenAI({ baseURL: 'http://localhost:4000/api/v2/deployments/dep-rs', apiKey: '<YOUR_API_KEY>' });
const reply = await client.chat.completions.create({ model: 'dep-rs', messages: [{ role: 'user', content: 'Hello' }] });
console.log(reply.choices[0].message.content);`,
};
