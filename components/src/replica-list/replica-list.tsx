import type { ApolloClient } from '@apollo/client';
import { useQuery, useSubscription } from '@apollo/client/react';
import { useId, type ComponentPropsWithRef } from 'react';
import {
  DeploymentReplicaUpdatesDocument,
  DeploymentReplicasDocument,
  type ReplicaRowFragment,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { formatDateTime, formatDuration } from '../shared/format.js';
import { graphQLErrorCode } from '../shared/graphql-error-code.js';
import { IDLE_HINT, StatusBadge } from '../shared/status-badge.js';
import '../styles/theme.css';
import './replica-list.css';

export type { ReplicaRowFragment as ReplicaRow } from '../gql/graphql.js';

/** CSS variables ReplicaList reads beyond the theme's. */
export type ReplicaListCssVariables = '--hangar-replicas-summary-gap';

export type ReplicaListProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID (or dpl-… deployment ID) of the deployment whose replicas to show. */
  deploymentId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Keep the list current through the `deploymentUpdated` subscription. @default true */
  live?: boolean;
  /**
   * Also refetch every this many milliseconds: a replica turning READY does not always change the
   * deployment's status, so the subscription alone can miss it. 0 turns polling off. @default 10000
   */
  pollInterval?: number;
  /** The clock for uptimes; pass a fixed time in tests and screenshots. @default () => Date.now() */
  now?: () => number;
};

/**
 * The model servers of one deployment: status, the version each serves, start time, uptime and restarts, with the
 * autoscaler's last decision and its reason when the deployment can scale.
 */
export function ReplicaList({
  deploymentId,
  client: clientProp,
  live = true,
  pollInterval = 10_000,
  now = Date.now,
  className,
  ...rest
}: ReplicaListProps) {
  const client = useHangarClient('ReplicaList', clientProp);
  const headingId = useId();
  const { data, loading, error, refetch } = useQuery(DeploymentReplicasDocument, {
    client,
    variables: { id: deploymentId },
    pollInterval: pollInterval || undefined,
    fetchPolicy: 'cache-and-network',
  });
  useSubscription(DeploymentReplicaUpdatesDocument, { client, skip: !live, variables: { deploymentId } });

  const deployment = data?.deployment;
  const replicas: ReplicaRowFragment[] = [...(deployment?.replicas ?? [])].sort((a, b) =>
    a.startedAt.localeCompare(b.startedAt),
  );
  const ready = replicas.filter((r) => r.status === 'READY').length;
  const code = graphQLErrorCode(error);
  const state =
    code === 'NOT_FOUND'
      ? 'not-found'
      : error
        ? 'error'
        : loading && !data
          ? 'loading'
          : replicas.length === 0
            ? 'empty'
            : 'ready';
  const scaling = deployment?.configuration.scaling;
  const decision = deployment?.lastScalingDecision;

  return (
    <section
      aria-labelledby={headingId}
      {...rest}
      className={classNames('hangar-root hangar-replicas', className)}
      data-state={state}
    >
      <h2 id={headingId} className="hangar-replicas__heading">
        Replicas{deployment ? ` · ${deployment.name}` : ''}
      </h2>
      {deployment && scaling ? (
        <p className="hangar-replicas__summary">
          <StatusBadge status={deployment.status} idle={deployment.idle} />
          <span>
            {ready} of {replicas.length} ready · scales between {scaling.minReplicas} and{' '}
            {scaling.maxReplicas}
            {scaling.scaleToZeroAfterSeconds > 0
              ? `, to zero after ${scaling.scaleToZeroAfterSeconds} s idle`
              : ''}{' '}
            · current version v{deployment.currentVersion}
          </span>
          {deployment.idle ? <span className="hangar-replicas__idle">{IDLE_HINT}</span> : null}
        </p>
      ) : null}
      {deployment && scaling && scaling.maxReplicas > scaling.minReplicas ? (
        <p
          className="hangar-replicas__decision"
          data-decision={decision ? (decision.error ? 'failed' : 'scaled') : 'none'}
        >
          <span className="hangar-field__label">Autoscaler</span>{' '}
          {decision ? (
            <>
              {formatDateTime(decision.at)}: {decision.fromReplicas} → {decision.toReplicas} replicas.{' '}
              {decision.reason}
              {decision.error ? <span className="hangar-error"> Failed: {decision.error}</span> : null}
            </>
          ) : (
            <span className="hangar-muted">
              No scaling decision yet: the load has stayed within the replicas.
            </span>
          )}
        </p>
      ) : null}
      {state === 'not-found' ? (
        <p role="alert" className="hangar-error">
          Deployment not found: no deployment has the ID “{deploymentId}”.
        </p>
      ) : error ? (
        <p role="alert" className="hangar-error">
          Could not load the replicas: {error.message}{' '}
          <button type="button" className="hangar-button" onClick={() => void refetch()}>
            Retry
          </button>
        </p>
      ) : null}
      <div className="hangar-table-scroll">
        <table className="hangar-table" aria-label="Replicas" aria-busy={state === 'loading'}>
          <thead>
            <tr>
              <th scope="col">Replica</th>
              <th scope="col">Status</th>
              <th scope="col">Version</th>
              <th scope="col">Started</th>
              <th scope="col">Up for</th>
              <th scope="col">Restarts</th>
            </tr>
          </thead>
          <tbody>
            {state === 'loading' ? (
              <tr>
                <td colSpan={6} className="hangar-table__empty">
                  Loading replicas…
                </td>
              </tr>
            ) : null}
            {state === 'empty' ? (
              <tr>
                <td colSpan={6} className="hangar-table__empty">
                  No replicas are running.
                </td>
              </tr>
            ) : null}
            {replicas.map((replica) => (
              <tr key={replica.id} data-status={replica.status.toLowerCase()}>
                <th scope="row">
                  <code>{replica.id}</code>
                </th>
                <td>
                  <StatusBadge status={replica.status} />
                </td>
                <td>
                  v{replica.version}
                  {deployment && replica.version !== deployment.currentVersion ? (
                    <span className="hangar-muted"> (previous)</span>
                  ) : null}
                </td>
                <td>{formatDateTime(replica.startedAt)}</td>
                <td>{formatDuration((now() - Date.parse(replica.startedAt)) / 1000)}</td>
                <td data-restarts={replica.restarts}>{replica.restarts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
