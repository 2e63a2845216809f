import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type ComponentPropsWithRef } from 'react';
import {
  DeleteModelDocument,
  ExportModelDocument,
  ModelDetailsDocument,
  type ModelDetailsItemFragment,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { ActionMenu } from '../shared/action-menu.js';
import { classNames } from '../shared/class-names.js';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import { enumLabel, formatDateTime } from '../shared/format.js';
import { graphQLErrorCode } from '../shared/graphql-error-code.js';
import { StatusBadge } from '../shared/status-badge.js';
import { useControllableState } from '../shared/use-controllable-state.js';
import { ModelDescriptionForm } from './model-description-form.js';
import '../styles/theme.css';
import './model-details.css';
import { LoadError } from '../shared/load-error.js';

export type { ModelDetailsItemFragment as ModelDetailsItem } from '../gql/graphql.js';

/** CSS variables ModelDetails reads beyond the theme's. */
export type ModelDetailsCssVariables = '--hangar-model-details-columns';

export type ModelDetailsProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID of the model. */
  modelId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Whether the description/tags form is open (controlled). @default undefined */
  editing?: boolean;
  /** Whether the form is open at first (uncontrolled). @default false */
  defaultEditing?: boolean;
  /** Called when the form opens or closes. @default undefined */
  onEditingChange?: (editing: boolean) => void;
  /** Called after the model was deleted; navigate away here. @default undefined */
  onDeleted?: (modelId: string) => void;
};

type ExportState =
  | { phase: 'idle' }
  | { phase: 'exporting' }
  | { phase: 'ready'; url: string; expiresAt: string | null }
  | { phase: 'failed'; message: string };

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** One model: its facts, description and tags (editable), export as a download, and delete from the ⋯ menu. */
export function ModelDetails({
  modelId,
  client: clientProp,
  editing: editingProp,
  defaultEditing = false,
  onEditingChange,
  onDeleted,
  className,
  ...rest
}: ModelDetailsProps) {
  const client = useHangarClient('ModelDetails', clientProp);
  const headingId = useId();
  const [editing, setEditing] = useControllableState(editingProp, defaultEditing, onEditingChange);
  const { data, loading, error, refetch } = useQuery(ModelDetailsDocument, {
    client,
    variables: { id: modelId },
  });
  const [exportModel] = useMutation(ExportModelDocument, { client });
  const [deleteModel, deleting] = useMutation(DeleteModelDocument, { client });
  const [exported, setExported] = useState<ExportState>({ phase: 'idle' });
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const model: ModelDetailsItemFragment | undefined = data?.model;
  const code = graphQLErrorCode(error);
  const state = code === 'NOT_FOUND' ? 'not-found' : error ? 'error' : loading && !data ? 'loading' : 'ready';

  async function startExport() {
    setExported({ phase: 'exporting' });
    try {
      const result = await exportModel({ variables: { input: { id: modelId } } });
      const payload = result.data?.exportModel;
      if (payload?.url)
        setExported({ phase: 'ready', url: payload.url, expiresAt: payload.expiresAt ?? null });
      else
        setExported({
          phase: 'failed',
          message: payload?.userErrors[0]?.message ?? 'The model could not be exported.',
        });
    } catch (e) {
      setExported({ phase: 'failed', message: (e as Error).message });
    }
  }

  async function confirmDelete() {
    try {
      const result = await deleteModel({ variables: { input: { id: modelId } } });
      const payload = result.data?.deleteModel;
      if (!payload?.deletedModelId) {
        setDeleteError(payload?.userErrors[0]?.message ?? 'The model could not be deleted.');
        return;
      }
      setConfirmingDelete(false);
      onDeleted?.(payload.deletedModelId);
    } catch (e) {
      setDeleteError((e as Error).message);
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      {...rest}
      className={classNames('hangar-root hangar-model-details', className)}
      data-state={state}
      data-editing={editing ? 'editing' : 'viewing'}
    >
      <div className="hangar-model-details__header">
        <h2 id={headingId} className="hangar-model-details__name">
          {model ? model.name : state === 'not-found' ? 'Model not found' : 'Model'}
        </h2>
        {model ? <StatusBadge status={model.status} /> : null}
        {model ? (
          <ActionMenu
            label={`More actions for ${model.name}`}
            items={[
              { label: 'Edit description and tags', onSelect: () => setEditing(true) },
              {
                label: 'Export with deployconfig.json',
                onSelect: () => void startExport(),
                disabled: exported.phase === 'exporting',
              },
              {
                label: 'Delete model…',
                tone: 'danger',
                onSelect: () => {
                  setDeleteError(null);
                  setConfirmingDelete(true);
                },
              },
            ]}
          />
        ) : null}
      </div>
      {state === 'loading' ? <p className="hangar-muted">Loading the model…</p> : null}
      {state === 'not-found' ? (
        <p role="alert" className="hangar-error">
          No model has the ID “{modelId}”. It may have been deleted; go back to the model list.
        </p>
      ) : error ? (
        <LoadError what="the model" error={error} onRetry={refetch} />
      ) : null}
      {model ? (
        <>
          {editing ? (
            <ModelDescriptionForm client={client} model={model} onDone={() => setEditing(false)} />
          ) : (
            <div className="hangar-model-details__about">
              <p>{model.description || <span className="hangar-muted">No description.</span>}</p>
              <p>
                <span className="hangar-visually-hidden">Tags: </span>
                {model.tags.length ? (
                  model.tags.map((tag) => (
                    <span key={tag} className="hangar-tag">
                      {tag}
                    </span>
                  ))
                ) : (
                  <span className="hangar-muted">No tags.</span>
                )}
              </p>
            </div>
          )}
          <dl className="hangar-model-details__facts">
            <div>
              <dt>Source</dt>
              <dd>
                {enumLabel(model.source)}
                {model.huggingFaceRepoId ? ` · ${model.huggingFaceRepoId}` : ''}
              </dd>
            </div>
            <div>
              <dt>Kind · format</dt>
              <dd>
                {enumLabel(model.kind)} · {model.format}
              </dd>
            </div>
            <div>
              <dt>Size</dt>
              <dd>{formatBytes(model.sizeBytes)}</dd>
            </div>
            <div>
              <dt>Imported</dt>
              <dd>
                {formatDateTime(model.createdAt)}
                {model.createdBy ? ` by ${model.createdBy.name}` : ''}
              </dd>
            </div>
            <div>
              <dt>Active deployments</dt>
              <dd>{model.activeDeploymentCount}</dd>
            </div>
          </dl>
          {model.statusDetail ? <p className="hangar-muted">{model.statusDetail}</p> : null}
          <div role="status" className="hangar-model-details__export">
            {exported.phase === 'exporting' ? 'Preparing the export…' : null}
            {exported.phase === 'ready' ? (
              <>
                <a href={exported.url} download className="hangar-button" data-variant="primary">
                  Download {model.name}.zip
                </a>{' '}
                <span className="hangar-muted">
                  With deployconfig.json.
                  {exported.expiresAt ? ` The link works until ${formatDateTime(exported.expiresAt)}.` : ''}
                </span>
              </>
            ) : null}
            {exported.phase === 'failed' ? (
              <span className="hangar-error">Export failed: {exported.message}</span>
            ) : null}
          </div>
        </>
      ) : null}
      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete ${model?.name ?? 'model'}?`}
        confirmLabel="Delete model"
        busy={deleting.loading}
        onCancel={() => setConfirmingDelete(false)}
        onConfirm={() => void confirmDelete()}
      >
        <p>The model and its files are removed from this server. This cannot be undone.</p>
        {model && model.activeDeploymentCount > 0 ? (
          <p>
            It has {model.activeDeploymentCount} active deployment
            {model.activeDeploymentCount === 1 ? '' : 's'}: undeploy them first, or the server refuses.
          </p>
        ) : null}
        {deleteError ? (
          <p role="alert" className="hangar-error">
            {deleteError}
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
