import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { BudgetUsage } from '../../gateway/budget-tracker.js';
import { BudgetWarning } from './budget-warning.entity.js';

/**
 * Inserts the month's `budget_warnings` row of the subject: true for the one instance of the fleet whose insert
 * wins (it sends the warning), false for every other that saw the budget cross.
 */
export async function claimBudgetWarning(em: EntityManager, usage: BudgetUsage): Promise<boolean> {
  try {
    await em.insert(BudgetWarning, {
      subjectKind: usage.subject.kind,
      subjectId: usage.subject.id,
      periodStart: usage.period.startMinute,
      usedTokens: Math.round(usage.used),
      budget: usage.limit,
      at: new Date(),
    });
    return true;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) return false;
    throw error;
  }
}
