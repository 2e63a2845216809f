import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from '../../core/logger.js';
import type { UsageRecord } from '../../gateway/gateway.metrics.js';
import type { Runtime } from '../../runtime/runtime.js';
import { budgetPeriodOf } from '../../core/budget-period.js';
import { bucketOf } from './latency-buckets.js';
import type { MetricScope } from './metric-rollup.entity.js';
import { upsertStatements, type PendingMinute } from './metrics.sql.js';

export interface MetricsRecorderOptions {
  orm: MikroORM;
  logger: Logger;
  runtime: Pick<Runtime, 'replicas' | 'onEvent'>;
  /** How often pending minutes are written (and replicas sampled). */
  flushIntervalMs: number;
  /** Rows older than this are deleted (at start, then hourly). */
  retentionDays: number;
  /**
   * Whether this instance counts replica time: a shared runtime's replicas (Nomad) are seen by every instance and
   * counted by the leader only; local replicas are each instance's own. Omitted: always.
   */
  accruesReplicaTime?: () => boolean;
  now?: () => number;
}

const PRUNE_INTERVAL_MS = 3_600_000;

export const minuteOf = (ms: number) => Math.floor(ms / 60_000);

/**
 * Accumulates the gateway's usage records per (deployment or key, minute) in memory and writes them every
 * `flushIntervalMs` (and on close) with upserts that add to the stored minute: the gateway's hot path never waits
 * on the database, and instances writing the same minute add up. A failed write keeps its counts for the next one.
 */
export class MetricsRecorder {
  private pending = new Map<string, PendingMinute>();
  /** Deployments whose replicas are sampled each tick: those with replicas or traffic since the last tick. */
  private readonly sampled = new Set<string>();
  /** The replica count last queued per deployment: a minute's count is written once, or again when it grows. */
  private readonly queuedReplicas = new Map<string, { minute: number; replicas: number }>();
  /** Ready replicas per deployment since when: the replica time not yet added to its minutes. */
  private readonly replicaTime = new Map<string, { ready: number; since: number }>();
  private timer: NodeJS.Timeout | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  private readonly now: () => number;

  constructor(private readonly options: MetricsRecorderOptions) {
    this.now = options.now ?? Date.now;
    // A change of replicas counts in its minute at once (a stop before the next tick would miss it otherwise).
    this.unsubscribe = options.runtime.onEvent((event) => {
      if (event.type !== 'replicas') return;
      this.sampled.add(event.deploymentId);
      const ready = event.replicas.filter((r) => r.status === 'READY').length;
      this.noteReplicas(event.deploymentId, ready, minuteOf(this.now()));
      this.accrueReplicaTime(event.deploymentId, ready);
    });
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
    void this.prune();
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_INTERVAL_MS);
    this.pruneTimer.unref();
  }

  /** The gateway's `onUsage`: counted under the deployment and under the key, in the minute of `record.at` (its start). */
  record = (record: UsageRecord): void => {
    const minute = minuteOf(record.at.getTime());
    const bucket = bucketOf(record.latencyMs);
    for (const [scope, subjectId] of [
      ['deployment', record.deploymentId],
      ['key', record.keyId],
    ] as const) {
      if (!subjectId) continue;
      const row = this.rowOf(scope, subjectId, minute);
      row.requests++;
      if (record.error) row.errors++;
      row.promptTokens += record.promptTokens;
      row.completionTokens += record.completionTokens;
      row.buckets.set(bucket, (row.buckets.get(bucket) ?? 0) + 1);
    }
    this.sampled.add(record.deploymentId);
  };

  /** Writes what is pending; concurrent calls queue behind each other, so a minute is never written twice. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  /** Stops the timers; `settled` then writes the last counts. */
  close(): void {
    clearInterval(this.timer);
    clearInterval(this.pruneTimer);
    this.unsubscribe();
  }

  async settled(): Promise<void> {
    await this.flush();
  }

  /**
   * Deletes the minutes older than the retention, never those of the current calendar month: a monthly token
   * budget reads its month from them, and a month can be longer than the retention (31 days against 30).
   */
  async prune(): Promise<void> {
    const oldest = Math.min(
      minuteOf(this.now()) - this.options.retentionDays * 1440,
      budgetPeriodOf(this.now()).startMinute,
    );
    try {
      const connection = this.options.orm.em.fork().getConnection();
      await connection.execute('delete from metric_rollups where minute < ?', [oldest], 'run');
      await connection.execute('delete from metric_latency_buckets where minute < ?', [oldest], 'run');
    } catch (error) {
      this.options.logger.error({ err: error }, 'old metrics could not be pruned');
    }
  }

  private rowOf(scope: MetricScope, subjectId: string, minute: number): PendingMinute {
    const key = `${scope}\n${subjectId}\n${minute}`;
    let row = this.pending.get(key);
    if (!row) {
      row = {
        scope,
        subjectId,
        minute,
        requests: 0,
        errors: 0,
        promptTokens: 0,
        completionTokens: 0,
        replicas: 0,
        replicaSeconds: 0,
        buckets: new Map(),
      };
      this.pending.set(key, row);
    }
    return row;
  }

  private sampleReplicas(): void {
    const minute = minuteOf(this.now());
    for (const deploymentId of this.sampled) {
      const ready = this.options.runtime.replicas(deploymentId).filter((r) => r.status === 'READY').length;
      if (ready === 0) this.sampled.delete(deploymentId);
      this.noteReplicas(deploymentId, ready, minute);
      this.accrueReplicaTime(deploymentId, ready);
    }
  }

  /**
   * Adds the replica time since the last change or flush to the minutes it fell in, then counts `ready` from
   * now: replica-seconds are integrated between the runtime's events, not guessed from samples.
   */
  private accrueReplicaTime(deploymentId: string, ready: number): void {
    const nowMs = this.now();
    const previous = this.replicaTime.get(deploymentId);
    if (previous && previous.ready > 0 && (this.options.accruesReplicaTime?.() ?? true)) {
      for (let from = previous.since; from < nowMs;) {
        const minute = minuteOf(from);
        const end = Math.min(nowMs, (minute + 1) * 60_000);
        this.rowOf('deployment', deploymentId, minute).replicaSeconds +=
          (previous.ready * (end - from)) / 1000;
        from = end;
      }
    }
    if (ready > 0) this.replicaTime.set(deploymentId, { ready, since: nowMs });
    else this.replicaTime.delete(deploymentId);
  }

  private noteReplicas(deploymentId: string, ready: number, minute: number): void {
    const queued = this.queuedReplicas.get(deploymentId);
    if (ready === 0 || (queued?.minute === minute && queued.replicas >= ready)) return;
    this.queuedReplicas.set(deploymentId, { minute, replicas: ready });
    const row = this.rowOf('deployment', deploymentId, minute);
    row.replicas = Math.max(row.replicas, ready);
  }

  private async write(): Promise<void> {
    this.sampleReplicas();
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      const em = this.options.orm.em.fork();
      await em.transactional(async (tem) => {
        const connection = tem.getConnection();
        for (const { sql, params } of upsertStatements([...batch.values()]))
          await connection.execute(sql, params, 'run', tem.getTransactionContext());
      });
    } catch (error) {
      // Nothing of the batch was written (one transaction): its counts go back for the next flush.
      for (const row of batch.values()) this.restore(row);
      this.options.logger.error({ err: error }, 'gateway metrics could not be written; retrying');
    }
  }

  private restore(row: PendingMinute): void {
    const into = this.rowOf(row.scope, row.subjectId, row.minute);
    into.requests += row.requests;
    into.errors += row.errors;
    into.promptTokens += row.promptTokens;
    into.completionTokens += row.completionTokens;
    into.replicas = Math.max(into.replicas, row.replicas);
    into.replicaSeconds += row.replicaSeconds;
    for (const [bucket, count] of row.buckets)
      into.buckets.set(bucket, (into.buckets.get(bucket) ?? 0) + count);
  }
}
