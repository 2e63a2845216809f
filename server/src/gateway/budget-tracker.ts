import { BUDGET_WARNING_SHARE, budgetPeriodOf, type BudgetPeriod } from '../core/budget-period.js';
import { insufficientQuota, type OpenAIApiError } from '../core/openai/openai-error.js';
import type { GatewayLogger } from './gateway.deps.js';
import type { SpendDelta } from './gateway.shared-limits.js';

/**
 * Monthly token budgets, checked by the gateway before it forwards a request, from memory.
 *
 * A subject's month is `stored + recent + unsent`: `stored` is what the metrics rollups (every instance's flushed
 * minutes) hold before a cutoff two minutes back, read every few seconds off the request path; `recent` is the
 * fleet's spend from the cutoff on, kept per minute in Redis (or, without Redis, this instance's own in memory);
 * `unsent` is this instance's spend not yet added there. The rollups stay the one record of usage: the recent
 * counters only bridge the seconds before a minute reaches them, and expire.
 */

export type BudgetSubjectKind = 'apiKey' | 'project';

/** Who a budget belongs to: an API key today; a project is one more source with its own kind. */
export interface BudgetSubject {
  kind: BudgetSubjectKind;
  id: string;
}

/** What a request is charged to. */
export interface BudgetRequest {
  keyId: string;
  deploymentId: string;
}

/** One subject's budget and what the rollups hold of its month before the cutoff. */
export interface StoredBudget {
  id: string;
  limit: number;
  used: number;
}

/** One kind of budget. The tracker asks every source; adding a kind is adding a source. */
export interface BudgetSource {
  kind: BudgetSubjectKind;
  /** How the refusal names the subject: "This API key". */
  label: string;
  /** The subject a request is charged to, from memory; null when this kind does not apply to it. */
  subjectOf(request: BudgetRequest): string | null;
  /** Every subject of this kind with a budget, and its usage in `period` before `beforeMinute`. */
  load(period: BudgetPeriod, beforeMinute: number): Promise<StoredBudget[]>;
}

/** Where the recent per-minute spend is shared: Redis (`SharedLimits.exchangeSpend`) or this process. */
export interface RecentSpend {
  exchange(add: SpendDelta[], read: string[], fromMinute: number, toMinute: number): Promise<number[]>;
}

/** The state of one subject's budget, as `usage` reports it. */
export interface BudgetUsage {
  subject: BudgetSubject;
  limit: number;
  used: number;
  period: BudgetPeriod;
}

export interface BudgetTrackerOptions {
  sources: BudgetSource[];
  recent: RecentSpend;
  logger: GatewayLogger;
  /** Called once per subject and month on this instance when its usage reaches 80 % (the host claims it). */
  onWarning?(usage: BudgetUsage): void;
  /** How often the recent spend is exchanged. @default 500 */
  exchangeMs?: number;
  /** How often the budgets and stored usage are re-read. @default 5000 */
  loadMs?: number;
  now?: () => number;
}

/** Minutes before the current one read from the recent counters: older minutes are in the rollups by then. */
const RECENT_MINUTES = 2;

interface Tracked {
  subject: BudgetSubject;
  label: string;
  limit: number;
  stored: number;
  recent: number;
}

/** How a subject is named in the recent spend (and its Redis counters): `apiKey:<id>`. */
export const subjectKey = (kind: BudgetSubjectKind, id: string) => `${kind}:${id}`;
const keyOf = subjectKey;
const minuteOf = (ms: number) => Math.floor(ms / 60_000);

export function createBudgetTracker(options: BudgetTrackerOptions) {
  const now = options.now ?? Date.now;
  let tracked = new Map<string, Tracked>();
  /** The period and cutoff `tracked` was loaded for; recent spend is read from the cutoff on. */
  let loadedPeriodStart = -1;
  let cutoff = 0;
  /** This instance's spend not yet exchanged, and what is being exchanged now: key → minute → tokens. */
  let unsent = new Map<string, Map<number, number>>();
  let sending = new Map<string, Map<number, number>>();
  const warned = new Set<string>();
  /** The month of `now()`, recomputed only when it ends: the request path allocates no dates. */
  let period = budgetPeriodOf(now());
  const periodNow = () => {
    if (now() >= period.end.getTime()) period = budgetPeriodOf(now());
    return period;
  };
  let loading: Promise<void> | null = null;
  let exchanging: Promise<void> | null = null;
  let closed = false;

  /** `unsent` and `sending` summed per key, kept as they change: the request path reads one number. */
  const pending = new Map<string, number>();
  const unpend = (key: string, tokens: number) => {
    const left = (pending.get(key) ?? 0) - tokens;
    if (left > 0) pending.set(key, left);
    else pending.delete(key);
  };
  const usedOf = (key: string, state: Tracked) => state.stored + state.recent + (pending.get(key) ?? 0);

  const checkWarning = (key: string, state: Tracked) => {
    const period = periodNow();
    const warnedKey = `${key}|${period.startMinute}`;
    const used = usedOf(key, state);
    if (warned.has(warnedKey) || used < state.limit * BUDGET_WARNING_SHARE) return;
    warned.add(warnedKey);
    try {
      options.onWarning?.({ subject: state.subject, limit: state.limit, used, period });
    } catch (error) {
      options.logger.error({ err: error }, 'a budget warning failed');
    }
  };

  async function load(): Promise<void> {
    const period = budgetPeriodOf(now());
    const beforeMinute = Math.max(period.startMinute, minuteOf(now()) - RECENT_MINUTES);
    const next = new Map<string, Tracked>();
    for (const source of options.sources) {
      for (const stored of await source.load(period, beforeMinute)) {
        const key = keyOf(source.kind, stored.id);
        next.set(key, {
          subject: { kind: source.kind, id: stored.id },
          label: source.label,
          limit: stored.limit,
          stored: stored.used,
          // Until the next exchange: what was read for the same cutoff, or nothing.
          recent: cutoff === beforeMinute ? (tracked.get(key)?.recent ?? 0) : 0,
        });
      }
    }
    const moved = cutoff !== beforeMinute;
    tracked = next;
    cutoff = beforeMinute;
    loadedPeriodStart = period.startMinute;
    if (moved) await exchange();
    for (const [key, state] of tracked) checkWarning(key, state);
  }

  async function exchange(): Promise<void> {
    if (exchanging) return exchanging;
    const run = async () => {
      sending = unsent;
      unsent = new Map();
      const add: SpendDelta[] = [];
      for (const [subject, minutes] of sending)
        for (const [minute, tokens] of minutes) add.push({ subject, minute, tokens });
      const read = [...tracked.keys()];
      if (add.length === 0 && read.length === 0) return;
      const readCutoff = cutoff;
      try {
        const sums = await options.recent.exchange(add, read, readCutoff, minuteOf(now()));
        // What was sent is in the recent spend now (read back in `sums`), no longer pending.
        for (const delta of add) unpend(delta.subject, delta.tokens);
        if (readCutoff === cutoff)
          read.forEach((key, i) => {
            const state = tracked.get(key);
            if (state) state.recent = sums[i] ?? 0;
          });
      } catch (error) {
        // Kept for the next exchange: spend is never dropped, only late. Minutes that fell before the cutoff
        // meanwhile are the rollups' now (the recorder writes them whatever Redis does): counted there, not twice.
        for (const [subject, minutes] of sending)
          for (const [minute, tokens] of minutes) {
            if (minute >= cutoff) addTo(unsent, subject, minute, tokens);
            else unpend(subject, tokens);
          }
        options.logger.warn({ err: error }, 'budget spend could not be shared; retrying');
      } finally {
        sending = new Map();
      }
      for (const [key, state] of tracked) checkWarning(key, state);
    };
    exchanging = run().finally(() => (exchanging = null));
    return exchanging;
  }

  let reloadAgain: Promise<void> | null = null;
  const reload = (): Promise<void> => {
    if (loading) {
      // The load in flight may have read before the change that asks now (a budget set, a deployment created):
      // one more load follows it, shared by every caller meanwhile, so each caller's change is read.
      reloadAgain ??= loading.then(() => {
        reloadAgain = null;
        return reload();
      });
      return reloadAgain;
    }
    loading = load()
      .catch((error: unknown) => options.logger.error({ err: error }, 'budgets could not be read'))
      .finally(() => (loading = null));
    return loading;
  };

  const exchangeTimer = setInterval(() => void exchange(), options.exchangeMs ?? 500);
  exchangeTimer.unref();
  const loadTimer = setInterval(() => void reload(), options.loadMs ?? 5_000);
  loadTimer.unref();

  return {
    /** Reads budgets and stored usage now (at start, and when a budget changed). */
    reload,
    /** The 429 for a request whose key (or project) spent its month; null when it may go on. Memory only. */
    refusal(request: BudgetRequest): OpenAIApiError | null {
      const period = periodNow();
      if (period.startMinute !== loadedPeriodStart) {
        // A new month: last month's spend refuses nothing while the new one is read.
        void reload();
        return null;
      }
      for (const source of options.sources) {
        const id = source.subjectOf(request);
        if (id === null) continue;
        const key = keyOf(source.kind, id);
        const state = tracked.get(key);
        if (state && usedOf(key, state) >= state.limit)
          return insufficientQuota(state.label, state.limit, period.end);
      }
      return null;
    },
    /** A finished request's tokens, in the minute it started (as the rollups count it). */
    record(request: BudgetRequest, tokens: number, at: Date): void {
      if (tokens <= 0 || closed) return;
      const minute = minuteOf(at.getTime());
      for (const source of options.sources) {
        const id = source.subjectOf(request);
        if (id === null) continue;
        const key = keyOf(source.kind, id);
        const state = tracked.get(key);
        // Before the cutoff the minute belongs to the rollups: counted as stored until the next load reads it.
        if (minute < cutoff) {
          if (state) state.stored += tokens;
        } else {
          addTo(unsent, key, minute, tokens);
          pending.set(key, (pending.get(key) ?? 0) + tokens);
        }
        if (state) checkWarning(key, state);
      }
    },
    /** The subject's budget as this instance sees it; null when it has none. */
    usage(subject: BudgetSubject): BudgetUsage | null {
      const key = keyOf(subject.kind, subject.id);
      const state = tracked.get(key);
      if (!state) return null;
      return { subject, limit: state.limit, used: usedOf(key, state), period: budgetPeriodOf(now()) };
    },
    /** Exchanges now (tests, and before a read that must include this instance's last requests). */
    exchange,
    close(): void {
      closed = true;
      clearInterval(exchangeTimer);
      clearInterval(loadTimer);
    },
  };
}

export type BudgetTracker = ReturnType<typeof createBudgetTracker>;

function addTo(spend: Map<string, Map<number, number>>, key: string, minute: number, tokens: number): void {
  let minutes = spend.get(key);
  if (!minutes) spend.set(key, (minutes = new Map()));
  minutes.set(minute, (minutes.get(minute) ?? 0) + tokens);
}

/**
 * The recent spend of this process alone (no Redis): minutes before the oldest read are dropped. `initial` is what
 * the rollups hold of the last minutes when the process starts (its predecessor's spend, flushed when it stopped),
 * which the tracker reads from here, not from the rollups, until the cutoff passes them.
 */
export function createLocalRecentSpend(initial: SpendDelta[] = []): RecentSpend {
  const spend = new Map<string, Map<number, number>>();
  for (const delta of initial) addTo(spend, delta.subject, delta.minute, delta.tokens);
  return {
    async exchange(add, read, fromMinute, toMinute) {
      for (const delta of add) addTo(spend, delta.subject, delta.minute, delta.tokens);
      for (const [key, minutes] of spend) {
        for (const minute of minutes.keys()) if (minute < fromMinute) minutes.delete(minute);
        if (minutes.size === 0) spend.delete(key);
      }
      return read.map((key) => {
        let sum = 0;
        for (const [minute, tokens] of spend.get(key) ?? [])
          if (minute >= fromMinute && minute <= toMinute) sum += tokens;
        return sum;
      });
    },
  };
}
