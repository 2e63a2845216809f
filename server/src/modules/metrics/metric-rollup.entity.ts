import { Entity, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * What a rollup row counts: a deployment (by its public `deploymentId`) or an API key (by its id). Plain ids, no
 * foreign keys: the history of a deleted deployment or key stays until the retention prunes it.
 */
export type MetricScope = 'deployment' | 'key';

/**
 * One minute of gateway traffic for one deployment or one API key. Rows are only ever written by an upsert that
 * adds (`metrics.recorder.ts`), so every instance writing the same minute counts; `replicas` keeps the largest
 * count sampled in the minute.
 */
@Entity({ tableName: 'metric_rollups' })
// The hourly retention prune deletes by minute alone; without this it would scan the whole table.
@Index({ properties: ['minute'] })
export class MetricRollup {
  [PrimaryKeyProp]?: ['scope', 'subjectId', 'minute'];

  @PrimaryKey({ type: 'string', length: 16 })
  scope!: MetricScope;

  @PrimaryKey({ type: 'string', length: 64 })
  subjectId!: string;

  /** Minutes since the Unix epoch (UTC): an integer, so ranges and steps are integer arithmetic in SQL. */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  minute!: number;

  @Property({ type: 'integer', default: 0 })
  requests!: number;

  @Property({ type: 'integer', default: 0 })
  errors!: number;

  @Property({ type: 'bigint', default: 0 })
  promptTokens!: number;

  @Property({ type: 'bigint', default: 0 })
  completionTokens!: number;

  /** Ready replicas of the deployment, the most sampled in the minute (0 for keys). */
  @Property({ type: 'integer', default: 0 })
  replicas!: number;

  /**
   * Seconds of ready replica time in the minute, summed over the deployment's replicas (0 for keys): what cost
   * accounting multiplies by a hardware profile's price. Added by every instance for its own replicas.
   */
  @Property({ type: 'double', default: 0 })
  replicaSeconds!: number;
}

/** Requests of one rollup minute whose latency fell in one bucket (`latency-buckets.ts`). */
@Entity({ tableName: 'metric_latency_buckets' })
@Index({ properties: ['minute'] })
export class MetricLatencyBucket {
  [PrimaryKeyProp]?: ['scope', 'subjectId', 'minute', 'bucket'];

  @PrimaryKey({ type: 'string', length: 16 })
  scope!: MetricScope;

  @PrimaryKey({ type: 'string', length: 64 })
  subjectId!: string;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  minute!: number;

  @PrimaryKey({ type: 'smallint', autoincrement: false })
  bucket!: number;

  @Property({ type: 'integer', default: 0 })
  count!: number;
}
