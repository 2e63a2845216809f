import type { ApolloClient } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useId, type ComponentPropsWithRef } from 'react';
import { AuditLogDocument, type AuditEventRowFragment } from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { formatDateTime } from '../shared/format.js';
import { graphQLErrorCode } from '../shared/graphql-error-code.js';
import { useControllableState } from '../shared/use-controllable-state.js';
import {
  distinctValues,
  isoToLocalInput,
  localInputToIso,
  matchesAuditFilter,
  type AuditLogFilter,
} from './audit-log.filter.js';
import '../styles/theme.css';
import './audit-log.css';
import { LoadError } from '../shared/load-error.js';

export type { AuditEventRowFragment as AuditEventRow } from '../gql/graphql.js';
export type { AuditLogFilter } from './audit-log.filter.js';

/** CSS variables AuditLog reads beyond the theme's. */
export type AuditLogCssVariables = '--hangar-audit-details-max-height';

export type AuditLogProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** How many of the newest events to load (the server allows at most 1000). @default 500 */
  last?: number;
  /** The filter (controlled). @default undefined */
  filter?: AuditLogFilter;
  /** The filter at first (uncontrolled). @default {} */
  defaultFilter?: AuditLogFilter;
  /** Called whenever the user changes a filter field. @default undefined */
  onFilterChange?: (filter: AuditLogFilter) => void;
};

const NO_FILTER: AuditLogFilter = {};

/** The audit log (admins): who did what to which object and when, filtered by user, object, action and time. */
export function AuditLog({
  client: clientProp,
  last = 500,
  filter: filterProp,
  defaultFilter = NO_FILTER,
  onFilterChange,
  className,
  ...rest
}: AuditLogProps) {
  const client = useHangarClient('AuditLog', clientProp);
  const headingId = useId();
  const ids = useId();
  const [filter, setFilter] = useControllableState(filterProp, defaultFilter, onFilterChange);
  // Every mutation anywhere adds events, and there is no subscription for them: fetch on every open.
  const { data, loading, error, refetch } = useQuery(AuditLogDocument, {
    client,
    variables: { last },
    fetchPolicy: 'cache-and-network',
  });

  const events: readonly AuditEventRowFragment[] = data?.auditEvents ?? [];
  const shown = events.filter((event) => matchesAuditFilter(event, filter));
  const code = graphQLErrorCode(error);
  const state =
    code === 'FORBIDDEN'
      ? 'forbidden'
      : error
        ? 'error'
        : loading && !data
          ? 'loading'
          : events.length === 0
            ? 'empty'
            : 'ready';
  const filtered = Object.values(filter).some(Boolean);
  const update = (change: Partial<AuditLogFilter>) => setFilter({ ...filter, ...change });

  function choice(label: string, key: 'actor' | 'action' | 'targetType', values: string[]) {
    const id = `${ids}-${key}`;
    return (
      <div className="hangar-field">
        <label className="hangar-field__label" htmlFor={id}>
          {label}
        </label>
        <select
          id={id}
          className="hangar-input"
          value={filter[key] ?? ''}
          onChange={(e) => update({ [key]: e.target.value || undefined })}
        >
          <option value="">Any</option>
          {values.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
    );
  }

  return (
    <section
      aria-labelledby={headingId}
      {...rest}
      className={classNames('hangar-root hangar-audit', className)}
      data-state={state}
      data-filtered={filtered ? 'filtered' : 'all'}
    >
      <h2 id={headingId} className="hangar-audit__heading">
        Audit log
      </h2>
      <div className="hangar-toolbar hangar-audit__filters" role="group" aria-label="Filter the audit log">
        {choice(
          'User',
          'actor',
          distinctValues(events, (e) => e.actorName),
        )}
        {choice(
          'Object type',
          'targetType',
          distinctValues(events, (e) => e.targetType),
        )}
        <div className="hangar-field">
          <label className="hangar-field__label" htmlFor={`${ids}-target`}>
            Object ID
          </label>
          <input
            id={`${ids}-target`}
            className="hangar-input"
            value={filter.targetId ?? ''}
            onChange={(e) => update({ targetId: e.target.value || undefined })}
            autoComplete="off"
          />
        </div>
        {choice(
          'Action',
          'action',
          distinctValues(events, (e) => e.action),
        )}
        <div className="hangar-field">
          <label className="hangar-field__label" htmlFor={`${ids}-from`}>
            From
          </label>
          <input
            id={`${ids}-from`}
            type="datetime-local"
            className="hangar-input"
            value={isoToLocalInput(filter.from)}
            onChange={(e) => update({ from: localInputToIso(e.target.value) })}
          />
        </div>
        <div className="hangar-field">
          <label className="hangar-field__label" htmlFor={`${ids}-to`}>
            To
          </label>
          <input
            id={`${ids}-to`}
            type="datetime-local"
            className="hangar-input"
            value={isoToLocalInput(filter.to)}
            onChange={(e) => update({ to: localInputToIso(e.target.value) })}
          />
        </div>
        {filtered ? (
          <button type="button" className="hangar-button" onClick={() => setFilter({})}>
            Clear filters
          </button>
        ) : null}
      </div>
      {state === 'forbidden' ? (
        <p role="alert" className="hangar-error">
          Only admins can read the audit log. Sign in with an admin&apos;s token, or ask an admin to change
          your role.
        </p>
      ) : error ? (
        <LoadError what="the audit log" error={error} onRetry={refetch} />
      ) : null}
      {state === 'ready' ? (
        <p role="status" className="hangar-muted">
          {filtered
            ? `${shown.length} of ${events.length} events match.`
            : `${events.length} events, newest first.`}
        </p>
      ) : null}
      <div className="hangar-table-scroll">
        <table className="hangar-table" aria-label="Audit events" aria-busy={state === 'loading'}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">User</th>
              <th scope="col">Action</th>
              <th scope="col">Object</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {state === 'loading' ? (
              <tr>
                <td colSpan={5} className="hangar-table__empty">
                  Loading the audit log…
                </td>
              </tr>
            ) : null}
            {state === 'empty' ? (
              <tr>
                <td colSpan={5} className="hangar-table__empty">
                  Nothing has been recorded yet.
                </td>
              </tr>
            ) : null}
            {state === 'ready' && shown.length === 0 ? (
              <tr>
                <td colSpan={5} className="hangar-table__empty">
                  No events match these filters.
                </td>
              </tr>
            ) : null}
            {shown.map((event) => (
              <tr key={event.id}>
                <td>
                  <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                </td>
                <td>{event.actorName}</td>
                <th scope="row">
                  <code>{event.action}</code>
                </th>
                <td>
                  {event.targetType}
                  {event.targetId ? (
                    <>
                      {' '}
                      <code className="hangar-audit__id">{event.targetId}</code>
                    </>
                  ) : null}
                </td>
                <td>
                  {event.details === null || event.details === undefined ? (
                    '—'
                  ) : (
                    <details>
                      <summary>Show</summary>
                      <pre className="hangar-code hangar-audit__details">
                        {JSON.stringify(event.details, null, 2)}
                      </pre>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
