import { Counter, Histogram, Registry } from 'prom-client';
import { LatencyWindow } from './latency-window.js';

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
}

export interface LatencyPercentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface UsageTotals {
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  /** Over the last 10 minutes, in milliseconds. */
  latencyMs: LatencyPercentiles;
}

const QUANTILES = [0.5, 0.95, 0.99] as const;

/**
 * Prometheus metrics (its own registry: serve `registry.metrics()` at /metrics or merge it) plus the totals and
 * percentiles GraphQL shows (`Deployment.metrics`, `ApiKey.usage`). Labels carry deployment and key ids, never
 * secrets. Totals are since process start; durable history comes from the `onUsage` records.
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
  // Percentiles for GraphQL over the last 10 minutes; /metrics exports the histogram above for PromQL.
  const byDeployment = new Map<string, LatencyWindow>();
  const byKey = new Map<string, LatencyWindow>();
  // prom-client hashes a label set on every inc/observe; the labelled children are looked up once per set.
  const requestCounters = new Map<string, Counter.Internal>();
  const tokenCounters = new Map<string, { prompt: Counter.Internal; completion: Counter.Internal }>();
  const durations = new Map<string, Histogram.Internal<string>>();
  const deploymentTotals = new Map<string, Omit<UsageTotals, 'latencyMs'>>();
  const keyTotals = new Map<string, Omit<UsageTotals, 'latencyMs'>>();

  const add = (map: Map<string, Omit<UsageTotals, 'latencyMs'>>, id: string, record: UsageRecord) => {
    let totals = map.get(id);
    if (!totals) map.set(id, (totals = { requests: 0, errors: 0, promptTokens: 0, completionTokens: 0 }));
    totals.requests++;
    if (record.error) totals.errors++;
    totals.promptTokens += record.promptTokens;
    totals.completionTokens += record.completionTokens;
  };

  const windowOf = (map: Map<string, LatencyWindow>, id: string) => {
    let window = map.get(id);
    if (!window) map.set(id, (window = new LatencyWindow()));
    return window;
  };

  function percentiles(window: LatencyWindow | undefined): LatencyPercentiles {
    const [p50, p95, p99] = window ? window.quantiles(QUANTILES) : [null, null, null];
    return { p50: p50 ?? null, p95: p95 ?? null, p99: p99 ?? null };
  }

  const empty = () => ({ requests: 0, errors: 0, promptTokens: 0, completionTokens: 0 });

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
      windowOf(byDeployment, deploymentId).observe(record.latencyMs);
      windowOf(byKey, keyId).observe(record.latencyMs);
      add(deploymentTotals, deploymentId, record);
      add(keyTotals, keyId, record);
    },
    /** For `Deployment.metrics`. */
    deploymentUsage(deploymentId: string): Promise<UsageTotals> {
      const latencyMs = percentiles(byDeployment.get(deploymentId));
      return Promise.resolve({ ...(deploymentTotals.get(deploymentId) ?? empty()), latencyMs });
    },
    /** For `ApiKey.usage`. */
    keyUsage(keyId: string): Promise<UsageTotals> {
      const latencyMs = percentiles(byKey.get(keyId));
      return Promise.resolve({ ...(keyTotals.get(keyId) ?? empty()), latencyMs });
    },
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
