import { DEPLOYMENT_ID, fixedNow } from './fixtures-admin.js';

const STEP = 60;

/**
 * The last hour of a deployment's metrics in the server's shape: traffic that ramps up and eases off, a burst of
 * errors, p99 well above p50, and a scale-up from one replica to two. Deterministic (no randomness).
 */
export function metricsOf(shape: 'busy' | 'idle' = 'busy') {
  const from = Math.floor((fixedNow() - 3_600_000) / 60_000) * 60_000;
  const points = Array.from({ length: 61 }, (_, i) => {
    const rate = shape === 'idle' ? 0 : Math.max(0, 2 + 1.5 * Math.sin(i / 8));
    const requests = Math.round(rate * STEP);
    const p50 = requests ? 120 + 40 * Math.sin(i / 5) : null;
    return {
      __typename: 'MetricsPoint',
      at: new Date(from + i * STEP * 1000).toISOString(),
      requestsPerSecond: requests / STEP,
      errors: shape === 'busy' && i >= 30 && i < 34 ? 3 : 0,
      latencyP50Ms: p50,
      latencyP95Ms: p50 === null ? null : p50 * 2.4,
      latencyP99Ms: p50 === null ? null : p50 * 4.1,
      tokensPerSecond: (requests * 42) / STEP,
      replicas: shape === 'idle' ? 0 : i < 25 ? 1 : 2,
    };
  });
  const requests = points.reduce((sum, p) => sum + Math.round(p.requestsPerSecond * STEP), 0);
  return {
    deployment: {
      __typename: 'Deployment',
      id: DEPLOYMENT_ID,
      name: 'Flan T5',
      metrics: {
        __typename: 'DeploymentMetrics',
        from: new Date(from).toISOString(),
        step: STEP,
        points,
        totals: {
          __typename: 'UsageStats',
          requests,
          errors: points.reduce((sum, p) => sum + p.errors, 0),
          promptTokens: requests * 18,
          completionTokens: requests * 42,
          latencyP50Ms: shape === 'idle' ? null : 131,
          latencyP95Ms: shape === 'idle' ? null : 302,
          latencyP99Ms: shape === 'idle' ? null : 540,
        },
      },
    },
  };
}
