import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState, type ComponentPropsWithRef } from 'react';
import {
  DeploymentListChangesDocument,
  DeploymentsTableDocument,
  RetriggerDeploymentDocument,
  type DeploymentRowFragment,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { CopyButton } from '../shared/copy-button.js';
import { formatDateTime } from '../shared/format.js';
import { StatusBadge } from '../shared/status-badge.js';
import '../styles/theme.css';
import './deployments-table.css';
import { LoadError } from '../shared/load-error.js';

export type { DeploymentRowFragment as DeploymentsTableRow } from '../gql/graphql.js';

/** CSS variables DeploymentsTable reads beyond the theme's. */
export type DeploymentsTableCssVariables = '--hangar-deployments-table-id-font';

/** Re-trigger restarts a deployment with its configuration; only a failed or stopped one can be restarted. */
const RETRIGGERABLE = new Set(['FAILED', 'UNDEPLOYED']);

export type DeploymentsTableProps = Omit<ComponentPropsWithRef<'div'>, 'children'> & {
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Only the deployments of this model (global ID). @default undefined (all deployments) */
  modelId?: string;
  /** Rows per page. @default 20 */
  pageSize?: number;
  /** Opens a deployment (name click). @default undefined */
  onOpenDeployment?: (deployment: DeploymentRowFragment) => void;
  /** Offers "Manage API keys" and calls this with the row. @default undefined (action hidden) */
  onManageApiKeys?: (deployment: DeploymentRowFragment) => void;
  /** Keep rows current, and add and drop them, through the `deploymentsChanged` subscription. @default true */
  live?: boolean;
};

/** The Deployments page of a model: name, ID, status, tags, added by/on; copy cURL, API keys, re-trigger. */
export function DeploymentsTable({
  client: clientProp,
  modelId,
  pageSize = 20,
  onOpenDeployment,
  onManageApiKeys,
  live = true,
  className,
  ...rest
}: DeploymentsTableProps) {
  const client = useHangarClient('DeploymentsTable', clientProp);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [actionError, setActionError] = useState<string | null>(null);
  const { data, loading, error, refetch } = useQuery(DeploymentsTableDocument, {
    client,
    variables: {
      filter: modelId ? { modelId } : undefined,
      first: pageSize,
      after: cursors[cursors.length - 1] ?? null,
    },
  });
  const rows = data?.deployments.nodes ?? [];

  // Changes of listed rows merge into the cache by id; a new row needs the page again (order, counts), and a
  // deleted one leaves at once (evicted; lists drop dangling references), then the page is read again for counts.
  useSubscription(DeploymentListChangesDocument, {
    client,
    skip: !live,
    variables: { modelId },
    onData: ({ client: apollo, data: update }) => {
      const change = update.data?.deploymentsChanged;
      if (!change) return;
      if (change.kind === 'DELETED') {
        apollo.cache.evict({ id: apollo.cache.identify({ __typename: 'Deployment', id: change.id }) });
        apollo.cache.gc();
        void refetch();
      } else if (!rows.some((row) => row.id === change.id)) void refetch();
    },
  });

  const [retrigger, retriggering] = useMutation(RetriggerDeploymentDocument, { client });
  async function retriggerRow(row: DeploymentRowFragment) {
    setActionError(null);
    try {
      const result = await retrigger({ variables: { input: { id: row.id } } });
      const problem = result.data?.retriggerDeployment.userErrors[0];
      if (problem) setActionError(`${row.name}: ${problem.message}`);
    } catch (e) {
      setActionError(`${row.name}: ${(e as Error).message}`);
    }
  }

  const state = error ? 'error' : loading && !data ? 'loading' : rows.length === 0 ? 'empty' : 'ready';
  const page = cursors.length;

  return (
    <div
      {...rest}
      className={classNames('hangar-root hangar-deployments-table', className)}
      data-state={state}
    >
      {error ? <LoadError what="deployments" error={error} onRetry={refetch} /> : null}
      {actionError ? (
        <p role="alert" className="hangar-error">
          {actionError}
        </p>
      ) : null}
      <table className="hangar-table" aria-label="Deployments" aria-busy={state === 'loading'}>
        <thead>
          <tr>
            <th scope="col">Deployment Name</th>
            <th scope="col">Deployment ID</th>
            <th scope="col">Status</th>
            <th scope="col">Tags</th>
            <th scope="col">Added By</th>
            <th scope="col">Added On</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {state === 'loading' ? (
            <tr>
              <td colSpan={7} className="hangar-table__empty">
                Loading deployments…
              </td>
            </tr>
          ) : null}
          {state === 'empty' ? (
            <tr>
              <td colSpan={7} className="hangar-table__empty">
                No deployments yet.
              </td>
            </tr>
          ) : null}
          {rows.map((row) => (
            <tr key={row.id} data-status={row.status.toLowerCase().replaceAll('_', '-')}>
              <th scope="row">
                {onOpenDeployment ? (
                  <button
                    type="button"
                    className="hangar-table__sort hangar-deployments-table__name"
                    onClick={() => onOpenDeployment(row)}
                  >
                    {row.name}
                  </button>
                ) : (
                  row.name
                )}
              </th>
              <td className="hangar-deployments-table__id">{row.deploymentId}</td>
              <td>
                <StatusBadge status={row.status} idle={row.idle} title={row.failureReason ?? undefined} />
                {row.status === 'FAILED' && row.failureReason ? (
                  <div className="hangar-field__error">{row.failureReason}</div>
                ) : null}
              </td>
              <td>
                {row.tags.map((tag) => (
                  <span key={tag} className="hangar-tag">
                    {tag}
                  </span>
                ))}
              </td>
              <td>{row.createdBy?.name ?? '—'}</td>
              <td>{formatDateTime(row.createdAt)}</td>
              <td className="hangar-deployments-table__actions">
                <CopyButton value={row.endpoint.curl} aria-label={`Copy cURL for ${row.name}`}>
                  Copy cURL
                </CopyButton>
                {onManageApiKeys ? (
                  <button
                    type="button"
                    className="hangar-button"
                    aria-label={`Manage API keys of ${row.name}`}
                    onClick={() => onManageApiKeys(row)}
                  >
                    API keys
                  </button>
                ) : null}
                {RETRIGGERABLE.has(row.status) ? (
                  <button
                    type="button"
                    className="hangar-button"
                    aria-label={`Re-trigger ${row.name}`}
                    disabled={retriggering.loading}
                    onClick={() => void retriggerRow(row)}
                  >
                    Re-trigger
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && (data.deployments.pageInfo.hasNextPage || page > 1) ? (
        <nav className="hangar-pager" aria-label="Deployment pages">
          <span className="hangar-muted">Page {page}</span>
          <button
            type="button"
            className="hangar-button"
            disabled={page <= 1}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            Previous
          </button>
          <button
            type="button"
            className="hangar-button"
            disabled={!data.deployments.pageInfo.hasNextPage}
            onClick={() => setCursors([...cursors, data.deployments.pageInfo.endCursor ?? null])}
          >
            Next
          </button>
        </nav>
      ) : null}
    </div>
  );
}
