/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A new API key for one deployment. */
export type CreateApiKeyInput = {
  /** The deployment the key opens. */
  deploymentId: string | number;
  /** Optional expiry; must be in the future. */
  expiresAt?: string | null | undefined;
  /** A name to recognise the key (1–100 characters). */
  name: string;
  /** Optional rate limit in requests per minute (1–100000). */
  rateLimitPerMinute?: number | null | undefined;
};

/** The undeployed deployment to delete with its history. */
export type DeleteDeploymentInput = {
  /** The deployment. */
  id: string | number;
};

/** The model to delete with its files. */
export type DeleteModelInput = {
  /** The model. */
  id: string | number;
};

/** Everything the deploy wizard collects. */
export type DeployModelInput = {
  /** Review step: "I accept all the Terms and Conditions"; must be true. */
  acceptTerms: boolean;
  /** A platform-hosted catalog entry (a deploy creates its model record on first use; a plan creates nothing). */
  catalogEntryId?: string | null | undefined;
  /** Description (General details). */
  description?: string | null | undefined;
  /** Endpoint timeout in seconds, 30–180 (default 60). */
  endpointTimeoutSeconds?: number | null | undefined;
  /** Hardware step: a hardware profile id. */
  hardwareProfileId: string;
  /** Deploy from a Hugging Face repository (instead of modelId/catalogEntryId): checked first (reachable, Transformers ≤ 4.43.1, supported architecture); GGUF files are downloaded into the model store. */
  huggingFace?: HuggingFaceSourceInput | null | undefined;
  /** The model (give this or `catalogEntryId`). */
  modelId?: string | number | null | undefined;
  /** Deployment name (General details); versions become `<name>_v<N>`. */
  name: string;
  /** Optimization step (default: skip). */
  optimization?: OptimizationInput | null | undefined;
  /** Parameters step. */
  parameters?: ParametersInput | null | undefined;
  /** Scaling (part of the parameters step). */
  scaling?: ScalingInput | null | undefined;
  /** False saves the deployment as READY_TO_DEPLOY without starting it (default true). */
  startNow?: boolean | null | undefined;
  /** Tags (General details). */
  tags?: Array<string> | null | undefined;
};

/** Filters of the deployments list. */
export type DeploymentFilter = {
  /** Only deployments of this model. */
  modelId?: string | number | null | undefined;
  /** Substring of the name or deployment ID. */
  search?: string | null | undefined;
  /** Only deployments carrying every one of these tags. */
  tags?: Array<string> | null | undefined;
};

/** Lifecycle of a deployment. */
export type DeploymentStatus =
  /** At least the minimum number of replicas serve requests. */
  | 'DEPLOYED'
  /** Replicas are starting. */
  | 'DEPLOYING'
  /** The deployment could not start or stopped serving; `failureReason` says why. */
  | 'FAILED'
  /** An optimization (e.g. quantization) runs before serving. */
  | 'OPTIMIZING'
  /** Configured and saved, not started yet (see `deployModel(input.startNow)`). */
  | 'READY_TO_DEPLOY'
  /** Stopped by a user or by the system; can be re-triggered or deleted. */
  | 'UNDEPLOYED';

/** Deploy straight from a Hugging Face repository. */
export type HuggingFaceSourceInput = {
  /** A stored connection whose token may read the repository (private or gated repositories). */
  connectionId?: string | number | null | undefined;
  /** Repository id, e.g. "TheBloke/Mistral-7B-Instruct-v0.2-GGUF". */
  repoId: string;
};

/** Turns a finished (or still running) tus upload into a model. */
export type ImportModelInput = {
  /** For an adapter: the base model it was trained on (required for ADAPTER, refused for BASE). */
  baseModelId?: string | number | null | undefined;
  /** Description (editable later). */
  description?: string | null | undefined;
  /** Base model or adapter. */
  kind: ModelKind;
  /** Tags (editable later). */
  tags?: Array<string> | null | undefined;
  /** The upload id: the last part of the URL /uploads answered with (Location header). */
  uploadId: string;
};

/** Filters of the model list; all given filters must match. */
export type ModelFilter = {
  /** Only base models or only adapters. */
  kind?: ModelKind | null | undefined;
  /** Case-insensitive substring of the name or description. */
  search?: string | null | undefined;
  /** Any of these sources. */
  source?: Array<ModelSource> | null | undefined;
  /** Any of these statuses. */
  status?: Array<ModelStatus> | null | undefined;
  /** Models carrying every one of these tags. */
  tags?: Array<string> | null | undefined;
};

/** On-disk format of a model. */
export type ModelFormat =
  /** A PEFT adapter (adapter_config.json + adapter_model.safetensors). */
  | 'ADAPTER'
  /** llama.cpp GGUF file(s); served by the local runtime and llama.cpp on Nomad. */
  | 'GGUF'
  /** Hugging Face layout with PyTorch .bin weights; needs a GPU runtime. */
  | 'HF_PYTORCH'
  /** Hugging Face layout with safetensors weights; needs a GPU runtime. */
  | 'HF_SAFETENSORS'
  /** Not known yet (before validation). */
  | 'UNKNOWN';

/** Whether a model stands alone or adapts a base model. */
export type ModelKind =
  /** A small adapter (e.g. LoRA) that adjusts a base model. */
  | 'ADAPTER'
  /** A pre-trained model usable as is. */
  | 'BASE';

/** Sort order of the model list. */
export type ModelOrder = {
  /** Direction. */
  direction: OrderDirection;
  /** Sort key. */
  field: ModelOrderField;
};

/** Sort key of the model list. */
export type ModelOrderField =
  /** By creation time. */
  | 'CREATED_AT'
  /** By name. */
  | 'NAME'
  /** By size in bytes. */
  | 'SIZE';

/** Where a model comes from. */
export type ModelSource =
  /** Uploaded from a local machine as a .zip archive. */
  | 'FILE'
  /** Pulled from a Hugging Face repository. */
  | 'HUGGING_FACE'
  /** Platform hosted: picked from the catalog. */
  | 'PLATFORM';

/** Import lifecycle of a model. */
export type ModelStatus =
  /** The file is being uploaded or downloaded. */
  | 'IMPORTING'
  /** The import failed; `statusDetail` says why and how to fix it. */
  | 'IMPORT_FAILED'
  /** Imported and validated; it can be deployed. */
  | 'READY_TO_DEPLOY'
  /** The file is being validated. */
  | 'VALIDATING';

/** Optimization step of the wizard. */
export type OptimizationInput = {
  /** Quantization (default NONE). */
  quantization?: Quantization | null | undefined;
  /** Technique (default NONE). */
  technique: OptimizationTechnique;
};

/** How a model is optimized before serving. */
export type OptimizationTechnique =
  /** CTranslate2 conversion (GPU runtimes, platform-hosted models). */
  | 'CTRANSLATE2'
  /** llama.cpp quantization of a GGUF model (the local runtime’s counterpart). */
  | 'GGUF_QUANTIZATION'
  /** Skip optimization. */
  | 'NONE'
  /** vLLM serving with optional AWQ quantization (GPU runtimes, platform-hosted models). */
  | 'VLLM';

/** Sort direction. */
export type OrderDirection =
  /** Ascending. */
  | 'ASC'
  /** Descending. */
  | 'DESC';

/** Parameters step of the wizard; omitted fields keep their defaults (or current values). */
export type ParametersInput = {
  /** Inference batch size, 1–256 (default 4). */
  inferenceBatchSize?: number | null | undefined;
  /** Maximum length in tokens, ≥ 1 (default 512). */
  maxLength?: number | null | undefined;
  /** At most 4 stop sequences (default none). */
  stopSequences?: Array<string> | null | undefined;
  /** Temperature, 0–2 (default 0.7). */
  temperature?: number | null | undefined;
  /** Top k, 1–100 (default 40). */
  topK?: number | null | undefined;
  /** Top p, 0–1 (default 0.9). */
  topP?: number | null | undefined;
};

/** Quantization applied by the optimization technique. */
export type Quantization =
  /** vLLM 4-bit activation-aware weight quantization. */
  | 'AWQ'
  /** CTranslate2 int8 weights with float16 compute. */
  | 'INT8_FLOAT16'
  /** Keep the original precision. */
  | 'NONE'
  /** llama.cpp 4-bit k-quant (medium). */
  | 'Q4_K_M'
  /** llama.cpp 8-bit quantization. */
  | 'Q8_0';

/** A redeploy: new parameters, hardware, scaling and/or optimization → the next version. */
export type RedeployDeploymentInput = {
  /** New hardware profile (default: unchanged). */
  hardwareProfileId?: string | null | undefined;
  /** The deployment. */
  id: string | number;
  /** New optimization (default: unchanged). */
  optimization?: OptimizationInput | null | undefined;
  /** Changed parameters; omitted fields stay. */
  parameters?: ParametersInput | null | undefined;
  /** Changed scaling; omitted fields stay. */
  scaling?: ScalingInput | null | undefined;
};

/** The deployment to restart (FAILED, UNDEPLOYED or READY_TO_DEPLOY). */
export type RetriggerDeploymentInput = {
  /** The deployment. */
  id: string | number;
};

/** Identifies an API key. */
export type RevokeApiKeyInput = {
  /** The key. */
  id: string | number;
};

/** Scaling part of the parameters step; omitted fields keep their defaults (or current values). */
export type ScalingInput = {
  /** Maximum replicas, 1–50 and ≥ min (default 1). */
  maxReplicas?: number | null | undefined;
  /** Minimum replicas, 1–10 (default 1). */
  minReplicas?: number | null | undefined;
  /** Scale-down delay in seconds, 0–3600 (default 600). */
  scaleDownDelaySeconds?: number | null | undefined;
  /** Scale-up delay in seconds, 0–3600 (default 30). */
  scaleUpDelaySeconds?: number | null | undefined;
};

/** The deployment whose replicas to stop. */
export type UndeployDeploymentInput = {
  /** The deployment. */
  id: string | number;
};

/** Editable details of a deployment (Configurations page). */
export type UpdateDeploymentInput = {
  /** New description. */
  description?: string | null | undefined;
  /** New endpoint timeout in seconds, 30–180. */
  endpointTimeoutSeconds?: number | null | undefined;
  /** The deployment. */
  id: string | number;
  /** New tags (replaces the list). */
  tags?: Array<string> | null | undefined;
};

/** Machine-readable reason of a user error. */
export type UserErrorCode =
  /** The value is malformed. */
  | 'INVALID'
  /** The object is not in a state that allows this action. */
  | 'INVALID_STATE'
  /** The object is still used (e.g. a model with active deployments). */
  | 'IN_USE'
  /** A referenced object does not exist. */
  | 'NOT_FOUND'
  /** The number is outside its allowed range. */
  | 'OUT_OF_RANGE'
  /** A required value is missing or empty. */
  | 'REQUIRED'
  /** The name is already used. */
  | 'TAKEN'
  /** The terms and conditions must be accepted. */
  | 'TERMS_NOT_ACCEPTED'
  /** The list has more items than allowed. */
  | 'TOO_MANY'
  /** The combination is not supported (e.g. optimization of an imported model). */
  | 'UNSUPPORTED';

/** Outcome of one version of a deployment. */
export type VersionStatus =
  /** Still starting. */
  | 'DEPLOYING'
  /** Did not reach DEPLOYED; see `failureReason`. */
  | 'FAILED'
  /** Reached DEPLOYED. */
  | 'SUCCESS';

export type ApiKeyRowFragment = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  createdBy: { id: string; name: string } | null;
};

export type DeploymentApiKeysQueryVariables = Exact<{
  id: string | number;
}>;

export type DeploymentApiKeysQuery = {
  deployment: {
    id: string;
    apiKeys: Array<{
      id: string;
      name: string;
      prefix: string;
      createdAt: string;
      lastUsedAt: string | null;
      expiresAt: string | null;
      revokedAt: string | null;
      createdBy: { id: string; name: string } | null;
    }>;
  };
};

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;

export type CreateApiKeyMutation = {
  createApiKey: {
    secret: string | null;
    apiKey: {
      id: string;
      name: string;
      prefix: string;
      createdAt: string;
      lastUsedAt: string | null;
      expiresAt: string | null;
      revokedAt: string | null;
      createdBy: { id: string; name: string } | null;
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type RevokeApiKeyMutationVariables = Exact<{
  input: RevokeApiKeyInput;
}>;

export type RevokeApiKeyMutation = {
  revokeApiKey: {
    apiKey: { id: string } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type DeploymentEndpointQueryVariables = Exact<{
  id: string | number;
}>;

export type DeploymentEndpointQuery = {
  deployment: {
    id: string;
    status: DeploymentStatus;
    deploymentId: string;
    endpoint: { url: string; curl: string; python: string; javascript: string };
  };
};

export type ConfigurationFieldsFragment = {
  hardwareProfileId: string;
  optimization: { technique: OptimizationTechnique; quantization: Quantization };
  parameters: {
    temperature: number;
    maxLength: number;
    topP: number;
    topK: number;
    stopSequences: Array<string>;
    inferenceBatchSize: number;
  };
  scaling: {
    minReplicas: number;
    maxReplicas: number;
    scaleUpDelaySeconds: number;
    scaleDownDelaySeconds: number;
  };
};

export type DeployWizardOptionsQueryVariables = Exact<{ [key: string]: never }>;

export type DeployWizardOptionsQuery = {
  models: {
    nodes: Array<{ id: string; name: string; source: ModelSource; kind: ModelKind; format: ModelFormat }>;
  };
  catalog: Array<{
    id: string;
    name: string;
    description: string;
    deployableHere: boolean;
    requiresDownload: boolean;
  }>;
  hardwareProfiles: Array<{ id: string; name: string; description: string; available: boolean }>;
};

export type DeployWizardSuggestionQueryVariables = Exact<{
  modelId: string | number;
}>;

export type DeployWizardSuggestionQuery = {
  model: {
    id: string;
    suggestedDeployConfig: {
      description: string | null;
      tags: Array<string> | null;
      hardwareProfileId: string;
      optimization: { technique: OptimizationTechnique; quantization: Quantization };
      parameters: {
        temperature: number;
        maxLength: number;
        topP: number;
        topK: number;
        stopSequences: Array<string>;
        inferenceBatchSize: number;
      };
      scaling: {
        minReplicas: number;
        maxReplicas: number;
        scaleUpDelaySeconds: number;
        scaleDownDelaySeconds: number;
      };
    } | null;
  };
};

export type DeployWizardConnectionsQueryVariables = Exact<{ [key: string]: never }>;

export type DeployWizardConnectionsQuery = {
  connections: Array<{ id: string; name: string; tokenHint: string }>;
};

export type DeployWizardCurrentQueryVariables = Exact<{
  id: string | number;
}>;

export type DeployWizardCurrentQuery = {
  deployment: {
    id: string;
    name: string;
    description: string;
    tags: Array<string>;
    model: { id: string; name: string; source: ModelSource };
    configuration: {
      hardwareProfileId: string;
      optimization: { technique: OptimizationTechnique; quantization: Quantization };
      parameters: {
        temperature: number;
        maxLength: number;
        topP: number;
        topK: number;
        stopSequences: Array<string>;
        inferenceBatchSize: number;
      };
      scaling: {
        minReplicas: number;
        maxReplicas: number;
        scaleUpDelaySeconds: number;
        scaleDownDelaySeconds: number;
      };
    };
  };
};

export type DeployModelMutationVariables = Exact<{
  input: DeployModelInput;
}>;

export type DeployModelMutation = {
  deployModel: {
    deployment: { id: string; deploymentId: string; name: string; status: DeploymentStatus } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type RedeployDeploymentMutationVariables = Exact<{
  input: RedeployDeploymentInput;
}>;

export type RedeployDeploymentMutation = {
  redeployDeployment: {
    deployment: { id: string; deploymentId: string; name: string; status: DeploymentStatus } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type DeploymentRowFragment = {
  id: string;
  deploymentId: string;
  name: string;
  description: string;
  tags: Array<string>;
  status: DeploymentStatus;
  serving: boolean;
  failureReason: string | null;
  endpointTimeoutSeconds: number;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  endpoint: { url: string; curl: string };
};

export type DeploymentsTableQueryVariables = Exact<{
  filter?: DeploymentFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;

export type DeploymentsTableQuery = {
  deployments: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{
      id: string;
      deploymentId: string;
      name: string;
      description: string;
      tags: Array<string>;
      status: DeploymentStatus;
      serving: boolean;
      failureReason: string | null;
      endpointTimeoutSeconds: number;
      createdAt: string;
      createdBy: { id: string; name: string } | null;
      endpoint: { url: string; curl: string };
    }>;
  };
};

export type DeploymentSettingsQueryVariables = Exact<{
  id: string | number;
}>;

export type DeploymentSettingsQuery = {
  deployment: {
    id: string;
    deploymentId: string;
    name: string;
    description: string;
    tags: Array<string>;
    status: DeploymentStatus;
    serving: boolean;
    failureReason: string | null;
    endpointTimeoutSeconds: number;
    createdAt: string;
    createdBy: { id: string; name: string } | null;
    endpoint: { url: string; curl: string };
  };
};

export type DeploymentRowUpdatesSubscriptionVariables = Exact<{
  modelId?: string | number | null | undefined;
  deploymentId?: string | number | null | undefined;
}>;

export type DeploymentRowUpdatesSubscription = {
  deploymentUpdated: {
    id: string;
    deploymentId: string;
    name: string;
    description: string;
    tags: Array<string>;
    status: DeploymentStatus;
    serving: boolean;
    failureReason: string | null;
    endpointTimeoutSeconds: number;
    createdAt: string;
    createdBy: { id: string; name: string } | null;
    endpoint: { url: string; curl: string };
  };
};

export type RetriggerDeploymentMutationVariables = Exact<{
  input: RetriggerDeploymentInput;
}>;

export type RetriggerDeploymentMutation = {
  retriggerDeployment: {
    deployment: {
      id: string;
      deploymentId: string;
      name: string;
      description: string;
      tags: Array<string>;
      status: DeploymentStatus;
      serving: boolean;
      failureReason: string | null;
      endpointTimeoutSeconds: number;
      createdAt: string;
      createdBy: { id: string; name: string } | null;
      endpoint: { url: string; curl: string };
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type UndeployDeploymentMutationVariables = Exact<{
  input: UndeployDeploymentInput;
}>;

export type UndeployDeploymentMutation = {
  undeployDeployment: {
    deployment: {
      id: string;
      deploymentId: string;
      name: string;
      description: string;
      tags: Array<string>;
      status: DeploymentStatus;
      serving: boolean;
      failureReason: string | null;
      endpointTimeoutSeconds: number;
      createdAt: string;
      createdBy: { id: string; name: string } | null;
      endpoint: { url: string; curl: string };
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type DeleteDeploymentMutationVariables = Exact<{
  input: DeleteDeploymentInput;
}>;

export type DeleteDeploymentMutation = {
  deleteDeployment: {
    deletedDeploymentId: string | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type UpdateDeploymentMutationVariables = Exact<{
  input: UpdateDeploymentInput;
}>;

export type UpdateDeploymentMutation = {
  updateDeployment: {
    deployment: {
      id: string;
      deploymentId: string;
      name: string;
      description: string;
      tags: Array<string>;
      status: DeploymentStatus;
      serving: boolean;
      failureReason: string | null;
      endpointTimeoutSeconds: number;
      createdAt: string;
      createdBy: { id: string; name: string } | null;
      endpoint: { url: string; curl: string };
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type VersionItemFragment = {
  id: string;
  version: number;
  name: string;
  status: VersionStatus;
  failureReason: string | null;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  isLatest: boolean;
  deployedBy: { id: string; name: string } | null;
  undeployment: {
    bySystem: boolean;
    reason: string | null;
    startedAt: string;
    endedAt: string | null;
    by: { id: string; name: string } | null;
  } | null;
};

export type DeploymentHistoryQueryVariables = Exact<{
  id: string | number;
}>;

export type DeploymentHistoryQuery = {
  deployment: {
    id: string;
    name: string;
    status: DeploymentStatus;
    versions: Array<{
      id: string;
      version: number;
      name: string;
      status: VersionStatus;
      failureReason: string | null;
      startedAt: string;
      endedAt: string | null;
      durationSeconds: number | null;
      isLatest: boolean;
      deployedBy: { id: string; name: string } | null;
      undeployment: {
        bySystem: boolean;
        reason: string | null;
        startedAt: string;
        endedAt: string | null;
        by: { id: string; name: string } | null;
      } | null;
    }>;
  };
};

export type DeploymentHistoryUpdatesSubscriptionVariables = Exact<{
  deploymentId: string | number;
}>;

export type DeploymentHistoryUpdatesSubscription = {
  deploymentUpdated: {
    id: string;
    status: DeploymentStatus;
    versions: Array<{
      id: string;
      version: number;
      name: string;
      status: VersionStatus;
      failureReason: string | null;
      startedAt: string;
      endedAt: string | null;
      durationSeconds: number | null;
      isLatest: boolean;
      deployedBy: { id: string; name: string } | null;
      undeployment: {
        bySystem: boolean;
        reason: string | null;
        startedAt: string;
        endedAt: string | null;
        by: { id: string; name: string } | null;
      } | null;
    }>;
  };
};

export type ImportBaseModelsQueryVariables = Exact<{ [key: string]: never }>;

export type ImportBaseModelsQuery = {
  models: { nodes: Array<{ id: string; name: string; source: ModelSource }> };
};

export type ImportModelMutationVariables = Exact<{
  input: ImportModelInput;
}>;

export type ImportModelMutation = {
  importModel: {
    model: { id: string; name: string; status: ModelStatus; statusDetail: string | null } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type ImportProgressSubscriptionVariables = Exact<{ [key: string]: never }>;

export type ImportProgressSubscription = {
  modelUpdated: { id: string; name: string; status: ModelStatus; statusDetail: string | null } | null;
};

export type ModelRowFragment = {
  id: string;
  name: string;
  description: string;
  tags: Array<string>;
  source: ModelSource;
  kind: ModelKind;
  status: ModelStatus;
  statusDetail: string | null;
  createdAt: string;
  activeDeploymentCount: number;
  failedDeploymentCount: number;
  readyToDeployCount: number;
};

export type ModelTableQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: ModelFilter | null | undefined;
  orderBy?: ModelOrder | null | undefined;
}>;

export type ModelTableQuery = {
  models: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{
      id: string;
      name: string;
      description: string;
      tags: Array<string>;
      source: ModelSource;
      kind: ModelKind;
      status: ModelStatus;
      statusDetail: string | null;
      createdAt: string;
      activeDeploymentCount: number;
      failedDeploymentCount: number;
      readyToDeployCount: number;
    }>;
  };
};

export type ModelTableUpdatesSubscriptionVariables = Exact<{ [key: string]: never }>;

export type ModelTableUpdatesSubscription = {
  modelUpdated: {
    id: string;
    name: string;
    description: string;
    tags: Array<string>;
    source: ModelSource;
    kind: ModelKind;
    status: ModelStatus;
    statusDetail: string | null;
    createdAt: string;
    activeDeploymentCount: number;
    failedDeploymentCount: number;
    readyToDeployCount: number;
  } | null;
};

export type DeleteModelMutationVariables = Exact<{
  input: DeleteModelInput;
}>;

export type DeleteModelMutation = {
  deleteModel: {
    deletedModelId: string | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type ModelTableDeploymentUpdatesSubscriptionVariables = Exact<{ [key: string]: never }>;

export type ModelTableDeploymentUpdatesSubscription = {
  deploymentUpdated: {
    id: string;
    status: DeploymentStatus;
    model: {
      id: string;
      activeDeploymentCount: number;
      failedDeploymentCount: number;
      readyToDeployCount: number;
    };
  };
};

export const ApiKeyRowFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ApiKeyRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ApiKey' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'prefix' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'lastUsedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'revokedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createdBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ApiKeyRowFragment, unknown>;
export const ConfigurationFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ConfigurationFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'DeploymentConfiguration' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'optimization' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'technique' } },
                { kind: 'Field', name: { kind: 'Name', value: 'quantization' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'parameters' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'temperature' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxLength' } },
                { kind: 'Field', name: { kind: 'Name', value: 'topP' } },
                { kind: 'Field', name: { kind: 'Name', value: 'topK' } },
                { kind: 'Field', name: { kind: 'Name', value: 'stopSequences' } },
                { kind: 'Field', name: { kind: 'Name', value: 'inferenceBatchSize' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'hardwareProfileId' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'scaling' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'minReplicas' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxReplicas' } },
                { kind: 'Field', name: { kind: 'Name', value: 'scaleUpDelaySeconds' } },
                { kind: 'Field', name: { kind: 'Name', value: 'scaleDownDelaySeconds' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConfigurationFieldsFragment, unknown>;
export const DeploymentRowFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DeploymentRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Deployment' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'deploymentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'serving' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endpointTimeoutSeconds' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createdBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'endpoint' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'url' } },
                { kind: 'Field', name: { kind: 'Name', value: 'curl' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentRowFragment, unknown>;
export const VersionItemFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'VersionItem' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'DeploymentVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'durationSeconds' } },
          { kind: 'Field', name: { kind: 'Name', value: 'isLatest' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deployedBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'undeployment' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'bySystem' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
                { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'endedAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'by' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<VersionItemFragment, unknown>;
export const ModelRowFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ModelRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Model' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'source' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'statusDetail' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'activeDeploymentCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failedDeploymentCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'readyToDeployCount' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ModelRowFragment, unknown>;
export const DeploymentApiKeysDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeploymentApiKeys' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deployment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'apiKeys' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ApiKeyRow' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ApiKeyRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ApiKey' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'prefix' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'lastUsedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'revokedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createdBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentApiKeysQuery, DeploymentApiKeysQueryVariables>;
export const CreateApiKeyDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateApiKey' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateApiKeyInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createApiKey' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'apiKey' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ApiKeyRow' } }],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'secret' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'userErrors' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'field' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ApiKeyRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ApiKey' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'prefix' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'lastUsedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'revokedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createdBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RevokeApiKey' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RevokeApiKeyInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'revokeApiKey' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'apiKey' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'userErrors' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'field' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const DeploymentEndpointDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeploymentEndpoint' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deployment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'deploymentId' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'endpoint' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'url' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'curl' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'python' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'javascript' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentEndpointQuery, DeploymentEndpointQueryVariables>;
export const DeployWizardOptionsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeployWizardOptions' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'models' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'IntValue', value: '100' },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: {
                  kind: 'ObjectValue',
                  fields: [
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'status' },
                      value: { kind: 'ListValue', values: [{ kind: 'EnumValue', value: 'READY_TO_DEPLOY' }] },
                    },
                  ],
                },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'nodes' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'format' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'catalog' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                { kind: 'Field', name: { kind: 'Name', value: 'deployableHere' } },
                { kind: 'Field', name: { kind: 'Name', value: 'requiresDownload' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'hardwareProfiles' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                { kind: 'Field', name: { kind: 'Name', value: 'available' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeployWizardOptionsQuery, DeployWizardOptionsQueryVariables>;
export const DeployWizardSuggestionDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeployWizardSuggestion' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'modelId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'model' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'modelId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'suggestedDeployConfig' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'optimization' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'technique' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'quantization' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'parameters' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'temperature' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'maxLength' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'topP' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'topK' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'stopSequences' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'inferenceBatchSize' } },
                          ],
                        },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'hardwareProfileId' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'scaling' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'minReplicas' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'maxReplicas' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'scaleUpDelaySeconds' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'scaleDownDelaySeconds' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeployWizardSuggestionQuery, DeployWizardSuggestionQueryVariables>;
export const DeployWizardConnectionsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeployWizardConnections' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'connections' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'tokenHint' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeployWizardConnectionsQuery, DeployWizardConnectionsQueryVariables>;
export const DeployWizardCurrentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeployWizardCurrent' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deployment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'model' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'configuration' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'ConfigurationFields' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ConfigurationFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'DeploymentConfiguration' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'optimization' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'technique' } },
                { kind: 'Field', name: { kind: 'Name', value: 'quantization' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'parameters' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'temperature' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxLength' } },
                { kind: 'Field', name: { kind: 'Name', value: 'topP' } },
                { kind: 'Field', name: { kind: 'Name', value: 'topK' } },
                { kind: 'Field', name: { kind: 'Name', value: 'stopSequences' } },
                { kind: 'Field', name: { kind: 'Name', value: 'inferenceBatchSize' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'hardwareProfileId' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'scaling' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'minReplicas' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxReplicas' } },
                { kind: 'Field', name: { kind: 'Name', value: 'scaleUpDelaySeconds' } },
                { kind: 'Field', name: { kind: 'Name', value: 'scaleDownDelaySeconds' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeployWizardCurrentQuery, DeployWizardCurrentQueryVariables>;
export const DeployModelDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'DeployModel' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'DeployModelInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deployModel' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deployment' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'deploymentId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'userErrors' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'field' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeployModelMutation, DeployModelMutationVariables>;
export const RedeployDeploymentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RedeployDeployment' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RedeployDeploymentInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'redeployDeployment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deployment' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'deploymentId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'userErrors' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'field' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RedeployDeploymentMutation, RedeployDeploymentMutationVariables>;
export const DeploymentsTableDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeploymentsTable' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'DeploymentFilter' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deployments' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'nodes' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'DeploymentRow' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DeploymentRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Deployment' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'deploymentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'serving' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endpointTimeoutSeconds' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createdBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'endpoint' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'url' } },
                { kind: 'Field', name: { kind: 'Name', value: 'curl' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentsTableQuery, DeploymentsTableQueryVariables>;
export const DeploymentSettingsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeploymentSettings' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deployment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'DeploymentRow' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DeploymentRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Deployment' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'deploymentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'serving' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endpointTimeoutSeconds' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createdBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'endpoint' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'url' } },
                { kind: 'Field', name: { kind: 'Name', value: 'curl' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentSettingsQuery, DeploymentSettingsQueryVariables>;
export const DeploymentRowUpdatesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'DeploymentRowUpdates' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'modelId' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'deploymentId' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deploymentUpdated' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'modelId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'modelId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'deploymentId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'deploymentId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'DeploymentRow' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DeploymentRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Deployment' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'deploymentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'serving' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endpointTimeoutSeconds' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createdBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'endpoint' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'url' } },
                { kind: 'Field', name: { kind: 'Name', value: 'curl' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentRowUpdatesSubscription, DeploymentRowUpdatesSubscriptionVariables>;
export const RetriggerDeploymentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RetriggerDeployment' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RetriggerDeploymentInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'retriggerDeployment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deployment' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'DeploymentRow' } }],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'userErrors' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'field' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DeploymentRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Deployment' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'deploymentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'serving' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endpointTimeoutSeconds' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createdBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'endpoint' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'url' } },
                { kind: 'Field', name: { kind: 'Name', value: 'curl' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RetriggerDeploymentMutation, RetriggerDeploymentMutationVariables>;
export const UndeployDeploymentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'UndeployDeployment' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UndeployDeploymentInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'undeployDeployment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deployment' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'DeploymentRow' } }],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'userErrors' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'field' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DeploymentRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Deployment' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'deploymentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'serving' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endpointTimeoutSeconds' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createdBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'endpoint' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'url' } },
                { kind: 'Field', name: { kind: 'Name', value: 'curl' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UndeployDeploymentMutation, UndeployDeploymentMutationVariables>;
export const DeleteDeploymentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'DeleteDeployment' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'DeleteDeploymentInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deleteDeployment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'deletedDeploymentId' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'userErrors' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'field' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeleteDeploymentMutation, DeleteDeploymentMutationVariables>;
export const UpdateDeploymentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'UpdateDeployment' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UpdateDeploymentInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'updateDeployment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deployment' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'DeploymentRow' } }],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'userErrors' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'field' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DeploymentRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Deployment' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'deploymentId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'serving' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endpointTimeoutSeconds' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createdBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'endpoint' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'url' } },
                { kind: 'Field', name: { kind: 'Name', value: 'curl' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UpdateDeploymentMutation, UpdateDeploymentMutationVariables>;
export const DeploymentHistoryDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeploymentHistory' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deployment' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'versions' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'VersionItem' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'VersionItem' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'DeploymentVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'durationSeconds' } },
          { kind: 'Field', name: { kind: 'Name', value: 'isLatest' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deployedBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'undeployment' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'bySystem' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
                { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'endedAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'by' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentHistoryQuery, DeploymentHistoryQueryVariables>;
export const DeploymentHistoryUpdatesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'DeploymentHistoryUpdates' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'deploymentId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deploymentUpdated' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'deploymentId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'deploymentId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'versions' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'VersionItem' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'VersionItem' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'DeploymentVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failureReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'durationSeconds' } },
          { kind: 'Field', name: { kind: 'Name', value: 'isLatest' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deployedBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'undeployment' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'bySystem' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
                { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'endedAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'by' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  DeploymentHistoryUpdatesSubscription,
  DeploymentHistoryUpdatesSubscriptionVariables
>;
export const ImportBaseModelsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ImportBaseModels' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'models' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'IntValue', value: '100' },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: {
                  kind: 'ObjectValue',
                  fields: [
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'kind' },
                      value: { kind: 'EnumValue', value: 'BASE' },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'status' },
                      value: { kind: 'ListValue', values: [{ kind: 'EnumValue', value: 'READY_TO_DEPLOY' }] },
                    },
                  ],
                },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'nodes' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ImportBaseModelsQuery, ImportBaseModelsQueryVariables>;
export const ImportModelDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ImportModel' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ImportModelInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'importModel' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'model' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'statusDetail' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'userErrors' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'field' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ImportModelMutation, ImportModelMutationVariables>;
export const ImportProgressDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'ImportProgress' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'modelUpdated' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'statusDetail' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ImportProgressSubscription, ImportProgressSubscriptionVariables>;
export const ModelTableDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ModelTable' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ModelFilter' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'orderBy' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ModelOrder' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'models' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'orderBy' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'orderBy' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'nodes' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ModelRow' } }],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ModelRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Model' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'source' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'statusDetail' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'activeDeploymentCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failedDeploymentCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'readyToDeployCount' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ModelTableQuery, ModelTableQueryVariables>;
export const ModelTableUpdatesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'ModelTableUpdates' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'modelUpdated' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ModelRow' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ModelRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Model' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'source' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'statusDetail' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'activeDeploymentCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'failedDeploymentCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'readyToDeployCount' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ModelTableUpdatesSubscription, ModelTableUpdatesSubscriptionVariables>;
export const DeleteModelDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'DeleteModel' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'DeleteModelInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deleteModel' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'deletedModelId' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'userErrors' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'field' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeleteModelMutation, DeleteModelMutationVariables>;
export const ModelTableDeploymentUpdatesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'ModelTableDeploymentUpdates' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deploymentUpdated' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'model' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'activeDeploymentCount' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'failedDeploymentCount' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'readyToDeployCount' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  ModelTableDeploymentUpdatesSubscription,
  ModelTableDeploymentUpdatesSubscriptionVariables
>;
