import type { MikroORM } from '@mikro-orm/core';
import { mergeBuckets } from './latency-buckets.js';
import type { MetricScope } from './metric-rollup.entity.js';
import type { MetricsWindow } from './metrics.range.js';
import type { SlotTotals } from './metrics.views.js';

const emptySlot = (): SlotTotals => ({
  requests: 0,
  errors: 0,
  promptTokens: 0,
  completionTokens: 0,
  replicas: 0,
  buckets: new Map(),
});

// PostgreSQL returns sums of bigint as strings.
const num = (value: unknown) => Number(value ?? 0);

/**
 * Reads the rollups of one deployment or key, grouped into the window's slots by the database (integer minutes:
 * `(minute - from) / step` is the slot on both dialects). Two statements whatever the range.
 */
export async function readSlots(
  orm: MikroORM,
  scope: MetricScope,
  subjectId: string,
  window: MetricsWindow,
): Promise<SlotTotals[]> {
  const { fromMinute, stepMinutes, points } = window;
  const toMinute = fromMinute + stepMinutes * points;
  const connection = orm.em.fork().getConnection();
  const where = 'scope = ? and subject_id = ? and minute >= ? and minute < ?';
  const params = [fromMinute, stepMinutes, scope, subjectId, fromMinute, toMinute];
  const [rollups, buckets] = await Promise.all([
    connection.execute<Record<string, unknown>[]>(
      `select (minute - ?) / ? as slot, sum(requests) as requests, sum(errors) as errors,
         sum(prompt_tokens) as prompt_tokens, sum(completion_tokens) as completion_tokens, max(replicas) as replicas
       from metric_rollups where ${where} group by slot`,
      params,
    ),
    connection.execute<Record<string, unknown>[]>(
      `select (minute - ?) / ? as slot, bucket, sum(count) as count
       from metric_latency_buckets where ${where} group by slot, bucket`,
      params,
    ),
  ]);
  const slots = Array.from({ length: points }, emptySlot);
  for (const row of rollups) {
    const slot = slots[num(row.slot)];
    if (!slot) continue;
    slot.requests = num(row.requests);
    slot.errors = num(row.errors);
    slot.promptTokens = num(row.prompt_tokens);
    slot.completionTokens = num(row.completion_tokens);
    slot.replicas = num(row.replicas);
  }
  for (const row of buckets) slots[num(row.slot)]?.buckets.set(num(row.bucket), num(row.count));
  return slots;
}

/** The slots summed (replicas: the most of any slot). */
export function totalOf(slots: SlotTotals[]): SlotTotals {
  const total = emptySlot();
  for (const slot of slots) {
    total.requests += slot.requests;
    total.errors += slot.errors;
    total.promptTokens += slot.promptTokens;
    total.completionTokens += slot.completionTokens;
    total.replicas = Math.max(total.replicas, slot.replicas);
    mergeBuckets(total.buckets, slot.buckets);
  }
  return total;
}
