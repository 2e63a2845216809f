import { DEPLOYMENT_CONFIG_FIELDS, FIELD_HELP } from '../generated/deployment-config.js';
import { Field } from '../shared/field.js';

const PARAMETERS = DEPLOYMENT_CONFIG_FIELDS.parameters;

/** The sampling parameters a chat request may set, each from the configuration table (limits, label, help). */
const NUMERIC = [
  { key: 'temperature', field: PARAMETERS.temperature, step: 0.1 },
  { key: 'maxLength', field: PARAMETERS.maxLength, step: 1 },
  { key: 'topP', field: PARAMETERS.topP, step: 0.05 },
  { key: 'topK', field: PARAMETERS.topK, step: 1 },
] as const;

type NumericKey = (typeof NUMERIC)[number]['key'];

/** What the parameter inputs hold: text as typed, so a half-typed number is not rewritten. */
export type ParameterForm = Record<NumericKey, string> & {
  /** Stop sequences, one per line. */
  stop: string;
  responseFormat: 'text' | 'json_schema';
  /** The JSON Schema the answer must follow, as typed. */
  schema: string;
};

/** The deployment's configured parameters: the form starts from them (what a request without overrides gets). */
export interface DeploymentParameters {
  temperature: number;
  maxLength: number;
  topP: number;
  topK: number;
  stopSequences: string[];
}

export const EXAMPLE_SCHEMA = JSON.stringify(
  {
    type: 'object',
    properties: { answer: { type: 'string', maxLength: 40 } },
    required: ['answer'],
  },
  null,
  2,
);

export function initialForm(parameters: DeploymentParameters): ParameterForm {
  return {
    temperature: String(parameters.temperature),
    maxLength: String(parameters.maxLength),
    topP: String(parameters.topP),
    topK: String(parameters.topK),
    stop: parameters.stopSequences.join('\n'),
    responseFormat: 'text',
    schema: EXAMPLE_SCHEMA,
  };
}

/**
 * The request's parameters (OpenAI names) or the errors by form key. `maxTokens` is the deployment's own
 * maximum: the gateway refuses a request that asks for more.
 */
export function requestParameters(
  form: ParameterForm,
  maxTokens: number,
): { body: Record<string, unknown>; errors: Record<string, string> } {
  const body: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const { key, field } of NUMERIC) {
    const max = key === 'maxLength' ? Math.min(maxTokens, field.max) : field.max;
    const value = Number(form[key]);
    const wrongKind = field.kind === 'integer' ? !Number.isInteger(value) : !Number.isFinite(value);
    if (form[key].trim() === '' || wrongKind || value < field.min || value > max) {
      const what = field.kind === 'integer' ? 'a whole number' : 'a number';
      errors[key] = `${field.label} must be ${what} from ${field.min} to ${max}.`;
    } else body[field.openAiName] = value;
  }
  const stop = form.stop.split('\n').filter((line) => line !== '');
  const stopField = PARAMETERS.stopSequences;
  if (stop.length > stopField.maxItems) errors.stop = `At most ${stopField.maxItems} stop sequences.`;
  else if (stop.some((s) => s.length > stopField.itemMaxLength))
    errors.stop = `Each stop sequence is at most ${stopField.itemMaxLength} characters.`;
  else body[stopField.openAiName] = stop;
  if (form.responseFormat === 'json_schema') {
    let schema: unknown;
    try {
      schema = JSON.parse(form.schema);
    } catch (error) {
      errors.schema = `The schema is not valid JSON: ${(error as Error).message}`;
    }
    if (!errors.schema && (typeof schema !== 'object' || schema === null || Array.isArray(schema)))
      errors.schema = 'The schema must be a JSON object, such as {"type": "object", …}.';
    if (!errors.schema)
      body.response_format = {
        type: 'json_schema',
        json_schema: { name: 'playground', schema, strict: true },
      };
  }
  return { body, errors };
}

export function ParameterFields({
  form,
  errors,
  maxTokens,
  disabled,
  onChange,
}: {
  form: ParameterForm;
  errors: Record<string, string>;
  maxTokens: number;
  disabled: boolean;
  onChange: (patch: Partial<ParameterForm>) => void;
}) {
  return (
    <fieldset className="hangar-playground__parameters" disabled={disabled}>
      <legend>Parameters</legend>
      {NUMERIC.map(({ key, field, step }) => (
        <Field
          key={key}
          name={key}
          label={field.label}
          error={errors[key]}
          hint={
            key === 'maxLength'
              ? `${FIELD_HELP[`parameters.${key}`]} This deployment allows up to ${maxTokens}.`
              : FIELD_HELP[`parameters.${key}`]
          }
        >
          {(control) => (
            <input
              {...control}
              className="hangar-input"
              type="number"
              inputMode="decimal"
              min={field.min}
              max={key === 'maxLength' ? Math.min(maxTokens, field.max) : field.max}
              step={step}
              value={form[key]}
              onChange={(event) => onChange({ [key]: event.target.value })}
            />
          )}
        </Field>
      ))}
      <Field
        name="stop"
        label={`${PARAMETERS.stopSequences.label} (one per line)`}
        error={errors.stop}
        hint={FIELD_HELP['parameters.stopSequences']}
      >
        {(control) => (
          <textarea
            {...control}
            className="hangar-input"
            rows={2}
            value={form.stop}
            onChange={(event) => onChange({ stop: event.target.value })}
          />
        )}
      </Field>
      <Field
        name="responseFormat"
        label="Response format"
        hint="JSON schema makes the answer a JSON document that follows the schema."
      >
        {(control) => (
          <select
            {...control}
            className="hangar-input"
            value={form.responseFormat}
            onChange={(event) =>
              onChange({ responseFormat: event.target.value as ParameterForm['responseFormat'] })
            }
          >
            <option value="text">Text</option>
            <option value="json_schema">JSON schema</option>
          </select>
        )}
      </Field>
      {form.responseFormat === 'json_schema' ? (
        <Field name="schema" label="JSON schema" error={errors.schema}>
          {(control) => (
            <textarea
              {...control}
              className="hangar-input hangar-playground__schema"
              rows={7}
              spellCheck={false}
              value={form.schema}
              onChange={(event) => onChange({ schema: event.target.value })}
            />
          )}
        </Field>
      ) : null}
    </fieldset>
  );
}
