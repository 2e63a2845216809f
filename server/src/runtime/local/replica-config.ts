import type { ParametersConfig } from '../../core/deployment-config/deployment-config.js';

/**
 * What one replica process needs to start. The parent passes it as JSON in the HANGAR_REPLICA_CONFIG
 * environment variable (or as the first argument when the replica is started by hand).
 */
export interface ReplicaConfig {
  /** Absolute path of the GGUF file. */
  modelPath: string;
  /** Id reported by `GET /v1/models` and echoed in responses. */
  modelId: string;
  /** Tokens each concurrent sequence can hold (prompt + output). */
  contextSize: number;
  /** llama.cpp threads; 1 is right on small machines where replicas share the cores. */
  threads: number;
  /** LoRA adapters (GGUF) loaded on the base model at start; changed later with `PUT /hangar/adapters`. */
  adapters: ReplicaAdapter[];
  /** Deployment defaults; `inferenceBatchSize` is the number of requests served at once. */
  parameters: ParametersConfig;
  /** The built-in chat format an earlier replica of this model file resolved (chat-wrapper.ts). */
  chatWrapper?: string;
}

export interface ReplicaAdapter {
  name: string;
  path: string;
}

export const REPLICA_CONFIG_ENV = 'HANGAR_REPLICA_CONFIG';
/**
 * Set instead of the configuration for a spare: a replica process started ahead of need, which loads
 * node-llama-cpp and its native binding (most of a replica's start), says `spare`, and waits for `start`.
 */
export const REPLICA_SPARE_ENV = 'HANGAR_REPLICA_SPARE';
export const DEFAULT_CONTEXT_SIZE = 2048;

/** Messages a replica sends its parent over the IPC channel. */
export type ReplicaMessage =
  | { type: 'spare' }
  | { type: 'loading'; port: number }
  | { type: 'ready'; port: number; chatWrapper?: string }
  | { type: 'failed'; reason: string };

/** What the parent sends a spare to make it a replica of one model. */
export interface ReplicaStartMessage {
  type: 'start';
  config: ReplicaConfig;
}

export function readReplicaConfig(env: NodeJS.ProcessEnv, argv: string[]): ReplicaConfig {
  const raw = env[REPLICA_CONFIG_ENV] ?? argv[0];
  if (!raw) throw new Error(`replica-server needs its configuration as JSON in ${REPLICA_CONFIG_ENV}`);
  return completeReplicaConfig(JSON.parse(raw) as Partial<ReplicaConfig>);
}

export function completeReplicaConfig(config: Partial<ReplicaConfig>): ReplicaConfig {
  if (!config.modelPath || !config.parameters) {
    throw new Error(`${REPLICA_CONFIG_ENV} must contain modelPath and parameters`);
  }
  return {
    modelPath: config.modelPath,
    modelId: config.modelId ?? 'model',
    contextSize: config.contextSize ?? DEFAULT_CONTEXT_SIZE,
    threads: config.threads ?? 1,
    adapters: config.adapters ?? [],
    parameters: config.parameters,
    chatWrapper: config.chatWrapper,
  };
}
