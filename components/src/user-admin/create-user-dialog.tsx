import type { ApolloClient } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { CreateUserDocument, type Role, type UserRowFragment } from '../gql/graphql.js';
import { Field } from '../shared/field.js';
import { FormFooter } from '../shared/form-footer.js';
import { Modal } from '../shared/modal.js';
import { SecretShownOnce } from '../shared/secret-shown-once.js';
import { formErrors } from '../shared/user-errors.js';
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
      setPhase({
        phase: 'form',
        errors: formErrors(payload?.userErrors ?? [], 'The user could not be created.'),
      });
    } catch (e) {
      setPhase({ phase: 'form', errors: { '': (e as Error).message } });
    }
  }

  const errors = phase.phase === 'form' ? phase.errors : {};
  return (
    <Modal open={open} title="Add a user" onClose={close} busy={creating.loading} state={phase.phase}>
      {phase.phase === 'created' ? (
        <SecretShownOnce secret={phase.token} onClose={close}>
          Give <strong>{phase.name}</strong> this access token now, over a safe channel. It will not be shown
          again.
        </SecretShownOnce>
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
          <FormFooter
            error={errors['']}
            busy={creating.loading}
            onCancel={close}
            submitLabel="Add user"
            busyLabel="Adding…"
          />
        </form>
      )}
    </Modal>
  );
}
