import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useId, useState, type ComponentPropsWithRef } from 'react';
import {
  DeploymentHistoryDocument,
  DeploymentHistoryUpdatesDocument,
  RollbackDeploymentDocument,
  type VersionItemFragment,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import { graphQLErrorCode } from '../shared/graphql-error-code.js';
import { useControllableState } from '../shared/use-controllable-state.js';
import { configurationChanges } from './configuration-diff.js';
import { HistoryVersion } from './history-version.js';
import '../styles/theme.css';
import './history-timeline.css';
import { LoadError } from '../shared/load-error.js';

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
  /** The version number whose details are open (controlled); null for none. @default undefined */
  expandedVersion?: number | null;
  /** The version whose details are open at first (uncontrolled). @default null */
  defaultExpandedVersion?: number | null;
  /** Called when the user opens or closes a version's details. @default undefined */
  onExpandedVersionChange?: (version: number | null) => void;
  /** Offer "Roll back to vN" on every version but the newest. @default true */
  allowRollback?: boolean;
  /** Called after a rollback started, with the number of the new version. @default undefined */
  onRolledBack?: (newVersion: number) => void;
};

/**
 * Deployment history: versions newest first with who, when, how long, the outcome and un-deployments; each
 * version's configuration and its diff against the previous one; rollback to any version with confirmation.
 */
export function HistoryTimeline({
  deploymentId,
  client: clientProp,
  live = true,
  onSelectVersion,
  expandedVersion: expandedProp,
  defaultExpandedVersion = null,
  onExpandedVersionChange,
  allowRollback = true,
  onRolledBack,
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
  const [rollback, rollingBack] = useMutation(RollbackDeploymentDocument, { client });
  const [expanded, setExpanded] = useControllableState<number | null>(
    expandedProp,
    defaultExpandedVersion,
    onExpandedVersionChange,
  );
  const [pendingRollback, setPendingRollback] = useState<VersionItemFragment | null>(null);
  const [rollbackError, setRollbackError] = useState<string | null>(null);

  const versions = [...(data?.deployment?.versions ?? [])].sort((a, b) => b.version - a.version);
  const latest = versions[0];
  const code = graphQLErrorCode(error);
  const state =
    code === 'NOT_FOUND'
      ? 'not-found'
      : error
        ? 'error'
        : loading && !data
          ? 'loading'
          : versions.length === 0
            ? 'empty'
            : 'ready';

  async function confirmRollback() {
    if (!pendingRollback) return;
    try {
      const result = await rollback({
        variables: { input: { id: deploymentId, version: pendingRollback.version } },
      });
      const payload = result.data?.rollbackDeployment;
      if (!payload?.deployment || payload.userErrors.length) {
        setRollbackError(payload?.userErrors[0]?.message ?? 'The rollback was refused.');
        return;
      }
      const newest = Math.max(...payload.deployment.versions.map((v) => v.version));
      setPendingRollback(null);
      setRollbackError(null);
      onRolledBack?.(newest);
    } catch (e) {
      setRollbackError((e as Error).message);
    }
  }

  const changesIfRolledBack =
    pendingRollback && latest
      ? configurationChanges(latest.configuration, pendingRollback.configuration)
      : [];

  return (
    <section
      aria-labelledby={headingId}
      {...rest}
      className={classNames('hangar-root hangar-timeline', className)}
      data-state={state}
    >
      <h2 id={headingId} className="hangar-timeline__heading">
        Deployment history{data?.deployment ? ` · ${data.deployment.name}` : ''}
      </h2>
      {state === 'loading' ? <p className="hangar-muted">Loading history…</p> : null}
      {state === 'not-found' ? (
        <p role="alert" className="hangar-error">
          Deployment not found: no deployment has the ID “{deploymentId}”.
        </p>
      ) : error ? (
        <LoadError what="the history" error={error} onRetry={refetch} />
      ) : null}
      {state === 'empty' ? <p className="hangar-muted">No versions yet.</p> : null}
      {versions.length ? (
        <ol className="hangar-timeline__list">
          {versions.map((version, index) => (
            <HistoryVersion
              key={version.id}
              version={version}
              previous={versions[index + 1]}
              expanded={expanded === version.version}
              onToggle={() => setExpanded(expanded === version.version ? null : version.version)}
              onSelect={onSelectVersion}
              // The newest version by number, not `isLatest`: a subscription can deliver a stale isLatest.
              onRollback={
                allowRollback && version.version !== latest?.version
                  ? () => {
                      setRollbackError(null);
                      setPendingRollback(version);
                    }
                  : undefined
              }
            />
          ))}
        </ol>
      ) : null}
      <ConfirmDialog
        open={pendingRollback !== null}
        title={`Roll back to v${pendingRollback?.version ?? ''}?`}
        confirmLabel={`Roll back to v${pendingRollback?.version ?? ''}`}
        tone="default"
        busy={rollingBack.loading}
        onCancel={() => setPendingRollback(null)}
        onConfirm={() => void confirmRollback()}
      >
        <p>
          This deploys the configuration of v{pendingRollback?.version} again, as the next version (v
          {(latest?.version ?? 0) + 1}).
        </p>
        {changesIfRolledBack.length ? (
          <ul aria-label="What changes">
            {changesIfRolledBack.map((change) => (
              <li key={change.key}>
                {change.label}: {change.before} → {change.after}
              </li>
            ))}
          </ul>
        ) : (
          <p>The configuration is the same as v{latest?.version}&apos;s.</p>
        )}
        {rollbackError ? (
          <p role="alert" className="hangar-error">
            {rollbackError}
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
