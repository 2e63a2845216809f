import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { UsageTotals } from '../../gateway/gateway.metrics.js';

@ObjectType({
  description: 'Requests through the gateway since this server started (latency over the last 10 minutes).',
})
export class UsageStats {
  @Field(() => Int, { description: 'Requests answered.' })
  requests!: number;

  @Field(() => Int, { description: 'Requests that ended in an error.' })
  errors!: number;

  @Field(() => Int, { description: 'Prompt tokens.' })
  promptTokens!: number;

  @Field(() => Int, { description: 'Completion tokens.' })
  completionTokens!: number;

  @Field(() => Float, { nullable: true, description: 'Median latency in milliseconds.' })
  latencyP50Ms!: number | null;

  @Field(() => Float, { nullable: true, description: '95th percentile latency in milliseconds.' })
  latencyP95Ms!: number | null;

  @Field(() => Float, { nullable: true, description: '99th percentile latency in milliseconds.' })
  latencyP99Ms!: number | null;
}

export function usageView(totals: UsageTotals): UsageStats {
  return {
    requests: totals.requests,
    errors: totals.errors,
    promptTokens: totals.promptTokens,
    completionTokens: totals.completionTokens,
    latencyP50Ms: totals.latencyMs.p50,
    latencyP95Ms: totals.latencyMs.p95,
    latencyP99Ms: totals.latencyMs.p99,
  };
}
