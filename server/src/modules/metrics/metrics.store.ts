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
 * Reads the rollups of several deployments or keys at once, grouped by subject and into the window's slots by
 * the database (integer minutes: `(minute - from) / step` is the slot on both dialects). Two statements whatever
 * the range and however many subjects: a page of 50 deployments costs what one does.
 */
export async function readSlots(
  orm: MikroORM,
  scope: MetricScope,
  subjectIds: readonly string[],
  window: MetricsWindow,
): Promise<Map<string, SlotTotals[]>> {
  const { fromMinute, stepMinutes, points } = window;
  const toMinute = fromMinute + stepMinutes * points;
  const connection = orm.em.fork().getConnection();
  const where = `scope = ? and subject_id in (${subjectIds.map(() => '?').join(', ')}) and minute >= ? and minute < ?`;
  const params = [fromMinute, stepMinutes, scope, ...subjectIds, fromMinute, toMinute];
  const [rollups, buckets] = await Promise.all([
    connection.execute<Record<string, unknown>[]>(
      `select subject_id, (minute - ?) / ? as slot, sum(requests) as requests, sum(errors) as errors,
         sum(prompt_tokens) as prompt_tokens, sum(completion_tokens) as completion_tokens, max(replicas) as replicas
       from metric_rollups where ${where} group by subject_id, slot`,
      params,
    ),
    connection.execute<Record<string, unknown>[]>(
      `select subject_id, (minute - ?) / ? as slot, bucket, sum(count) as count
       from metric_latency_buckets where ${where} group by subject_id, slot, bucket`,
      params,
    ),
  ]);
  const bySubject = new Map(subjectIds.map((id) => [id, Array.from({ length: points }, emptySlot)]));
  const slotOf = (row: Record<string, unknown>) => bySubject.get(String(row.subject_id))?.[num(row.slot)];
  for (const row of rollups) {
    const slot = slotOf(row);
    if (!slot) continue;
    slot.requests = num(row.requests);
    slot.errors = num(row.errors);
    slot.promptTokens = num(row.prompt_tokens);
    slot.completionTokens = num(row.completion_tokens);
    slot.replicas = num(row.replicas);
  }
  for (const row of buckets) slotOf(row)?.buckets.set(num(row.bucket), num(row.count));
  return bySubject;
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

/** Tokens (prompt + completion) per subject and minute of one scope from `fromMinute` on. */
export async function tokensPerMinuteSince(
  orm: MikroORM,
  scope: MetricScope,
  fromMinute: number,
): Promise<{ subjectId: string; minute: number; tokens: number }[]> {
  const rows = await orm.em
    .fork()
    .getConnection()
    .execute<Record<string, unknown>[]>(
      `select subject_id, minute, prompt_tokens + completion_tokens as tokens from metric_rollups
     where scope = ? and minute >= ?`,
      [scope, fromMinute],
    );
  return rows.map((row: Record<string, unknown>) => ({
    subjectId: String(row.subject_id),
    minute: num(row.minute),
    tokens: num(row.tokens),
  }));
}

/**
 * Sums one column of the rollups per subject over minutes `fromMinute`…`toMinute` (exclusive), one statement: the
 * tokens a budget counts (prompt + completion), or the replica time cost accounting prices.
 */
export async function sumPerSubject(
  orm: MikroORM,
  scope: MetricScope,
  column: 'tokens' | 'replica_seconds',
  subjectIds: readonly string[],
  fromMinute: number,
  toMinute: number,
): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  if (subjectIds.length === 0 || toMinute <= fromMinute) return sums;
  const expression = column === 'tokens' ? 'prompt_tokens + completion_tokens' : 'replica_seconds';
  const rows = await orm.em
    .fork()
    .getConnection()
    .execute<Record<string, unknown>[]>(
      `select subject_id, sum(${expression}) as total from metric_rollups
     where scope = ? and subject_id in (${subjectIds.map(() => '?').join(', ')}) and minute >= ? and minute < ?
     group by subject_id`,
      [scope, ...subjectIds, fromMinute, toMinute],
    );
  for (const row of rows) sums.set(String(row.subject_id), num(row.total));
  return sums;
}
