import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState, type ComponentPropsWithRef } from 'react';
import {
  DeleteModelDocument,
  ModelTableDeploymentUpdatesDocument,
  ModelTableDocument,
  ModelTableUpdatesDocument,
  type ModelFilter,
  type ModelOrder,
  type ModelRowFragment,
  type ModelSource,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import { formatDateTime } from '../shared/format.js';
import { StatusBadge } from '../shared/status-badge.js';
import { useControllableState } from '../shared/use-controllable-state.js';
import '../styles/theme.css';
import './model-table.css';
import { LoadError } from '../shared/load-error.js';

export type { ModelRowFragment as ModelTableRow } from '../gql/graphql.js';

/** CSS variables ModelTable reads beyond the theme's. */
export type ModelTableCssVariables = '--hangar-model-table-row-height';

const SOURCE_LABELS: Record<ModelSource, string> = {
  FILE: 'File',
  PLATFORM: 'Platform Hosted',
  HUGGING_FACE: 'Hugging Face',
};

export type ModelTableProps = Omit<ComponentPropsWithRef<'div'>, 'children'> & {
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Rows per page. @default 20 */
  pageSize?: number;
  /** Search and filters (controlled). @default undefined */
  filter?: ModelFilter;
  /** Initial search and filters when uncontrolled. @default {} */
  defaultFilter?: ModelFilter;
  /** Called when the user changes search or filters. @default undefined */
  onFilterChange?: (filter: ModelFilter) => void;
  /** Sort order (controlled). @default undefined */
  orderBy?: ModelOrder;
  /** Initial sort when uncontrolled. @default { field: 'NAME', direction: 'ASC' } */
  defaultOrderBy?: ModelOrder;
  /** Called when the user sorts by a column. @default undefined */
  onOrderByChange?: (orderBy: ModelOrder) => void;
  /** Opens a model (row click or the Open action). @default undefined (no Open action) */
  onOpenModel?: (model: ModelRowFragment) => void;
  /** Whether the Delete action is offered for a row. @default non-platform models with no counted deployment */
  canDelete?: (model: ModelRowFragment) => boolean;
  /** Keep rows current, and add and drop them, through the `modelsChanged` subscription. @default true */
  live?: boolean;
};

// The server refuses platform models and models with any deployment; undeployed ones are not counted here, so
// its userError (shown in the dialog) covers them.
const defaultCanDelete = (model: ModelRowFragment) =>
  model.source !== 'PLATFORM' &&
  model.activeDeploymentCount + model.failedDeploymentCount + model.readyToDeployCount === 0;

/** The Open-Source Models list: search, filter by source and tag, sort, paginate, open and delete. */
export function ModelTable({
  client: clientProp,
  pageSize = 20,
  filter: filterProp,
  defaultFilter = {},
  onFilterChange,
  orderBy: orderByProp,
  defaultOrderBy = { field: 'NAME', direction: 'ASC' },
  onOrderByChange,
  onOpenModel,
  canDelete = defaultCanDelete,
  live = true,
  className,
  ...rest
}: ModelTableProps) {
  const client = useHangarClient('ModelTable', clientProp);
  const [filter, setFilter] = useControllableState(filterProp, defaultFilter, onFilterChange);
  const [orderBy, setOrderBy] = useControllableState(orderByProp, defaultOrderBy, onOrderByChange);
  // Cursors of the pages before the current one, so "Previous" can go back on a forward-only connection.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const [pendingDelete, setPendingDelete] = useState<ModelRowFragment | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const { data, loading, error, refetch } = useQuery(ModelTableDocument, {
    client,
    variables: { first: pageSize, after, filter, orderBy },
    // Counts change while the table is unmounted (a deploy elsewhere): show the cache, then refresh it.
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: false,
  });
  const rows = data?.models.nodes ?? [];

  useSubscription(ModelTableUpdatesDocument, {
    client,
    skip: !live,
    // Known rows update through the normalized cache; a model we have not listed yet needs a refetch, and a
    // deleted one leaves at once (evicted: lists drop dangling references), then the page is read again.
    onData: ({ client: apollo, data: update }) => {
      const change = update.data?.modelsChanged;
      if (!change) return;
      if (change.kind === 'DELETED') {
        apollo.cache.evict({ id: apollo.cache.identify({ __typename: 'Model', id: change.id }) });
        apollo.cache.gc();
        void refetch();
      } else if (!rows.some((row) => row.id === change.id)) void refetch();
    },
  });

  useSubscription(ModelTableDeploymentUpdatesDocument, { client, skip: !live });

  const [deleteModel, deletion] = useMutation(DeleteModelDocument, { client });

  function changeFilter(next: ModelFilter) {
    setCursors([null]);
    setFilter(next);
  }
  function sortBy(field: ModelOrder['field']) {
    setCursors([null]);
    setOrderBy({ field, direction: orderBy.field === field && orderBy.direction === 'ASC' ? 'DESC' : 'ASC' });
  }
  function ariaSort(field: ModelOrder['field']) {
    if (orderBy.field !== field) return undefined;
    return orderBy.direction === 'ASC' ? 'ascending' : 'descending';
  }
  async function confirmDelete() {
    if (!pendingDelete) return;
    const result = await deleteModel({ variables: { input: { id: pendingDelete.id } } }).catch(
      (e: Error) => ({ data: undefined, error: e }),
    );
    const payload = result.data?.deleteModel;
    const problem =
      payload?.userErrors[0]?.message ?? ('error' in result && result.error ? result.error.message : null);
    if (problem) {
      setDeleteError(problem);
      return;
    }
    setPendingDelete(null);
    setDeleteError(null);
    await refetch();
  }

  const state = error ? 'error' : loading && !data ? 'loading' : rows.length === 0 ? 'empty' : 'ready';
  const page = cursors.length;
  const pages = data ? Math.max(1, Math.ceil(data.models.totalCount / pageSize)) : 1;

  return (
    <div {...rest} className={classNames('hangar-root hangar-model-table', className)} data-state={state}>
      <div className="hangar-toolbar" role="search">
        <label className="hangar-field">
          <span className="hangar-field__label">Search</span>
          <input
            className="hangar-input"
            type="search"
            value={filter.search ?? ''}
            placeholder="Model name or description"
            onChange={(event) => changeFilter({ ...filter, search: event.target.value || undefined })}
          />
        </label>
        <label className="hangar-field">
          <span className="hangar-field__label">Source</span>
          <select
            className="hangar-input"
            value={filter.source?.[0] ?? ''}
            onChange={(event) =>
              changeFilter({
                ...filter,
                source: event.target.value ? [event.target.value as ModelSource] : undefined,
              })
            }
          >
            <option value="">All sources</option>
            {Object.entries(SOURCE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="hangar-field">
          <span className="hangar-field__label">Tag</span>
          <input
            className="hangar-input"
            value={(filter.tags ?? []).join(', ')}
            placeholder="e.g. chat"
            onChange={(event) => {
              const tags = event.target.value
                .split(',')
                .map((tag) => tag.trim())
                .filter(Boolean);
              changeFilter({ ...filter, tags: tags.length ? tags : undefined });
            }}
          />
        </label>
      </div>

      {error ? <LoadError what="models" error={error} onRetry={refetch} /> : null}

      <table className="hangar-table" aria-busy={state === 'loading'} aria-label="Open-source models">
        <thead>
          <tr>
            <th scope="col" aria-sort={ariaSort('NAME')}>
              <button type="button" className="hangar-table__sort" onClick={() => sortBy('NAME')}>
                Model Name
              </button>
            </th>
            <th scope="col">Active Deployments</th>
            <th scope="col">Deployment Failed</th>
            <th scope="col">Deployments Ready to Deploy</th>
            <th scope="col">Source</th>
            <th scope="col">Status</th>
            <th scope="col" aria-sort={ariaSort('CREATED_AT')}>
              <button type="button" className="hangar-table__sort" onClick={() => sortBy('CREATED_AT')}>
                Added On
              </button>
            </th>
            <th scope="col">
              <span className="hangar-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {state === 'loading' ? (
            <tr>
              <td colSpan={8} className="hangar-table__empty">
                Loading models…
              </td>
            </tr>
          ) : null}
          {state === 'empty' ? (
            <tr>
              <td colSpan={8} className="hangar-table__empty">
                {filter.search || filter.source || filter.tags
                  ? 'No model matches these filters.'
                  : 'No models yet. Import one or deploy a platform-hosted model.'}
              </td>
            </tr>
          ) : null}
          {rows.map((model) => (
            <tr key={model.id} data-status={model.status.toLowerCase().replaceAll('_', '-')}>
              <th scope="row">
                {onOpenModel ? (
                  <button
                    type="button"
                    className="hangar-table__sort hangar-model-table__name"
                    onClick={() => onOpenModel(model)}
                  >
                    {model.name}
                  </button>
                ) : (
                  model.name
                )}
                {model.tags.length ? (
                  <div>
                    {model.tags.map((tag) => (
                      <span key={tag} className="hangar-tag">
                        {tag}
                      </span>
                    ))}
                  </div>
                ) : null}
              </th>
              <td>{model.activeDeploymentCount}</td>
              <td>{model.failedDeploymentCount}</td>
              <td>{model.readyToDeployCount}</td>
              <td>{SOURCE_LABELS[model.source]}</td>
              <td>
                <StatusBadge status={model.status} title={model.statusDetail ?? undefined} />
                {model.status === 'IMPORT_FAILED' && model.statusDetail ? (
                  <div className="hangar-field__error">{model.statusDetail}</div>
                ) : null}
              </td>
              <td>{formatDateTime(model.createdAt)}</td>
              <td className="hangar-model-table__actions">
                {onOpenModel ? (
                  <button
                    type="button"
                    className="hangar-button"
                    aria-label={`Open ${model.name}`}
                    onClick={() => onOpenModel(model)}
                  >
                    Open
                  </button>
                ) : null}
                {canDelete(model) ? (
                  <button
                    type="button"
                    className="hangar-button"
                    aria-label={`Delete ${model.name}`}
                    onClick={() => setPendingDelete(model)}
                  >
                    Delete
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <nav className="hangar-pager" aria-label="Model pages">
        <span className="hangar-muted">
          Page {page} of {pages}
          {data ? ` · ${data.models.totalCount} models` : ''}
        </span>
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
          disabled={!data?.models.pageInfo.hasNextPage}
          onClick={() => setCursors([...cursors, data?.models.pageInfo.endCursor ?? null])}
        >
          Next
        </button>
      </nav>

      <ConfirmDialog
        open={pendingDelete !== null}
        title={`Delete ${pendingDelete?.name ?? 'model'}?`}
        confirmLabel="Delete model"
        busy={deletion.loading}
        onCancel={() => {
          setPendingDelete(null);
          setDeleteError(null);
        }}
        onConfirm={() => void confirmDelete()}
      >
        <p>Deleting removes the model files and all associated data. This cannot be undone.</p>
        {deleteError ? (
          <p role="alert" className="hangar-error">
            {deleteError}
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
