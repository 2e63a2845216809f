import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { CanaryPolicy } from '../../gateway/canary-guard.js';

/**
 * A traffic split: a canary version serving beside the deployment's current ("stable") version with a share of
 * the requests, until it is promoted or rolled back (by a user, or automatically when it does worse than the
 * stable version). Kept on the deployment as one JSON value; the last split stays there after it ends, so the
 * deployment can show why its canary was rolled back.
 */

export enum CanaryState {
  ACTIVE = 'ACTIVE',
  PROMOTED = 'PROMOTED',
  ROLLED_BACK = 'ROLLED_BACK',
}

registerEnumType(CanaryState, {
  name: 'CanaryState',
  description: 'Where a traffic split stands.',
  valuesConfig: {
    ACTIVE: { description: 'Both versions serve; `weightPercent` % of the requests go to the canary.' },
    PROMOTED: { description: 'The canary became the current version; the previous one stopped.' },
    ROLLED_BACK: { description: 'The canary stopped; `rollbackReason` says why.' },
  },
});

/** The limits and defaults of a split, in one place (inputs, checks and descriptions read them). */
export const CANARY_LIMITS = {
  weightPercent: { min: 1, max: 99 },
  maxErrorRateIncreasePercent: { min: 0, max: 100, default: 5 },
  maxP95IncreasePercent: { min: 0, max: 1000, default: 50 },
  windowSeconds: { min: 10, max: 3600, default: 60 },
  minRequests: { min: 1, max: 10_000, default: 20 },
} as const;

const range = (name: keyof typeof CANARY_LIMITS, unit = '') => {
  const limit = CANARY_LIMITS[name];
  const dflt = 'default' in limit ? ` (default ${limit.default}${unit})` : '';
  return `${limit.min}–${limit.max}${unit}${dflt}`;
};

export type { CanaryPolicy };

export interface CanaryRecord {
  version: number;
  stableVersion: number;
  weightPercent: number;
  state: CanaryState;
  /** null: no automatic rollback. */
  policy: CanaryPolicy | null;
  rollbackReason: string | null;
  rolledBackAutomatically: boolean;
  startedAt: string;
  endedAt: string | null;
}

@InputType({ description: 'When to roll a canary back automatically; omitted fields take their defaults.' })
export class CanaryPolicyInput {
  @Field(() => Boolean, {
    nullable: true,
    description: 'false: only users promote or roll back (default true).',
  })
  enabled?: boolean | null;

  @Field(() => Float, {
    nullable: true,
    description: `Percentage points the canary's error rate (5xx answers) may exceed the stable version's: ${range('maxErrorRateIncreasePercent', ' %')}.`,
  })
  maxErrorRateIncreasePercent?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: `How much higher than the stable version's the canary's p95 latency may be, in percent: ${range('maxP95IncreasePercent', ' %')}.`,
  })
  maxP95IncreasePercent?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `The sliding window both versions are compared over, in seconds: ${range('windowSeconds', ' s')}.`,
  })
  windowSeconds?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `Requests the canary must have answered within the window before it is judged: ${range('minRequests')}.`,
  })
  minRequests?: number | null;
}

@ObjectType({ description: 'When a canary is rolled back automatically.' })
export class CanaryPolicyView {
  @Field(() => Float, { description: 'Error-rate margin over the stable version, in percentage points.' })
  maxErrorRateIncreasePercent!: number;

  @Field(() => Float, { description: 'p95 latency margin over the stable version, in percent.' })
  maxP95IncreasePercent!: number;

  @Field(() => Int, { description: 'Window both versions are compared over, in seconds.' })
  windowSeconds!: number;

  @Field(() => Int, { description: 'Canary requests within the window before it is judged.' })
  minRequests!: number;
}

@ObjectType({
  description: 'A canary version serving beside the current version with a share of the traffic.',
})
export class TrafficSplit {
  @Field(() => Int, { description: 'The canary version (a history row).' })
  canaryVersion!: number;

  @Field(() => Int, { description: 'The version serving the rest of the requests.' })
  stableVersion!: number;

  @Field(() => Int, {
    description: `Share of requests sent to the canary, in percent (${range('weightPercent')}).`,
  })
  weightPercent!: number;

  @Field(() => CanaryState, { description: 'Active, promoted or rolled back.' })
  state!: CanaryState;

  @Field(() => CanaryPolicyView, { nullable: true, description: 'Automatic rollback; null when off.' })
  autoRollback!: CanaryPolicyView | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the canary was rolled back, with the figures when it was automatic.',
  })
  rollbackReason!: string | null;

  @Field(() => Boolean, {
    description: 'The rollback was the system’s (the canary did worse than the stable version).',
  })
  rolledBackAutomatically!: boolean;

  @Field(() => Date, { description: 'When the split started.' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was promoted or rolled back.' })
  endedAt!: Date | null;
}

export function trafficSplitView(record: CanaryRecord): TrafficSplit {
  return Object.assign(new TrafficSplit(), {
    canaryVersion: record.version,
    stableVersion: record.stableVersion,
    weightPercent: record.weightPercent,
    state: record.state,
    autoRollback: record.policy ? Object.assign(new CanaryPolicyView(), record.policy) : null,
    rollbackReason: record.rollbackReason,
    rolledBackAutomatically: record.rolledBackAutomatically,
    startedAt: new Date(record.startedAt),
    endedAt: record.endedAt ? new Date(record.endedAt) : null,
  });
}
