/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A deployment and one adapter model (kind ADAPTER). */
export type AttachAdapterInput = {
  /** The adapter model (global ID). */
  adapterModelId: string | number;
  /** The deployment (global ID). */
  deploymentId: string | number;
};

/** Whether the autoscaler changes the replica count or only records what it would do. */
export type AutoscalerMode =
  /** Scales the replicas between the minimum and the maximum. */
  | 'ACTIVE'
  /** Records every decision it would take (with its inputs and reason) in the deployment events and changes nothing. */
  | 'SHADOW';

/** Where a traffic split stands. */
export type CanaryState =
  /** Both versions serve; `weightPercent` % of the requests go to the canary. */
  | 'ACTIVE'
  /** The canary became the current version; the previous one stopped. */
  | 'PROMOTED'
  /** The canary stopped; `rollbackReason` says why. */
  | 'ROLLED_BACK';

/** What happened to an object of a live list. */
export type ChangeKind =
  /** It was added: lists insert it. */
  | 'CREATED'
  /** It was deleted: lists drop it. */
  | 'DELETED'
  /** Its state changed. */
  | 'UPDATED';

/** A new API key for one deployment. */
export type CreateApiKeyInput = {
  /** The deployment the key opens. */
  deploymentId: string | number;
  /** Optional expiry; must be in the future. */
  expiresAt?: string | null | undefined;
  /** Optional budget: tokens (prompt + completion) per calendar month (UTC), a whole number 1–1000000000000. A spent budget answers 429 insufficient_quota until the month ends; null for no budget. */
  monthlyTokenBudget?: number | null | undefined;
  /** A name to recognise the key (1–100 characters). */
  name: string;
  /** Optional rate limit in requests per minute (1–100000). */
  rateLimitPerMinute?: number | null | undefined;
};

/** A Hugging Face access token to store (encrypted; it is never shown again). */
export type CreateConnectionInput = {
  /** A name to choose the connection by; unique in its project. */
  name: string;
  /** The project the connection belongs to (DEPLOYER there). Default: your only project, else the default project. */
  projectId?: string | number | null | undefined;
  /** The Hugging Face access token (e.g. hf_…), read scope is enough. */
  token: string;
};

/** The deployment to chat with from the playground. */
export type CreatePlaygroundKeyInput = {
  /** The deployment (its global ID); it must be running. */
  deploymentId: string | number;
};

/** A new user. */
export type CreateUserInput = {
  /** Email for notifications ("endpoint ready"). */
  email?: string | null | undefined;
  /** Display name. */
  name: string;
  /** The project the user joins with `role` (default: the default project). */
  projectId?: string | number | null | undefined;
  /** Role. */
  role: Role;
};

/** The connection to delete with its token. */
export type DeleteConnectionInput = {
  /** The connection. */
  id: string | number;
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
  /** General details. Free text shown with the deployment or model; at most 2000 characters. */
  description?: string | null | undefined;
  /** How long the gateway waits for a replica’s answer; 30–180 seconds (default 60). */
  endpointTimeoutSeconds?: number | null | undefined;
  /** Hardware step. Id of the hardware profile (see `hardwareProfiles`); 1–128 characters. */
  hardwareProfileId: string;
  /** Deploy from a Hugging Face repository (instead of modelId/catalogEntryId): checked first (reachable, Transformers ≤ 4.43.1, supported architecture); GGUF files are downloaded into the model store. */
  huggingFace?: HuggingFaceSourceInput | null | undefined;
  /** The model (give this or `catalogEntryId`). */
  modelId?: string | number | null | undefined;
  /** General details. Deployment name; versions become `<name>_v<N>`; 1–200 characters. */
  name: string;
  /** Optimization step (default: skip). */
  optimization?: OptimizationInput | null | undefined;
  /** Parameters step. */
  parameters?: ParametersInput | null | undefined;
  /** The project the deployment belongs to (DEPLOYER there to deploy; a plan checks its quotas). Default: the model's project, else your only project, else the default project. */
  projectId?: string | number | null | undefined;
  /** Scaling (part of the parameters step). */
  scaling?: ScalingInput | null | undefined;
  /** False saves the deployment as READY_TO_DEPLOY without starting it (default true). */
  startNow?: boolean | null | undefined;
  /** General details. Labels to find the deployment or model by; at most 32, each 1–64 characters. */
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

/** A deployment and one of its attached adapters. */
export type DetachAdapterInput = {
  /** The adapter model (global ID). */
  adapterModelId: string | number;
  /** The deployment (global ID). */
  deploymentId: string | number;
};

/** Severity of a deployment event line. */
export type EventLevel =
  /** A failure. */
  | 'ERROR'
  /** Progress. */
  | 'INFO'
  /** Something went wrong but is being handled (e.g. a replica restart). */
  | 'WARNING';

/** The model to export. */
export type ExportModelInput = {
  /** The model. */
  id: string | number;
};

/** A GPU quota for one hardware profile. */
export type GpuQuotaInput = {
  /** A hardware profile with GPUs. */
  hardwareProfileId: string;
  /** The most GPUs of it, 0–100 000. */
  maxGpus: number;
};

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
  /** Editable later. Free text shown with the deployment or model; at most 2000 characters. */
  description?: string | null | undefined;
  /** Base model or adapter. */
  kind: ModelKind;
  /** The project the model belongs to (DEPLOYER there). Default: an adapter's base model's project, else your only project, else the default project. */
  projectId?: string | number | null | undefined;
  /** Editable later. Labels to find the deployment or model by; at most 32, each 1–64 characters. */
  tags?: Array<string> | null | undefined;
  /** The upload id: the last part of the URL /uploads answered with (Location header). */
  uploadId: string;
};

/** A time range of gateway metrics. */
export type MetricsRangeInput = {
  /** Start (inclusive; rounded down to the minute). */
  from: string;
  /** End (exclusive; rounded up to the minute). Default: now. */
  to?: string | null | undefined;
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
  /** Quantization applied by the technique; each technique offers its own (default NONE). */
  quantization?: Quantization | null | undefined;
  /** How the model is optimized before serving (default NONE). */
  technique: OptimizationTechnique;
};

/** How the model is optimized before serving. */
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
  /** Concurrent requests one replica serves at once; 1–256 requests (default 4). */
  inferenceBatchSize?: number | null | undefined;
  /** Maximum number of tokens to generate (a request may ask for fewer, never more); 1–131072 tokens (default 512). Requests override it with `max_tokens`. */
  maxLength?: number | null | undefined;
  /** Sequences that stop generation; at most 4, each 1–256 characters (default none). Requests override it with `stop`. */
  stopSequences?: Array<string> | null | undefined;
  /** Sampling temperature: higher is more random, 0 always picks the likeliest token; 0–2 (default 0.7). Requests override it with `temperature`. */
  temperature?: number | null | undefined;
  /** Sample only from this many likeliest tokens; 1–100 tokens (default 40). Requests override it with `top_k`. */
  topK?: number | null | undefined;
  /** Nucleus sampling: sample from the smallest set of tokens whose probability reaches this mass; 0–1 (default 0.9). Requests override it with `top_p`. */
  topP?: number | null | undefined;
};

/** A deployment configuration to try without deploying: the model and the wizard’s optimization, parameters, hardware and scaling. */
export type PlanDeploymentInput = {
  /** A platform-hosted catalog entry (a deploy creates its model record on first use; a plan creates nothing). */
  catalogEntryId?: string | null | undefined;
  /** Hardware step. Id of the hardware profile (see `hardwareProfiles`); 1–128 characters. */
  hardwareProfileId: string;
  /** The model (give this or `catalogEntryId`). */
  modelId?: string | number | null | undefined;
  /** Optimization step (default: skip). */
  optimization?: OptimizationInput | null | undefined;
  /** Parameters step. */
  parameters?: ParametersInput | null | undefined;
  /** The project the deployment belongs to (DEPLOYER there to deploy; a plan checks its quotas). Default: the model's project, else your only project, else the default project. */
  projectId?: string | number | null | undefined;
  /** Scaling (part of the parameters step). */
  scaling?: ScalingInput | null | undefined;
};

/** The deployment whose canary becomes its current version. */
export type PromoteCanaryInput = {
  /** The deployment. */
  id: string | number;
};

/** Quantization applied by the technique; each technique offers its own. */
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

/** A user to take out of a project (the project’s ADMIN). */
export type RemoveProjectMemberInput = {
  /** The project. */
  projectId: string | number;
  /** The user. */
  userId: string | number;
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

/** What a user may do. Roles are ordered: VIEWER < DEPLOYER < ADMIN. */
export type Role =
  /** Also manages users, deletes models and reads the audit log. */
  | 'ADMIN'
  /** Also deploys, redeploys, undeploys, imports models and manages API keys. */
  | 'DEPLOYER'
  /** Reads models, deployments and history. */
  | 'VIEWER';

/** The deployment whose canary to stop. */
export type RollbackCanaryInput = {
  /** The deployment. */
  id: string | number;
};

/** Redeploy the configuration of an earlier version as the next version. */
export type RollbackDeploymentInput = {
  /** The deployment. */
  id: string | number;
  /** The version whose configuration to redeploy. */
  version: number;
};

/** Scaling part of the parameters step; omitted fields keep their defaults (or current values). */
export type ScalingInput = {
  /** Whether the autoscaler changes the replica count or only records what it would do (default ACTIVE). */
  autoscalerMode?: AutoscalerMode | null | undefined;
  /** Most replicas the autoscaler may run (at least the minimum replicas); 1–50 replicas (default 1). */
  maxReplicas?: number | null | undefined;
  /** Replicas kept running even without load; 1–10 replicas (default 1). */
  minReplicas?: number | null | undefined;
  /** Low load before a replica is removed; 0–3600 seconds (default 600). */
  scaleDownDelaySeconds?: number | null | undefined;
  /** Idle time without requests after which every replica is stopped (0: never); the next request starts one and waits for it; 0–86400 seconds (default 0). */
  scaleToZeroAfterSeconds?: number | null | undefined;
  /** Sustained load before a replica is added; 0–3600 seconds (default 30). */
  scaleUpDelaySeconds?: number | null | undefined;
  /** The autoscaler adds replicas while each replica’s share of the completion tokens per second over the last minute stays above this for the scale-up delay (0: no target); 0–100000 tokens/s (default 0). */
  targetTokensPerSecondPerReplica?: number | null | undefined;
  /** The autoscaler adds replicas while the median time to the first streamed token over the last minute stays above this for the scale-up delay (0: no target); 0–60000 ms (default 0). */
  targetTtftMs?: number | null | undefined;
};

/** A new monthly token budget for an API key. */
export type SetApiKeyBudgetInput = {
  /** The key. */
  apiKeyId: string | number;
  /** Tokens per calendar month (UTC), a whole number 1–1000000000000; null removes the budget. */
  monthlyTokenBudget?: number | null | undefined;
};

/** A new monthly token budget for a project (every key of its deployments together). */
export type SetProjectBudgetInput = {
  /** Tokens per calendar month (UTC), a whole number 1–1000000000000; null removes the budget. */
  monthlyTokenBudget?: number | null | undefined;
  /** The project. */
  projectId: string | number;
};

/** A user's role in a project: added, or changed (the project's ADMIN). */
export type SetProjectMemberInput = {
  /** The project. */
  projectId: string | number;
  /** Their role in the project. */
  role: Role;
  /** The user. */
  userId: string | number;
};

/** A project’s quotas, all at once (instance ADMIN): what is null or left out is unlimited. Running deployments are not stopped by a lower quota; what they ask for next is checked against it. */
export type SetProjectQuotasInput = {
  /** Concurrent deployments, 0–100 000; null: unlimited. */
  maxDeployments?: number | null | undefined;
  /** GPUs by hardware profile; null or []: unlimited. */
  maxGpus?: Array<GpuQuotaInput> | null | undefined;
  /** Replicas over all its deployments, 0–100 000; null: unlimited. */
  maxReplicas?: number | null | undefined;
  /** The project. */
  projectId: string | number;
};

/** The connection whose stored token to check against the hub. */
export type TestConnectionInput = {
  /** The connection. */
  id: string | number;
};

/** The deployment whose replicas to stop. */
export type UndeployDeploymentInput = {
  /** The deployment. */
  id: string | number;
};

/** Editable details of a deployment (Configurations page). */
export type UpdateDeploymentInput = {
  /** New description. Free text shown with the deployment or model; at most 2000 characters. */
  description?: string | null | undefined;
  /** New endpoint timeout. How long the gateway waits for a replica’s answer; 30–180 seconds. */
  endpointTimeoutSeconds?: number | null | undefined;
  /** The deployment. */
  id: string | number;
  /** New tags (replaces the list). Labels to find the deployment or model by; at most 32, each 1–64 characters. */
  tags?: Array<string> | null | undefined;
};

/** Editable details of a model: description and tags only (the name never changes). */
export type UpdateModelInput = {
  /** New description. Free text shown with the deployment or model; at most 2000 characters. */
  description?: string | null | undefined;
  /** The model. */
  id: string | number;
  /** New tags (replaces the list). Labels to find the deployment or model by; at most 32, each 1–64 characters. */
  tags?: Array<string> | null | undefined;
};

/** A role change. */
export type UpdateUserRoleInput = {
  /** The user. */
  id: string | number;
  /** New role. */
  role: Role;
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
  /** The project's quota (replicas, concurrent deployments or GPUs of a profile) would be exceeded; the message names it. */
  | 'QUOTA_EXCEEDED'
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

/** What created a version. */
export type VersionTrigger =
  /** A canary started beside the current version with a share of the traffic. */
  | 'CANARY'
  /** The first deploy. */
  | 'DEPLOY'
  /** A redeploy with new parameters, hardware or scaling. */
  | 'REDEPLOY'
  /** A restart of a failed or stopped deployment with the same configuration. */
  | 'RETRIGGER'
  /** A redeploy of an earlier version’s configuration. */
  | 'ROLLBACK';

export type AdapterRowFragment = { id: string; name: string; description: string; sizeBytes: number };

export type DeploymentAdaptersQueryVariables = Exact<{
  id: string | number;
}>;

export type DeploymentAdaptersQuery = {
  deployment: {
    id: string;
    name: string;
    model: { id: string; name: string };
    adapters: Array<{ id: string; name: string; description: string; sizeBytes: number }>;
  };
  models: { nodes: Array<{ id: string; name: string; description: string; sizeBytes: number }> };
};

export type AttachAdapterMutationVariables = Exact<{
  input: AttachAdapterInput;
}>;

export type AttachAdapterMutation = {
  attachAdapter: {
    deployment: {
      id: string;
      adapters: Array<{ id: string; name: string; description: string; sizeBytes: number }>;
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type DetachAdapterMutationVariables = Exact<{
  input: DetachAdapterInput;
}>;

export type DetachAdapterMutation = {
  detachAdapter: {
    deployment: {
      id: string;
      adapters: Array<{ id: string; name: string; description: string; sizeBytes: number }>;
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type ViewerQueryVariables = Exact<{ [key: string]: never }>;

export type ViewerQuery = { viewer: { id: string; name: string; role: Role | null } };

export type AuditEventRowFragment = {
  id: string;
  at: string;
  action: string;
  actorName: string;
  targetType: string;
  targetId: string | null;
  details: unknown;
};

export type AuditLogQueryVariables = Exact<{
  last?: number | null | undefined;
}>;

export type AuditLogQuery = {
  auditEvents: Array<{
    id: string;
    at: string;
    action: string;
    actorName: string;
    targetType: string;
    targetId: string | null;
    details: unknown;
  }>;
};

export type UserRowFragment = {
  id: string;
  name: string;
  email: string | null;
  role: Role | null;
  createdAt: string;
};

export type UserAdminQueryVariables = Exact<{ [key: string]: never }>;

export type UserAdminQuery = {
  viewer: { id: string };
  users: Array<{ id: string; name: string; email: string | null; role: Role | null; createdAt: string }>;
};

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;

export type CreateUserMutation = {
  createUser: {
    token: string | null;
    user: { id: string; name: string; email: string | null; role: Role | null; createdAt: string } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type UpdateUserRoleMutationVariables = Exact<{
  input: UpdateUserRoleInput;
}>;

export type UpdateUserRoleMutation = {
  updateUserRole: {
    user: { id: string; name: string; email: string | null; role: Role | null; createdAt: string } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type ConnectionRowFragment = { id: string; name: string; tokenHint: string; createdAt: string };

export type ConnectionsQueryVariables = Exact<{ [key: string]: never }>;

export type ConnectionsQuery = {
  connections: Array<{ id: string; name: string; tokenHint: string; createdAt: string }>;
};

export type CreateConnectionMutationVariables = Exact<{
  input: CreateConnectionInput;
}>;

export type CreateConnectionMutation = {
  createConnection: {
    connection: { id: string; name: string; tokenHint: string; createdAt: string } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type TestConnectionMutationVariables = Exact<{
  input: TestConnectionInput;
}>;

export type TestConnectionMutation = {
  testConnection: {
    result: {
      ok: boolean;
      account: string | null;
      tokenRole: string | null;
      message: string;
      checkedAt: string;
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type DeleteConnectionMutationVariables = Exact<{
  input: DeleteConnectionInput;
}>;

export type DeleteConnectionMutation = {
  deleteConnection: {
    deletedConnectionId: string | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type ApiKeyRowFragment = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  rateLimitPerMinute: number | null;
  usage: { requests: number; errors: number; promptTokens: number; completionTokens: number };
  createdBy: { id: string; name: string } | null;
  budget: {
    monthlyTokenBudget: number | null;
    usedTokens: number;
    remainingTokens: number | null;
    periodStart: string;
    periodEnd: string;
    warned: boolean;
  };
};

export type ApiKeyBudgetMeterFragment = {
  monthlyTokenBudget: number | null;
  usedTokens: number;
  remainingTokens: number | null;
  periodStart: string;
  periodEnd: string;
  warned: boolean;
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
      rateLimitPerMinute: number | null;
      usage: { requests: number; errors: number; promptTokens: number; completionTokens: number };
      createdBy: { id: string; name: string } | null;
      budget: {
        monthlyTokenBudget: number | null;
        usedTokens: number;
        remainingTokens: number | null;
        periodStart: string;
        periodEnd: string;
        warned: boolean;
      };
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
      rateLimitPerMinute: number | null;
      usage: { requests: number; errors: number; promptTokens: number; completionTokens: number };
      createdBy: { id: string; name: string } | null;
      budget: {
        monthlyTokenBudget: number | null;
        usedTokens: number;
        remainingTokens: number | null;
        periodStart: string;
        periodEnd: string;
        warned: boolean;
      };
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type ApiKeyUsageChangedSubscriptionVariables = Exact<{
  deploymentId: string | number;
}>;

export type ApiKeyUsageChangedSubscription = {
  apiKeyUsageChanged: {
    id: string;
    usage: { requests: number; errors: number; promptTokens: number; completionTokens: number };
    budget: {
      monthlyTokenBudget: number | null;
      usedTokens: number;
      remainingTokens: number | null;
      periodStart: string;
      periodEnd: string;
      warned: boolean;
    };
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

export type SetApiKeyBudgetMutationVariables = Exact<{
  input: SetApiKeyBudgetInput;
}>;

export type SetApiKeyBudgetMutation = {
  setApiKeyBudget: {
    apiKey: {
      id: string;
      budget: {
        monthlyTokenBudget: number | null;
        usedTokens: number;
        remainingTokens: number | null;
        periodStart: string;
        periodEnd: string;
        warned: boolean;
      };
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type DeploymentCostQueryVariables = Exact<{
  id: string | number;
  range: MetricsRangeInput;
}>;

export type DeploymentCostQuery = {
  deployment: {
    id: string;
    cost: { replicaHours: number; gpuHours: number; amount: number | null; currency: string };
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
    scaleToZeroAfterSeconds: number;
    autoscalerMode: AutoscalerMode;
    targetTtftMs: number;
    targetTokensPerSecondPerReplica: number;
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
        scaleToZeroAfterSeconds: number;
        autoscalerMode: AutoscalerMode;
        targetTtftMs: number;
        targetTokensPerSecondPerReplica: number;
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
        scaleToZeroAfterSeconds: number;
        autoscalerMode: AutoscalerMode;
        targetTtftMs: number;
        targetTokensPerSecondPerReplica: number;
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

export type DeploymentEventLineFragment = {
  at: string;
  level: EventLevel;
  message: string;
  version: number | null;
};

export type DeploymentEventsQueryVariables = Exact<{
  id: string | number;
  last?: number | null | undefined;
}>;

export type DeploymentEventsQuery = {
  deployment: {
    id: string;
    name: string;
    events: Array<{ at: string; level: EventLevel; message: string; version: number | null }>;
  };
};

export type DeploymentEventStreamSubscriptionVariables = Exact<{
  deploymentId: string | number;
}>;

export type DeploymentEventStreamSubscription = {
  deploymentEvents: { at: string; level: EventLevel; message: string; version: number | null };
};

export type ReplicaRowFragment = {
  id: string;
  status: string;
  startedAt: string;
  version: number;
  restarts: number;
};

export type ScalingDecisionFactsFragment = {
  at: string;
  fromReplicas: number;
  toReplicas: number;
  reason: string;
  error: string | null;
};

export type DeploymentReplicasQueryVariables = Exact<{
  id: string | number;
}>;

export type DeploymentReplicasQuery = {
  deployment: {
    id: string;
    name: string;
    status: DeploymentStatus;
    idle: boolean;
    currentVersion: number;
    configuration: { scaling: { minReplicas: number; maxReplicas: number; scaleToZeroAfterSeconds: number } };
    replicas: Array<{ id: string; status: string; startedAt: string; version: number; restarts: number }>;
    lastScalingDecision: {
      at: string;
      fromReplicas: number;
      toReplicas: number;
      reason: string;
      error: string | null;
    } | null;
  };
};

export type DeploymentReplicaUpdatesSubscriptionVariables = Exact<{
  deploymentId: string | number;
}>;

export type DeploymentReplicaUpdatesSubscription = {
  deploymentUpdated: {
    id: string;
    status: DeploymentStatus;
    idle: boolean;
    currentVersion: number;
    replicas: Array<{ id: string; status: string; startedAt: string; version: number; restarts: number }>;
    lastScalingDecision: {
      at: string;
      fromReplicas: number;
      toReplicas: number;
      reason: string;
      error: string | null;
    } | null;
  };
};

export type MetricsPointRowFragment = {
  at: string;
  requestsPerSecond: number;
  errors: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  tokensPerSecond: number;
  replicas: number;
};

export type DeploymentMetricsQueryVariables = Exact<{
  id: string | number;
  range: MetricsRangeInput;
  step: number;
}>;

export type DeploymentMetricsQuery = {
  deployment: {
    id: string;
    name: string;
    metrics: {
      from: string;
      step: number;
      points: Array<{
        at: string;
        requestsPerSecond: number;
        errors: number;
        latencyP50Ms: number | null;
        latencyP95Ms: number | null;
        latencyP99Ms: number | null;
        tokensPerSecond: number;
        replicas: number;
      }>;
      totals: {
        requests: number;
        errors: number;
        promptTokens: number;
        completionTokens: number;
        latencyP50Ms: number | null;
        latencyP95Ms: number | null;
        latencyP99Ms: number | null;
      };
    };
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
  idle: boolean;
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
      idle: boolean;
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
    idle: boolean;
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
    idle: boolean;
    failureReason: string | null;
    endpointTimeoutSeconds: number;
    createdAt: string;
    createdBy: { id: string; name: string } | null;
    endpoint: { url: string; curl: string };
  };
};

export type DeploymentListChangesSubscriptionVariables = Exact<{
  modelId?: string | number | null | undefined;
}>;

export type DeploymentListChangesSubscription = {
  deploymentsChanged: {
    kind: ChangeKind;
    id: string;
    deployment: {
      id: string;
      deploymentId: string;
      name: string;
      description: string;
      tags: Array<string>;
      status: DeploymentStatus;
      serving: boolean;
      idle: boolean;
      failureReason: string | null;
      endpointTimeoutSeconds: number;
      createdAt: string;
      createdBy: { id: string; name: string } | null;
      endpoint: { url: string; curl: string };
    } | null;
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
      idle: boolean;
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
      idle: boolean;
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
      idle: boolean;
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
  trigger: VersionTrigger;
  rolledBackFrom: number | null;
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
      scaleToZeroAfterSeconds: number;
      targetTtftMs: number;
      targetTokensPerSecondPerReplica: number;
    };
  };
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
      trigger: VersionTrigger;
      rolledBackFrom: number | null;
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
          scaleToZeroAfterSeconds: number;
          targetTtftMs: number;
          targetTokensPerSecondPerReplica: number;
        };
      };
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
      trigger: VersionTrigger;
      rolledBackFrom: number | null;
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
          scaleToZeroAfterSeconds: number;
          targetTtftMs: number;
          targetTokensPerSecondPerReplica: number;
        };
      };
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

export type RollbackDeploymentMutationVariables = Exact<{
  input: RollbackDeploymentInput;
}>;

export type RollbackDeploymentMutation = {
  rollbackDeployment: {
    deployment: {
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
        trigger: VersionTrigger;
        rolledBackFrom: number | null;
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
            scaleToZeroAfterSeconds: number;
            targetTtftMs: number;
            targetTokensPerSecondPerReplica: number;
          };
        };
        deployedBy: { id: string; name: string } | null;
        undeployment: {
          bySystem: boolean;
          reason: string | null;
          startedAt: string;
          endedAt: string | null;
          by: { id: string; name: string } | null;
        } | null;
      }>;
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
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

export type ModelDetailsItemFragment = {
  id: string;
  name: string;
  description: string;
  tags: Array<string>;
  status: ModelStatus;
  statusDetail: string | null;
  source: ModelSource;
  kind: ModelKind;
  format: ModelFormat;
  sizeBytes: number;
  huggingFaceRepoId: string | null;
  createdAt: string;
  activeDeploymentCount: number;
  createdBy: { id: string; name: string } | null;
};

export type ModelDetailsQueryVariables = Exact<{
  id: string | number;
}>;

export type ModelDetailsQuery = {
  model: {
    id: string;
    name: string;
    description: string;
    tags: Array<string>;
    status: ModelStatus;
    statusDetail: string | null;
    source: ModelSource;
    kind: ModelKind;
    format: ModelFormat;
    sizeBytes: number;
    huggingFaceRepoId: string | null;
    createdAt: string;
    activeDeploymentCount: number;
    createdBy: { id: string; name: string } | null;
  };
};

export type UpdateModelMutationVariables = Exact<{
  input: UpdateModelInput;
}>;

export type UpdateModelMutation = {
  updateModel: {
    model: {
      id: string;
      name: string;
      description: string;
      tags: Array<string>;
      status: ModelStatus;
      statusDetail: string | null;
      source: ModelSource;
      kind: ModelKind;
      format: ModelFormat;
      sizeBytes: number;
      huggingFaceRepoId: string | null;
      createdAt: string;
      activeDeploymentCount: number;
      createdBy: { id: string; name: string } | null;
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type ExportModelMutationVariables = Exact<{
  input: ExportModelInput;
}>;

export type ExportModelMutation = {
  exportModel: {
    url: string | null;
    expiresAt: string | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
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
  modelsChanged: {
    kind: ChangeKind;
    id: string;
    model: {
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

export type PlanDeploymentQueryVariables = Exact<{
  input: PlanDeploymentInput;
}>;

export type PlanDeploymentQuery = {
  planDeployment: {
    fits: boolean | null;
    reasons: Array<string>;
    quotaExceeded: string | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type PlaygroundDeploymentQueryVariables = Exact<{
  id: string | number;
}>;

export type PlaygroundDeploymentQuery = {
  deployment: {
    id: string;
    deploymentId: string;
    name: string;
    status: DeploymentStatus;
    configuration: {
      parameters: {
        temperature: number;
        maxLength: number;
        topP: number;
        topK: number;
        stopSequences: Array<string>;
      };
    };
  };
};

export type CreatePlaygroundKeyMutationVariables = Exact<{
  input: CreatePlaygroundKeyInput;
}>;

export type CreatePlaygroundKeyMutation = {
  createPlaygroundKey: {
    secret: string | null;
    apiKey: { id: string; expiresAt: string | null } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type ProjectSettingsQueryVariables = Exact<{
  id: string | number;
}>;

export type ProjectSettingsQuery = {
  project: {
    id: string;
    name: string;
    slug: string;
    viewerRole: Role | null;
    members: Array<{ role: Role; user: { id: string; name: string } }>;
    quotas: {
      maxReplicas: number | null;
      maxDeployments: number | null;
      maxGpus: Array<{ hardwareProfileId: string; maxGpus: number }>;
    };
    quotaUsage: {
      replicas: number;
      deployments: number;
      gpus: Array<{ hardwareProfileId: string; gpus: number }>;
    };
  };
  viewer: { id: string; role: Role | null };
};

export type ProjectSettingsSetQuotasMutationVariables = Exact<{
  input: SetProjectQuotasInput;
}>;

export type ProjectSettingsSetQuotasMutation = {
  setProjectQuotas: {
    project: {
      id: string;
      quotas: {
        maxReplicas: number | null;
        maxDeployments: number | null;
        maxGpus: Array<{ hardwareProfileId: string; maxGpus: number }>;
      };
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type ProjectSettingsSetMemberMutationVariables = Exact<{
  input: SetProjectMemberInput;
}>;

export type ProjectSettingsSetMemberMutation = {
  setProjectMember: {
    project: { id: string; members: Array<{ role: Role; user: { id: string; name: string } }> } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type ProjectSettingsRemoveMemberMutationVariables = Exact<{
  input: RemoveProjectMemberInput;
}>;

export type ProjectSettingsRemoveMemberMutation = {
  removeProjectMember: {
    project: { id: string; members: Array<{ role: Role; user: { id: string; name: string } }> } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type ProjectUsageQueryVariables = Exact<{
  id: string | number;
  range: MetricsRangeInput;
}>;

export type ProjectUsageQuery = {
  project: {
    id: string;
    name: string;
    budget: {
      monthlyTokenBudget: number | null;
      usedTokens: number;
      remainingTokens: number | null;
      periodStart: string;
      periodEnd: string;
      warned: boolean;
    };
    usage: { requests: number; errors: number; promptTokens: number; completionTokens: number };
    cost: { replicaHours: number; gpuHours: number; amount: number | null; currency: string };
  };
};

export type ProjectUsageViewerQueryVariables = Exact<{ [key: string]: never }>;

export type ProjectUsageViewerQuery = { viewer: { id: string; role: Role | null } };

export type SetProjectBudgetMutationVariables = Exact<{
  input: SetProjectBudgetInput;
}>;

export type SetProjectBudgetMutation = {
  setProjectBudget: {
    project: {
      id: string;
      budget: {
        monthlyTokenBudget: number | null;
        usedTokens: number;
        remainingTokens: number | null;
        periodStart: string;
        periodEnd: string;
        warned: boolean;
      };
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type ProjectOptionFragment = { id: string; name: string; slug: string; viewerRole: Role | null };

export type ProjectsQueryVariables = Exact<{ [key: string]: never }>;

export type ProjectsQuery = {
  projects: Array<{ id: string; name: string; slug: string; viewerRole: Role | null }>;
};

export type TrafficSplitFieldsFragment = {
  canaryVersion: number;
  stableVersion: number;
  weightPercent: number;
  state: CanaryState;
  rollbackReason: string | null;
  rolledBackAutomatically: boolean;
  startedAt: string;
  endedAt: string | null;
  autoRollback: {
    maxErrorRateIncreasePercent: number;
    maxP95IncreasePercent: number;
    windowSeconds: number;
    minRequests: number;
  } | null;
};

export type DeploymentTrafficSplitQueryVariables = Exact<{
  id: string | number;
}>;

export type DeploymentTrafficSplitQuery = {
  deployment: {
    id: string;
    name: string;
    status: DeploymentStatus;
    currentVersion: number;
    trafficSplit: {
      canaryVersion: number;
      stableVersion: number;
      weightPercent: number;
      state: CanaryState;
      rollbackReason: string | null;
      rolledBackAutomatically: boolean;
      startedAt: string;
      endedAt: string | null;
      autoRollback: {
        maxErrorRateIncreasePercent: number;
        maxP95IncreasePercent: number;
        windowSeconds: number;
        minRequests: number;
      } | null;
    } | null;
  };
};

export type DeploymentTrafficSplitUpdatesSubscriptionVariables = Exact<{
  deploymentId: string | number;
}>;

export type DeploymentTrafficSplitUpdatesSubscription = {
  deploymentUpdated: {
    id: string;
    status: DeploymentStatus;
    currentVersion: number;
    trafficSplit: {
      canaryVersion: number;
      stableVersion: number;
      weightPercent: number;
      state: CanaryState;
      rollbackReason: string | null;
      rolledBackAutomatically: boolean;
      startedAt: string;
      endedAt: string | null;
      autoRollback: {
        maxErrorRateIncreasePercent: number;
        maxP95IncreasePercent: number;
        windowSeconds: number;
        minRequests: number;
      } | null;
    } | null;
  };
};

export type PromoteCanaryMutationVariables = Exact<{
  input: PromoteCanaryInput;
}>;

export type PromoteCanaryMutation = {
  promoteCanary: {
    deployment: {
      id: string;
      currentVersion: number;
      trafficSplit: {
        canaryVersion: number;
        stableVersion: number;
        weightPercent: number;
        state: CanaryState;
        rollbackReason: string | null;
        rolledBackAutomatically: boolean;
        startedAt: string;
        endedAt: string | null;
        autoRollback: {
          maxErrorRateIncreasePercent: number;
          maxP95IncreasePercent: number;
          windowSeconds: number;
          minRequests: number;
        } | null;
      } | null;
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export type RollbackCanaryMutationVariables = Exact<{
  input: RollbackCanaryInput;
}>;

export type RollbackCanaryMutation = {
  rollbackCanary: {
    deployment: {
      id: string;
      currentVersion: number;
      trafficSplit: {
        canaryVersion: number;
        stableVersion: number;
        weightPercent: number;
        state: CanaryState;
        rollbackReason: string | null;
        rolledBackAutomatically: boolean;
        startedAt: string;
        endedAt: string | null;
        autoRollback: {
          maxErrorRateIncreasePercent: number;
          maxP95IncreasePercent: number;
          windowSeconds: number;
          minRequests: number;
        } | null;
      } | null;
    } | null;
    userErrors: Array<{ field: Array<string> | null; message: string; code: UserErrorCode }>;
  };
};

export const AdapterRowFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AdapterRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Model' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'sizeBytes' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AdapterRowFragment, unknown>;
export const AuditEventRowFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AuditEventRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'AuditEvent' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'at' } },
          { kind: 'Field', name: { kind: 'Name', value: 'action' } },
          { kind: 'Field', name: { kind: 'Name', value: 'actorName' } },
          { kind: 'Field', name: { kind: 'Name', value: 'targetType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'targetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'details' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AuditEventRowFragment, unknown>;
export const UserRowFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'UserRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'User' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'email' } },
          { kind: 'Field', name: { kind: 'Name', value: 'role' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UserRowFragment, unknown>;
export const ConnectionRowFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ConnectionRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Connection' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tokenHint' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConnectionRowFragment, unknown>;
export const ApiKeyBudgetMeterFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ApiKeyBudgetMeter' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TokenBudget' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'monthlyTokenBudget' } },
          { kind: 'Field', name: { kind: 'Name', value: 'usedTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'remainingTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodStart' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodEnd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'warned' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ApiKeyBudgetMeterFragment, unknown>;
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
          { kind: 'Field', name: { kind: 'Name', value: 'rateLimitPerMinute' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'usage' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'requests' } },
                { kind: 'Field', name: { kind: 'Name', value: 'errors' } },
                { kind: 'Field', name: { kind: 'Name', value: 'promptTokens' } },
                { kind: 'Field', name: { kind: 'Name', value: 'completionTokens' } },
              ],
            },
          },
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
            name: { kind: 'Name', value: 'budget' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ApiKeyBudgetMeter' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ApiKeyBudgetMeter' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TokenBudget' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'monthlyTokenBudget' } },
          { kind: 'Field', name: { kind: 'Name', value: 'usedTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'remainingTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodStart' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodEnd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'warned' } },
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
                { kind: 'Field', name: { kind: 'Name', value: 'scaleToZeroAfterSeconds' } },
                { kind: 'Field', name: { kind: 'Name', value: 'autoscalerMode' } },
                { kind: 'Field', name: { kind: 'Name', value: 'targetTtftMs' } },
                { kind: 'Field', name: { kind: 'Name', value: 'targetTokensPerSecondPerReplica' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConfigurationFieldsFragment, unknown>;
export const DeploymentEventLineFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DeploymentEventLine' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'DeploymentEvent' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'at' } },
          { kind: 'Field', name: { kind: 'Name', value: 'level' } },
          { kind: 'Field', name: { kind: 'Name', value: 'message' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentEventLineFragment, unknown>;
export const ReplicaRowFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ReplicaRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Replica' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'restarts' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ReplicaRowFragment, unknown>;
export const ScalingDecisionFactsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ScalingDecisionFacts' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ScalingDecision' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'at' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fromReplicas' } },
          { kind: 'Field', name: { kind: 'Name', value: 'toReplicas' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'error' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ScalingDecisionFactsFragment, unknown>;
export const MetricsPointRowFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'MetricsPointRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MetricsPoint' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'at' } },
          { kind: 'Field', name: { kind: 'Name', value: 'requestsPerSecond' } },
          { kind: 'Field', name: { kind: 'Name', value: 'errors' } },
          { kind: 'Field', name: { kind: 'Name', value: 'latencyP50Ms' } },
          { kind: 'Field', name: { kind: 'Name', value: 'latencyP95Ms' } },
          { kind: 'Field', name: { kind: 'Name', value: 'latencyP99Ms' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tokensPerSecond' } },
          { kind: 'Field', name: { kind: 'Name', value: 'replicas' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MetricsPointRowFragment, unknown>;
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
          { kind: 'Field', name: { kind: 'Name', value: 'idle' } },
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
          { kind: 'Field', name: { kind: 'Name', value: 'trigger' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rolledBackFrom' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'configuration' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'hardwareProfileId' } },
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
                      { kind: 'Field', name: { kind: 'Name', value: 'scaleToZeroAfterSeconds' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'targetTtftMs' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'targetTokensPerSecondPerReplica' } },
                    ],
                  },
                },
              ],
            },
          },
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
export const ModelDetailsItemFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ModelDetailsItem' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Model' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'statusDetail' } },
          { kind: 'Field', name: { kind: 'Name', value: 'source' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'format' } },
          { kind: 'Field', name: { kind: 'Name', value: 'sizeBytes' } },
          { kind: 'Field', name: { kind: 'Name', value: 'huggingFaceRepoId' } },
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
          { kind: 'Field', name: { kind: 'Name', value: 'activeDeploymentCount' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ModelDetailsItemFragment, unknown>;
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
export const ProjectOptionFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ProjectOption' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Project' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'slug' } },
          { kind: 'Field', name: { kind: 'Name', value: 'viewerRole' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ProjectOptionFragment, unknown>;
export const TrafficSplitFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TrafficSplitFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TrafficSplit' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'canaryVersion' } },
          { kind: 'Field', name: { kind: 'Name', value: 'stableVersion' } },
          { kind: 'Field', name: { kind: 'Name', value: 'weightPercent' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rollbackReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rolledBackAutomatically' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'autoRollback' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'maxErrorRateIncreasePercent' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxP95IncreasePercent' } },
                { kind: 'Field', name: { kind: 'Name', value: 'windowSeconds' } },
                { kind: 'Field', name: { kind: 'Name', value: 'minRequests' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TrafficSplitFieldsFragment, unknown>;
export const DeploymentAdaptersDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeploymentAdapters' },
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
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'model' },
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
                  name: { kind: 'Name', value: 'adapters' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'AdapterRow' } }],
                  },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'models' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: {
                  kind: 'ObjectValue',
                  fields: [
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'kind' },
                      value: { kind: 'EnumValue', value: 'ADAPTER' },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'status' },
                      value: { kind: 'ListValue', values: [{ kind: 'EnumValue', value: 'READY_TO_DEPLOY' }] },
                    },
                  ],
                },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'IntValue', value: '100' },
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
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'AdapterRow' } }],
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
      name: { kind: 'Name', value: 'AdapterRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Model' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'sizeBytes' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentAdaptersQuery, DeploymentAdaptersQueryVariables>;
export const AttachAdapterDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'AttachAdapter' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'AttachAdapterInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'attachAdapter' },
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
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'adapters' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'AdapterRow' } },
                          ],
                        },
                      },
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
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AdapterRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Model' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'sizeBytes' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AttachAdapterMutation, AttachAdapterMutationVariables>;
export const DetachAdapterDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'DetachAdapter' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'DetachAdapterInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'detachAdapter' },
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
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'adapters' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'AdapterRow' } },
                          ],
                        },
                      },
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
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AdapterRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Model' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'sizeBytes' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DetachAdapterMutation, DetachAdapterMutationVariables>;
export const ViewerDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Viewer' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'viewer' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'role' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const AuditLogDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'AuditLog' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'last' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'auditEvents' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'last' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'last' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'AuditEventRow' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AuditEventRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'AuditEvent' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'at' } },
          { kind: 'Field', name: { kind: 'Name', value: 'action' } },
          { kind: 'Field', name: { kind: 'Name', value: 'actorName' } },
          { kind: 'Field', name: { kind: 'Name', value: 'targetType' } },
          { kind: 'Field', name: { kind: 'Name', value: 'targetId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'details' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AuditLogQuery, AuditLogQueryVariables>;
export const UserAdminDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'UserAdmin' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'viewer' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'users' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'UserRow' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'UserRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'User' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'email' } },
          { kind: 'Field', name: { kind: 'Name', value: 'role' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UserAdminQuery, UserAdminQueryVariables>;
export const CreateUserDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateUser' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateUserInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createUser' },
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
                  name: { kind: 'Name', value: 'user' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'UserRow' } }],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'token' } },
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
      name: { kind: 'Name', value: 'UserRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'User' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'email' } },
          { kind: 'Field', name: { kind: 'Name', value: 'role' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateUserMutation, CreateUserMutationVariables>;
export const UpdateUserRoleDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'UpdateUserRole' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UpdateUserRoleInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'updateUserRole' },
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
                  name: { kind: 'Name', value: 'user' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'UserRow' } }],
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
      name: { kind: 'Name', value: 'UserRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'User' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'email' } },
          { kind: 'Field', name: { kind: 'Name', value: 'role' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UpdateUserRoleMutation, UpdateUserRoleMutationVariables>;
export const ConnectionsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Connections' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'connections' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ConnectionRow' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ConnectionRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Connection' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tokenHint' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConnectionsQuery, ConnectionsQueryVariables>;
export const CreateConnectionDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateConnection' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreateConnectionInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createConnection' },
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
                  name: { kind: 'Name', value: 'connection' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ConnectionRow' } }],
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
      name: { kind: 'Name', value: 'ConnectionRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Connection' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tokenHint' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateConnectionMutation, CreateConnectionMutationVariables>;
export const TestConnectionDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'TestConnection' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'TestConnectionInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'testConnection' },
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
                  name: { kind: 'Name', value: 'result' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'ok' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'account' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'tokenRole' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'checkedAt' } },
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
} as unknown as DocumentNode<TestConnectionMutation, TestConnectionMutationVariables>;
export const DeleteConnectionDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'DeleteConnection' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'DeleteConnectionInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deleteConnection' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'deletedConnectionId' } },
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
} as unknown as DocumentNode<DeleteConnectionMutation, DeleteConnectionMutationVariables>;
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
      name: { kind: 'Name', value: 'ApiKeyBudgetMeter' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TokenBudget' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'monthlyTokenBudget' } },
          { kind: 'Field', name: { kind: 'Name', value: 'usedTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'remainingTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodStart' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodEnd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'warned' } },
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
          { kind: 'Field', name: { kind: 'Name', value: 'rateLimitPerMinute' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'usage' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'requests' } },
                { kind: 'Field', name: { kind: 'Name', value: 'errors' } },
                { kind: 'Field', name: { kind: 'Name', value: 'promptTokens' } },
                { kind: 'Field', name: { kind: 'Name', value: 'completionTokens' } },
              ],
            },
          },
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
            name: { kind: 'Name', value: 'budget' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ApiKeyBudgetMeter' } }],
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
      name: { kind: 'Name', value: 'ApiKeyBudgetMeter' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TokenBudget' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'monthlyTokenBudget' } },
          { kind: 'Field', name: { kind: 'Name', value: 'usedTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'remainingTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodStart' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodEnd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'warned' } },
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
          { kind: 'Field', name: { kind: 'Name', value: 'rateLimitPerMinute' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'usage' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'requests' } },
                { kind: 'Field', name: { kind: 'Name', value: 'errors' } },
                { kind: 'Field', name: { kind: 'Name', value: 'promptTokens' } },
                { kind: 'Field', name: { kind: 'Name', value: 'completionTokens' } },
              ],
            },
          },
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
            name: { kind: 'Name', value: 'budget' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ApiKeyBudgetMeter' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const ApiKeyUsageChangedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'ApiKeyUsageChanged' },
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
            name: { kind: 'Name', value: 'apiKeyUsageChanged' },
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
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'usage' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'requests' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'errors' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'promptTokens' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'completionTokens' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'budget' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'ApiKeyBudgetMeter' } },
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
      name: { kind: 'Name', value: 'ApiKeyBudgetMeter' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TokenBudget' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'monthlyTokenBudget' } },
          { kind: 'Field', name: { kind: 'Name', value: 'usedTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'remainingTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodStart' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodEnd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'warned' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ApiKeyUsageChangedSubscription, ApiKeyUsageChangedSubscriptionVariables>;
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
export const SetApiKeyBudgetDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SetApiKeyBudget' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'SetApiKeyBudgetInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'setApiKeyBudget' },
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
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'budget' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'ApiKeyBudgetMeter' } },
                          ],
                        },
                      },
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
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ApiKeyBudgetMeter' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TokenBudget' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'monthlyTokenBudget' } },
          { kind: 'Field', name: { kind: 'Name', value: 'usedTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'remainingTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodStart' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodEnd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'warned' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SetApiKeyBudgetMutation, SetApiKeyBudgetMutationVariables>;
export const DeploymentCostDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeploymentCost' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'range' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'MetricsRangeInput' } },
          },
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
                  name: { kind: 'Name', value: 'cost' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'range' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'range' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'replicaHours' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'gpuHours' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
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
} as unknown as DocumentNode<DeploymentCostQuery, DeploymentCostQueryVariables>;
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
                            { kind: 'Field', name: { kind: 'Name', value: 'scaleToZeroAfterSeconds' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'autoscalerMode' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'targetTtftMs' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'targetTokensPerSecondPerReplica' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'scaleToZeroAfterSeconds' } },
                { kind: 'Field', name: { kind: 'Name', value: 'autoscalerMode' } },
                { kind: 'Field', name: { kind: 'Name', value: 'targetTtftMs' } },
                { kind: 'Field', name: { kind: 'Name', value: 'targetTokensPerSecondPerReplica' } },
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
export const DeploymentEventsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeploymentEvents' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'last' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
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
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'events' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'last' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'last' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'DeploymentEventLine' } },
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
      name: { kind: 'Name', value: 'DeploymentEventLine' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'DeploymentEvent' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'at' } },
          { kind: 'Field', name: { kind: 'Name', value: 'level' } },
          { kind: 'Field', name: { kind: 'Name', value: 'message' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentEventsQuery, DeploymentEventsQueryVariables>;
export const DeploymentEventStreamDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'DeploymentEventStream' },
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
            name: { kind: 'Name', value: 'deploymentEvents' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'deploymentId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'deploymentId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'DeploymentEventLine' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DeploymentEventLine' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'DeploymentEvent' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'at' } },
          { kind: 'Field', name: { kind: 'Name', value: 'level' } },
          { kind: 'Field', name: { kind: 'Name', value: 'message' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentEventStreamSubscription, DeploymentEventStreamSubscriptionVariables>;
export const DeploymentReplicasDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeploymentReplicas' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'idle' } },
                { kind: 'Field', name: { kind: 'Name', value: 'currentVersion' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'configuration' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'scaling' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'minReplicas' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'maxReplicas' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'scaleToZeroAfterSeconds' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'replicas' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ReplicaRow' } }],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'lastScalingDecision' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'ScalingDecisionFacts' } },
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
      name: { kind: 'Name', value: 'ReplicaRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Replica' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'restarts' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ScalingDecisionFacts' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ScalingDecision' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'at' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fromReplicas' } },
          { kind: 'Field', name: { kind: 'Name', value: 'toReplicas' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'error' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentReplicasQuery, DeploymentReplicasQueryVariables>;
export const DeploymentReplicaUpdatesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'DeploymentReplicaUpdates' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'idle' } },
                { kind: 'Field', name: { kind: 'Name', value: 'currentVersion' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'replicas' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ReplicaRow' } }],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'lastScalingDecision' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'ScalingDecisionFacts' } },
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
      name: { kind: 'Name', value: 'ReplicaRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Replica' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'version' } },
          { kind: 'Field', name: { kind: 'Name', value: 'restarts' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ScalingDecisionFacts' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ScalingDecision' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'at' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fromReplicas' } },
          { kind: 'Field', name: { kind: 'Name', value: 'toReplicas' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'error' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  DeploymentReplicaUpdatesSubscription,
  DeploymentReplicaUpdatesSubscriptionVariables
>;
export const DeploymentMetricsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeploymentMetrics' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'range' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'MetricsRangeInput' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'step' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } } },
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
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'metrics' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'range' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'range' } },
                    },
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'step' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'step' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'from' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'step' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'points' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'MetricsPointRow' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'totals' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'requests' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'errors' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'promptTokens' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'completionTokens' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'latencyP50Ms' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'latencyP95Ms' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'latencyP99Ms' } },
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
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'MetricsPointRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MetricsPoint' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'at' } },
          { kind: 'Field', name: { kind: 'Name', value: 'requestsPerSecond' } },
          { kind: 'Field', name: { kind: 'Name', value: 'errors' } },
          { kind: 'Field', name: { kind: 'Name', value: 'latencyP50Ms' } },
          { kind: 'Field', name: { kind: 'Name', value: 'latencyP95Ms' } },
          { kind: 'Field', name: { kind: 'Name', value: 'latencyP99Ms' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tokensPerSecond' } },
          { kind: 'Field', name: { kind: 'Name', value: 'replicas' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentMetricsQuery, DeploymentMetricsQueryVariables>;
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
          { kind: 'Field', name: { kind: 'Name', value: 'idle' } },
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
          { kind: 'Field', name: { kind: 'Name', value: 'idle' } },
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
          { kind: 'Field', name: { kind: 'Name', value: 'idle' } },
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
export const DeploymentListChangesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'DeploymentListChanges' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'modelId' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deploymentsChanged' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'modelId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'modelId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deployment' },
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
          { kind: 'Field', name: { kind: 'Name', value: 'idle' } },
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
} as unknown as DocumentNode<DeploymentListChangesSubscription, DeploymentListChangesSubscriptionVariables>;
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
          { kind: 'Field', name: { kind: 'Name', value: 'idle' } },
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
          { kind: 'Field', name: { kind: 'Name', value: 'idle' } },
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
          { kind: 'Field', name: { kind: 'Name', value: 'idle' } },
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
          { kind: 'Field', name: { kind: 'Name', value: 'trigger' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rolledBackFrom' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'configuration' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'hardwareProfileId' } },
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
                      { kind: 'Field', name: { kind: 'Name', value: 'scaleToZeroAfterSeconds' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'targetTtftMs' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'targetTokensPerSecondPerReplica' } },
                    ],
                  },
                },
              ],
            },
          },
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
          { kind: 'Field', name: { kind: 'Name', value: 'trigger' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rolledBackFrom' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'configuration' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'hardwareProfileId' } },
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
                      { kind: 'Field', name: { kind: 'Name', value: 'scaleToZeroAfterSeconds' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'targetTtftMs' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'targetTokensPerSecondPerReplica' } },
                    ],
                  },
                },
              ],
            },
          },
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
export const RollbackDeploymentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RollbackDeployment' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RollbackDeploymentInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'rollbackDeployment' },
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
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'versions' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'VersionItem' } },
                          ],
                        },
                      },
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
          { kind: 'Field', name: { kind: 'Name', value: 'trigger' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rolledBackFrom' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'configuration' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'hardwareProfileId' } },
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
                      { kind: 'Field', name: { kind: 'Name', value: 'scaleToZeroAfterSeconds' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'targetTtftMs' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'targetTokensPerSecondPerReplica' } },
                    ],
                  },
                },
              ],
            },
          },
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
} as unknown as DocumentNode<RollbackDeploymentMutation, RollbackDeploymentMutationVariables>;
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
export const ModelDetailsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ModelDetails' },
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
            name: { kind: 'Name', value: 'model' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ModelDetailsItem' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ModelDetailsItem' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Model' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'statusDetail' } },
          { kind: 'Field', name: { kind: 'Name', value: 'source' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'format' } },
          { kind: 'Field', name: { kind: 'Name', value: 'sizeBytes' } },
          { kind: 'Field', name: { kind: 'Name', value: 'huggingFaceRepoId' } },
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
          { kind: 'Field', name: { kind: 'Name', value: 'activeDeploymentCount' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ModelDetailsQuery, ModelDetailsQueryVariables>;
export const UpdateModelDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'UpdateModel' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UpdateModelInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'updateModel' },
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
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'ModelDetailsItem' } },
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
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ModelDetailsItem' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Model' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'description' } },
          { kind: 'Field', name: { kind: 'Name', value: 'tags' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'statusDetail' } },
          { kind: 'Field', name: { kind: 'Name', value: 'source' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'format' } },
          { kind: 'Field', name: { kind: 'Name', value: 'sizeBytes' } },
          { kind: 'Field', name: { kind: 'Name', value: 'huggingFaceRepoId' } },
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
          { kind: 'Field', name: { kind: 'Name', value: 'activeDeploymentCount' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UpdateModelMutation, UpdateModelMutationVariables>;
export const ExportModelDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ExportModel' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ExportModelInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'exportModel' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'url' } },
                { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
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
} as unknown as DocumentNode<ExportModelMutation, ExportModelMutationVariables>;
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
            name: { kind: 'Name', value: 'modelsChanged' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'model' },
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
export const PlanDeploymentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'PlanDeployment' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'PlanDeploymentInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'planDeployment' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'fits' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reasons' } },
                { kind: 'Field', name: { kind: 'Name', value: 'quotaExceeded' } },
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
} as unknown as DocumentNode<PlanDeploymentQuery, PlanDeploymentQueryVariables>;
export const PlaygroundDeploymentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'PlaygroundDeployment' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'deploymentId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'configuration' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
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
} as unknown as DocumentNode<PlaygroundDeploymentQuery, PlaygroundDeploymentQueryVariables>;
export const CreatePlaygroundKeyDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreatePlaygroundKey' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'CreatePlaygroundKeyInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createPlaygroundKey' },
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
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
                    ],
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
  ],
} as unknown as DocumentNode<CreatePlaygroundKeyMutation, CreatePlaygroundKeyMutationVariables>;
export const ProjectSettingsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ProjectSettings' },
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
            name: { kind: 'Name', value: 'project' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'slug' } },
                { kind: 'Field', name: { kind: 'Name', value: 'viewerRole' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'members' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'role' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'user' },
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
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'quotas' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'maxReplicas' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'maxDeployments' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'maxGpus' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'hardwareProfileId' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'maxGpus' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'quotaUsage' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'replicas' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'deployments' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'gpus' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'hardwareProfileId' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'gpus' } },
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
            kind: 'Field',
            name: { kind: 'Name', value: 'viewer' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'role' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ProjectSettingsQuery, ProjectSettingsQueryVariables>;
export const ProjectSettingsSetQuotasDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ProjectSettingsSetQuotas' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'SetProjectQuotasInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'setProjectQuotas' },
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
                  name: { kind: 'Name', value: 'project' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'quotas' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'maxReplicas' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'maxDeployments' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'maxGpus' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'hardwareProfileId' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'maxGpus' } },
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
} as unknown as DocumentNode<ProjectSettingsSetQuotasMutation, ProjectSettingsSetQuotasMutationVariables>;
export const ProjectSettingsSetMemberDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ProjectSettingsSetMember' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'SetProjectMemberInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'setProjectMember' },
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
                  name: { kind: 'Name', value: 'project' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'members' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'role' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'user' },
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
} as unknown as DocumentNode<ProjectSettingsSetMemberMutation, ProjectSettingsSetMemberMutationVariables>;
export const ProjectSettingsRemoveMemberDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ProjectSettingsRemoveMember' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RemoveProjectMemberInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'removeProjectMember' },
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
                  name: { kind: 'Name', value: 'project' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'members' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'role' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'user' },
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
} as unknown as DocumentNode<
  ProjectSettingsRemoveMemberMutation,
  ProjectSettingsRemoveMemberMutationVariables
>;
export const ProjectUsageDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ProjectUsage' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'range' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'MetricsRangeInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'project' },
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
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'budget' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'ApiKeyBudgetMeter' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'usage' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'range' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'range' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'requests' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'errors' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'promptTokens' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'completionTokens' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'cost' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'range' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'range' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'replicaHours' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'gpuHours' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'currency' } },
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
      name: { kind: 'Name', value: 'ApiKeyBudgetMeter' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TokenBudget' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'monthlyTokenBudget' } },
          { kind: 'Field', name: { kind: 'Name', value: 'usedTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'remainingTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodStart' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodEnd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'warned' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ProjectUsageQuery, ProjectUsageQueryVariables>;
export const ProjectUsageViewerDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ProjectUsageViewer' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'viewer' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'role' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ProjectUsageViewerQuery, ProjectUsageViewerQueryVariables>;
export const SetProjectBudgetDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SetProjectBudget' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'SetProjectBudgetInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'setProjectBudget' },
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
                  name: { kind: 'Name', value: 'project' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'budget' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'ApiKeyBudgetMeter' } },
                          ],
                        },
                      },
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
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ApiKeyBudgetMeter' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TokenBudget' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'monthlyTokenBudget' } },
          { kind: 'Field', name: { kind: 'Name', value: 'usedTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'remainingTokens' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodStart' } },
          { kind: 'Field', name: { kind: 'Name', value: 'periodEnd' } },
          { kind: 'Field', name: { kind: 'Name', value: 'warned' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SetProjectBudgetMutation, SetProjectBudgetMutationVariables>;
export const ProjectsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Projects' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'projects' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ProjectOption' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ProjectOption' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Project' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'name' } },
          { kind: 'Field', name: { kind: 'Name', value: 'slug' } },
          { kind: 'Field', name: { kind: 'Name', value: 'viewerRole' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ProjectsQuery, ProjectsQueryVariables>;
export const DeploymentTrafficSplitDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'DeploymentTrafficSplit' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'currentVersion' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'trafficSplit' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TrafficSplitFields' } },
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
      name: { kind: 'Name', value: 'TrafficSplitFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TrafficSplit' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'canaryVersion' } },
          { kind: 'Field', name: { kind: 'Name', value: 'stableVersion' } },
          { kind: 'Field', name: { kind: 'Name', value: 'weightPercent' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rollbackReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rolledBackAutomatically' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'autoRollback' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'maxErrorRateIncreasePercent' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxP95IncreasePercent' } },
                { kind: 'Field', name: { kind: 'Name', value: 'windowSeconds' } },
                { kind: 'Field', name: { kind: 'Name', value: 'minRequests' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeploymentTrafficSplitQuery, DeploymentTrafficSplitQueryVariables>;
export const DeploymentTrafficSplitUpdatesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'DeploymentTrafficSplitUpdates' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'currentVersion' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'trafficSplit' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TrafficSplitFields' } },
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
      name: { kind: 'Name', value: 'TrafficSplitFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TrafficSplit' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'canaryVersion' } },
          { kind: 'Field', name: { kind: 'Name', value: 'stableVersion' } },
          { kind: 'Field', name: { kind: 'Name', value: 'weightPercent' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rollbackReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rolledBackAutomatically' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'autoRollback' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'maxErrorRateIncreasePercent' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxP95IncreasePercent' } },
                { kind: 'Field', name: { kind: 'Name', value: 'windowSeconds' } },
                { kind: 'Field', name: { kind: 'Name', value: 'minRequests' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<
  DeploymentTrafficSplitUpdatesSubscription,
  DeploymentTrafficSplitUpdatesSubscriptionVariables
>;
export const PromoteCanaryDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'PromoteCanary' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'PromoteCanaryInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'promoteCanary' },
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
                      { kind: 'Field', name: { kind: 'Name', value: 'currentVersion' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'trafficSplit' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TrafficSplitFields' } },
                          ],
                        },
                      },
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
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TrafficSplitFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TrafficSplit' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'canaryVersion' } },
          { kind: 'Field', name: { kind: 'Name', value: 'stableVersion' } },
          { kind: 'Field', name: { kind: 'Name', value: 'weightPercent' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rollbackReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rolledBackAutomatically' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'autoRollback' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'maxErrorRateIncreasePercent' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxP95IncreasePercent' } },
                { kind: 'Field', name: { kind: 'Name', value: 'windowSeconds' } },
                { kind: 'Field', name: { kind: 'Name', value: 'minRequests' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PromoteCanaryMutation, PromoteCanaryMutationVariables>;
export const RollbackCanaryDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RollbackCanary' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RollbackCanaryInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'rollbackCanary' },
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
                      { kind: 'Field', name: { kind: 'Name', value: 'currentVersion' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'trafficSplit' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TrafficSplitFields' } },
                          ],
                        },
                      },
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
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TrafficSplitFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TrafficSplit' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'canaryVersion' } },
          { kind: 'Field', name: { kind: 'Name', value: 'stableVersion' } },
          { kind: 'Field', name: { kind: 'Name', value: 'weightPercent' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rollbackReason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'rolledBackAutomatically' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'endedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'autoRollback' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'maxErrorRateIncreasePercent' } },
                { kind: 'Field', name: { kind: 'Name', value: 'maxP95IncreasePercent' } },
                { kind: 'Field', name: { kind: 'Name', value: 'windowSeconds' } },
                { kind: 'Field', name: { kind: 'Name', value: 'minRequests' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RollbackCanaryMutation, RollbackCanaryMutationVariables>;
