import type { ApolloClient } from '@apollo/client';
import { useQuery, useSubscription } from '@apollo/client/react';
import { useId, type ComponentPropsWithRef } from 'react';
import {
  DeploymentHistoryDocument,
  DeploymentHistoryUpdatesDocument,
  type VersionItemFragment,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { formatDateTime, formatDuration } from '../shared/format.js';
import { StatusBadge } from '../shared/status-badge.js';
import '../styles/theme.css';
import './history-timeline.css';

export type { VersionItemFragment as HistoryVersion } from '../gql/graphql.js';

/** CSS variables HistoryTimeline reads beyond the theme's. */
export type HistoryTimelineCssVariables = '--hangar-timeline-line' | '--hangar-timeline-latest';

export type HistoryTimelineProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID of the deployment whose history to show. */
  deploymentId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Keep the history current through the `deploymentUpdated` subscription. @default true */
  live?: boolean;
  /** Called when a version is chosen (to show its details). @default undefined (versions not clickable) */
  onSelectVersion?: (version: VersionItemFragment) => void;
};

/** Deployment history: versions newest first with who, when, how long, the outcome and un-deployments. */
export function HistoryTimeline({
  deploymentId,
  client: clientProp,
  live = true,
  onSelectVersion,
  className,
  ...rest
}: HistoryTimelineProps) {
  const client = useHangarClient('HistoryTimeline', clientProp);
  const headingId = useId();
  const { data, loading, error, refetch } = useQuery(DeploymentHistoryDocument, {
    client,
    variables: { id: deploymentId },
  });
  useSubscription(DeploymentHistoryUpdatesDocument, { client, skip: !live, variables: { deploymentId } });

  const versions = [...(data?.deployment?.versions ?? [])].sort((a, b) => b.version - a.version);
  const state = error ? 'error' : loading && !data ? 'loading' : versions.length === 0 ? 'empty' : 'ready';

  return (
    <section
      {...rest}
      className={classNames('hangar-root hangar-timeline', className)}
      data-state={state}
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className="hangar-timeline__heading">
        Deployment history{data?.deployment ? ` · ${data.deployment.name}` : ''}
      </h2>
      {state === 'loading' ? <p className="hangar-muted">Loading history…</p> : null}
      {error ? (
        <p role="alert" className="hangar-error">
          Could not load the history: {error.message}{' '}
          <button type="button" className="hangar-button" onClick={() => void refetch()}>
            Retry
          </button>
        </p>
      ) : null}
      {state === 'empty' ? <p className="hangar-muted">No versions yet.</p> : null}
      {versions.length ? (
        <ol className="hangar-timeline__list">
          {versions.map((version) => (
            <VersionEntry key={version.id} version={version} onSelect={onSelectVersion} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function VersionEntry({
  version,
  onSelect,
}: {
  version: VersionItemFragment;
  onSelect?: (version: VersionItemFragment) => void;
}) {
  const reasonId = useId();
  const failed = version.status === 'FAILED';
  const undeployment = version.undeployment;
  return (
    <li
      className="hangar-timeline__item"
      data-status={version.status.toLowerCase()}
      data-latest={version.isLatest ? 'true' : 'false'}
      aria-current={version.isLatest ? 'true' : undefined}
    >
      <div className="hangar-timeline__title">
        {onSelect ? (
          <button
            type="button"
            className="hangar-table__sort hangar-timeline__name"
            onClick={() => onSelect(version)}
          >
            {version.name}
          </button>
        ) : (
          <span className="hangar-timeline__name">{version.name}</span>
        )}
        {version.isLatest ? (
          <span className="hangar-timeline__latest">
            <span aria-hidden="true">✓ </span>Latest
          </span>
        ) : null}
        {failed && version.failureReason ? (
          // Hover and keyboard focus both reveal the reason; screen readers get it as the description.
          <span className="hangar-timeline__status" tabIndex={0} aria-describedby={reasonId}>
            <StatusBadge status={version.status} />
            <span role="tooltip" id={reasonId} className="hangar-timeline__reason">
              {version.failureReason}
            </span>
          </span>
        ) : (
          <StatusBadge status={version.status} />
        )}
      </div>
      <dl className="hangar-timeline__facts">
        <div>
          <dt>Deployed by</dt>
          <dd>{version.deployedBy?.name ?? 'System'}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatDateTime(version.startedAt)}</dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>{formatDateTime(version.endedAt)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(version.durationSeconds)}</dd>
        </div>
      </dl>
      {undeployment ? (
        <dl
          className="hangar-timeline__facts hangar-timeline__undeployment"
          aria-label="Un-deployment details"
        >
          <div>
            <dt>Undeployed by</dt>
            <dd>{undeployment.bySystem ? 'System (automatic)' : (undeployment.by?.name ?? '—')}</dd>
          </div>
          <div>
            <dt>Undeploy started</dt>
            <dd>{formatDateTime(undeployment.startedAt)}</dd>
          </div>
          <div>
            <dt>Undeploy ended</dt>
            <dd>{formatDateTime(undeployment.endedAt)}</dd>
          </div>
          {undeployment.reason ? (
            <div>
              <dt>Reason</dt>
              <dd>{undeployment.reason}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
    </li>
  );
}
