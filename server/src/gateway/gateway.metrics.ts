import { Counter, Histogram, Registry } from 'prom-client';

/** One finished gateway request, as reported to `onUsage` and to the metrics. */
export interface UsageRecord {
  deploymentId: string;
  keyId: string;
  endpoint: 'chat.completions' | 'completions' | 'models';
  stream: boolean;
  /** HTTP status the client received (200 for a stream that ended in an error event too; see `error`). */
  status: number;
  /** OpenAI error code/type when the request failed, else undefined. */
  error?: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  /** Streamed requests: ms from arrival to the first event sent to the client (time to first token). */
  firstTokenMs?: number;
  at: Date;
  /** The version of the replica that answered (none when no replica was reached). */
  version?: number;
}

/**
 * Prometheus metrics of this instance (its own registry: serve `registry.metrics()` at /metrics or merge it).
 * Labels carry deployment and key ids, never secrets. What GraphQL shows (`Deployment.metrics`, `ApiKey.usage`)
 * comes from the `onUsage` records, which the server rolls up per minute in its database (`modules/metrics/`).
 */
export function createGatewayMetrics(registry = new Registry()) {
  const requests = new Counter({
    name: 'hangar_gateway_requests_total',
    help: 'Gateway requests by deployment, API key id and HTTP status.',
    labelNames: ['deployment_id', 'key_id', 'status'],
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'hangar_gateway_tokens_total',
    help: 'Prompt and completion tokens by deployment and API key id.',
    labelNames: ['deployment_id', 'key_id', 'kind'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'hangar_gateway_request_duration_seconds',
    help: 'End-to-end gateway request latency by deployment.',
    labelNames: ['deployment_id'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 180],
    registers: [registry],
  });
  // The labelled children are looked up once per label set (prom-client 15 still hashes and validates the labels
  // inside every child's inc/observe: the whole record ~1.4 µs, ~1.4 % of a request, left as is).
  const requestCounters = new Map<string, Counter.Internal>();
  const tokenCounters = new Map<string, { prompt: Counter.Internal; completion: Counter.Internal }>();
  const durations = new Map<string, Histogram.Internal<string>>();

  return {
    registry,
    record(record: UsageRecord): void {
      const { deploymentId, keyId } = record;
      const status = String(record.status);
      const requestKey = `${deploymentId}\n${keyId}\n${status}`;
      let counter = requestCounters.get(requestKey);
      if (!counter) {
        counter = requests.labels({ deployment_id: deploymentId, key_id: keyId, status });
        requestCounters.set(requestKey, counter);
      }
      counter.inc();
      if (record.promptTokens || record.completionTokens) {
        const tokenKey = `${deploymentId}\n${keyId}`;
        let pair = tokenCounters.get(tokenKey);
        if (!pair) {
          const labels = { deployment_id: deploymentId, key_id: keyId };
          pair = {
            prompt: tokens.labels({ ...labels, kind: 'prompt' }),
            completion: tokens.labels({ ...labels, kind: 'completion' }),
          };
          tokenCounters.set(tokenKey, pair);
        }
        if (record.promptTokens) pair.prompt.inc(record.promptTokens);
        if (record.completionTokens) pair.completion.inc(record.completionTokens);
      }
      let histogram = durations.get(deploymentId);
      if (!histogram) {
        histogram = duration.labels({ deployment_id: deploymentId });
        durations.set(deploymentId, histogram);
      }
      histogram.observe(record.latencyMs / 1000);
    },
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
