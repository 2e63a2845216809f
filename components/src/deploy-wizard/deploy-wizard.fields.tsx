import { useId } from 'react';
import type { DeployWizardOptionsQuery } from '../gql/graphql.js';
import { DEPLOYMENT_CONFIG_FIELDS, FIELD_HELP } from '../generated/deployment-config.js';
import { Field } from '../shared/field.js';
import { enumLabel } from '../shared/format.js';
import {
  QUANTIZATIONS,
  TECHNIQUE_LABELS,
  configurationOf,
  forOptimizationOf,
  splitList,
  type FieldErrors,
  type WizardForm,
  type WizardSource,
  type WizardStep,
} from './deploy-wizard.form.js';

type Options = DeployWizardOptionsQuery;

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
}

const SOURCES: Array<{ value: WizardSource; label: string }> = [
  { value: 'catalog', label: 'Platform-hosted model' },
  { value: 'model', label: 'Imported model' },
  { value: 'huggingFace', label: 'Hugging Face' },
];

const P = 'parameters.';

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

type NumberKey =
  | 'temperature'
  | 'maxLength'
  | 'topP'
  | 'topK'
  | 'inferenceBatchSize'
  | 'minReplicas'
  | 'maxReplicas'
  | 'scaleUpDelaySeconds'
  | 'scaleDownDelaySeconds';

/** A number field of the parameters step: label and help from the configuration table, the spinner's step here. */
function numberField(group: 'parameters' | 'scaling', key: NumberKey, step: number) {
  const path = `${group}.${key}` as keyof typeof FIELD_HELP;
  const spec = (DEPLOYMENT_CONFIG_FIELDS[group] as Record<string, { label: string; unit?: string }>)[key]!;
  // Seconds are the one unit a user cannot guess from the name, so it goes into the label as before.
  const label = spec.unit === 'seconds' ? `${spec.label} (seconds)` : spec.label;
  return { key, label, path, step, hint: FIELD_HELP[path] };
}

const NUMBER_FIELDS = [
  numberField('parameters', 'temperature', 0.1),
  numberField('parameters', 'maxLength', 1),
  numberField('parameters', 'topP', 0.05),
  numberField('parameters', 'topK', 1),
  numberField('parameters', 'inferenceBatchSize', 1),
  numberField('scaling', 'minReplicas', 1),
  numberField('scaling', 'maxReplicas', 1),
  numberField('scaling', 'scaleUpDelaySeconds', 1),
  numberField('scaling', 'scaleDownDelaySeconds', 1),
];

function ParameterFields({ form, errors, update }: WizardFieldsProps) {
  return (
    <div className="hangar-wizard__grid">
      {NUMBER_FIELDS.slice(0, 4).map((f) => (
        <Field key={f.key} label={f.label} name={f.path} error={errors[f.path]} hint={f.hint}>
          {(control) => (
            <input
              {...control}
              className="hangar-input"
              type="number"
              step={f.step}
              value={Number.isNaN(form[f.key]) ? '' : form[f.key]}
              onChange={(e) => update({ [f.key]: e.target.valueAsNumber })}
            />
          )}
        </Field>
      ))}
      <Field
        label={DEPLOYMENT_CONFIG_FIELDS.parameters.stopSequences.label}
        name={`${P}stopSequences`}
        error={errors[`${P}stopSequences`]}
        hint={`One per line. ${FIELD_HELP['parameters.stopSequences']}`}
      >
        {(control) => (
          <textarea
            {...control}
            className="hangar-input"
            rows={2}
            value={form.stopSequences}
            onChange={(e) => update({ stopSequences: e.target.value })}
          />
        )}
      </Field>
      {NUMBER_FIELDS.slice(4).map((f) => (
        <Field key={f.key} label={f.label} name={f.path} error={errors[f.path]} hint={f.hint}>
          {(control) => (
            <input
              {...control}
              className="hangar-input"
              type="number"
              step={f.step}
              value={Number.isNaN(form[f.key]) ? '' : form[f.key]}
              onChange={(e) => update({ [f.key]: e.target.valueAsNumber })}
            />
          )}
        </Field>
      ))}
    </div>
  );
}

function HardwareFields({ form, errors, update, hardwareProfiles }: WizardFieldsProps) {
  const chosen = hardwareProfiles.find((p) => p.id === form.hardwareProfileId);
  return (
    <Field
      label="Hardware"
      name="hardwareProfileId"
      error={errors.hardwareProfileId}
      hint={chosen?.description}
    >
      {(control) => (
        <select
          {...control}
          className="hangar-input"
          value={form.hardwareProfileId}
          onChange={(e) => update({ hardwareProfileId: e.target.value })}
        >
          <option value="">Select hardware</option>
          {hardwareProfiles.map((profile) => (
            <option key={profile.id} value={profile.id} disabled={!profile.available}>
              {profile.name}
              {profile.available ? '' : ' (other runtime)'}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function ReviewFields({ mode, form, errors, update, catalog, models, hardwareProfiles }: WizardFieldsProps) {
  const config = configurationOf(form);
  const termsErrorId = useId();
  const modelName =
    form.source === 'huggingFace'
      ? form.huggingFaceRepoId
      : ((form.source === 'catalog'
          ? catalog.find((c) => c.id === form.choiceId)?.name
          : models.find((m) => m.id === form.choiceId)?.name) ?? '—');
  const rows: Array<[string, string]> = [
    ['Model', modelName],
    ['Deployment name', form.name],
    ['Description', form.description || '—'],
    ['Tags', splitList(form.tags, /,/).join(', ') || '—'],
    [
      'Optimization',
      `${TECHNIQUE_LABELS[config.optimization.technique]}${config.optimization.quantization !== 'NONE' ? ` (${config.optimization.quantization.toLowerCase()})` : ''}`,
    ],
    ['Temperature', String(form.temperature)],
    ['Maximum length', String(form.maxLength)],
    ['Top p / Top k', `${form.topP} / ${form.topK}`],
    ['Stop sequences', config.parameters.stopSequences.join(', ') || '—'],
    ['Inference batch size', String(form.inferenceBatchSize)],
    ['Replicas', `${form.minReplicas}–${form.maxReplicas}`],
    ['Scale up / down delay', `${form.scaleUpDelaySeconds} s / ${form.scaleDownDelaySeconds} s`],
    [
      'Hardware',
      hardwareProfiles.find((p) => p.id === form.hardwareProfileId)?.name ??
        enumLabel(form.hardwareProfileId || 'none'),
    ],
  ];
  const unplaced = Object.entries(errors).filter(([key]) => key && key !== 'acceptTerms');
  return (
    <>
      <dl className="hangar-wizard__summary">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {unplaced.map(([key, message]) => (
        <p key={key} className="hangar-field__error" data-field={key}>
          {message}
        </p>
      ))}
      <div
        className="hangar-field"
        data-field="acceptTerms"
        data-invalid={errors.acceptTerms ? 'true' : 'false'}
      >
        <label className="hangar-wizard__choice">
          <input
            type="checkbox"
            checked={form.acceptTerms}
            aria-invalid={errors.acceptTerms ? true : undefined}
            aria-describedby={errors.acceptTerms ? termsErrorId : undefined}
            onChange={(e) => update({ acceptTerms: e.target.checked })}
          />
          I accept all the Terms and Conditions
        </label>
        {errors.acceptTerms ? (
          <span id={termsErrorId} className="hangar-field__error">
            {errors.acceptTerms}
          </span>
        ) : null}
        {mode === 'redeploy' ? (
          <span className="hangar-field__hint">
            Redeploying creates a new version in the deployment history.
          </span>
        ) : null}
      </div>
    </>
  );
}
