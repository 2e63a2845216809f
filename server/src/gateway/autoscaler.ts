import type { ScalingConfig } from '../core/deployment-config/deployment-config.js';
import { decideScale, type AutoscalerState } from './autoscaler.decision.js';

export interface AutoscalerOptions {
  deploymentId: string;
  scaling: ScalingConfig;
  batchSize: number;
  /** The runtime's `scale`. */
  scale(deploymentId: string, replicas: number): Promise<void>;
  /** In-flight + queued requests, from the gateway (`gateway.load(id)`). */
  getLoad(deploymentId: string): number;
  /** Replicas running or starting, from the runtime (not FAILED/STOPPING). */
  getReplicaCount(deploymentId: string): number;
  /** One line per decision or failure (wired to deploymentEvents), with the decision itself (the API's last one). */
  onDecision(line: string, decision: ScalingDecisionRecord): void;
  /** How often load is sampled. @default 1000 */
  tickMs?: number;
  now?: () => number;
}

/** A scale the autoscaler asked for: from how many replicas to how many, why, and whether the runtime refused. */
export interface ScalingDecisionRecord {
  at: Date;
  fromReplicas: number;
  toReplicas: number;
  reason: string;
  /** The runtime's refusal, when scaling failed. */
  error?: string;
}

/** Samples a deployment's load on a timer and asks the runtime for more or fewer replicas. */
export function createAutoscaler(options: AutoscalerOptions) {
  const now = options.now ?? Date.now;
  let state: AutoscalerState = {};
  let timer: NodeJS.Timeout | undefined;
  let scaling = false;

  async function tick(): Promise<void> {
    // A scale call in progress would make the replica count stale; skip sampling until it returns.
    if (scaling) return;
    const replicas = options.getReplicaCount(options.deploymentId);
    const at = now();
    const decision = decideScale(state, {
      now: at,
      load: options.getLoad(options.deploymentId),
      replicas,
      batchSize: options.batchSize,
      scaling: options.scaling,
    });
    state = decision.state;
    if (decision.scaleTo === undefined) return;
    const record: ScalingDecisionRecord = {
      at: new Date(at),
      fromReplicas: replicas,
      toReplicas: decision.scaleTo,
      reason: decision.reason ?? '',
    };
    options.onDecision(`Autoscaler: ${record.reason}`, record);
    scaling = true;
    try {
      await options.scale(options.deploymentId, decision.scaleTo);
    } catch (error) {
      const message = (error as Error).message;
      options.onDecision(`Autoscaler: scaling to ${decision.scaleTo} replicas failed: ${message}`, {
        ...record,
        error: message,
      });
    } finally {
      scaling = false;
    }
  }

  return {
    tick,
    start(): void {
      if (timer) return;
      timer = setInterval(() => void tick(), options.tickMs ?? 1000);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
