import { Counter, Histogram, Registry, Summary } from 'prom-client';

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

const WINDOW = { maxAgeSeconds: 600, ageBuckets: 5, percentiles: [0.5, 0.95, 0.99] };

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
  // Summaries give the exact sliding-window percentiles GraphQL needs; histograms would only bound them.
  const byDeployment = new Summary({
    name: 'hangar_gateway_latency_ms_by_deployment',
    help: 'Request latency percentiles (ms, last 10 minutes) by deployment.',
    labelNames: ['deployment_id'],
    ...WINDOW,
    registers: [registry],
  });
  const byKey = new Summary({
    name: 'hangar_gateway_latency_ms_by_key',
    help: 'Request latency percentiles (ms, last 10 minutes) by API key id.',
    labelNames: ['key_id'],
    ...WINDOW,
    registers: [registry],
  });
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

  async function percentiles(summary: Summary, label: string, value: string): Promise<LatencyPercentiles> {
    const result: LatencyPercentiles = { p50: null, p95: null, p99: null };
    for (const sample of (await summary.get()).values) {
      if (sample.labels[label] !== value || sample.labels.quantile === undefined) continue;
      const v = Number.isNaN(sample.value) ? null : sample.value;
      if (sample.labels.quantile === 0.5) result.p50 = v;
      else if (sample.labels.quantile === 0.95) result.p95 = v;
      else if (sample.labels.quantile === 0.99) result.p99 = v;
    }
    return result;
  }

  const empty = () => ({ requests: 0, errors: 0, promptTokens: 0, completionTokens: 0 });

  return {
    registry,
    record(record: UsageRecord): void {
      const { deploymentId, keyId } = record;
      requests.inc({ deployment_id: deploymentId, key_id: keyId, status: String(record.status) });
      if (record.promptTokens)
        tokens.inc({ deployment_id: deploymentId, key_id: keyId, kind: 'prompt' }, record.promptTokens);
      if (record.completionTokens) {
        tokens.inc(
          { deployment_id: deploymentId, key_id: keyId, kind: 'completion' },
          record.completionTokens,
        );
      }
      duration.observe({ deployment_id: deploymentId }, record.latencyMs / 1000);
      byDeployment.observe({ deployment_id: deploymentId }, record.latencyMs);
      byKey.observe({ key_id: keyId }, record.latencyMs);
      add(deploymentTotals, deploymentId, record);
      add(keyTotals, keyId, record);
    },
    /** For `Deployment.metrics`. */
    async deploymentUsage(deploymentId: string): Promise<UsageTotals> {
      const latencyMs = await percentiles(byDeployment, 'deployment_id', deploymentId);
      return { ...(deploymentTotals.get(deploymentId) ?? empty()), latencyMs };
    },
    /** For `ApiKey.usage`. */
    async keyUsage(keyId: string): Promise<UsageTotals> {
      const latencyMs = await percentiles(byKey, 'key_id', keyId);
      return { ...(keyTotals.get(keyId) ?? empty()), latencyMs };
    },
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
