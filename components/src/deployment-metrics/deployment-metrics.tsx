import type { ApolloClient } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { lazy, Suspense, useId, useMemo, type ComponentPropsWithRef } from 'react';
import { DeploymentMetricsDocument, type MetricsPointRowFragment } from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { formatCount } from '../shared/format.js';
import { graphQLErrorCode } from '../shared/graphql-error-code.js';
import { useControllableState } from '../shared/use-controllable-state.js';
import {
  DEFAULT_METRICS_LABELS,
  METRICS_RANGES,
  type DeploymentMetricsLabels,
  type MetricsRange,
} from './deployment-metrics.labels.js';
import '../styles/theme.css';
import './deployment-metrics.css';

export type { MetricsPointRowFragment as MetricsPoint } from '../gql/graphql.js';
export { DEFAULT_METRICS_LABELS, METRICS_RANGES, type DeploymentMetricsLabels, type MetricsRange };

/** CSS variables DeploymentMetrics reads beyond the theme's. */
export type DeploymentMetricsCssVariables =
  | '--hangar-metrics-chart-min-width'
  | '--hangar-metrics-series-1'
  | '--hangar-metrics-series-2'
  | '--hangar-metrics-series-3';

export type DeploymentMetricsProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID (or dpl-… deployment ID) of the deployment whose metrics to show. */
  deploymentId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** The range shown (controlled). @default undefined */
  range?: MetricsRange;
  /** The range shown at first (uncontrolled). @default '1h' */
  defaultRange?: MetricsRange;
  /** Called when the user picks another range. @default undefined */
  onRangeChange?: (range: MetricsRange) => void;
  /** Refetch every this many milliseconds; 0 turns polling off. @default 30000 */
  pollInterval?: number;
  /** Texts to replace (translations); the rest stay English. @default undefined */
  labels?: Partial<DeploymentMetricsLabels>;
  /** The clock the range ends at; pass a fixed time in tests and screenshots. @default () => Date.now() */
  now?: () => number;
};

// The charts and uPlot in one chunk fetched the first time there is something to chart.
const MetricsCharts = lazy(() => import('./metrics-charts.js'));

const formatMs = (value: number | null | undefined) =>
  value === null || value === undefined
    ? '—'
    : `${value.toLocaleString(undefined, { maximumFractionDigits: 0 })} ms`;

/**
 * A deployment's gateway traffic over a range: requests/s, errors, latency p50/p95/p99, generated tokens/s and
 * replicas, from the server's per-minute rollups (they survive restarts and add up across instances). The chart
 * library loads only once there is something to chart.
 */
export function DeploymentMetrics({
  deploymentId,
  client: clientProp,
  range: rangeProp,
  defaultRange = '1h',
  onRangeChange,
  pollInterval = 30_000,
  labels: labelsProp,
  now = Date.now,
  className,
  ...rest
}: DeploymentMetricsProps) {
  const client = useHangarClient('DeploymentMetrics', clientProp);
  // Stable while the host's labels are, so the charts are not rebuilt on every render.
  const labels = useMemo(() => ({ ...DEFAULT_METRICS_LABELS, ...labelsProp }), [labelsProp]);
  const headingId = useId();
  const rangeId = useId();
  const [range, setRange] = useControllableState(rangeProp, defaultRange, onRangeChange);
  const { seconds, step } = METRICS_RANGES[range];
  // The start is rounded to the step, so re-renders within a step ask the same question (and hit the cache).
  const stepMs = step * 1000;
  const from = new Date(Math.floor((now() - seconds * 1000) / stepMs) * stepMs).toISOString();
  const { data, loading, error, refetch } = useQuery(DeploymentMetricsDocument, {
    client,
    variables: { id: deploymentId, range: { from }, step },
    pollInterval: pollInterval || undefined,
    fetchPolicy: 'cache-and-network',
  });

  const metrics = data?.deployment.metrics;
  const points: MetricsPointRowFragment[] = metrics?.points ?? [];
  const code = graphQLErrorCode(error);
  const state =
    code === 'NOT_FOUND'
      ? 'not-found'
      : error
        ? 'error'
        : !metrics
          ? 'loading'
          : metrics.totals.requests === 0 && points.every((p) => p.replicas === 0)
            ? 'empty'
            : 'ready';
  const totals = metrics?.totals;

  return (
    <section
      aria-labelledby={headingId}
      {...rest}
      className={classNames('hangar-root hangar-metrics', className)}
      data-state={state}
      aria-busy={loading && !metrics}
    >
      <div className="hangar-metrics__toolbar">
        <h2 id={headingId} className="hangar-metrics__heading">
          {labels.heading}
          {data?.deployment ? ` · ${data.deployment.name}` : ''}
        </h2>
        <label htmlFor={rangeId} className="hangar-metrics__range">
          {labels.range}
          <select
            id={rangeId}
            className="hangar-input"
            value={range}
            onChange={(event) => setRange(event.target.value as MetricsRange)}
          >
            {(Object.keys(METRICS_RANGES) as MetricsRange[]).map((key) => (
              <option key={key} value={key}>
                {labels.ranges[key]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {state === 'not-found' ? (
        <p role="alert" className="hangar-error">
          {labels.notFound(deploymentId)}
        </p>
      ) : error ? (
        <p role="alert" className="hangar-error">
          {labels.loadError(error.message)}{' '}
          <button type="button" className="hangar-button" onClick={() => void refetch()}>
            {labels.retry}
          </button>
        </p>
      ) : null}
      {state === 'loading' ? <p className="hangar-muted">{labels.loading}</p> : null}
      {totals ? (
        <dl className="hangar-metrics__totals">
          <div>
            <dt>{labels.requests}</dt>
            <dd>{formatCount(totals.requests)}</dd>
          </div>
          <div>
            <dt>{labels.errors}</dt>
            <dd>{formatCount(totals.errors)}</dd>
          </div>
          <div>
            <dt>
              {labels.latency} {labels.p50} / {labels.p95} / {labels.p99}
            </dt>
            <dd>
              {formatMs(totals.latencyP50Ms)} / {formatMs(totals.latencyP95Ms)} /{' '}
              {formatMs(totals.latencyP99Ms)}
            </dd>
          </div>
          <div>
            <dt>{labels.tokens}</dt>
            <dd>{formatCount(totals.promptTokens + totals.completionTokens)}</dd>
          </div>
        </dl>
      ) : null}
      {state === 'empty' ? <p className="hangar-metrics__empty">{labels.empty}</p> : null}
      {state === 'ready' ? (
        <Suspense fallback={<p className="hangar-muted">{labels.loadingChart}</p>}>
          <MetricsCharts points={points} labels={labels} />
        </Suspense>
      ) : null}
    </section>
  );
}
