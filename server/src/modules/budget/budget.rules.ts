import { MAX_MONTHLY_TOKEN_BUDGET } from '../../core/budget-period.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';

/**
 * Checks a monthly token budget from a client: null (no budget) or a whole number of tokens, 1 to
 * MAX_MONTHLY_TOKEN_BUDGET. The GraphQL type is Float so that a fraction reaches this check and is answered as a
 * userError at the field, as every other bad value is, instead of failing the whole operation.
 */
export function checkMonthlyTokenBudget(value: number | null | undefined, field: string[]): UserError | null {
  if (value == null) return null;
  if (!Number.isInteger(value))
    return userError(
      field,
      UserErrorCode.INVALID,
      'The monthly token budget must be a whole number of tokens.',
    );
  if (value < 1 || value > MAX_MONTHLY_TOKEN_BUDGET)
    return userError(
      field,
      UserErrorCode.OUT_OF_RANGE,
      `The monthly token budget must be 1–${MAX_MONTHLY_TOKEN_BUDGET} tokens (null for no budget).`,
    );
  return null;
}
