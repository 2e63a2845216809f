import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type ComponentPropsWithRef, type FormEvent } from 'react';
import {
  CreateApiKeyDocument,
  DeploymentApiKeysDocument,
  RevokeApiKeyDocument,
  type ApiKeyRowFragment,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import { CopyButton } from '../shared/copy-button.js';
import { Field } from '../shared/field.js';
import { formatDateTime } from '../shared/format.js';
import { Modal } from '../shared/modal.js';
import { StatusBadge } from '../shared/status-badge.js';
import { userErrorsByField } from '../shared/user-errors.js';
import '../styles/theme.css';
import './api-key-manager.css';

export type { ApiKeyRowFragment as ApiKeyRow } from '../gql/graphql.js';

/** CSS variables ApiKeyManager reads beyond the theme's. */
export type ApiKeyManagerCssVariables = '--hangar-api-key-secret-bg';

export type ApiKeyManagerProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID of the deployment whose keys to manage; keys open only this deployment. */
  deploymentId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Called after a key was created (never with the secret). @default undefined */
  onKeyCreated?: (key: ApiKeyRowFragment) => void;
  /** Called after a key was revoked. @default undefined */
  onKeyRevoked?: (keyId: string) => void;
};

function keyStatus(key: ApiKeyRowFragment): 'ACTIVE' | 'REVOKED' | 'EXPIRED' {
  if (key.revokedAt) return 'REVOKED';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= Date.now()) return 'EXPIRED';
  return 'ACTIVE';
}

type CreateState =
  | { phase: 'closed' }
  | { phase: 'naming'; errors: Record<string, string> }
  | { phase: 'created'; secret: string; name: string };

/** API keys of one deployment: create (the secret is shown once, with copy), list and revoke. */
export function ApiKeyManager({
  deploymentId,
  client: clientProp,
  onKeyCreated,
  onKeyRevoked,
  className,
  ...rest
}: ApiKeyManagerProps) {
  const client = useHangarClient('ApiKeyManager', clientProp);
  const { data, loading, error, refetch } = useQuery(DeploymentApiKeysDocument, {
    client,
    variables: { id: deploymentId },
  });
  const [createKey, creating] = useMutation(CreateApiKeyDocument, { client });
  const [revokeKey, revoking] = useMutation(RevokeApiKeyDocument, { client });
  const [create, setCreate] = useState<CreateState>({ phase: 'closed' });
  const [name, setName] = useState('');
  const [pendingRevoke, setPendingRevoke] = useState<ApiKeyRowFragment | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  const keys = data?.deployment?.apiKeys ?? [];
  const state = error ? 'error' : loading && !data ? 'loading' : keys.length === 0 ? 'empty' : 'ready';

  async function submitName(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setCreate({ phase: 'naming', errors: { name: 'Enter a name for the key.' } });
      return;
    }
    try {
      const result = await createKey({ variables: { input: { deploymentId, name: name.trim() } } });
      const payload = result.data?.createApiKey;
      if (!payload) return;
      if (payload.userErrors.length || !payload.secret || !payload.apiKey) {
        const byField = userErrorsByField(payload.userErrors);
        setCreate({
          phase: 'naming',
          errors: Object.keys(byField).length ? byField : { '': 'The key could not be created.' },
        });
        return;
      }
      setCreate({ phase: 'created', secret: payload.secret, name: payload.apiKey.name });
      onKeyCreated?.(payload.apiKey);
      await refetch();
    } catch (e) {
      setCreate({ phase: 'naming', errors: { '': (e as Error).message } });
    }
  }

  async function confirmRevoke() {
    if (!pendingRevoke) return;
    try {
      const result = await revokeKey({ variables: { input: { id: pendingRevoke.id } } });
      const problem = result.data?.revokeApiKey.userErrors[0];
      if (problem) {
        setRevokeError(problem.message);
        return;
      }
      onKeyRevoked?.(pendingRevoke.id);
      setPendingRevoke(null);
      setRevokeError(null);
      await refetch();
    } catch (e) {
      setRevokeError((e as Error).message);
    }
  }

  function closeCreate() {
    // The secret leaves memory with the dialog: it is never shown again.
    setCreate({ phase: 'closed' });
    setName('');
  }

  const namingErrors = create.phase === 'naming' ? create.errors : {};

  return (
    <section
      {...rest}
      className={classNames('hangar-root hangar-api-keys', className)}
      data-state={state}
      aria-label="API keys"
    >
      <div className="hangar-toolbar hangar-api-keys__toolbar">
        <p className="hangar-muted">Keys are scoped to this deployment.</p>
        <button
          type="button"
          className="hangar-button"
          data-variant="primary"
          onClick={() => setCreate({ phase: 'naming', errors: {} })}
        >
          Create a new API key
        </button>
      </div>
      {error ? (
        <p role="alert" className="hangar-error">
          Could not load API keys: {error.message}
        </p>
      ) : null}
      <table className="hangar-table" aria-label="API keys" aria-busy={state === 'loading'}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Created by</th>
            <th scope="col">Created on</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="hangar-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {state === 'loading' ? (
            <tr>
              <td colSpan={7} className="hangar-table__empty">
                Loading API keys…
              </td>
            </tr>
          ) : null}
          {state === 'empty' ? (
            <tr>
              <td colSpan={7} className="hangar-table__empty">
                No API keys yet. Create one to call this deployment from outside.
              </td>
            </tr>
          ) : null}
          {keys.map((key) => (
            <tr key={key.id}>
              <th scope="row">{key.name}</th>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td>{key.createdBy?.name ?? '—'}</td>
              <td>{formatDateTime(key.createdAt)}</td>
              <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</td>
              <td>
                <StatusBadge status={keyStatus(key)} />
              </td>
              <td>
                {keyStatus(key) === 'ACTIVE' ? (
                  <button
                    type="button"
                    className="hangar-button"
                    aria-label={`Revoke ${key.name}`}
                    onClick={() => setPendingRevoke(key)}
                  >
                    Revoke
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <Modal
        open={create.phase !== 'closed'}
        title="Create new API key"
        onClose={closeCreate}
        busy={creating.loading}
        state={create.phase}
      >
        {create.phase === 'created' ? (
          <div className="hangar-api-keys__created">
            <p>
              Copy the key <strong>{create.name}</strong> now. You will not be able to see it again.
            </p>
            <pre className="hangar-code hangar-api-keys__secret" data-secret="shown-once">
              {create.secret}
            </pre>
            <div className="hangar-dialog__actions">
              <button type="button" className="hangar-button" onClick={closeCreate}>
                Close
              </button>
              <CopyButton value={create.secret} data-variant="primary" onCopied={closeCreate}>
                Copy and close
              </CopyButton>
            </div>
          </div>
        ) : (
          <form onSubmit={(event) => void submitName(event)} noValidate>
            <Field
              label="Name"
              name="name"
              error={namingErrors.name}
              hint="For example the app or team that will use it."
            >
              {(control) => (
                <input
                  {...control}
                  className="hangar-input"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  autoComplete="off"
                  autoFocus
                />
              )}
            </Field>
            {namingErrors[''] ? (
              <p role="alert" className="hangar-error">
                {namingErrors['']}
              </p>
            ) : null}
            <div className="hangar-dialog__actions">
              <button
                type="button"
                className="hangar-button"
                onClick={closeCreate}
                disabled={creating.loading}
              >
                Cancel
              </button>
              <button
                type="submit"
                className="hangar-button"
                data-variant="primary"
                disabled={creating.loading}
              >
                {creating.loading ? 'Generating…' : 'Generate key'}
              </button>
            </div>
          </form>
        )}
      </Modal>

      <ConfirmDialog
        open={pendingRevoke !== null}
        title={`Revoke ${pendingRevoke?.name ?? 'key'}?`}
        confirmLabel="Revoke key"
        busy={revoking.loading}
        onCancel={() => {
          setPendingRevoke(null);
          setRevokeError(null);
        }}
        onConfirm={() => void confirmRevoke()}
      >
        <p>Applications using this key will get 401 Unauthorized at once.</p>
        {revokeError ? (
          <p role="alert" className="hangar-error">
            {revokeError}
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
