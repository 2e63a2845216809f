/** The ranges the picker offers, each with the step that keeps its series between 60 and 180 points. */
export const METRICS_RANGES = {
  '1h': { seconds: 3_600, step: 60 },
  '6h': { seconds: 21_600, step: 300 },
  '24h': { seconds: 86_400, step: 900 },
  '7d': { seconds: 604_800, step: 3_600 },
  '30d': { seconds: 2_592_000, step: 14_400 },
} as const;

export type MetricsRange = keyof typeof METRICS_RANGES;

/** Every text DeploymentMetrics shows, for translation: pass the ones to replace through `labels`. */
export interface DeploymentMetricsLabels {
  heading: string;
  range: string;
  ranges: Record<MetricsRange, string>;
  requests: string;
  requestsPerSecond: string;
  errors: string;
  latency: string;
  p50: string;
  p95: string;
  p99: string;
  tokensPerSecond: string;
  tokens: string;
  replicas: string;
  loading: string;
  loadingChart: string;
  empty: string;
  retry: string;
  loadError: (message: string) => string;
  notFound: (deploymentId: string) => string;
  /** What a chart shows, for screen readers (the canvas itself is hidden from them). */
  chartSummary: (title: string, latest: string) => string;
}

export const DEFAULT_METRICS_LABELS: DeploymentMetricsLabels = {
  heading: 'Metrics',
  range: 'Range',
  ranges: {
    '1h': 'Last hour',
    '6h': 'Last 6 hours',
    '24h': 'Last 24 hours',
    '7d': 'Last 7 days',
    '30d': 'Last 30 days',
  },
  requests: 'Requests',
  requestsPerSecond: 'Requests/s',
  errors: 'Errors',
  latency: 'Latency (ms)',
  p50: 'p50',
  p95: 'p95',
  p99: 'p99',
  tokensPerSecond: 'Tokens/s (generated)',
  tokens: 'Tokens (prompt + completion)',
  replicas: 'Replicas',
  loading: 'Loading metrics…',
  loadingChart: 'Loading chart…',
  empty: 'No requests in this range.',
  retry: 'Retry',
  loadError: (message) => `Could not load the metrics: ${message}`,
  notFound: (deploymentId) => `Deployment not found: no deployment has the ID “${deploymentId}”.`,
  chartSummary: (title, latest) => `${title}; latest: ${latest}`,
};
