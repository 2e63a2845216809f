import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import {
  CANARY_LIMITS,
  CanaryState,
  type CanaryPolicy,
  type CanaryPolicyInput,
  type CanaryRecord,
} from './deployment-canary.types.js';
import type { Deployment } from './deployment.entity.js';

/** Pure checks and state changes of a traffic split (no I/O): the commands and the lifecycle share them. */

/** The split in progress, if any. */
export function activeCanary(deployment: Deployment): CanaryRecord | null {
  const canary = deployment.canary;
  return canary && canary.state === CanaryState.ACTIVE ? canary : null;
}

/** The record of a split that ends now (a new object, so the ORM sees the JSON change). */
export function endedCanary(
  canary: CanaryRecord,
  state: CanaryState.PROMOTED | CanaryState.ROLLED_BACK,
  rollbackReason: string | null,
  automatic: boolean,
): CanaryRecord {
  return {
    ...canary,
    state,
    rollbackReason,
    rolledBackAutomatically: automatic,
    endedAt: new Date().toISOString(),
  };
}

/** Redeploy, rollback and retrigger would replace the stable version under a split: finish the split first. */
export function canaryRefusals(deployment: Deployment): UserError[] {
  const canary = activeCanary(deployment);
  if (!canary) return [];
  return [
    userError(
      ['input', 'id'],
      UserErrorCode.INVALID_STATE,
      `Version ${canary.version} is a canary taking ${canary.weightPercent} % of the requests; promote it or roll it back first.`,
    ),
  ];
}

function inRange(
  value: number,
  name: keyof typeof CANARY_LIMITS,
  field: string[],
  integer: boolean,
): UserError[] {
  const { min, max } = CANARY_LIMITS[name];
  if ((integer && !Number.isInteger(value)) || !Number.isFinite(value) || value < min || value > max) {
    return [
      userError(
        field,
        UserErrorCode.OUT_OF_RANGE,
        `${name} must be ${integer ? 'a whole number ' : ''}from ${min} to ${max}.`,
      ),
    ];
  }
  return [];
}

export function checkWeight(weightPercent: number, field: string[]): UserError[] {
  return inRange(weightPercent, 'weightPercent', field, true);
}

/** The automatic-rollback policy of an input (defaults for omitted fields; null when turned off), or its errors. */
export function canaryPolicyOf(
  input: CanaryPolicyInput | null | undefined,
  field: string[],
): { policy: CanaryPolicy | null; errors: UserError[] } {
  if (input?.enabled === false) return { policy: null, errors: [] };
  const policy: CanaryPolicy = {
    maxErrorRateIncreasePercent:
      input?.maxErrorRateIncreasePercent ?? CANARY_LIMITS.maxErrorRateIncreasePercent.default,
    maxP95IncreasePercent: input?.maxP95IncreasePercent ?? CANARY_LIMITS.maxP95IncreasePercent.default,
    windowSeconds: input?.windowSeconds ?? CANARY_LIMITS.windowSeconds.default,
    minRequests: input?.minRequests ?? CANARY_LIMITS.minRequests.default,
  };
  const errors = [
    ...inRange(
      policy.maxErrorRateIncreasePercent,
      'maxErrorRateIncreasePercent',
      [...field, 'maxErrorRateIncreasePercent'],
      false,
    ),
    ...inRange(
      policy.maxP95IncreasePercent,
      'maxP95IncreasePercent',
      [...field, 'maxP95IncreasePercent'],
      false,
    ),
    ...inRange(policy.windowSeconds, 'windowSeconds', [...field, 'windowSeconds'], true),
    ...inRange(policy.minRequests, 'minRequests', [...field, 'minRequests'], true),
  ];
  return { policy, errors };
}
