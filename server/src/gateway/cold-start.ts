import type { CallSignal } from './call-signal.js';
import type { ServerResponse } from 'node:http';
import { OpenAIApiError } from '../core/openai/openai-error.js';
import { sseComment } from '../core/openai/sse.js';
import type { ReplicaInfo } from '../runtime/runtime.js';
import type { GatewayDeployment } from './gateway.deps.js';

/** What a caller held at zero replicas is told, in order. */
export type ColdStartPhase = 'starting replica' | 'loading model';

/**
 * Scale to zero, as the host provides it: waking a deployment that has no replica. The gateway only holds the
 * request and tells its caller what happens; starting the replica is the host's (it knows the runtime).
 */
export interface ColdStarter {
  /**
   * Starts one replica of a deployment that has none. Idempotent while it starts: many held requests, one replica.
   * Rejects when the deployment cannot be woken (its message is for the caller).
   */
  wake(deploymentId: string): Promise<void>;
  /** Calls `listener` with each phase of the deployment's current cold start, those already past first. */
  onPhase(deploymentId: string, listener: (phase: ColdStartPhase) => void): () => void;
}

/** The comment lines a held streamed request receives; the openai SDKs skip comments. */
export const coldStartComment = (phase: ColdStartPhase): string => sseComment(`hangar ${phase}`);

/** The response header of a non-streamed request that waited for a cold start: how long it waited. */
export const COLD_START_HEADER = 'x-hangar-cold-start-ms';

export const coldStartTimeout = (deploymentId: string, seconds: number) =>
  new OpenAIApiError(
    504,
    'timeout',
    `Deployment ${deploymentId} had scaled to zero and no replica became ready within its endpoint timeout of ${seconds} s; retry shortly (the replica keeps starting).`,
    null,
    'cold_start_timeout',
  );

const isServing = (r: ReplicaInfo): boolean => r.status === 'READY' && r.baseUrl !== undefined;

/** Whether a request can go on at once (a replica serves): then there is nothing to hold, and no promise to wait. */
export const hasServingReplica = (replicas: ReplicaInfo[]): boolean => replicas.some(isServing);

// A replica can become ready between two `replicas` events reaching us (another instance, a missed event): look
// again now and then.
const RECHECK_MS = 50;

export interface HoldOptions {
  deployment: GatewayDeployment;
  replicas(deploymentId: string): ReplicaInfo[];
  coldStarter: ColdStarter;
  /** Aborted by the client going away or the endpoint timeout; either drops the held request. */
  signal: CallSignal;
  /** Streamed: open the event stream now and send the phases as comment lines before the first token. */
  stream: { res: ServerResponse; headers: Record<string, string> } | null;
}

/**
 * Holds the gateway's requests while a deployment at zero replicas wakes. Resolves at once (0) when a replica is
 * ready or the deployment does not scale to zero; otherwise wakes it, and resolves with the milliseconds waited
 * once a replica is ready.
 */
export function createColdStartHold() {
  const waiting = new Map<string, Set<() => void>>();

  function check(deploymentId: string, replicas: (id: string) => ReplicaInfo[]): void {
    const set = waiting.get(deploymentId);
    if (!set || !replicas(deploymentId).some(isServing)) return;
    waiting.delete(deploymentId);
    for (const wake of set) wake();
  }

  async function hold(options: HoldOptions): Promise<number> {
    const { deployment, replicas, coldStarter, signal, stream } = options;
    const id = deployment.deploymentId;
    const current = replicas(id);
    if (current.some(isServing)) return 0;
    // Only a deployment allowed to sleep, and asleep (DEPLOYED), is woken; one without a ready replica otherwise
    // (starting, failed, restarting) is the router's 503, as before.
    if (deployment.config.scaling.scaleToZeroAfterSeconds <= 0 || deployment.status !== 'DEPLOYED') return 0;
    const started = performance.now();
    if (stream) openEventStream(stream.res, stream.headers);
    // Waking first: the phases belong to the cold start it begins (or the one already under way).
    const woken = coldStarter.wake(id);
    const stopPhases = coldStarter.onPhase(id, (phase) => {
      if (stream && !stream.res.writableEnded) stream.res.write(coldStartComment(phase));
    });
    let done: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        done = resolve;
        let set = waiting.get(id);
        if (!set) waiting.set(id, (set = new Set()));
        set.add(resolve);
        timer = setInterval(() => check(id, replicas), RECHECK_MS);
        woken.catch(reject);
        check(id, replicas);
      });
    } catch (error) {
      const reason = error as OpenAIApiError;
      throw reason instanceof OpenAIApiError && reason.code === 'timeout'
        ? coldStartTimeout(id, deployment.endpointTimeoutSeconds)
        : error;
    } finally {
      clearInterval(timer);
      if (onAbort) signal.removeEventListener('abort', onAbort);
      if (done) waiting.get(id)?.delete(done);
      stopPhases();
    }
    return Math.round(performance.now() - started);
  }

  return {
    hold,
    /** Call when a deployment's replicas change, so held requests go on at once. */
    replicasChanged: check,
  };
}

/**
 * The status line and headers of an event stream, once: held requests send them before the replica answers
 * (`flush`). Otherwise they leave with the first event, in one write: sent on their own, the first token waited
 * for the client to acknowledge them (+6–10 ms measured on a 30 tokens/s model, against +0–1 ms for a bare proxy).
 */
export function openEventStream(res: ServerResponse, headers: Record<string, string>, flush = true): void {
  if (res.headersSent) return;
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  // Sent now, so the caller sees the stream open (and its comment lines) before any token exists.
  if (flush) res.flushHeaders();
}
