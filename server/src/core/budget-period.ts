/**
 * The period a token budget counts over: the calendar month in UTC. Budgets, their warnings and the usage they
 * read all ask this one function, so "this month" cannot mean two things.
 */
export interface BudgetPeriod {
  /** The first instant of the month (UTC). */
  start: Date;
  /** The first instant of the next month: when the budget resets. */
  end: Date;
  /** `start` and `end` in minutes since the epoch, the metrics rollups' unit. */
  startMinute: number;
  endMinute: number;
}

export function budgetPeriodOf(ms: number): BudgetPeriod {
  const at = new Date(ms);
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { start, end, startMinute: start.getTime() / 60_000, endMinute: end.getTime() / 60_000 };
}

/** The largest monthly token budget accepted: far above any real key, and exact as a double. */
export const MAX_MONTHLY_TOKEN_BUDGET = 1_000_000_000_000;

/** The share of a budget at which its warning fires (once per subject and month). */
export const BUDGET_WARNING_SHARE = 0.8;
