import { access } from 'node:fs/promises';
import type { Logger } from 'pino';
import type {
  ReplicaInfo,
  Runtime,
  RuntimeAdapter,
  RuntimeDeploySpec,
  RuntimePlanResult,
  RuntimeEvent,
  RuntimeListener,
} from '../runtime.js';
import { adapterIncompatibility } from './adapter-compatibility.js';
import { GgufOptimizer } from './gguf-optimizer.js';
import { OptimizationStage } from './optimization-stage.js';
import { DEFAULT_CONTEXT_SIZE } from './replica-config.js';
import { llamaCppLoraPath } from './replica-adapters.js';
import type { ReplicaHealthOptions } from './replica-health.js';
import { ReplicaSupervisor } from './replica-supervisor.js';

/**
 * The embedded runtime: every replica is a child process (replica-server.ts) that loads a GGUF model with
 * node-llama-cpp and serves an OpenAI-compatible API on 127.0.0.1. A crashed replica is restarted with
 * exponential backoff; a version that cannot come up is reported as failed while the previous one keeps serving.
 * Replica processes are kept by replica-supervisor.ts; a model asking for quantization goes through
 * optimization-stage.ts first.
 */

export interface LocalRuntimeOptions {
  logger?: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** Restarts of one replica without it becoming ready in between, before the version is failed. Default 3. */
  maxRestarts?: number;
  /** First restart delay; doubles with each consecutive failure (capped at 30 s). Default 1000. */
  restartBackoffMs?: number;
  /** A replica that is not ready after this long is killed and counts as a failure. Default 120000. */
  readyTimeoutMs?: number;
  /** SIGTERM → SIGKILL grace period on stop. Default 5000. */
  stopGraceMs?: number;
  /** Tokens per concurrent sequence. Default 2048 (capped by the model's training context). */
  contextSize?: number;
  /** Health probes of ready replicas. Default every 10 s, 5 s to answer, restarted after 3 misses in a row. */
  health?: Partial<ReplicaHealthOptions>;
  /**
   * Keep one replica process with node-llama-cpp loaded waiting for its model, so that a replica start (a cold
   * start from zero, a restart, a scale-up) skips ~1.3 s. Started once a first replica is ready. Default true.
   */
  spareReplica?: boolean;
}

export class LocalRuntime implements Runtime {
  readonly name = 'local';
  private readonly listeners = new Set<RuntimeListener>();
  private readonly logger?: LocalRuntimeOptions['logger'];
  private readonly supervisor: ReplicaSupervisor;
  private readonly optimization: OptimizationStage;
  /** Children die with the server, even on process.exit() where no async cleanup can run. */
  private readonly killAllOnExit = (): void => this.supervisor.killAll();

  constructor(options: LocalRuntimeOptions = {}) {
    this.logger = options.logger;
    const emit = (event: RuntimeEvent): void => this.emit(event);
    this.supervisor = new ReplicaSupervisor({
      logger: options.logger,
      emit,
      maxRestarts: options.maxRestarts ?? 3,
      restartBackoffMs: options.restartBackoffMs ?? 1000,
      readyTimeoutMs: options.readyTimeoutMs ?? 120_000,
      stopGraceMs: options.stopGraceMs ?? 5000,
      contextSize: options.contextSize ?? DEFAULT_CONTEXT_SIZE,
      health: { intervalMs: 10_000, timeoutMs: 5000, misses: 3, ...options.health },
      spareReplica: options.spareReplica ?? true,
    });
    this.optimization = new OptimizationStage({
      logger: options.logger,
      emit,
      deploy: (spec) => this.deploy(spec),
    });
    process.on('exit', this.killAllOnExit);
  }

  onEvent(listener: RuntimeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: RuntimeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger?.error({ err: error }, 'runtime event listener failed');
      }
    }
  }

  /** Why this machine cannot serve `spec` (null when it can); deploy() and plan() share it. */
  private async refusal(spec: RuntimeDeploySpec): Promise<string | null> {
    const { model } = spec;
    if (model.format !== 'GGUF') {
      return `${model.name} is a ${model.format} model and needs a GPU runtime (Nomad); the local runtime serves GGUF models only`;
    }
    if (!model.localPath) return `${model.name} must be downloaded first; this machine has no network`;
    try {
      await access(model.localPath);
    } catch {
      return `${model.name}'s model file is missing from this machine; import it again`;
    }
    return null;
  }

  /** Dry run: the local runtime places anything it can load (replicas share this machine's CPU). */
  async plan(spec: RuntimeDeploySpec): Promise<RuntimePlanResult> {
    const reason = await this.refusal(spec);
    return reason ? { fits: false, reasons: [reason] } : { fits: true, reasons: [] };
  }

  async deploy(spec: RuntimeDeploySpec): Promise<void> {
    const refusal = await this.refusal(spec);
    if (refusal) throw new Error(refusal);
    await this.supervisor.prepare();
    if (await this.optimization.optimizeFirst(spec)) return;
    this.supervisor.deploy(spec);
  }

  async deployCanary(spec: RuntimeDeploySpec): Promise<void> {
    const refusal = await this.refusal(spec);
    if (refusal) throw new Error(refusal);
    // The optimization stage hands its output to deploy(), which would replace the serving version.
    if (GgufOptimizer.requested(spec)) {
      throw new Error('A canary cannot be quantized first on the local runtime; redeploy to optimize.');
    }
    await this.supervisor.prepare();
    this.supervisor.deploy(spec, true);
  }

  async promoteCanary(deploymentId: string, version: number): Promise<void> {
    await this.supervisor.promoteCanary(deploymentId, version);
  }

  async stopCanary(deploymentId: string, version: number): Promise<void> {
    await this.supervisor.stopCanary(deploymentId, version);
  }

  async scale(deploymentId: string, replicas: number): Promise<void> {
    await this.supervisor.scale(deploymentId, replicas);
  }

  async setAdapters(deploymentId: string, adapters: RuntimeAdapter[]): Promise<void> {
    await this.supervisor.setAdapters(deploymentId, adapters);
  }

  /**
   * llama.cpp applies GGUF LoRA files only (a PEFT adapter's converted at import); the file check is llama.cpp's
   * own, made before it can abort.
   */
  async adapterRefusal({ model }: RuntimeDeploySpec, adapter: RuntimeAdapter): Promise<string | null> {
    const lora = llamaCppLoraPath(adapter);
    if (adapter.format !== 'GGUF' && !lora) {
      return `${adapter.name} is a PEFT adapter that was not converted to a GGUF LoRA at import (its base was not a llama GGUF model stored here); the local runtime applies GGUF LoRA adapters only, and vLLM on Nomad serves PEFT adapters from Hugging Face`;
    }
    if (!lora || !model.localPath) return `${adapter.name}'s file is missing from this machine`;
    return adapterIncompatibility(model.localPath, lora);
  }

  async stop(deploymentId: string): Promise<void> {
    this.optimization.cancel(deploymentId);
    await this.supervisor.stop(deploymentId);
  }

  replicas(deploymentId: string): ReplicaInfo[] {
    return this.supervisor.replicas(deploymentId);
  }

  /** Process ids of the running replicas (for tests and diagnostics). */
  replicaPids(deploymentId: string): number[] {
    return this.supervisor.replicaPids(deploymentId);
  }

  async activeDeployments(): Promise<string[]> {
    return [...new Set([...this.supervisor.deploymentIds(), ...this.optimization.deploymentIds()])];
  }

  /** The spare replica process, if one is waiting (for tests and diagnostics). */
  sparePid(): number | undefined {
    return this.supervisor.sparePid;
  }

  async close(): Promise<void> {
    this.supervisor.closeSpare();
    for (const id of this.optimization.deploymentIds()) await this.stop(id);
    await Promise.all([...this.supervisor.deploymentIds()].map((id) => this.stop(id)));
    process.off('exit', this.killAllOnExit);
  }
}
