// Its input type is decorated, and config.ts (imported without the schema) reads the retention limit from here.
import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import { Field, InputType } from 'type-graphql';

/** Points one series may have: a day at one-minute steps. The bound on what a metrics query reads and returns. */
export const MAX_METRICS_POINTS = 1440;
/** Steps are whole minutes, the rollups' resolution. */
export const METRICS_STEP_UNIT_SECONDS = 60;
/** How long the rollups are kept by default (`HANGAR_METRICS_RETENTION_DAYS`). */
export const DEFAULT_METRICS_RETENTION_DAYS = 30;

@InputType({ description: 'A time range of gateway metrics.' })
export class MetricsRangeInput {
  @Field(() => Date, { description: 'Start (inclusive; rounded down to the minute).' })
  from!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'End (exclusive; rounded up to the minute). Default: now.',
  })
  to?: Date | null;
}

/** A range checked and in rollup minutes: `points` slots of `stepMinutes` from `fromMinute`. */
export interface MetricsWindow {
  fromMinute: number;
  stepMinutes: number;
  points: number;
}

export const RANGE_RULES =
  `\`step\` is in seconds, a multiple of ${METRICS_STEP_UNIT_SECONDS}; ` +
  `\`range.from\` must be before \`range.to\`, and the range at most ${MAX_METRICS_POINTS} steps long.`;

function refuse(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/** Checks a range and step (seconds) from a client; a bad one is a BAD_USER_INPUT error naming the argument. */
export function metricsWindow(
  range: MetricsRangeInput,
  stepSeconds: number,
  now = Date.now(),
): MetricsWindow {
  if (!Number.isInteger(stepSeconds) || stepSeconds <= 0 || stepSeconds % METRICS_STEP_UNIT_SECONDS !== 0)
    throw refuse('step', `step must be a positive multiple of ${METRICS_STEP_UNIT_SECONDS} seconds.`);
  const from = range.from.getTime();
  const to = (range.to ?? new Date(now)).getTime();
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to)
    throw refuse('range', 'range.from must be before range.to.');
  const fromMinute = Math.floor(from / 60_000);
  const toMinute = Math.ceil(to / 60_000);
  const stepMinutes = stepSeconds / METRICS_STEP_UNIT_SECONDS;
  const points = Math.ceil((toMinute - fromMinute) / stepMinutes);
  if (points > MAX_METRICS_POINTS)
    throw refuse(
      'range',
      `The range holds ${points} steps of ${stepSeconds} s; at most ${MAX_METRICS_POINTS}: widen the step.`,
    );
  return { fromMinute, stepMinutes, points };
}

/** One slot over the whole range (for totals only): any length is fine, it costs two grouped statements. */
export function totalsWindow(range: MetricsRangeInput, now = Date.now()): MetricsWindow {
  const from = range.from.getTime();
  const to = (range.to ?? new Date(now)).getTime();
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to)
    throw refuse('range', 'range.from must be before range.to.');
  const fromMinute = Math.floor(from / 60_000);
  return { fromMinute, stepMinutes: Math.ceil(to / 60_000) - fromMinute, points: 1 };
}
