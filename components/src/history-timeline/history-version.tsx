import { useId } from 'react';
import type { VersionItemFragment, VersionTrigger } from '../gql/graphql.js';
import { formatDateTime, formatDuration } from '../shared/format.js';
import { StatusBadge } from '../shared/status-badge.js';
import { HistoryVersionDetails } from './history-version-details.js';

const TRIGGER_LABEL: Record<VersionTrigger, string> = {
  DEPLOY: 'First deploy',
  REDEPLOY: 'Redeploy',
  RETRIGGER: 'Restart',
  ROLLBACK: 'Rollback',
  CANARY: 'Canary (traffic split)',
};

export function triggerLabel(version: VersionItemFragment): string {
  return version.trigger === 'ROLLBACK' && version.rolledBackFrom
    ? `Rollback to v${version.rolledBackFrom}`
    : TRIGGER_LABEL[version.trigger];
}

/** One version of the timeline: who, when, how long, the outcome, and on demand its configuration. */
export function HistoryVersion({
  version,
  previous,
  expanded,
  onToggle,
  onSelect,
  onRollback,
}: {
  version: VersionItemFragment;
  previous: VersionItemFragment | undefined;
  expanded: boolean;
  onToggle: () => void;
  onSelect?: (version: VersionItemFragment) => void;
  /** Absent when rollback is off or this version is the latest. */
  onRollback?: () => void;
}) {
  const reasonId = useId();
  const detailsId = useId();
  const failed = version.status === 'FAILED';
  const undeployment = version.undeployment;
  return (
    <li
      className="hangar-timeline__item"
      data-status={version.status.toLowerCase()}
      data-latest={version.isLatest ? 'true' : 'false'}
      data-expanded={expanded ? 'expanded' : 'collapsed'}
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
        <span className="hangar-timeline__trigger">{triggerLabel(version)}</span>
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
      <div className="hangar-timeline__actions">
        <button
          type="button"
          className="hangar-button"
          aria-expanded={expanded}
          aria-controls={expanded ? detailsId : undefined}
          onClick={onToggle}
        >
          {expanded ? 'Hide details' : 'Details'}
          <span className="hangar-visually-hidden"> of v{version.version}</span>
        </button>
        {onRollback ? (
          <button type="button" className="hangar-button" onClick={onRollback}>
            Roll back to v{version.version}
          </button>
        ) : null}
      </div>
      {expanded ? <HistoryVersionDetails id={detailsId} version={version} previous={previous} /> : null}
    </li>
  );
}
