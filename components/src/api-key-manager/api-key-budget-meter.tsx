import type { ComponentPropsWithRef } from 'react';
import type { ApiKeyBudgetMeterFragment } from '../gql/graphql.js';
import { classNames } from '../shared/class-names.js';
import { formatCount } from '../shared/format.js';

/** The share of a budget from which the meter shows its warning colour (the server warns at the same share). */
export const BUDGET_WARNING_SHARE = 0.8;

/** `unlimited`: no budget; `ok` below 80 %; `warning` from 80 %; `spent`: the key gets 429 until the reset. */
export type BudgetMeterState = 'unlimited' | 'ok' | 'warning' | 'spent';

export function budgetMeterState(budget: ApiKeyBudgetMeterFragment): BudgetMeterState {
  const limit = budget.monthlyTokenBudget;
  if (limit === null || limit === undefined) return 'unlimited';
  if (budget.usedTokens >= limit) return 'spent';
  return budget.usedTokens >= limit * BUDGET_WARNING_SHARE ? 'warning' : 'ok';
}

export type ApiKeyBudgetMeterProps = Omit<ComponentPropsWithRef<'div'>, 'children'> & {
  /** The key's month, as `ApiKey.budget` reports it. */
  budget: ApiKeyBudgetMeterFragment;
};

/** Used and remaining tokens of a key's month, with a bar that turns amber at 80 % and red when spent. */
export function ApiKeyBudgetMeter({ budget, className, ...rest }: ApiKeyBudgetMeterProps) {
  const state = budgetMeterState(budget);
  const limit = budget.monthlyTokenBudget ?? 0;
  const resets = new Date(budget.periodEnd).toLocaleDateString(undefined, { dateStyle: 'medium' });
  if (state === 'unlimited')
    return (
      <div {...rest} className={classNames('hangar-budget', className)} data-state={state}>
        <span className="hangar-muted">No budget · {formatCount(budget.usedTokens)} tokens this month</span>
      </div>
    );
  const label =
    state === 'spent'
      ? `Spent: ${formatCount(budget.usedTokens)} of ${formatCount(limit)} tokens · resets ${resets}`
      : `${formatCount(budget.usedTokens)} of ${formatCount(limit)} tokens · ${formatCount(budget.remainingTokens ?? 0)} left`;
  return (
    <div {...rest} className={classNames('hangar-budget', className)} data-state={state}>
      <meter
        className="hangar-budget__bar"
        min={0}
        max={limit}
        low={limit * BUDGET_WARNING_SHARE}
        high={limit * BUDGET_WARNING_SHARE}
        optimum={0}
        value={Math.min(budget.usedTokens, limit)}
        aria-label={`Monthly token budget: ${label}`}
      />
      <span className="hangar-budget__label">{label}</span>
    </div>
  );
}
