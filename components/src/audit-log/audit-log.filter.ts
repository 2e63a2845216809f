import type { AuditEventRowFragment } from '../gql/graphql.js';

/**
 * What the audit log shows. The API's `auditEvents(last:)` has no filters, so these apply to the loaded events
 * in the browser. Empty fields match everything; `from`/`to` are ISO instants (inclusive).
 */
export interface AuditLogFilter {
  actor?: string;
  action?: string;
  targetType?: string;
  /** A substring of the object's ID. */
  targetId?: string;
  from?: string;
  to?: string;
}

export function matchesAuditFilter(event: AuditEventRowFragment, filter: AuditLogFilter): boolean {
  if (filter.actor && event.actorName !== filter.actor) return false;
  if (filter.action && event.action !== filter.action) return false;
  if (filter.targetType && event.targetType !== filter.targetType) return false;
  if (filter.targetId && !(event.targetId ?? '').toLowerCase().includes(filter.targetId.toLowerCase()))
    return false;
  const at = Date.parse(event.at);
  if (filter.from && at < Date.parse(filter.from)) return false;
  if (filter.to && at > Date.parse(filter.to)) return false;
  return true;
}

/** The distinct values of one column, sorted, for the filter's choices. */
export function distinctValues(
  events: readonly AuditEventRowFragment[],
  pick: (event: AuditEventRowFragment) => string,
): string[] {
  return [...new Set(events.map(pick))].sort((a, b) => a.localeCompare(b));
}

/** `datetime-local` works in local time without a zone; the filter keeps instants. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
