import type { Logger } from 'pino';
import type { RuntimeDeploySpec, RuntimeEvent } from '../runtime.js';
import { GgufOptimizer } from './gguf-optimizer.js';

export interface OptimizationStageOptions {
  logger?: Pick<Logger, 'warn'>;
  emit(event: RuntimeEvent): void;
  /** Deploys the spec whose model is now the quantized artifact (the runtime's own deploy()). */
  deploy(spec: RuntimeDeploySpec): Promise<void>;
}

/**
 * GGUF_QUANTIZATION before serving: a deploy that asks for it waits (status OPTIMIZING) until the model's quantized
 * artifact exists, then the quantized file is deployed. A newer deploy or a stop cancels the wait.
 */
export class OptimizationStage {
  private readonly optimizer = new GgufOptimizer();
  /** Deployments whose model is being quantized before their replicas start. */
  private readonly optimizing = new Map<string, { version: number; controller: AbortController }>();
  /** Specs whose optimization is done (their localPath is the quantized artifact). */
  private readonly optimizedSpecs = new WeakSet<RuntimeDeploySpec>();

  constructor(private readonly options: OptimizationStageOptions) {}

  /**
   * Whether `spec` is optimized first: then this stage deploys the optimized spec itself once it is ready, and the
   * caller does nothing more. Returns at once when work is needed; failures arrive as `failed` events.
   */
  async optimizeFirst(spec: RuntimeDeploySpec): Promise<boolean> {
    if (this.optimizedSpecs.has(spec)) return false;
    const pending = this.optimizing.get(spec.deploymentId);
    if (pending?.version === spec.version) return true; // already being optimized (e.g. reconciliation asking again)
    // A newer request supersedes a version still being quantized.
    pending?.controller.abort(new Error('superseded'));
    this.optimizing.delete(spec.deploymentId);
    if (!GgufOptimizer.requested(spec)) return false;
    await this.optimizeThenDeploy(spec);
    return true;
  }

  cancel(deploymentId: string): void {
    this.optimizing.get(deploymentId)?.controller.abort(new Error('stopped'));
    this.optimizing.delete(deploymentId);
  }

  deploymentIds(): IterableIterator<string> {
    return this.optimizing.keys();
  }

  /** Reuses the model's quantized artifact or makes it, then deploys the quantized file. */
  private async optimizeThenDeploy(spec: RuntimeDeploySpec): Promise<void> {
    const { emit, logger } = this.options;
    const quantization = GgufOptimizer.requested(spec)!;
    const { deploymentId, version } = spec;
    const event = { deploymentId, version };
    const deployQuantized = async (path: string): Promise<void> => {
      const quantized: RuntimeDeploySpec = { ...spec, model: { ...spec.model, localPath: path } };
      this.optimizedSpecs.add(quantized);
      await this.options.deploy(quantized);
    };
    const cached = await this.optimizer.cached(spec, quantization);
    if (cached) {
      emit({
        type: 'progress',
        ...event,
        message: `reusing the ${quantization} artifact of ${spec.model.name}`,
      });
      await deployQuantized(cached);
      return;
    }
    const controller = new AbortController();
    this.optimizing.set(deploymentId, { version, controller });
    emit({
      type: 'optimizing',
      ...event,
      message: `quantizing ${spec.model.name} to ${quantization} with llama.cpp on this machine`,
    });
    void this.optimizer
      .quantize(spec, quantization, controller.signal)
      .then(async (result) => {
        if (controller.signal.aborted) return;
        this.optimizing.delete(deploymentId);
        const mb = (result.sizeBytes / 1024 / 1024).toFixed(1);
        emit({
          type: 'progress',
          ...event,
          message: `quantized to ${quantization} in ${result.seconds.toFixed(1)} s (${mb} MB)`,
        });
        await deployQuantized(result.outputPath);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        this.optimizing.delete(deploymentId);
        logger?.warn({ err: error, deploymentId }, 'quantization failed');
        emit({
          type: 'failed',
          ...event,
          reason: `Quantizing to ${quantization} failed: ${(error as Error).message}`,
        });
      });
  }
}
