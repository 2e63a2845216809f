import { Field, Float, Int, ObjectType } from 'type-graphql';
import { percentilesOf, type BucketCounts } from './latency-buckets.js';

@ObjectType({
  description:
    'Requests through the gateway over a range, from the per-minute rollups every instance adds to (kept for the retention, 30 days by default).',
})
export class UsageStats {
  @Field(() => Int, { description: 'Requests answered.' })
  requests!: number;

  @Field(() => Int, { description: 'Requests that ended in an error.' })
  errors!: number;

  @Field(() => Float, { description: 'Prompt tokens.' })
  promptTokens!: number;

  @Field(() => Float, { description: 'Completion tokens.' })
  completionTokens!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median latency in milliseconds (from log-spaced buckets: within ~9%); null without requests.',
  })
  latencyP50Ms!: number | null;

  @Field(() => Float, { nullable: true, description: '95th percentile latency in milliseconds.' })
  latencyP95Ms!: number | null;

  @Field(() => Float, { nullable: true, description: '99th percentile latency in milliseconds.' })
  latencyP99Ms!: number | null;
}

@ObjectType({ description: 'One step of a deployment’s metrics series.' })
export class MetricsPoint {
  @Field(() => Date, { description: 'Start of the step.' })
  at!: Date;

  @Field(() => Float, { description: 'Requests per second, averaged over the step.' })
  requestsPerSecond!: number;

  @Field(() => Int, { description: 'Requests that ended in an error during the step.' })
  errors!: number;

  @Field(() => Float, { nullable: true, description: 'Median latency (ms); null without requests.' })
  latencyP50Ms!: number | null;

  @Field(() => Float, { nullable: true, description: '95th percentile latency (ms); null without requests.' })
  latencyP95Ms!: number | null;

  @Field(() => Float, { nullable: true, description: '99th percentile latency (ms); null without requests.' })
  latencyP99Ms!: number | null;

  @Field(() => Float, { description: 'Completion (generated) tokens per second, averaged over the step.' })
  tokensPerSecond!: number;

  @Field(() => Int, {
    description: 'Ready replicas: the most sampled during the step (0 when none ran or none were sampled).',
  })
  replicas!: number;
}

@ObjectType({ description: 'A deployment’s gateway metrics over a range: the series and its totals.' })
export class DeploymentMetrics {
  @Field(() => Date, {
    description: 'Start of the first point (the range’s start, rounded down to the minute).',
  })
  from!: Date;

  @Field(() => Int, { description: 'Seconds per point.' })
  step!: number;

  @Field(() => [MetricsPoint], { description: 'One point per step, oldest first, every step present.' })
  points!: MetricsPoint[];

  @Field(() => UsageStats, { description: 'Totals and latency percentiles over the whole range.' })
  totals!: UsageStats;
}

/** Sums of one slot (or a whole range) read from the rollups. */
export interface SlotTotals {
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  replicas: number;
  buckets: BucketCounts;
}

export function usageView(totals: SlotTotals): UsageStats {
  const { p50, p95, p99 } = percentilesOf(totals.buckets);
  return {
    requests: totals.requests,
    errors: totals.errors,
    promptTokens: totals.promptTokens,
    completionTokens: totals.completionTokens,
    latencyP50Ms: p50,
    latencyP95Ms: p95,
    latencyP99Ms: p99,
  };
}

export function pointView(at: Date, stepSeconds: number, slot: SlotTotals): MetricsPoint {
  const { p50, p95, p99 } = percentilesOf(slot.buckets);
  return {
    at,
    requestsPerSecond: slot.requests / stepSeconds,
    errors: slot.errors,
    latencyP50Ms: p50,
    latencyP95Ms: p95,
    latencyP99Ms: p99,
    tokensPerSecond: slot.completionTokens / stepSeconds,
    replicas: slot.replicas,
  };
}
