import type { ApolloClient } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useMemo, type ComponentPropsWithRef } from 'react';
import { DeploymentCostDocument } from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { formatAmount, formatHours } from '../shared/format.js';
import { LoadError } from '../shared/load-error.js';
import '../styles/theme.css';

export type DeploymentCostProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID of the deployment whose cost to show. */
  deploymentId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Start of the range (ISO 8601). @default the first instant of this month (UTC) */
  from?: string;
  /** Refetch every this many milliseconds; 0 turns polling off. @default 60000 */
  pollInterval?: number;
  /** The clock the default range starts from; pass a fixed time in tests. @default () => Date.now() */
  now?: () => number;
};

/** Replica hours, GPU hours and their price for one deployment over a range (this month by default). */
export function DeploymentCost({
  deploymentId,
  client: clientProp,
  from: fromProp,
  pollInterval = 60_000,
  now = Date.now,
  className,
  ...rest
}: DeploymentCostProps) {
  const client = useHangarClient('DeploymentCost', clientProp);
  const from = useMemo(() => {
    if (fromProp) return fromProp;
    const at = new Date(now());
    return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)).toISOString();
  }, [fromProp, now]);
  const { data, loading, error, refetch } = useQuery(DeploymentCostDocument, {
    client,
    variables: { id: deploymentId, range: { from } },
    pollInterval,
  });
  const cost = data?.deployment?.cost;
  const state = error
    ? 'error'
    : !cost
      ? loading
        ? 'loading'
        : 'empty'
      : cost.amount === null
        ? 'unpriced'
        : 'ready';
  const amount = cost && cost.amount !== null ? formatAmount(cost.amount, cost.currency) : 'No price';
  return (
    <section
      {...rest}
      className={classNames('hangar-root hangar-deployment-cost', className)}
      data-state={state}
      aria-label="Cost"
      aria-busy={state === 'loading'}
    >
      {error ? <LoadError what="cost" error={error} onRetry={refetch} /> : null}
      {state === 'loading' ? <p className="hangar-muted">Loading cost…</p> : null}
      {cost ? (
        <dl className="hangar-figures hangar-deployment-cost__figures">
          <dt>Cost</dt>
          <dd data-field="amount">{amount}</dd>
          <dt>Replica hours</dt>
          <dd data-field="replicaHours">{formatHours(cost.replicaHours)}</dd>
          <dt>GPU hours</dt>
          <dd data-field="gpuHours">{formatHours(cost.gpuHours)}</dd>
        </dl>
      ) : null}
    </section>
  );
}
