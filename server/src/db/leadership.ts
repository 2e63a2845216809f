import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../core/logger.js';
import { dialectOf } from './orm.js';

/**
 * Which instance does the work that must happen once in a fleet: reconciling a shared runtime (Nomad), the
 * autoscaler's decisions, the upload sweeps. On PostgreSQL a session-level advisory lock held on a connection of
 * its own: PostgreSQL frees it the moment that connection ends (a killed process closes its socket), so another
 * instance's next attempt takes it. With SQLite there is one instance, and it leads.
 */
export interface Leadership {
  /** This instance's name in the fleet (host, pid and a random suffix). */
  readonly instanceId: string;
  isLeader(): boolean;
  /** The instance that leads now, as PostgreSQL sees it (null while nobody holds the lease). */
  leader(): Promise<string | null>;
  /** Called with true when this instance takes the lead and false when it loses or gives it up. */
  onChange(listener: (leading: boolean) => void): () => void;
  /** Gives the lead up (graceful stop) so another instance takes over at its next attempt. */
  close(): Promise<void>;
}

export interface LeadershipOptions {
  databaseUrl?: string;
  logger: Logger;
  /** How often a follower tries to take the lock and the leader checks its connection. @default 2000 */
  renewMs?: number;
}

/** The advisory lock's two-int key: "HANG" and the lease number (2 is the reconcile gate's, reconcile-gate.ts). */
export const ADVISORY_CLASS = 0x48414e47;
const LEADER_LOCK = 1;

export function newInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export async function createLeadership(options: LeadershipOptions): Promise<Leadership> {
  const instanceId = newInstanceId();
  if (dialectOf(options.databaseUrl) !== 'postgresql') {
    return {
      instanceId,
      isLeader: () => true,
      leader: async () => instanceId,
      onChange: () => () => undefined,
      close: async () => undefined,
    };
  }
  const lease = new AdvisoryLease(options.databaseUrl!, instanceId, options);
  await lease.attempt();
  lease.start();
  return lease;
}

type PgClient = import('pg').Client;

class AdvisoryLease implements Leadership {
  private client: PgClient | null = null;
  private leading = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private attempting: Promise<void> | null = null;
  private readonly listeners = new Set<(leading: boolean) => void>();

  constructor(
    private readonly databaseUrl: string,
    readonly instanceId: string,
    private readonly options: LeadershipOptions,
  ) {}

  isLeader(): boolean {
    return this.leading;
  }

  onChange(listener: (leading: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.timer = setInterval(() => void this.attempt(), this.options.renewMs ?? 2000);
    this.timer.unref();
  }

  /** A follower tries the lock; the leader proves its connection (and so its lock) is still there. */
  attempt(): Promise<void> {
    this.attempting ??= this.attemptNow().finally(() => (this.attempting = null));
    return this.attempting;
  }

  private async attemptNow(): Promise<void> {
    if (this.closed) return;
    try {
      const client = await this.connection();
      if (this.leading) {
        await client.query('SELECT 1');
        return;
      }
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, $2) AS locked',
        [ADVISORY_CLASS, LEADER_LOCK],
      );
      if (rows[0]?.locked && !this.closed) this.setLeading(true);
    } catch (error) {
      this.options.logger.warn({ err: error, instanceId: this.instanceId }, 'leadership check failed');
      this.dropConnection();
    }
  }

  async leader(): Promise<string | null> {
    const client = await this.connection();
    const { rows } = await client.query<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [ADVISORY_CLASS, LEADER_LOCK],
    );
    return rows[0]?.name.replace(/^hangar:/, '') ?? null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.attempting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    // Ending the session frees the lock; followers see it at their next attempt.
    this.setLeading(false);
    await client?.end().catch(() => undefined);
  }

  private async connection(): Promise<PgClient> {
    if (this.client) return this.client;
    const { default: pg } = await import('pg');
    // The instance id in application_name is how every instance can tell who holds the lock (leader()).
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: `hangar:${this.instanceId}`.slice(0, 63),
      keepAlive: true,
      // A database that stops answering must end the lead too, not leave this instance leading on a hung query.
      query_timeout: 5000,
    });
    client.on('error', (error) => {
      this.options.logger.warn({ err: error }, 'the leadership connection failed');
      if (this.client === client) this.dropConnection();
    });
    await client.connect();
    this.client = client;
    return client;
  }

  /** A lost connection has lost its lock: stop leading at once, before anyone else can take it. */
  private dropConnection(): void {
    const client = this.client;
    this.client = null;
    this.setLeading(false);
    void client?.end().catch(() => undefined);
  }

  private setLeading(leading: boolean): void {
    if (this.leading === leading) return;
    this.leading = leading;
    this.options.logger.info(
      { instanceId: this.instanceId },
      leading ? 'this instance leads the fleet' : 'this instance no longer leads the fleet',
    );
    for (const listener of this.listeners) {
      try {
        listener(leading);
      } catch (error) {
        this.options.logger.error({ err: error }, 'a leadership listener failed');
      }
    }
  }
}
