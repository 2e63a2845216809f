import type { MikroORM } from '@mikro-orm/core';
import type { MetricsRecorder } from './metrics.recorder.js';
import { metricsWindow, totalsWindow, type MetricsRangeInput } from './metrics.range.js';
import { readSlots, totalOf } from './metrics.store.js';
import { pointView, usageView, type DeploymentMetrics, type UsageStats } from './metrics.views.js';

/** Reads the per-minute rollups for GraphQL (the recorder writes them). */
export class MetricsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly recorder: MetricsRecorder,
    private readonly retentionDays: number,
  ) {}

  /** The series of one deployment (by its public `deploymentId`); throws BAD_USER_INPUT on a bad range or step. */
  async deploymentMetrics(
    deploymentId: string,
    range: MetricsRangeInput,
    stepSeconds: number,
  ): Promise<DeploymentMetrics> {
    const window = metricsWindow(range, stepSeconds);
    // This instance's last seconds of traffic are written first, so a caller reads its own requests at once.
    await this.recorder.flush();
    const slots = await readSlots(this.orm, 'deployment', deploymentId, window);
    const fromMs = window.fromMinute * 60_000;
    return {
      from: new Date(fromMs),
      step: stepSeconds,
      points: slots.map((slot, i) => pointView(new Date(fromMs + i * stepSeconds * 1000), stepSeconds, slot)),
      totals: usageView(totalOf(slots)),
    };
  }

  /** Totals of one API key over `range`, or over the whole retention when omitted. */
  async keyUsage(keyId: string, range?: MetricsRangeInput | null): Promise<UsageStats> {
    const window = totalsWindow(range ?? { from: new Date(Date.now() - this.retentionDays * 86_400_000) });
    await this.recorder.flush();
    return usageView(totalOf(await readSlots(this.orm, 'key', keyId, window)));
  }
}
