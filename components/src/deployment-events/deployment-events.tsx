import type { ApolloClient } from '@apollo/client';
import { useQuery, useSubscription } from '@apollo/client/react';
import { useId, useLayoutEffect, useMemo, useRef, useState, type ComponentPropsWithRef } from 'react';
import {
  DeploymentEventStreamDocument,
  DeploymentEventsDocument,
  type DeploymentEventLineFragment,
  type EventLevel,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { formatClock, formatDateTime } from '../shared/format.js';
import { graphQLErrorCode } from '../shared/graphql-error-code.js';
import { useControllableState } from '../shared/use-controllable-state.js';
import '../styles/theme.css';
import './deployment-events.css';
import { LoadError } from '../shared/load-error.js';

export type { DeploymentEventLineFragment as DeploymentEventLine } from '../gql/graphql.js';

/** CSS variables DeploymentEvents reads beyond the theme's. */
export type DeploymentEventsCssVariables = '--hangar-events-height';

/** The lowest level shown: `INFO` shows everything, `ERROR` only errors. */
export type EventLevelFilter = EventLevel;

const RANK: Record<EventLevel, number> = { INFO: 0, WARNING: 1, ERROR: 2 };
const LEVEL_LABEL: Record<EventLevel, string> = { INFO: 'Info', WARNING: 'Warning', ERROR: 'Error' };
// Within this many pixels of the end the log counts as "at the bottom" (sub-pixel scroll positions).
const BOTTOM_SLACK_PX = 24;

export type DeploymentEventsProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID (or dpl-… deployment ID) of the deployment whose events to show. */
  deploymentId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** How many stored events to load on open. @default 200 */
  last?: number;
  /** Append events as they happen through the `deploymentEvents` subscription. @default true */
  live?: boolean;
  /** Lowest level shown (controlled). @default undefined */
  level?: EventLevelFilter;
  /** Lowest level shown at first (uncontrolled). @default 'INFO' */
  defaultLevel?: EventLevelFilter;
  /** Called when the user picks another level. @default undefined */
  onLevelChange?: (level: EventLevelFilter) => void;
};

const eventKey = (event: DeploymentEventLineFragment) => `${event.at}|${event.level}|${event.message}`;

/**
 * A deployment's progress lines: the stored history on open, then live events appended. The log follows new
 * lines until the user scrolls up; "Jump to latest" resumes following.
 */
export function DeploymentEvents({
  deploymentId,
  client: clientProp,
  last = 200,
  live = true,
  level: levelProp,
  defaultLevel = 'INFO',
  onLevelChange,
  className,
  ...rest
}: DeploymentEventsProps) {
  const client = useHangarClient('DeploymentEvents', clientProp);
  const headingId = useId();
  const filterId = useId();
  const [level, setLevel] = useControllableState(levelProp, defaultLevel, onLevelChange);
  const { data, loading, error, refetch } = useQuery(DeploymentEventsDocument, {
    client,
    variables: { id: deploymentId, last },
    // Events that happened while the log was closed are only on the server: fetch them on every open.
    fetchPolicy: 'cache-and-network',
  });
  // Live lines are kept per deployment so that switching deployments never mixes their streams.
  const [received, setReceived] = useState<{ deploymentId: string; lines: DeploymentEventLineFragment[] }>({
    deploymentId,
    lines: [],
  });
  useSubscription(DeploymentEventStreamDocument, {
    client,
    skip: !live,
    variables: { deploymentId },
    onData: ({ data: message }) => {
      const line = message.data?.deploymentEvents;
      if (!line) return;
      setReceived((was) =>
        was.deploymentId === deploymentId
          ? { deploymentId, lines: [...was.lines, line] }
          : { deploymentId, lines: [line] },
      );
    },
  });

  const all = useMemo(() => {
    // The subscription may open before the stored history loads: a line can arrive both ways.
    const seen = new Set<string>();
    const lines: DeploymentEventLineFragment[] = [];
    const live = received.deploymentId === deploymentId ? received.lines : [];
    for (const line of [...(data?.deployment?.events ?? []), ...live]) {
      const key = eventKey(line);
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push(line);
    }
    return lines.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }, [data, received, deploymentId]);
  const visible = all.filter((line) => RANK[line.level] >= RANK[level]);

  const logRef = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [seenWhilePaused, setSeenWhilePaused] = useState(0);
  useLayoutEffect(() => {
    const log = logRef.current;
    if (following && log) log.scrollTop = log.scrollHeight;
  }, [visible.length, following]);

  function onScroll() {
    const log = logRef.current;
    if (!log) return;
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight <= BOTTOM_SLACK_PX;
    if (atBottom !== following) {
      setFollowing(atBottom);
      setSeenWhilePaused(visible.length);
    }
  }

  const code = graphQLErrorCode(error);
  const state =
    code === 'NOT_FOUND'
      ? 'not-found'
      : error
        ? 'error'
        : loading && !data
          ? 'loading'
          : visible.length === 0
            ? 'empty'
            : 'ready';
  const unseen = following ? 0 : Math.max(0, visible.length - seenWhilePaused);

  return (
    <section
      aria-labelledby={headingId}
      {...rest}
      className={classNames('hangar-root hangar-events', className)}
      data-state={state}
      data-follow={following ? 'following' : 'paused'}
    >
      <div className="hangar-toolbar hangar-events__toolbar">
        <h2 id={headingId} className="hangar-events__heading">
          Events{data?.deployment ? ` · ${data.deployment.name}` : ''}
        </h2>
        <label htmlFor={filterId} className="hangar-events__filter">
          Show
          <select
            id={filterId}
            className="hangar-input"
            value={level}
            onChange={(event) => setLevel(event.target.value as EventLevelFilter)}
          >
            <option value="INFO">All levels</option>
            <option value="WARNING">Warnings and errors</option>
            <option value="ERROR">Errors only</option>
          </select>
        </label>
      </div>
      {state === 'not-found' ? (
        <p role="alert" className="hangar-error">
          Deployment not found: no deployment has the ID “{deploymentId}”.
        </p>
      ) : error ? (
        <LoadError what="the events" error={error} onRetry={refetch} />
      ) : null}
      {/* role=log is a polite live region: new lines are announced without moving focus. */}
      <div
        hidden={state === 'error' || state === 'not-found'}
        ref={logRef}
        role="log"
        aria-label="Event lines"
        aria-busy={state === 'loading'}
        tabIndex={0}
        className="hangar-events__log"
        onScroll={onScroll}
      >
        {state === 'loading' ? <p className="hangar-muted">Loading events…</p> : null}
        {state === 'empty' ? (
          <p className="hangar-muted">
            {all.length ? 'No events at this level.' : 'No events yet.'}
            {live ? ' New events appear here as they happen.' : ''}
          </p>
        ) : null}
        {visible.length ? (
          <ol className="hangar-events__list">
            {visible.map((line) => (
              <li key={eventKey(line)} className="hangar-events__line" data-level={line.level.toLowerCase()}>
                <time dateTime={line.at} title={formatDateTime(line.at)}>
                  {formatClock(line.at)}
                </time>
                <span className="hangar-events__level">{LEVEL_LABEL[line.level]}</span>
                {line.version !== null && line.version !== undefined ? (
                  <span className="hangar-events__version">v{line.version}</span>
                ) : null}
                <span className="hangar-events__message">{line.message}</span>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
      {!following ? (
        <button
          type="button"
          className="hangar-button hangar-events__jump"
          onClick={() => {
            setFollowing(true);
            const log = logRef.current;
            if (log) log.scrollTop = log.scrollHeight;
          }}
        >
          Jump to latest{unseen ? ` (${unseen} new)` : ''}
        </button>
      ) : null}
    </section>
  );
}
