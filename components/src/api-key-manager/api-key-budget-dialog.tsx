import type { ApolloClient } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { SetApiKeyBudgetDocument, type ApiKeyRowFragment } from '../gql/graphql.js';
import { Field } from '../shared/field.js';
import { FormFooter } from '../shared/form-footer.js';
import { Modal } from '../shared/modal.js';
import { formErrors } from '../shared/user-errors.js';

/** A typed-in budget: empty for none, digits with optional grouping; NaN when it is not a number at all. */
export function parseTokenBudget(text: string): number | null {
  return text.trim() ? Number(text.replace(/[\s,_]/g, '')) : null;
}

/** Changes (or removes) one key's monthly token budget; the gateway applies it within seconds. */
export function ApiKeyBudgetDialog({
  client,
  apiKey,
  onClose,
}: {
  client: ApolloClient;
  /** The key whose budget to change; null keeps the dialog closed. */
  apiKey: ApiKeyRowFragment | null;
  onClose: () => void;
}) {
  const [setBudget, saving] = useMutation(SetApiKeyBudgetDocument, { client });
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setValue(apiKey?.budget.monthlyTokenBudget != null ? String(apiKey.budget.monthlyTokenBudget) : '');
    setErrors({});
  }, [apiKey]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!apiKey) return;
    const monthlyTokenBudget = parseTokenBudget(value);
    if (monthlyTokenBudget !== null && (!Number.isInteger(monthlyTokenBudget) || monthlyTokenBudget < 1)) {
      setErrors({
        monthlyTokenBudget: 'Enter a whole number of tokens per month, or leave it empty for no budget.',
      });
      return;
    }
    try {
      const result = await setBudget({ variables: { input: { apiKeyId: apiKey.id, monthlyTokenBudget } } });
      const payload = result.data?.setApiKeyBudget;
      if (payload?.userErrors.length) {
        setErrors(formErrors(payload.userErrors, 'The budget could not be changed.'));
        return;
      }
      onClose();
    } catch (e) {
      setErrors({ '': (e as Error).message });
    }
  }

  return (
    <Modal
      open={apiKey !== null}
      title={`Monthly budget of ${apiKey?.name ?? 'key'}`}
      onClose={onClose}
      busy={saving.loading}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Monthly token budget"
          name="monthlyTokenBudget"
          error={errors.monthlyTokenBudget}
          hint="Prompt and completion tokens per calendar month (UTC). Empty for no budget."
        >
          {(control) => (
            <input
              {...control}
              className="hangar-input"
              inputMode="numeric"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              autoComplete="off"
              autoFocus
            />
          )}
        </Field>
        <FormFooter
          error={errors['']}
          busy={saving.loading}
          onCancel={onClose}
          submitLabel="Save budget"
          busyLabel="Saving…"
        />
      </form>
    </Modal>
  );
}
