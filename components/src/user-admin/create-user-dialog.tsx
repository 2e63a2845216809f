import type { ApolloClient } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { CreateUserDocument, type Role, type UserRowFragment } from '../gql/graphql.js';
import { CopyButton } from '../shared/copy-button.js';
import { Field } from '../shared/field.js';
import { Modal } from '../shared/modal.js';
import { userErrorsByField } from '../shared/user-errors.js';
import { ROLES } from './user-roles.js';

type Phase =
  { phase: 'form'; errors: Record<string, string> } | { phase: 'created'; token: string; name: string };

/** Adds a user; their first access token is shown once, like an API key's secret. */
export function CreateUserDialog({
  client,
  open,
  onClose,
  onCreated,
}: {
  client: ApolloClient;
  open: boolean;
  onClose: () => void;
  onCreated: (user: UserRowFragment) => void;
}) {
  const [createUser, creating] = useMutation(CreateUserDocument, { client });
  const [phase, setPhase] = useState<Phase>({ phase: 'form', errors: {} });
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('VIEWER');

  function close() {
    // The token leaves memory with the dialog: it is never shown again.
    setPhase({ phase: 'form', errors: {} });
    setName('');
    setEmail('');
    setRole('VIEWER');
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setPhase({ phase: 'form', errors: { name: 'Enter the user’s name.' } });
      return;
    }
    try {
      const result = await createUser({
        variables: { input: { name: name.trim(), email: email.trim() || null, role } },
      });
      const payload = result.data?.createUser;
      if (payload?.user && payload.token && payload.userErrors.length === 0) {
        setPhase({ phase: 'created', token: payload.token, name: payload.user.name });
        onCreated(payload.user);
        return;
      }
      const byField = userErrorsByField(payload?.userErrors ?? []);
      setPhase({
        phase: 'form',
        errors: Object.keys(byField).length ? byField : { '': 'The user could not be created.' },
      });
    } catch (e) {
      setPhase({ phase: 'form', errors: { '': (e as Error).message } });
    }
  }

  const errors = phase.phase === 'form' ? phase.errors : {};
  return (
    <Modal open={open} title="Add a user" onClose={close} busy={creating.loading} state={phase.phase}>
      {phase.phase === 'created' ? (
        <div>
          <p>
            Give <strong>{phase.name}</strong> this access token now, over a safe channel. It will not be
            shown again.
          </p>
          <pre className="hangar-code" data-secret="shown-once">
            {phase.token}
          </pre>
          <div className="hangar-dialog__actions">
            <button type="button" className="hangar-button" onClick={close}>
              Close
            </button>
            <CopyButton value={phase.token} data-variant="primary" onCopied={close}>
              Copy and close
            </CopyButton>
          </div>
        </div>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Field label="Name" name="name" error={errors.name}>
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
          <Field label="Email (optional)" name="email" error={errors.email}>
            {(control) => (
              <input
                {...control}
                type="email"
                className="hangar-input"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          <Field label="Role" name="role" error={errors.role}>
            {(control) => (
              <select
                {...control}
                className="hangar-input"
                value={role}
                onChange={(e) => setRole(e.target.value as Role)}
              >
                {ROLES.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label} — {option.hint}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {errors[''] ? (
            <p role="alert" className="hangar-error">
              {errors['']}
            </p>
          ) : null}
          <div className="hangar-dialog__actions">
            <button type="button" className="hangar-button" onClick={close} disabled={creating.loading}>
              Cancel
            </button>
            <button
              type="submit"
              className="hangar-button"
              data-variant="primary"
              disabled={creating.loading}
            >
              {creating.loading ? 'Adding…' : 'Add user'}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
