import { ADVISORY_CLASS } from './leadership.js';
import { dialectOf } from './orm.js';

/**
 * Runs work one at a time per key, across the fleet: a check-then-write (a project's quota: count what it holds,
 * then add a deployment) that two callers at once would both pass. Within the process a promise chain per key;
 * on PostgreSQL also a transaction-level advisory lock keyed by `hashtext(key)`, taken on a connection of its own
 * and released by its COMMIT (or by the server when the connection or the instance dies), so no unlock can fail
 * and leave it held. With SQLite (one instance) the chain is enough.
 */
export interface KeyedLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Its own advisory class: hashtext(key) may be any int4, which must not meet the leader lease's or the gate's. */
const KEYED_LOCK_CLASS = ADVISORY_CLASS + 1;

export async function createKeyedLock(databaseUrl: string | undefined): Promise<KeyedLock> {
  const tails = new Map<string, Promise<unknown>>();
  function inProcess<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = tails.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    tails.set(key, mine);
    // The chain forgets a key once nobody waits behind the last holder.
    void mine
      .catch(() => undefined)
      .finally(() => {
        if (tails.get(key) === mine) tails.delete(key);
      });
    return mine;
  }
  if (dialectOf(databaseUrl) !== 'postgresql') {
    return { run: inProcess, close: async () => undefined };
  }
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, idleTimeoutMillis: 30_000 });
  pool.on('error', () => undefined);
  return {
    run: (key, work) =>
      inProcess(key, async () => {
        const client = await pool.connect();
        let broken = false;
        try {
          await client.query('BEGIN');
          await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [KEYED_LOCK_CLASS, key]);
          const result = await work();
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {
            broken = true;
          });
          throw error;
        } finally {
          client.release(broken);
        }
      }),
    close: () => pool.end(),
  };
}
