import { rateLimited } from './gateway.errors.js';

/**
 * A request's charge to its key's rate limit, left pending so that with Redis it travels with the replica slot in
 * one round trip (`SharedLimits.admitAndAcquire`). Whoever settles it first charges the budget, once: the fleet's
 * router together with the slot, or `settle()` alone where no slot is asked for at once (the models list, a cold
 * start, a request that must queue, an error answered before routing). A refusal throws the same 429 as before.
 */
export interface Admission {
  readonly keyId: string;
  readonly perMinute: number;
  /** Whether the budget was charged (or refused) for this request already. */
  readonly settled: boolean;
  /** Charges the budget on its own (one round trip with Redis); throws 429 past it. */
  settle(): Promise<void>;
  /** The verdict that came with a slot: 0, or the seconds to wait (throws 429). */
  apply(waitSeconds: number): void;
  /** Redis could not answer the combined call: charges this instance's own bucket (throws 429 past it). */
  settleLocally(): void;
}

export function createAdmission(
  keyId: string,
  perMinute: number,
  take: {
    /** The fleet's bucket, or this instance's while Redis cannot answer (logged). */
    shared(keyId: string, perMinute: number): Promise<number>;
    local(keyId: string, perMinute: number): number;
  },
): Admission {
  let settled = false;
  const apply = (waitSeconds: number) => {
    settled = true;
    if (waitSeconds > 0) throw rateLimited(perMinute, waitSeconds);
  };
  return {
    keyId,
    perMinute,
    get settled() {
      return settled;
    },
    async settle() {
      if (settled) return;
      // Settled before the round trip: a second caller meanwhile must not charge the budget again.
      settled = true;
      apply(await take.shared(keyId, perMinute));
    },
    apply,
    settleLocally() {
      if (!settled) apply(take.local(keyId, perMinute));
    },
  };
}
