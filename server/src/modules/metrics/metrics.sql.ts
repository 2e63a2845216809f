import type { MetricScope } from './metric-rollup.entity.js';

/** One minute's counts not yet written. */
export interface PendingMinute {
  scope: MetricScope;
  subjectId: string;
  minute: number;
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  replicas: number;
  /** Ready replica time in the minute (seconds, summed over replicas). */
  replicaSeconds: number;
  buckets: Map<number, number>;
}

/** Rows per statement: 100 × 9 parameters stays far below SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_STATEMENT = 100;

// The same SQL runs on SQLite (≥ 3.24) and PostgreSQL: `on conflict … do update` with the table-qualified column
// (PostgreSQL finds a bare `requests` ambiguous) and a CASE for the larger replica count (max() vs greatest()).
const ROLLUP_UPSERT = (values: string) =>
  `insert into metric_rollups (scope, subject_id, minute, requests, errors, prompt_tokens, completion_tokens, replicas, replica_seconds)
   values ${values}
   on conflict (scope, subject_id, minute) do update set
     requests = metric_rollups.requests + excluded.requests,
     errors = metric_rollups.errors + excluded.errors,
     prompt_tokens = metric_rollups.prompt_tokens + excluded.prompt_tokens,
     completion_tokens = metric_rollups.completion_tokens + excluded.completion_tokens,
     replicas = case when excluded.replicas > metric_rollups.replicas
       then excluded.replicas else metric_rollups.replicas end,
     replica_seconds = metric_rollups.replica_seconds + excluded.replica_seconds`;

const BUCKET_UPSERT = (values: string) =>
  `insert into metric_latency_buckets (scope, subject_id, minute, bucket, count)
   values ${values}
   on conflict (scope, subject_id, minute, bucket) do update set
     count = metric_latency_buckets.count + excluded.count`;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) out.push(items.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

/** The upserts that add `rows` to the stored minutes (each key appears once per statement, as PostgreSQL needs). */
export function upsertStatements(rows: PendingMinute[]): { sql: string; params: unknown[] }[] {
  const statements: { sql: string; params: unknown[] }[] = [];
  for (const chunk of chunks(rows)) {
    statements.push({
      sql: ROLLUP_UPSERT(chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')),
      params: chunk.flatMap((r) => [
        r.scope,
        r.subjectId,
        r.minute,
        r.requests,
        r.errors,
        r.promptTokens,
        r.completionTokens,
        r.replicas,
        r.replicaSeconds,
      ]),
    });
  }
  const buckets = rows.flatMap((r) =>
    [...r.buckets].map(([bucket, count]) => [r.scope, r.subjectId, r.minute, bucket, count] as const),
  );
  for (const chunk of chunks(buckets))
    statements.push({
      sql: BUCKET_UPSERT(chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')),
      params: chunk.flat(),
    });
  return statements;
}
