import type { ApolloClient } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { parseTokenBudget } from '../api-key-manager/api-key-budget-dialog.js';
import { SetProjectBudgetDocument } from '../gql/graphql.js';
import { Field } from '../shared/field.js';
import { formErrors } from '../shared/user-errors.js';

/**
 * An instance admin's form for a project's monthly token budget (every key of its deployments together): the same
 * value rules as a key's budget, checked here first and by the server; empty removes the budget.
 */
export function ProjectBudgetForm({
  client,
  projectId,
  monthlyTokenBudget,
}: {
  client: ApolloClient;
  projectId: string;
  monthlyTokenBudget: number | null;
}) {
  const [setBudget, saving] = useMutation(SetProjectBudgetDocument, { client });
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  useEffect(
    () => setValue(monthlyTokenBudget != null ? String(monthlyTokenBudget) : ''),
    [monthlyTokenBudget],
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const budget = parseTokenBudget(value);
    if (budget !== null && (!Number.isInteger(budget) || budget < 1)) {
      setErrors({
        monthlyTokenBudget: 'Enter a whole number of tokens per month, or leave it empty for no budget.',
      });
      return;
    }
    try {
      const result = await setBudget({ variables: { input: { projectId, monthlyTokenBudget: budget } } });
      const payload = result.data?.setProjectBudget;
      if (payload?.userErrors.length) {
        setErrors(formErrors(payload.userErrors, 'The budget could not be changed.'));
        return;
      }
      setErrors({});
      setSaved(true);
    } catch (e) {
      setErrors({ '': (e as Error).message });
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="hangar-project-usage__budget">
      <Field
        label="Monthly token budget"
        name="monthlyTokenBudget"
        error={errors.monthlyTokenBudget}
        hint="Prompt and completion tokens of every key of the project per calendar month (UTC). Empty for none."
      >
        {(control) => (
          <input
            {...control}
            className="hangar-input"
            inputMode="numeric"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoComplete="off"
          />
        )}
      </Field>
      {errors[''] ? (
        <p role="alert" className="hangar-error">
          {errors['']}
        </p>
      ) : null}
      <div className="hangar-dialog__actions">
        {saved ? <span role="status">Budget saved.</span> : null}
        <button type="submit" className="hangar-button" data-variant="primary" disabled={saving.loading}>
          {saving.loading ? 'Saving…' : 'Save budget'}
        </button>
      </div>
    </form>
  );
}
