import { useId } from 'react';
import { DEPLOYMENT_CONFIG_FIELDS, FIELD_HELP } from '../generated/deployment-config.js';
import { Field } from '../shared/field.js';
import { enumLabel } from '../shared/format.js';
import { TECHNIQUE_LABELS, configurationOf, splitList, type WizardForm } from './deploy-wizard.form.js';

import type { WizardFieldsProps } from './deploy-wizard.fields.js';

const P = 'parameters.';

// The parameters, hardware and review steps of the wizard (the first steps are in deploy-wizard.fields.tsx).

type NumberKey =
  | 'temperature'
  | 'maxLength'
  | 'topP'
  | 'topK'
  | 'inferenceBatchSize'
  | 'minReplicas'
  | 'maxReplicas'
  | 'scaleUpDelaySeconds'
  | 'scaleDownDelaySeconds'
  | 'scaleToZeroAfterSeconds'
  | 'targetTtftMs'
  | 'targetTokensPerSecondPerReplica';

/** A number field of the parameters step: label and help from the configuration table, the spinner's step here. */
function numberField(group: 'parameters' | 'scaling', key: NumberKey, step: number) {
  const path = `${group}.${key}` as keyof typeof FIELD_HELP;
  const spec = (DEPLOYMENT_CONFIG_FIELDS[group] as Record<string, { label: string; unit?: string }>)[key]!;
  // Seconds and milliseconds are the units a user cannot guess from the name, so they go into the label.
  const label = spec.unit === 'seconds' || spec.unit === 'ms' ? `${spec.label} (${spec.unit})` : spec.label;
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
  numberField('scaling', 'scaleToZeroAfterSeconds', 1),
  numberField('scaling', 'targetTtftMs', 100),
  numberField('scaling', 'targetTokensPerSecondPerReplica', 1),
];

/** "TTFT p50 ≤ 1500 ms, ≤ 40 tokens/s per replica", or what the autoscaler scales on without targets. */
function scalingTargets(form: WizardForm): string {
  const targets = [
    form.targetTtftMs > 0 ? `TTFT p50 ≤ ${form.targetTtftMs} ms` : '',
    form.targetTokensPerSecondPerReplica > 0
      ? `≤ ${form.targetTokensPerSecondPerReplica} tokens/s per replica`
      : '',
  ].filter(Boolean);
  return targets.length ? targets.join(', ') : 'load only';
}

export function ParameterFields({ form, errors, update }: WizardFieldsProps) {
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

export function HardwareFields({ form, errors, update, hardwareProfiles }: WizardFieldsProps) {
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

export function ReviewFields({
  mode,
  form,
  errors,
  update,
  catalog,
  models,
  hardwareProfiles,
  termsHref,
}: WizardFieldsProps) {
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
    ...(mode === 'deploy'
      ? ([['Endpoint timeout', `${form.endpointTimeoutSeconds} s`]] as Array<[string, string]>)
      : []),
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
      'Scale to zero',
      form.scaleToZeroAfterSeconds > 0 ? `after ${form.scaleToZeroAfterSeconds} s without requests` : 'never',
    ],
    ['Autoscaling targets', scalingTargets(form)],
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
          I accept all the{' '}
          <a href={termsHref} target="_blank" rel="noreferrer">
            Terms and Conditions
          </a>
        </label>
        {errors.acceptTerms ? (
          <span id={termsErrorId} className="hangar-field__error">
            {errors.acceptTerms}
          </span>
        ) : null}
        {mode === 'deploy' ? (
          <label className="hangar-wizard__choice">
            <input
              type="checkbox"
              checked={form.startNow}
              onChange={(e) => update({ startNow: e.target.checked })}
            />
            Start the deployment now (unchecked: save it as Ready to Deploy and start it later)
          </label>
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
