import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type ComponentPropsWithRef, type FormEvent } from 'react';
import {
  ConnectionsDocument,
  CreateConnectionDocument,
  DeleteConnectionDocument,
  TestConnectionDocument,
  type ConnectionRowFragment,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import { Field } from '../shared/field.js';
import { formatDateTime } from '../shared/format.js';
import { graphQLErrorCode } from '../shared/graphql-error-code.js';
import { userErrorsByField } from '../shared/user-errors.js';
import '../styles/theme.css';
import './connection-manager.css';

export type { ConnectionRowFragment as ConnectionRow } from '../gql/graphql.js';

/** CSS variables ConnectionManager reads beyond the theme's. */
export type ConnectionManagerCssVariables = '--hangar-connections-form-width';

export type ConnectionManagerProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Called after a connection was stored (never with the token). @default undefined */
  onConnectionCreated?: (connection: ConnectionRowFragment) => void;
  /** Called after a connection was deleted. @default undefined */
  onConnectionDeleted?: (connectionId: string) => void;
};

/**
 * Hugging Face connections: store an access token (encrypted on the server) to deploy from private
 * repositories, list them by name and hint, test them against the hub, delete them. A token is sent once and never
 * shown again.
 */
export function ConnectionManager({
  client: clientProp,
  onConnectionCreated,
  onConnectionDeleted,
  className,
  ...rest
}: ConnectionManagerProps) {
  const client = useHangarClient('ConnectionManager', clientProp);
  const headingId = useId();
  const { data, loading, error, refetch } = useQuery(ConnectionsDocument, { client });
  const [createConnection, creating] = useMutation(CreateConnectionDocument, { client });
  const [deleteConnection, deleting] = useMutation(DeleteConnectionDocument, { client });
  const [testConnection] = useMutation(TestConnectionDocument, { client });
  // The last check per connection: 'testing' while the hub is asked, then its answer.
  const [checks, setChecks] = useState<Record<string, 'testing' | { ok: boolean; message: string }>>({});
  const [name, setName] = useState('');
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [pendingDelete, setPendingDelete] = useState<ConnectionRowFragment | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const connections = data?.connections ?? [];
  const code = graphQLErrorCode(error);
  const state =
    code === 'FORBIDDEN'
      ? 'forbidden'
      : error
        ? 'error'
        : loading && !data
          ? 'loading'
          : connections.length === 0
            ? 'empty'
            : 'ready';

  async function add(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const missing: Record<string, string> = {};
    if (!name.trim()) missing.name = 'Enter a name, e.g. the Hugging Face account.';
    if (!token.trim()) missing.token = 'Paste a Hugging Face access token (hf_…).';
    if (Object.keys(missing).length) {
      setErrors(missing);
      return;
    }
    try {
      const result = await createConnection({
        variables: { input: { name: name.trim(), token: token.trim() } },
      });
      const payload = result.data?.createConnection;
      if (payload?.connection && payload.userErrors.length === 0) {
        // The token is gone from the page once the server has it.
        setToken('');
        setName('');
        setErrors({});
        setSaved(payload.connection.name);
        onConnectionCreated?.(payload.connection);
        await refetch();
        return;
      }
      const byField = userErrorsByField(payload?.userErrors ?? []);
      setErrors(Object.keys(byField).length ? byField : { '': 'The connection could not be stored.' });
    } catch (e) {
      setErrors({ '': (e as Error).message });
    }
  }

  async function test(connection: ConnectionRowFragment) {
    setChecks((c) => ({ ...c, [connection.id]: 'testing' }));
    let answer: { ok: boolean; message: string };
    try {
      const payload = (await testConnection({ variables: { input: { id: connection.id } } })).data
        ?.testConnection;
      answer = payload?.result ?? {
        ok: false,
        message: payload?.userErrors[0]?.message ?? 'The connection could not be tested.',
      };
    } catch (e) {
      answer = { ok: false, message: (e as Error).message };
    }
    setChecks((c) => ({ ...c, [connection.id]: answer }));
  }

  async function confirmDelete() {
    if (!pendingDelete) return;
    try {
      const result = await deleteConnection({ variables: { input: { id: pendingDelete.id } } });
      const payload = result.data?.deleteConnection;
      if (!payload?.deletedConnectionId) {
        setDeleteError(payload?.userErrors[0]?.message ?? 'The connection could not be deleted.');
        return;
      }
      onConnectionDeleted?.(payload.deletedConnectionId);
      setPendingDelete(null);
      setDeleteError(null);
      await refetch();
    } catch (e) {
      setDeleteError((e as Error).message);
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      {...rest}
      className={classNames('hangar-root hangar-connections', className)}
      data-state={state}
    >
      <h2 id={headingId} className="hangar-connections__heading">
        Hugging Face connections
      </h2>
      {state === 'forbidden' ? (
        <p role="alert" className="hangar-error">
          Your role cannot manage connections. Ask an admin.
        </p>
      ) : error ? (
        <p role="alert" className="hangar-error">
          Could not load the connections: {error.message}{' '}
          <button type="button" className="hangar-button" onClick={() => void refetch()}>
            Retry
          </button>
        </p>
      ) : null}
      <div className="hangar-table-scroll">
        <table className="hangar-table" aria-label="Connections" aria-busy={state === 'loading'}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Token</th>
              <th scope="col">Added</th>
              <th scope="col">Check</th>
              <th scope="col">
                <span className="hangar-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state === 'loading' ? (
              <tr>
                <td colSpan={5} className="hangar-table__empty">
                  Loading connections…
                </td>
              </tr>
            ) : null}
            {state === 'empty' ? (
              <tr>
                <td colSpan={5} className="hangar-table__empty">
                  No connections yet. Add one to deploy from private Hugging Face repositories.
                </td>
              </tr>
            ) : null}
            {connections.map((connection) => (
              <tr key={connection.id}>
                <th scope="row">{connection.name}</th>
                <td>
                  <code>{connection.tokenHint}</code>
                </td>
                <td>{formatDateTime(connection.createdAt)}</td>
                <td>
                  <span
                    role="status"
                    className="hangar-connections__check"
                    data-check={
                      checks[connection.id] === undefined
                        ? 'none'
                        : checks[connection.id] === 'testing'
                          ? 'testing'
                          : (checks[connection.id] as { ok: boolean }).ok
                            ? 'ok'
                            : 'failed'
                    }
                  >
                    {checks[connection.id] === 'testing'
                      ? 'Asking Hugging Face…'
                      : ((checks[connection.id] as { message: string } | undefined)?.message ?? '')}
                  </span>
                </td>
                <td className="hangar-connections__actions">
                  <button
                    type="button"
                    className="hangar-button"
                    aria-label={`Test ${connection.name}`}
                    disabled={checks[connection.id] === 'testing'}
                    onClick={() => void test(connection)}
                  >
                    Test
                  </button>
                  <button
                    type="button"
                    className="hangar-button"
                    aria-label={`Delete ${connection.name}`}
                    onClick={() => {
                      setDeleteError(null);
                      setPendingDelete(connection);
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {state !== 'forbidden' ? (
        <form className="hangar-connections__form" onSubmit={(event) => void add(event)} noValidate>
          <h3 className="hangar-connections__subheading">Add a connection</h3>
          <Field label="Name" name="name" error={errors.name}>
            {(control) => (
              <input
                {...control}
                className="hangar-input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          <Field
            label="Access token"
            name="token"
            error={errors.token}
            hint="Stored encrypted; after saving only its last characters are shown."
          >
            {(control) => (
              <input
                {...control}
                type="password"
                className="hangar-input"
                value={token}
                onChange={(e) => setToken(e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          {errors[''] ? (
            <p role="alert" className="hangar-error">
              {errors['']}
            </p>
          ) : null}
          <button type="submit" className="hangar-button" data-variant="primary" disabled={creating.loading}>
            {creating.loading ? 'Saving…' : 'Save connection'}
          </button>
          <p role="status" className="hangar-copy-status">
            {saved ? `Saved ${saved}. The token will not be shown again.` : ''}
          </p>
        </form>
      ) : null}
      <ConfirmDialog
        open={pendingDelete !== null}
        title={`Delete ${pendingDelete?.name ?? 'connection'}?`}
        confirmLabel="Delete connection"
        busy={deleting.loading}
        onCancel={() => setPendingDelete(null)}
        onConfirm={() => void confirmDelete()}
      >
        <p>Its token is erased. Deploying from private repositories with it stops working.</p>
        {deleteError ? (
          <p role="alert" className="hangar-error">
            {deleteError}
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
