import type { DeploymentConfig } from '../core/deployment-config/deployment-config.js';

/**
 * A runtime turns a deployment's configuration into running model servers ("replicas") and reports what
 * happens to them. The local runtime runs llama.cpp child processes; the Nomad runtime submits jobs.
 * Nothing above this interface (services, gateway) knows which one is in use.
 */

/** What a runtime needs to know about the model it serves. */
export interface RuntimeModel {
  /** Model record id (for logs and artifact caching). */
  id: string;
  name: string;
  /** FILE | PLATFORM | HUGGING_FACE */
  source: string;
  /** GGUF | HF_SAFETENSORS | HF_PYTORCH | ADAPTER … (see model.entity.ts) */
  format: string;
  /** Absolute path of the model's main file (local GGUF) or folder, when stored on this machine. */
  localPath?: string;
  /** Hugging Face repo id, for runtimes that pull weights themselves. */
  huggingFaceRepoId?: string;
  /** The file to pull from `huggingFaceRepoId` when the repo holds several (e.g. one GGUF quantization). */
  huggingFaceFile?: string;
  /** Decrypted Hugging Face token for a private repo; runtimes must never log it or put it in a job spec. */
  huggingFaceToken?: string;
  /** Folder where derived artifacts (e.g. quantized files) are kept and reused across deploys. */
  artifactDir?: string;
}

/** A LoRA adapter served next to the base model; requests select it by `name` in the OpenAI `model` field. */
export interface RuntimeAdapter {
  /** The adapter model's name: what clients put in `model`. */
  name: string;
  /** GGUF (a llama.cpp LoRA) or ADAPTER (PEFT safetensors), as the model record says. */
  format: string;
  /** Absolute path of the adapter file (GGUF LoRA for the local runtime) or folder (PEFT). */
  localPath?: string;
  /** Hugging Face repository of a PEFT adapter, for runtimes that pull weights themselves (vLLM on Nomad). */
  huggingFaceRepoId?: string;
  /** A PEFT adapter's weights converted to a llama.cpp LoRA at import (absolute path), when they were. */
  ggufLoraPath?: string;
}

export interface RuntimeDeploySpec {
  /** The deployment's public, system-generated id (stable across versions). */
  deploymentId: string;
  /** History version number this spec realises (1, 2, …). */
  version: number;
  model: RuntimeModel;
  config: DeploymentConfig;
  /** LoRA adapters attached to the deployment (none when absent). */
  adapters?: RuntimeAdapter[];
}

export type ReplicaStatus = 'STARTING' | 'READY' | 'FAILED' | 'STOPPING';

export interface ReplicaInfo {
  /** Unique within the deployment, stable for the replica's life. */
  id: string;
  /** History version the replica serves. */
  version: number;
  status: ReplicaStatus;
  startedAt: Date;
  /** Times the runtime restarted it after a crash or a hang (0 when it never did, or cannot tell). */
  restarts?: number;
  /** Base URL of the replica's OpenAI-compatible API (`…/v1/chat/completions` lives under it); set when READY. */
  baseUrl?: string;
}

/** What a runtime reports; the deployment service turns these into statuses, history and live events. */
export type RuntimeEvent =
  /** A progress line for `deploymentEvents` ("loading model", "replica 2 ready"); `warning` for a recovery. */
  | { type: 'progress'; deploymentId: string; version: number; message: string; level?: 'warning' }
  /** An optimization step started (status OPTIMIZING) for this version. */
  | { type: 'optimizing'; deploymentId: string; version: number; message: string }
  /** The version has at least `minReplicas` ready replicas. */
  | { type: 'ready'; deploymentId: string; version: number }
  /** The version cannot come up (or has stopped serving); `reason` is meant for users. */
  | { type: 'failed'; deploymentId: string; version: number; reason: string }
  /** The set or state of replicas changed (scale, crash, restart). */
  | { type: 'replicas'; deploymentId: string; replicas: ReplicaInfo[] };

export type RuntimeListener = (event: RuntimeEvent) => void;

/** A dry run's answer: would the runtime place this deployment now, and if not, why (in words, for users). */
export interface RuntimePlanResult {
  fits: boolean;
  reasons: string[];
}

/** What the database says should run: the current version of every active deployment. */
export interface RuntimeExpectedDeployment {
  deploymentId: string;
  spec: RuntimeDeploySpec;
  /** The canary of an active traffic split, serving beside `spec` (a runtime that resumes canaries follows it). */
  canary?: RuntimeDeploySpec;
}

/** What a runtime's own reconciliation did, by deployment id. */
export interface RuntimeReconcileResult {
  /** Already running or starting the expected version: followed again, not resubmitted. */
  adopted: string[];
  submitted: string[];
  /** Running without being expected: stopped. */
  stopped: string[];
  /** Could not be started; a `failed` event carries the reason. */
  failed: string[];
}

export interface Runtime {
  /** 'local' or 'nomad'. */
  readonly name: string;

  /**
   * Starts serving `spec` (first deploy, redeploy, retrigger or rollback). Returns once the work is under way;
   * progress arrives as events. A redeploy replaces the previous version's replicas once the new ones are ready.
   * Throws only for a refusal that is known at once (e.g. "needs a GPU runtime"); the message is for users.
   */
  deploy(spec: RuntimeDeploySpec): Promise<void>;

  /**
   * Starts `spec` as a canary beside the serving version: its replicas start, the serving version's keep running,
   * and its `ready` (or `failed`) event concerns the canary only: nothing is replaced.
   * Optional: a runtime without it refuses traffic splits.
   */
  deployCanary?(spec: RuntimeDeploySpec): Promise<void>;

  /** The canary `version` becomes the serving version; the previous version's replicas stop. */
  promoteCanary?(deploymentId: string, version: number): Promise<void>;

  /** Stops the canary `version`'s replicas; the serving version keeps running. Idempotent. */
  stopCanary?(deploymentId: string, version: number): Promise<void>;

  /** Sets the number of replicas of a running deployment (the autoscaler calls this within min/max). */
  scale(deploymentId: string, replicas: number): Promise<void>;

  /** Stops every replica of the deployment and forgets it. Resolves when they are gone. Idempotent. */
  stop(deploymentId: string): Promise<void>;

  /** Current replicas of a deployment (empty when unknown). */
  replicas(deploymentId: string): ReplicaInfo[];

  /** Ids of the deployments this runtime is currently serving or starting (for reconciliation). */
  activeDeployments(): Promise<string[]>;

  /**
   * Dry run: whether `spec` can be placed now and why not. Optional; a runtime without it places whatever it
   * accepts. Throws, like deploy(), for a refusal known at once.
   */
  plan?(spec: RuntimeDeploySpec): Promise<RuntimePlanResult>;

  /**
   * Makes the runtime match `expected` in one pass: adopts what already runs the expected version (never
   * submitting it again), starts what is missing, stops what it runs that is not expected. Optional; without it
   * the deployment service reconciles through activeDeployments(), deploy() and stop(). A runtime with it is one
   * every server instance shares: `observeOnly` (an instance that does not lead the fleet) only adopts what
   * already runs, submitting and stopping nothing.
   */
  reconcile?(
    expected: RuntimeExpectedDeployment[],
    options?: { observeOnly?: boolean },
  ): Promise<RuntimeReconcileResult>;

  /**
   * Replaces the adapters served by a running deployment, without restarting its base model where the runtime
   * can (local: each replica loads or drops adapter contexts in place). Resolves once every ready replica serves
   * the new set; replicas started later get it from the start. Optional: a runtime without it cannot attach.
   */
  setAdapters?(deploymentId: string, adapters: RuntimeAdapter[]): Promise<void>;

  /** Why `adapter` cannot be served with `spec`'s model by this runtime, in words for users; null when it can. */
  adapterRefusal?(spec: RuntimeDeploySpec, adapter: RuntimeAdapter): Promise<string | null>;

  /** Subscribes to events; returns the unsubscribe function. */
  onEvent(listener: RuntimeListener): () => void;

  /** Stops everything this runtime started in this process (graceful server exit). */
  close(): Promise<void>;
}
