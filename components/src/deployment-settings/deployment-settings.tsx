import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useState, type ComponentPropsWithRef, type FormEvent } from 'react';
import {
  DeleteDeploymentDocument,
  DeploymentRowUpdatesDocument,
  DeploymentSettingsDocument,
  RetriggerDeploymentDocument,
  UndeployDeploymentDocument,
  UpdateDeploymentDocument,
} from '../gql/graphql.js';
import { DEPLOYMENT_DETAIL_FIELDS, FIELD_HELP } from '../generated/deployment-config.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import { Field } from '../shared/field.js';
import { StatusBadge } from '../shared/status-badge.js';
import { userErrorsByField } from '../shared/user-errors.js';
import '../styles/theme.css';
import './deployment-settings.css';
import { LoadError } from '../shared/load-error.js';

/** CSS variables DeploymentSettings reads beyond the theme's. */
export type DeploymentSettingsCssVariables = '--hangar-settings-section-gap';

const TIMEOUT = DEPLOYMENT_DETAIL_FIELDS.endpointTimeoutSeconds;
/** The endpoint timeout's limits, from the server's configuration table. */
export const TIMEOUT_RANGE = { min: TIMEOUT.min, max: TIMEOUT.max } as const;
/** The server's rules: these statuses can be undeployed, and only these deleted, unless replicas still run. */
const UNDEPLOYABLE = new Set(['DEPLOYING', 'OPTIMIZING', 'DEPLOYED', 'FAILED']);
const DELETABLE = new Set(['UNDEPLOYED', 'READY_TO_DEPLOY']);
/** Statuses that change on their own: the page follows them live until they settle. */
const TRANSITIONAL = new Set(['DEPLOYING', 'OPTIMIZING']);

export type DeploymentSettingsProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID of the deployment. */
  deploymentId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Called after the changes were saved. @default undefined */
  onSaved?: () => void;
  /** Called after a saved (Ready to Deploy) deployment was started. @default undefined */
  onStarted?: () => void;
  /** Called after the deployment was undeployed. @default undefined */
  onUndeployed?: () => void;
  /** Called after the deployment was deleted (navigate away here). @default undefined */
  onDeleted?: (deploymentId: string) => void;
};

type Pending = 'undeploy' | 'delete' | null;

/** Configurations page: description, tags, endpoint timeout; undeploy and delete with confirmation. */
export function DeploymentSettings({
  deploymentId,
  client: clientProp,
  onSaved,
  onStarted,
  onUndeployed,
  onDeleted,
  className,
  ...rest
}: DeploymentSettingsProps) {
  const client = useHangarClient('DeploymentSettings', clientProp);
  const { data, loading, error } = useQuery(DeploymentSettingsDocument, {
    client,
    variables: { id: deploymentId },
  });
  const [update, updating] = useMutation(UpdateDeploymentDocument, { client });
  const [undeploy, undeploying] = useMutation(UndeployDeploymentDocument, { client });
  const [remove, removing] = useMutation(DeleteDeploymentDocument, { client });
  const [start, starting] = useMutation(RetriggerDeploymentDocument, { client });
  const [startError, setStartError] = useState<string | null>(null);
  const deployment = data?.deployment;
  // A start (or an undeploy) leaves the deployment moving: its status updates arrive by subscription.
  useSubscription(DeploymentRowUpdatesDocument, {
    client,
    variables: { deploymentId },
    skip: !deployment || !TRANSITIONAL.has(deployment.status),
  });

  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [timeout, setTimeoutSeconds] = useState(60);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  useEffect(() => {
    if (!deployment) return;
    setDescription(deployment.description);
    setTags(deployment.tags.join(', '));
    setTimeoutSeconds(deployment.endpointTimeoutSeconds);
  }, [deployment]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!Number.isInteger(timeout) || timeout < TIMEOUT_RANGE.min || timeout > TIMEOUT_RANGE.max) {
      setErrors({
        endpointTimeoutSeconds: `Must be a whole number of seconds between ${TIMEOUT_RANGE.min} and ${TIMEOUT_RANGE.max}.`,
      });
      return;
    }
    try {
      const result = await update({
        variables: {
          input: {
            id: deploymentId,
            description,
            tags: tags
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
            endpointTimeoutSeconds: timeout,
          },
        },
      });
      const payload = result.data?.updateDeployment;
      if (payload?.userErrors.length) {
        setErrors(userErrorsByField(payload.userErrors));
        return;
      }
      setErrors({});
      setSaved(true);
      onSaved?.();
    } catch (e) {
      setErrors({ '': (e as Error).message });
    }
  }

  // A deployment saved without starting (`startNow: false`) starts with its saved configuration.
  async function startSaved() {
    setStartError(null);
    try {
      const result = await start({ variables: { input: { id: deploymentId } } });
      const problem = result.data?.retriggerDeployment.userErrors[0];
      if (problem) return setStartError(problem.message);
      onStarted?.();
    } catch (e) {
      setStartError((e as Error).message);
    }
  }

  async function confirm() {
    setActionError(null);
    try {
      if (pending === 'undeploy') {
        const result = await undeploy({ variables: { input: { id: deploymentId } } });
        const problem = result.data?.undeployDeployment.userErrors[0];
        if (problem) return setActionError(problem.message);
        setPending(null);
        onUndeployed?.();
      } else if (pending === 'delete') {
        const result = await remove({ variables: { input: { id: deploymentId } } });
        const problem = result.data?.deleteDeployment.userErrors[0];
        if (problem) return setActionError(problem.message);
        setPending(null);
        onDeleted?.(deploymentId);
      }
    } catch (e) {
      setActionError((e as Error).message);
    }
  }

  const state = error
    ? 'error'
    : loading && !data
      ? 'loading'
      : !deployment
        ? 'not-found'
        : updating.loading
          ? 'saving'
          : 'ready';
  // `serving` is what the runtime runs (a FAILED redeploy can leave the previous version serving), so it wins.
  const canUndeploy = deployment ? deployment.serving || UNDEPLOYABLE.has(deployment.status) : false;
  const canDelete = deployment ? !deployment.serving && DELETABLE.has(deployment.status) : false;

  return (
    <section
      {...rest}
      className={classNames('hangar-root hangar-settings', className)}
      data-state={state}
      aria-label="Deployment configuration"
    >
      {state === 'loading' ? <p className="hangar-muted">Loading the configuration…</p> : null}
      {error ? <LoadError what="the deployment" error={error} /> : null}
      {state === 'not-found' ? <p className="hangar-muted">This deployment no longer exists.</p> : null}
      {deployment ? (
        <>
          <form onSubmit={(event) => void save(event)} noValidate className="hangar-settings__section">
            <dl className="hangar-settings__facts">
              <div>
                <dt>Deployment name</dt>
                <dd>{deployment.name}</dd>
              </div>
              <div>
                <dt>Deployment ID</dt>
                <dd>
                  <code>{deployment.deploymentId}</code>
                </dd>
              </div>
              <div>
                <dt>Status</dt>
                <dd>
                  <StatusBadge status={deployment.status} idle={deployment.idle} />
                </dd>
              </div>
            </dl>
            <Field label="Description" name="description" error={errors.description}>
              {(control) => (
                <textarea
                  {...control}
                  className="hangar-input"
                  rows={3}
                  value={description}
                  onChange={(e) => setDescription(e.target.value)}
                />
              )}
            </Field>
            <Field label="Tags" name="tags" error={errors.tags} hint="Separate tags with commas.">
              {(control) => (
                <input
                  {...control}
                  className="hangar-input"
                  value={tags}
                  onChange={(e) => setTags(e.target.value)}
                  autoComplete="off"
                />
              )}
            </Field>
            <Field
              label={`Model ${TIMEOUT.label.toLowerCase()} (${TIMEOUT.unit})`}
              name="endpointTimeoutSeconds"
              error={errors.endpointTimeoutSeconds}
              hint={`${FIELD_HELP.endpointTimeoutSeconds} Requests running longer end with a timeout error.`}
            >
              {(control) => (
                <input
                  {...control}
                  className="hangar-input"
                  type="number"
                  min={TIMEOUT_RANGE.min}
                  max={TIMEOUT_RANGE.max}
                  value={Number.isNaN(timeout) ? '' : timeout}
                  onChange={(e) => setTimeoutSeconds(e.target.valueAsNumber)}
                />
              )}
            </Field>
            {errors[''] ? (
              <p role="alert" className="hangar-error">
                {errors['']}
              </p>
            ) : null}
            <div className="hangar-settings__actions">
              {saved ? (
                <span role="status" className="hangar-muted">
                  Saved.
                </span>
              ) : null}
              <button
                type="submit"
                className="hangar-button"
                data-variant="primary"
                disabled={updating.loading}
              >
                {updating.loading ? 'Saving…' : 'Save changes'}
              </button>
            </div>
          </form>

          {deployment.status === 'READY_TO_DEPLOY' ? (
            <div className="hangar-settings__section">
              <h3>Start the deployment</h3>
              <p className="hangar-muted">
                It was saved without starting. Starting it brings up its replicas with the saved configuration
                and opens its endpoint.
              </p>
              <button
                type="button"
                className="hangar-button"
                data-variant="primary"
                disabled={starting.loading}
                onClick={() => void startSaved()}
              >
                {starting.loading ? 'Starting…' : 'Start deployment'}
              </button>
              {startError ? (
                <p role="alert" className="hangar-error">
                  {startError}
                </p>
              ) : null}
            </div>
          ) : null}

          <div className="hangar-settings__section hangar-settings__danger">
            <h3>Undeploy the model</h3>
            <p className="hangar-muted">
              Undeploying disconnects the model immediately from all active instances.
            </p>
            <button
              type="button"
              className="hangar-button"
              disabled={!canUndeploy}
              onClick={() => setPending('undeploy')}
            >
              Proceed to undeploy
            </button>
            <h3>Delete the deployment</h3>
            <p className="hangar-muted">
              {!canDelete
                ? 'Undeploy first: only an undeployed deployment can be deleted.'
                : 'Deleting removes all associated data.'}
            </p>
            <button
              type="button"
              className="hangar-button"
              data-variant="danger"
              disabled={!canDelete}
              onClick={() => setPending('delete')}
            >
              Proceed to delete
            </button>
          </div>

          <ConfirmDialog
            open={pending !== null}
            title={pending === 'delete' ? `Delete ${deployment.name}?` : `Undeploy ${deployment.name}?`}
            confirmLabel={pending === 'delete' ? 'Delete' : 'Undeploy'}
            busy={undeploying.loading || removing.loading}
            onCancel={() => {
              setPending(null);
              setActionError(null);
            }}
            onConfirm={() => void confirm()}
          >
            <p>
              {pending === 'delete'
                ? 'The deployment, its history and its API keys are removed. This cannot be undone.'
                : 'Applications calling this endpoint will fail until it is re-triggered.'}
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
