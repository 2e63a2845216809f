import { ADVISORY_CLASS } from './leadership.js';
import { dialectOf } from './orm.js';

/**
 * Orders work on a runtime that every instance shares (Nomad) across the fleet: commands that start or stop a
 * version run under a shared lock, the leader's reconciliation under the exclusive one. So the leader never reads
 * the database before another instance's deploy is written and lists the jobs after it was registered (it would
 * purge the new job, or submit it a second time). PostgreSQL advisory locks on pooled connections; a killed
 * instance's locks go with its connections. With SQLite (one instance) the in-process ordering is enough.
 */
export interface ReconcileGate {
  /** Runs a command that hands a version to the runtime (or stops one); many at once, never during a reconcile. */
  command<T>(work: () => Promise<T>): Promise<T>;
  /** Runs a reconciliation alone. */
  reconcile<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const GATE_LOCK = 2;

export async function createReconcileGate(databaseUrl: string | undefined): Promise<ReconcileGate> {
  if (dialectOf(databaseUrl) !== 'postgresql') {
    return { command: (work) => work(), reconcile: (work) => work(), close: async () => undefined };
  }
  const { default: pg } = await import('pg');
  // Each lock is held by the session that took it, so each holder needs a connection; 4 commands at once is plenty.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, idleTimeoutMillis: 30_000 });
  // An idle pooled connection that fails is dropped by the pool; without a listener the error would be thrown.
  pool.on('error', () => undefined);
  async function under<T>(lock: string, unlock: string, work: () => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query(`SELECT ${lock}($1, $2)`, [ADVISORY_CLASS, GATE_LOCK]);
      return await work();
    } finally {
      try {
        await client.query(`SELECT ${unlock}($1, $2)`, [ADVISORY_CLASS, GATE_LOCK]);
      } catch {
        broken = true;
      }
      // A connection whose unlock failed may still hold the lock: discard it rather than pool it.
      client.release(broken);
    }
  }
  return {
    command: (work) => under('pg_advisory_lock_shared', 'pg_advisory_unlock_shared', work),
    reconcile: (work) => under('pg_advisory_lock', 'pg_advisory_unlock', work),
    close: () => pool.end(),
  };
}
