import type { ApolloClient } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { CreateApiKeyDocument, type ApiKeyRowFragment } from '../gql/graphql.js';
import { Field } from '../shared/field.js';
import { FormFooter } from '../shared/form-footer.js';
import { Modal } from '../shared/modal.js';
import { SecretShownOnce } from '../shared/secret-shown-once.js';
import { parseTokenBudget } from './api-key-budget-dialog.js';
import { formErrors } from '../shared/user-errors.js';

/** Expiry choices, in days from now; 0 = never. */
const EXPIRY_DAYS = [0, 1, 7, 30, 90, 365] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

type CreateState =
  { phase: 'naming'; errors: Record<string, string> } | { phase: 'created'; secret: string; name: string };

/** Names a new key, with optional expiry and rate limit; then shows its secret once, with copy. */
export function ApiKeyCreateDialog({
  client,
  deploymentId,
  open,
  onClose,
  onCreated,
  now = Date.now,
}: {
  client: ApolloClient;
  deploymentId: string;
  open: boolean;
  onClose: () => void;
  onCreated: (key: ApiKeyRowFragment) => void;
  now?: () => number;
}) {
  const [createKey, creating] = useMutation(CreateApiKeyDocument, { client });
  const [create, setCreate] = useState<CreateState>({ phase: 'naming', errors: {} });
  const [name, setName] = useState('');
  const [expiryDays, setExpiryDays] = useState<number>(0);
  const [rateLimit, setRateLimit] = useState('');
  const [budget, setBudget] = useState('');

  function close() {
    // The secret leaves memory with the dialog: it is never shown again.
    setCreate({ phase: 'naming', errors: {} });
    setName('');
    setExpiryDays(0);
    setRateLimit('');
    setBudget('');
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!name.trim()) errors.name = 'Enter a name for the key.';
    const limit = rateLimit.trim() ? Number(rateLimit) : null;
    if (limit !== null && (!Number.isInteger(limit) || limit < 1))
      errors.rateLimitPerMinute =
        'Enter a whole number of requests per minute, or leave it empty for no limit.';
    const monthlyTokenBudget = parseTokenBudget(budget);
    if (monthlyTokenBudget !== null && (!Number.isInteger(monthlyTokenBudget) || monthlyTokenBudget < 1))
      errors.monthlyTokenBudget =
        'Enter a whole number of tokens per month, or leave it empty for no budget.';
    if (Object.keys(errors).length) {
      setCreate({ phase: 'naming', errors });
      return;
    }
    const expiresAt = expiryDays ? new Date(now() + expiryDays * DAY_MS).toISOString() : null;
    try {
      const result = await createKey({
        variables: {
          input: {
            deploymentId,
            name: name.trim(),
            expiresAt,
            rateLimitPerMinute: limit,
            monthlyTokenBudget,
          },
        },
      });
      const payload = result.data?.createApiKey;
      if (!payload) return;
      if (payload.userErrors.length || !payload.secret || !payload.apiKey) {
        setCreate({
          phase: 'naming',
          errors: formErrors(payload.userErrors, 'The key could not be created.'),
        });
        return;
      }
      setCreate({ phase: 'created', secret: payload.secret, name: payload.apiKey.name });
      onCreated(payload.apiKey);
    } catch (e) {
      setCreate({ phase: 'naming', errors: { '': (e as Error).message } });
    }
  }

  const errors = create.phase === 'naming' ? create.errors : {};
  return (
    <Modal
      open={open}
      title="Create new API key"
      onClose={close}
      busy={creating.loading}
      state={create.phase}
    >
      {create.phase === 'created' ? (
        <SecretShownOnce secret={create.secret} onClose={close}>
          Copy the key <strong>{create.name}</strong> now. You will not be able to see it again.
        </SecretShownOnce>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Field
            label="Name"
            name="name"
            error={errors.name}
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
          <Field label="Expires" name="expiresAt" error={errors.expiresAt}>
            {(control) => (
              <select
                {...control}
                className="hangar-input"
                value={expiryDays}
                onChange={(e) => setExpiryDays(Number(e.target.value))}
              >
                {EXPIRY_DAYS.map((days) => (
                  <option key={days} value={days}>
                    {days === 0 ? 'Never' : days === 1 ? 'In 1 day' : `In ${days} days`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Rate limit (requests per minute)"
            name="rateLimitPerMinute"
            error={errors.rateLimitPerMinute}
            hint="Empty for no limit. Requests over the limit get 429 Too Many Requests."
          >
            {(control) => (
              <input
                {...control}
                className="hangar-input"
                inputMode="numeric"
                value={rateLimit}
                onChange={(e) => setRateLimit(e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          <Field
            label="Monthly token budget"
            name="monthlyTokenBudget"
            error={errors.monthlyTokenBudget}
            hint="Prompt and completion tokens per calendar month (UTC). Empty for no budget. A spent budget gets 429 until the month ends."
          >
            {(control) => (
              <input
                {...control}
                className="hangar-input"
                inputMode="numeric"
                value={budget}
                onChange={(e) => setBudget(e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          <FormFooter
            error={errors['']}
            busy={creating.loading}
            onCancel={close}
            submitLabel="Generate key"
            busyLabel="Generating…"
          />
        </form>
      )}
    </Modal>
  );
}
