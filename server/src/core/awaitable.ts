/**
 * A value, or a promise of it. Hot paths (the gateway's per-request lookups) answer from memory without a promise,
 * and callers skip the `await`, which would cost a turn of the event loop and a promise (with its hooks) each.
 */
export type Awaitable<T> = T | Promise<T>;

export const isPromise = <T>(value: Awaitable<T>): value is Promise<T> =>
  typeof (value as Promise<T> | null)?.then === 'function';
