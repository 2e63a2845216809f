import type { DeployWizardOptionsQuery } from '../gql/graphql.js';
import { DEPLOYMENT_DETAIL_FIELDS, FIELD_HELP } from '../generated/deployment-config.js';
import { Field } from '../shared/field.js';
import {
  QUANTIZATIONS,
  TECHNIQUE_LABELS,
  forOptimizationOf,
  type FieldErrors,
  type WizardForm,
  type WizardSource,
  type WizardStep,
} from './deploy-wizard.form.js';
import { HardwareFields, ParameterFields, ReviewFields } from './deploy-wizard.settings-fields.js';

type Options = DeployWizardOptionsQuery;

const TIMEOUT = DEPLOYMENT_DETAIL_FIELDS.endpointTimeoutSeconds;

export interface WizardFieldsProps {
  step: WizardStep;
  mode: 'deploy' | 'redeploy';
  form: WizardForm;
  errors: FieldErrors;
  update: (patch: Partial<WizardForm>) => void;
  catalog: Options['catalog'];
  models: Options['models']['nodes'];
  hardwareProfiles: Options['hardwareProfiles'];
  huggingFaceConnections: ReadonlyArray<{ id: string; name: string }>;
  /** Where "Terms and Conditions" on the review step links to. */
  termsHref: string;
}

const SOURCES: Array<{ value: WizardSource; label: string }> = [
  { value: 'catalog', label: 'Platform-hosted model' },
  { value: 'model', label: 'Imported model' },
  { value: 'huggingFace', label: 'Hugging Face' },
];

/** The controls of one wizard step. */
export function WizardFields(props: WizardFieldsProps) {
  switch (props.step) {
    case 'general':
      return <GeneralFields {...props} />;
    case 'import':
      return <ImportFields {...props} />;
    case 'optimization':
      return <OptimizationFields {...props} />;
    case 'parameters':
      return <ParameterFields {...props} />;
    case 'hardware':
      return <HardwareFields {...props} />;
    case 'review':
      return <ReviewFields {...props} />;
  }
}

function GeneralFields({ mode, form, errors, update, catalog, models }: WizardFieldsProps) {
  if (mode === 'redeploy') {
    return (
      <dl className="hangar-wizard__summary">
        <dt>Deployment name</dt>
        <dd>{form.name || '—'}</dd>
        <dt>Description</dt>
        <dd>{form.description || '—'}</dd>
        <dt>Tags</dt>
        <dd>{form.tags || '—'}</dd>
      </dl>
    );
  }
  function chooseModel(id: string) {
    const model = models.find((m) => m.id === id);
    update({ choiceId: id, ...forOptimizationOf(model?.source === 'PLATFORM') });
  }
  return (
    <>
      <fieldset className="hangar-wizard__choices">
        <legend className="hangar-field__label">Model source</legend>
        {SOURCES.map((source) => (
          <label key={source.value} className="hangar-wizard__choice">
            <input
              type="radio"
              name="source"
              value={source.value}
              checked={form.source === source.value}
              onChange={() =>
                update({
                  source: source.value,
                  choiceId: '',
                  ...forOptimizationOf(source.value === 'catalog'),
                })
              }
            />
            {source.label}
          </label>
        ))}
      </fieldset>
      {form.source === 'catalog' ? (
        <Field label="Model" name="catalogEntryId" error={errors.catalogEntryId}>
          {(control) => (
            <select
              {...control}
              className="hangar-input"
              value={form.choiceId}
              onChange={(e) => update({ choiceId: e.target.value, ...forOptimizationOf(true) })}
            >
              <option value="">Select a model</option>
              {catalog.map((entry) => (
                // Entries whose weights would need a download cannot deploy on this installation.
                <option key={entry.id} value={entry.id} disabled={!entry.deployableHere}>
                  {entry.name}
                  {entry.deployableHere ? '' : ' (not available here)'}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {form.source === 'model' ? (
        <Field
          label="Model"
          name="modelId"
          error={errors.modelId}
          hint="Imported models that are ready to deploy."
        >
          {(control) => (
            <select
              {...control}
              className="hangar-input"
              value={form.choiceId}
              onChange={(e) => chooseModel(e.target.value)}
            >
              <option value="">Select a model</option>
              {models.map((model) => (
                <option key={model.id} value={model.id}>
                  {model.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field label="Deployment name" name="name" error={errors.name}>
        {(control) => (
          <input
            {...control}
            className="hangar-input"
            value={form.name}
            onChange={(e) => update({ name: e.target.value })}
            autoComplete="off"
          />
        )}
      </Field>
      <Field label="Description" name="description" error={errors.description}>
        {(control) => (
          <textarea
            {...control}
            className="hangar-input"
            rows={3}
            value={form.description}
            onChange={(e) => update({ description: e.target.value })}
          />
        )}
      </Field>
      <Field
        label="Tags"
        name="tags"
        error={errors.tags}
        hint={`Separate tags with commas. ${FIELD_HELP.tags}`}
      >
        {(control) => (
          <input
            {...control}
            className="hangar-input"
            value={form.tags}
            onChange={(e) => update({ tags: e.target.value })}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        label={`${TIMEOUT.label} (${TIMEOUT.unit})`}
        name="endpointTimeoutSeconds"
        error={errors.endpointTimeoutSeconds}
        hint={FIELD_HELP.endpointTimeoutSeconds}
      >
        {(control) => (
          <input
            {...control}
            className="hangar-input"
            type="number"
            min={TIMEOUT.min}
            max={TIMEOUT.max}
            step={1}
            value={Number.isFinite(form.endpointTimeoutSeconds) ? form.endpointTimeoutSeconds : ''}
            onChange={(e) => update({ endpointTimeoutSeconds: e.target.valueAsNumber })}
          />
        )}
      </Field>
    </>
  );
}

function ImportFields({ form, errors, update, huggingFaceConnections }: WizardFieldsProps) {
  return (
    <>
      <Field
        label="Hugging Face connection"
        name="huggingFace.connectionId"
        error={errors['huggingFace.connectionId']}
        hint="Not needed for public models."
      >
        {(control) => (
          <select
            {...control}
            className="hangar-input"
            value={form.huggingFaceConnectionId}
            onChange={(e) => update({ huggingFaceConnectionId: e.target.value })}
          >
            <option value="">None (public model)</option>
            {huggingFaceConnections.map((connection) => (
              <option key={connection.id} value={connection.id}>
                {connection.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Hugging Face model name"
        name="huggingFace.repoId"
        error={errors['huggingFace.repoId']}
        hint="For example TinyLlama/TinyLlama-1.1B-Chat-v1.0."
      >
        {(control) => (
          <input
            {...control}
            className="hangar-input"
            value={form.huggingFaceRepoId}
            onChange={(e) => update({ huggingFaceRepoId: e.target.value })}
            autoComplete="off"
          />
        )}
      </Field>
    </>
  );
}

function OptimizationFields({ form, errors, update }: WizardFieldsProps) {
  const quantizations = QUANTIZATIONS[form.technique];
  return (
    <>
      <fieldset className="hangar-wizard__choices">
        <legend className="hangar-field__label">Optimization</legend>
        {(Object.keys(TECHNIQUE_LABELS) as Array<keyof typeof TECHNIQUE_LABELS>).map((technique) => (
          <label key={technique} className="hangar-wizard__choice">
            <input
              type="radio"
              name="technique"
              value={technique}
              checked={form.technique === technique}
              onChange={() => update({ technique, quantization: QUANTIZATIONS[technique][0] ?? 'NONE' })}
            />
            {TECHNIQUE_LABELS[technique]}
          </label>
        ))}
        {errors['optimization.technique'] ? (
          <span className="hangar-field__error">{errors['optimization.technique']}</span>
        ) : null}
      </fieldset>
      {quantizations.length > 1 ? (
        <Field
          label="Quantization"
          name="optimization.quantization"
          error={errors['optimization.quantization']}
        >
          {(control) => (
            <select
              {...control}
              className="hangar-input"
              value={form.quantization}
              onChange={(e) => update({ quantization: e.target.value as WizardForm['quantization'] })}
            >
              {quantizations.map((q) => (
                <option key={q} value={q}>
                  {q === 'NONE' ? 'No quantization' : q.toLowerCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
    </>
  );
}
