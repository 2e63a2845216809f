import type { ApolloClient } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { UpdateModelDocument, type ModelDetailsItemFragment } from '../gql/graphql.js';
import { Field } from '../shared/field.js';
import { userErrorsByField } from '../shared/user-errors.js';

/** Tags as typed: comma-separated, trimmed, empty ones and repeats dropped. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

/** The description/tags form of ModelDetails; the name is never editable (the server derives it). */
export function ModelDescriptionForm({
  client,
  model,
  onDone,
}: {
  client: ApolloClient;
  model: ModelDetailsItemFragment;
  onDone: () => void;
}) {
  const [description, setDescription] = useState(model.description);
  const [tags, setTags] = useState(model.tags.join(', '));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [updateModel, saving] = useMutation(UpdateModelDocument, { client });

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      const result = await updateModel({
        variables: { input: { id: model.id, description: description.trim(), tags: parseTags(tags) } },
      });
      const payload = result.data?.updateModel;
      if (payload?.model && payload.userErrors.length === 0) {
        onDone();
        return;
      }
      const byField = userErrorsByField(payload?.userErrors ?? []);
      setErrors(Object.keys(byField).length ? byField : { '': 'The changes could not be saved.' });
    } catch (e) {
      setErrors({ '': (e as Error).message });
    }
  }

  return (
    <form className="hangar-model-details__form" onSubmit={(event) => void save(event)} noValidate>
      <Field label="Description" name="description" error={errors.description}>
        {(control) => (
          <textarea
            {...control}
            className="hangar-input"
            rows={3}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            autoFocus
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
      {errors[''] ? (
        <p role="alert" className="hangar-error">
          {errors['']}
        </p>
      ) : null}
      <div className="hangar-dialog__actions">
        <button type="button" className="hangar-button" onClick={onDone} disabled={saving.loading}>
          Cancel
        </button>
        <button type="submit" className="hangar-button" data-variant="primary" disabled={saving.loading}>
          {saving.loading ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
