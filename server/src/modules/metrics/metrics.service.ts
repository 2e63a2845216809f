import type { MikroORM } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import type { MetricScope } from './metric-rollup.entity.js';
import type { MetricsRecorder } from './metrics.recorder.js';
import { metricsWindow, totalsWindow, type MetricsRangeInput, type MetricsWindow } from './metrics.range.js';
import { readSlots, totalOf } from './metrics.store.js';
import {
  pointView,
  usageView,
  type DeploymentMetrics,
  type SlotTotals,
  type UsageStats,
} from './metrics.views.js';

interface SlotsKey {
  scope: MetricScope;
  subjectId: string;
  window: MetricsWindow;
}

const windowKey = ({ scope, window }: SlotsKey) =>
  `${scope}|${window.fromMinute}|${window.stepMinutes}|${window.points}`;

/** Reads the per-minute rollups for GraphQL (the recorder writes them). */
export class MetricsService {
  /** One loader per request (keyed by its EntityManager fork), so a page of parents shares its statements. */
  private readonly loaders = new WeakMap<object, DataLoader<SlotsKey, SlotTotals[], string>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly recorder: MetricsRecorder,
    private readonly retentionDays: number,
  ) {}

  /**
   * The series of one deployment (by its public `deploymentId`); throws BAD_USER_INPUT on a bad range or step.
   * `request` is anything that lives as long as one GraphQL request (its EntityManager).
   */
  async deploymentMetrics(
    request: object,
    deploymentId: string,
    range: MetricsRangeInput,
    stepSeconds: number,
  ): Promise<DeploymentMetrics> {
    const window = metricsWindow(range, stepSeconds);
    const slots = await this.loaderOf(request).load({ scope: 'deployment', subjectId: deploymentId, window });
    const fromMs = window.fromMinute * 60_000;
    return {
      from: new Date(fromMs),
      step: stepSeconds,
      points: slots.map((slot, i) => pointView(new Date(fromMs + i * stepSeconds * 1000), stepSeconds, slot)),
      totals: usageView(totalOf(slots)),
    };
  }

  /** Totals of one API key over `range`, or over the whole retention when omitted. */
  async keyUsage(request: object, keyId: string, range?: MetricsRangeInput | null): Promise<UsageStats> {
    const window = this.totalsWindowOf(range);
    return usageView(totalOf(await this.loaderOf(request).load({ scope: 'key', subjectId: keyId, window })));
  }

  /**
   * Totals of several deployments together over `range` (default: the whole retention), through the same loader:
   * a project's usage costs what one deployment's does.
   */
  async deploymentsUsage(
    request: object,
    deploymentIds: readonly string[],
    range?: MetricsRangeInput | null,
  ): Promise<UsageStats> {
    const window = this.totalsWindowOf(range);
    const loader = this.loaderOf(request);
    const slots = await Promise.all(
      deploymentIds.map((subjectId) => loader.load({ scope: 'deployment', subjectId, window })),
    );
    return usageView(totalOf(slots.flat()));
  }

  /** `range` as one slot; without one, everything kept. */
  private totalsWindowOf(range?: MetricsRangeInput | null): MetricsWindow {
    return totalsWindow(range ?? { from: new Date(Date.now() - this.retentionDays * 86_400_000) });
  }

  private loaderOf(request: object): DataLoader<SlotsKey, SlotTotals[], string> {
    let loader = this.loaders.get(request);
    if (!loader) {
      loader = new DataLoader(
        async (keys) => {
          // This instance's last seconds of traffic are written first, so a caller reads its own requests at once.
          await this.recorder.flush();
          const groups = new Map<string, SlotsKey[]>();
          for (const key of keys) groups.set(windowKey(key), [...(groups.get(windowKey(key)) ?? []), key]);
          const read = new Map<string, SlotTotals[]>();
          for (const [group, members] of groups) {
            const { scope, window } = members[0]!;
            const slots = await readSlots(
              this.orm,
              scope,
              [...new Set(members.map((m) => m.subjectId))],
              window,
            );
            for (const [subjectId, subjectSlots] of slots) read.set(`${group}|${subjectId}`, subjectSlots);
          }
          return keys.map((key) => read.get(`${windowKey(key)}|${key.subjectId}`)!);
        },
        { cacheKeyFn: (key) => `${windowKey(key)}|${key.subjectId}` },
      );
      this.loaders.set(request, loader);
    }
    return loader;
  }
}
