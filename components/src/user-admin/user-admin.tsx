import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type ComponentPropsWithRef } from 'react';
import {
  UpdateUserRoleDocument,
  UserAdminDocument,
  type Role,
  type UserRowFragment,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { formatDateTime } from '../shared/format.js';
import { graphQLErrorCode } from '../shared/graphql-error-code.js';
import { CreateUserDialog } from './create-user-dialog.js';
import { ROLES } from './user-roles.js';
import '../styles/theme.css';
import './user-admin.css';
import { LoadError } from '../shared/load-error.js';

export type { UserRowFragment as UserRow, Role } from '../gql/graphql.js';

/** CSS variables UserAdmin reads beyond the theme's. */
export type UserAdminCssVariables = '--hangar-user-admin-role-width';

export type UserAdminProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Called after a user was created (never with the token). @default undefined */
  onUserCreated?: (user: UserRowFragment) => void;
  /** Called after a user's role changed. @default undefined */
  onRoleChanged?: (user: UserRowFragment) => void;
};

/** Users and their roles (admins): add a user (their first token is shown once) and change roles. */
export function UserAdmin({
  client: clientProp,
  onUserCreated,
  onRoleChanged,
  className,
  ...rest
}: UserAdminProps) {
  const client = useHangarClient('UserAdmin', clientProp);
  const headingId = useId();
  const { data, loading, error, refetch } = useQuery(UserAdminDocument, { client });
  const [updateRole] = useMutation(UpdateUserRoleDocument, { client });
  const [creating, setCreating] = useState(false);
  const [rowState, setRowState] = useState<Record<string, { saving?: boolean; error?: string }>>({});

  const users = [...(data?.users ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const code = graphQLErrorCode(error);
  const state = code === 'FORBIDDEN' ? 'forbidden' : error ? 'error' : loading && !data ? 'loading' : 'ready';

  async function changeRole(user: UserRowFragment, role: Role) {
    setRowState((was) => ({ ...was, [user.id]: { saving: true } }));
    try {
      const result = await updateRole({ variables: { input: { id: user.id, role } } });
      const payload = result.data?.updateUserRole;
      if (payload?.user && payload.userErrors.length === 0) {
        setRowState((was) => ({ ...was, [user.id]: {} }));
        onRoleChanged?.(payload.user);
        return;
      }
      setRowState((was) => ({
        ...was,
        [user.id]: { error: payload?.userErrors[0]?.message ?? 'The role could not be changed.' },
      }));
    } catch (e) {
      setRowState((was) => ({ ...was, [user.id]: { error: (e as Error).message } }));
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      {...rest}
      className={classNames('hangar-root hangar-user-admin', className)}
      data-state={state}
    >
      <div className="hangar-toolbar hangar-user-admin__toolbar">
        <h2 id={headingId} className="hangar-user-admin__heading">
          Users
        </h2>
        {state !== 'forbidden' ? (
          <button
            type="button"
            className="hangar-button"
            data-variant="primary"
            onClick={() => setCreating(true)}
          >
            Add a user
          </button>
        ) : null}
      </div>
      <p className="hangar-muted">{ROLES.map((role) => `${role.label}: ${role.hint}.`).join(' ')}</p>
      {state === 'forbidden' ? (
        <p role="alert" className="hangar-error">
          Only admins can manage users. Sign in with an admin&apos;s token, or ask an admin to change your
          role.
        </p>
      ) : error ? (
        <LoadError what="the users" error={error} onRetry={refetch} />
      ) : null}
      <div className="hangar-table-scroll">
        <table className="hangar-table" aria-label="Users" aria-busy={state === 'loading'}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {state === 'loading' ? (
              <tr>
                <td colSpan={4} className="hangar-table__empty">
                  Loading users…
                </td>
              </tr>
            ) : null}
            {users.map((user) => {
              const isViewer = user.id === data?.viewer.id;
              const row = rowState[user.id] ?? {};
              return (
                // `role` is null only for a viewer who is not an ADMIN, and this table is for admins.
                <tr key={user.id} data-role={user.role?.toLowerCase() ?? 'hidden'}>
                  <th scope="row">
                    {user.name}
                    {isViewer ? <span className="hangar-muted"> (you)</span> : null}
                  </th>
                  <td>{user.email ?? '—'}</td>
                  <td>
                    {/* An admin cannot demote themself here: the last admin would lock everyone out. */}
                    <select
                      className="hangar-input hangar-user-admin__role"
                      aria-label={`Role of ${user.name}`}
                      value={user.role ?? ''}
                      disabled={isViewer || row.saving}
                      onChange={(e) => void changeRole(user, e.target.value as Role)}
                    >
                      {ROLES.map((role) => (
                        <option key={role.value} value={role.value}>
                          {role.label}
                        </option>
                      ))}
                    </select>
                    {row.saving ? <span className="hangar-muted"> Saving…</span> : null}
                    {row.error ? (
                      <span role="alert" className="hangar-error">
                        {' '}
                        {row.error}
                      </span>
                    ) : null}
                  </td>
                  <td>{formatDateTime(user.createdAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <CreateUserDialog
        client={client}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          onUserCreated?.(user);
          void refetch();
        }}
      />
    </section>
  );
}
