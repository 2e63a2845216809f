import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useId, useState, type ComponentPropsWithRef } from 'react';
import {
  DeploymentTrafficSplitDocument,
  DeploymentTrafficSplitUpdatesDocument,
  PromoteCanaryDocument,
  RollbackCanaryDocument,
  type TrafficSplitFieldsFragment,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import { formatDateTime } from '../shared/format.js';
import { graphQLErrorCode } from '../shared/graphql-error-code.js';
import '../styles/theme.css';
import './traffic-split.css';

export type { TrafficSplitFieldsFragment as TrafficSplitInfo } from '../gql/graphql.js';

/** CSS variables TrafficSplit reads beyond the theme's. */
export type TrafficSplitCssVariables = '--hangar-split-canary-color' | '--hangar-split-bar-height';

export type TrafficSplitProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID (or dpl-… deployment ID) of the deployment whose traffic split to show. */
  deploymentId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Keep the split current through the `deploymentUpdated` subscription. @default true */
  live?: boolean;
};

type Pending = 'promote' | 'rollback' | null;

const STATE_LABEL = { ACTIVE: 'Active', PROMOTED: 'Promoted', ROLLED_BACK: 'Rolled back' } as const;

/**
 * A deployment's traffic split: how the requests divide between the current version and the canary, the
 * automatic-rollback margins, and promote / roll back (each one step, with confirmation). After the split ends it
 * says how, and why the canary was rolled back, with the figures when the system did it.
 */
export function TrafficSplit({
  deploymentId,
  client: clientProp,
  live = true,
  className,
  ...rest
}: TrafficSplitProps) {
  const client = useHangarClient('TrafficSplit', clientProp);
  const headingId = useId();
  const [pending, setPending] = useState<Pending>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const { data, loading, error, refetch } = useQuery(DeploymentTrafficSplitDocument, {
    client,
    variables: { id: deploymentId },
    fetchPolicy: 'cache-and-network',
  });
  useSubscription(DeploymentTrafficSplitUpdatesDocument, {
    client,
    skip: !live,
    variables: { deploymentId },
  });
  const [promote, promoting] = useMutation(PromoteCanaryDocument, { client });
  const [rollback, rollingBack] = useMutation(RollbackCanaryDocument, { client });

  const deployment = data?.deployment;
  const split: TrafficSplitFieldsFragment | null | undefined = deployment?.trafficSplit;
  const code = graphQLErrorCode(error);
  const state =
    code === 'NOT_FOUND'
      ? 'not-found'
      : error
        ? 'error'
        : loading && !data
          ? 'loading'
          : !split
            ? 'empty'
            : split.state.toLowerCase().replace('_', '-');

  async function confirm() {
    setActionError(null);
    try {
      const variables = { input: { id: deploymentId } };
      const problem =
        pending === 'promote'
          ? (await promote({ variables })).data?.promoteCanary.userErrors[0]
          : (await rollback({ variables })).data?.rollbackCanary.userErrors[0];
      if (problem) return setActionError(problem.message);
      setPending(null);
    } catch (e) {
      setActionError((e as Error).message);
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      {...rest}
      className={classNames('hangar-root hangar-split', className)}
      data-state={state}
    >
      <h2 id={headingId} className="hangar-split__heading">
        Traffic split{deployment ? ` · ${deployment.name}` : ''}
      </h2>
      {state === 'loading' ? <p className="hangar-muted">Loading the traffic split…</p> : null}
      {state === 'not-found' ? (
        <p role="alert" className="hangar-error">
          Deployment not found: no deployment has the ID “{deploymentId}”.
        </p>
      ) : error ? (
        <p role="alert" className="hangar-error">
          Could not load the traffic split: {error.message}{' '}
          <button type="button" className="hangar-button" onClick={() => void refetch()}>
            Retry
          </button>
        </p>
      ) : null}
      {state === 'empty' ? (
        <p className="hangar-muted">
          No canary: every request goes to the current version (v{deployment?.currentVersion}).
        </p>
      ) : null}
      {split && deployment ? (
        <>
          <p className="hangar-split__summary">
            <span className="hangar-split__state" data-state={split.state.toLowerCase()}>
              {STATE_LABEL[split.state]}
            </span>
            <span>
              Canary v{split.canaryVersion} beside v{split.stableVersion} · started{' '}
              {formatDateTime(split.startedAt)}
              {split.endedAt ? ` · ended ${formatDateTime(split.endedAt)}` : ''}
            </span>
          </p>
          {split.state === 'ACTIVE' ? (
            <div
              className="hangar-split__bar"
              role="img"
              aria-label={`${100 - split.weightPercent} % of requests to v${split.stableVersion}, ${split.weightPercent} % to canary v${split.canaryVersion}`}
            >
              <span style={{ flexGrow: 100 - split.weightPercent }}>
                v{split.stableVersion} · {100 - split.weightPercent} %
              </span>
              <span className="hangar-split__canary" style={{ flexGrow: split.weightPercent }}>
                v{split.canaryVersion} · {split.weightPercent} %
              </span>
            </div>
          ) : null}
          <p className="hangar-muted">
            {split.autoRollback
              ? `Rolled back automatically when its error rate exceeds v${split.stableVersion}'s by ${split.autoRollback.maxErrorRateIncreasePercent} points or its p95 latency by ${split.autoRollback.maxP95IncreasePercent} %, over ${split.autoRollback.windowSeconds} s (after ${split.autoRollback.minRequests} requests).`
              : 'No automatic rollback: only a user promotes or rolls back.'}
          </p>
          {split.state === 'ROLLED_BACK' && split.rollbackReason ? (
            <p role={split.rolledBackAutomatically ? 'alert' : undefined} className="hangar-split__reason">
              {split.rolledBackAutomatically ? 'Rolled back automatically: ' : ''}
              {split.rollbackReason}
            </p>
          ) : null}
          {split.state === 'ACTIVE' ? (
            <div className="hangar-split__actions">
              <button
                type="button"
                className="hangar-button"
                data-variant="primary"
                onClick={() => setPending('promote')}
              >
                Promote v{split.canaryVersion}
              </button>
              <button
                type="button"
                className="hangar-button"
                data-variant="danger"
                onClick={() => setPending('rollback')}
              >
                Roll back v{split.canaryVersion}
              </button>
            </div>
          ) : null}
          <ConfirmDialog
            open={pending !== null}
            title={
              pending === 'promote'
                ? `Promote canary v${split.canaryVersion}?`
                : `Roll back canary v${split.canaryVersion}?`
            }
            confirmLabel={pending === 'promote' ? 'Promote' : 'Roll back'}
            tone={pending === 'promote' ? 'default' : 'danger'}
            busy={promoting.loading || rollingBack.loading}
            onCancel={() => {
              setPending(null);
              setActionError(null);
            }}
            onConfirm={() => void confirm()}
          >
            <p>
              {pending === 'promote'
                ? `v${split.canaryVersion} takes every request and v${split.stableVersion}'s replicas stop.`
                : `v${split.canaryVersion}'s replicas stop and v${split.stableVersion} takes every request again.`}
            </p>
            {actionError ? (
              <p role="alert" className="hangar-error">
                {actionError}
              </p>
            ) : null}
          </ConfirmDialog>
        </>
      ) : null}
    </section>
  );
}
