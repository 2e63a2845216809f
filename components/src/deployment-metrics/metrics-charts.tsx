// Fetched with import() by deployment-metrics.tsx, so uPlot (~20 KB gzip) ships only to pages that show a chart.
import { useEffect, useId, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import type { MetricsPointRowFragment } from '../gql/graphql.js';
import { formatCount } from '../shared/format.js';
import type { DeploymentMetricsLabels } from './deployment-metrics.labels.js';

/** One line of a chart: its values (null where there were no requests) and the CSS variable of its colour. */
interface ChartSeries {
  label: string;
  values: (number | null)[];
  colorVariable: string;
}

const formatRate = (value: number) => value.toLocaleString(undefined, { maximumFractionDigits: 2 });
const formatMs = (value: number | null | undefined) =>
  value === null || value === undefined
    ? '—'
    : `${value.toLocaleString(undefined, { maximumFractionDigits: 0 })} ms`;

// uPlot's own stylesheet (the layering of its canvases) is added with the chunk rather than to styles.css: pages
// that never chart do not pay for it, and the library's stylesheet stays within its size target.
// Added once, when the chunk loads (before any chart is measured).
if (typeof document !== 'undefined' && !document.querySelector('style[data-hangar-uplot]')) {
  const style = document.createElement('style');
  style.dataset.hangarUplot = '';
  style.textContent = uplotCss;
  document.head.append(style);
}

/** The five charts of DeploymentMetrics: requests/s, errors, latency p50/p95/p99, tokens/s, replicas. */
export default function MetricsCharts({
  points,
  labels,
}: {
  points: MetricsPointRowFragment[];
  labels: DeploymentMetricsLabels;
}) {
  const charts = useMemo(() => chartsOf(points, labels), [points, labels]);
  return (
    <div className="hangar-metrics__charts">
      {charts.map((chart) => (
        <figure key={chart.title} className="hangar-metrics__chart" aria-label={chart.title}>
          <ChartTitle chart={chart} />
          <p className="hangar-visually-hidden">{labels.chartSummary(chart.title, chart.latest)}</p>
          <Plot x={chart.x} series={chart.series} height={160} />
        </figure>
      ))}
    </div>
  );
}

function ChartTitle({ chart }: { chart: Chart }) {
  const id = useId();
  return (
    <figcaption id={id} className="hangar-metrics__chart-title">
      {chart.title}
      {chart.series.length > 1 ? (
        <span className="hangar-metrics__legend">
          {chart.series.map((s) => (
            <span key={s.label} className="hangar-metrics__legend-item">
              <span
                aria-hidden="true"
                className="hangar-metrics__swatch"
                style={{ background: `var(${s.colorVariable})` }}
              />
              {s.label}
            </span>
          ))}
        </span>
      ) : null}
    </figcaption>
  );
}

/** One uPlot time-series chart in the theme's colours, as wide as its container. */
function Plot({ x, series, height }: { x: number[]; series: ChartSeries[]; height: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Colours come from the theme's CSS variables, so light, dark and host overrides all apply.
    const style = getComputedStyle(element);
    const color = (name: string) => style.getPropertyValue(name).trim();
    const axis: uPlot.Axis = {
      stroke: color('--hangar-color-muted'),
      grid: { stroke: color('--hangar-color-border'), width: 1 },
      ticks: { stroke: color('--hangar-color-border'), width: 1 },
    };
    const plot = new uPlot(
      {
        width: element.clientWidth || 320,
        height,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        // Counts and rates start at 0; an all-zero series still gets a 0–1 axis rather than uPlot's ±100.
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        axes: [
          { ...axis, space: 80 },
          { ...axis, size: 56 },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: color(s.colorVariable),
            width: 2,
            spanGaps: false,
            // Latency has gaps (no requests, no percentile): a lone minute between gaps is a dot, not nothing.
            points: { show: s.values.some((v) => v === null), size: 5 },
          })),
        ],
      },
      [x, ...series.map((s) => s.values)],
      element,
    );
    const observer = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [x, series, height]);
  // The canvas says nothing to a screen reader; the summary above does.
  return <div ref={ref} aria-hidden="true" className="hangar-metrics__plot" style={{ minHeight: height }} />;
}

interface Chart {
  title: string;
  x: number[];
  series: ChartSeries[];
  latest: string;
}

function chartsOf(points: MetricsPointRowFragment[], labels: DeploymentMetricsLabels): Chart[] {
  const x = points.map((p) => Date.parse(p.at) / 1000);
  const last = points[points.length - 1];
  const one = (title: string, values: (number | null)[], latest: string): Chart => ({
    title,
    x,
    series: [{ label: title, values, colorVariable: '--hangar-metrics-series-1' }],
    latest,
  });
  return [
    one(
      labels.requestsPerSecond,
      points.map((p) => p.requestsPerSecond),
      formatRate(last?.requestsPerSecond ?? 0),
    ),
    one(
      labels.errors,
      points.map((p) => p.errors),
      formatCount(last?.errors ?? 0),
    ),
    {
      title: labels.latency,
      x,
      series: [
        {
          label: labels.p50,
          values: points.map((p) => p.latencyP50Ms ?? null),
          colorVariable: '--hangar-metrics-series-1',
        },
        {
          label: labels.p95,
          values: points.map((p) => p.latencyP95Ms ?? null),
          colorVariable: '--hangar-metrics-series-2',
        },
        {
          label: labels.p99,
          values: points.map((p) => p.latencyP99Ms ?? null),
          colorVariable: '--hangar-metrics-series-3',
        },
      ],
      latest: `${labels.p50} ${formatMs(last?.latencyP50Ms)}, ${labels.p99} ${formatMs(last?.latencyP99Ms)}`,
    },
    one(
      labels.tokensPerSecond,
      points.map((p) => p.tokensPerSecond),
      formatRate(last?.tokensPerSecond ?? 0),
    ),
    one(
      labels.replicas,
      points.map((p) => p.replicas),
      formatCount(last?.replicas ?? 0),
    ),
  ];
}
