// The deploy wizard's decisions, kept free of React and I/O: which steps apply, what is valid, and how the
// form becomes a mutation input. Ranges and defaults come from the server's configuration table (generated into
// ../generated/deployment-config.ts); the server stays the judge and its userErrors land on the same field keys.
import {
  DEPLOYMENT_CONFIG_FIELDS,
  DEPLOYMENT_DETAIL_FIELDS,
  QUANTIZATIONS_BY_TECHNIQUE,
} from '../generated/deployment-config.js';
import type {
  AutoscalerMode,
  ConfigurationFieldsFragment,
  DeployModelInput,
  OptimizationTechnique,
  Quantization,
  RedeployDeploymentInput,
} from '../gql/graphql.js';

export type WizardStep = 'general' | 'import' | 'optimization' | 'parameters' | 'hardware' | 'review';
/** Catalog (platform-hosted) entry, an already imported model, or a Hugging Face repository. */
export type WizardSource = 'catalog' | 'model' | 'huggingFace';

export const STEP_TITLES: Record<WizardStep, string> = {
  general: 'General details',
  import: 'Import model',
  optimization: 'Optimization',
  parameters: 'Parameters',
  hardware: 'Hardware',
  review: 'Review',
};

export interface WizardForm {
  source: WizardSource;
  /** Catalog entry id or model global ID, depending on `source`. */
  choiceId: string;
  /** Whether the chosen model is platform hosted (optimization applies only then). */
  platformHosted: boolean;
  huggingFaceConnectionId: string;
  huggingFaceRepoId: string;
  name: string;
  description: string;
  tags: string;
  technique: OptimizationTechnique;
  quantization: Quantization;
  temperature: number;
  maxLength: number;
  topP: number;
  topK: number;
  /** One stop sequence per line. */
  stopSequences: string;
  inferenceBatchSize: number;
  minReplicas: number;
  maxReplicas: number;
  scaleUpDelaySeconds: number;
  scaleDownDelaySeconds: number;
  /** 0: never. */
  scaleToZeroAfterSeconds: number;
  /** SHADOW: the autoscaler only records what it would do (set through the API; the wizard keeps what it got). */
  autoscalerMode: AutoscalerMode;
  /** 0: no target (the autoscaler scales on load alone). */
  targetTtftMs: number;
  /** 0: no target. */
  targetTokensPerSecondPerReplica: number;
  hardwareProfileId: string;
  /** How long the gateway waits for a replica's answer (a deployment detail, not part of a version). */
  endpointTimeoutSeconds: number;
  /** False saves the deployment as Ready to Deploy without starting it. */
  startNow: boolean;
  acceptTerms: boolean;
}

const { optimization: O, parameters: P, scaling: S } = DEPLOYMENT_CONFIG_FIELDS;

export const EMPTY_FORM: WizardForm = {
  source: 'catalog',
  choiceId: '',
  platformHosted: true,
  huggingFaceConnectionId: '',
  huggingFaceRepoId: '',
  name: '',
  description: '',
  tags: '',
  technique: O.technique.default,
  quantization: O.quantization.default,
  temperature: P.temperature.default,
  maxLength: P.maxLength.default,
  topP: P.topP.default,
  topK: P.topK.default,
  stopSequences: P.stopSequences.default.join('\n'),
  inferenceBatchSize: P.inferenceBatchSize.default,
  minReplicas: S.minReplicas.default,
  maxReplicas: S.maxReplicas.default,
  scaleUpDelaySeconds: S.scaleUpDelaySeconds.default,
  scaleDownDelaySeconds: S.scaleDownDelaySeconds.default,
  scaleToZeroAfterSeconds: S.scaleToZeroAfterSeconds.default,
  autoscalerMode: S.autoscalerMode.default,
  targetTtftMs: S.targetTtftMs.default,
  targetTokensPerSecondPerReplica: S.targetTokensPerSecondPerReplica.default,
  hardwareProfileId: '',
  endpointTimeoutSeconds: DEPLOYMENT_DETAIL_FIELDS.endpointTimeoutSeconds.default,
  startNow: true,
  acceptTerms: false,
};

export const TECHNIQUE_LABELS: Record<OptimizationTechnique, string> = {
  NONE: 'Skip optimization',
  CTRANSLATE2: 'CTranslate2',
  VLLM: 'vLLM',
  GGUF_QUANTIZATION: 'GGUF quantization (CPU)',
};

/** Quantizations each technique offers; the first is the default when switching technique. */
export const QUANTIZATIONS: Readonly<Record<OptimizationTechnique, readonly Quantization[]>> =
  QUANTIZATIONS_BY_TECHNIQUE;

/** The form changes when another model is chosen: optimization chosen for a platform model does not carry over. */
export function forOptimizationOf(
  platformHosted: boolean,
): Pick<WizardForm, 'platformHosted' | 'technique' | 'quantization'> {
  return { platformHosted, technique: EMPTY_FORM.technique, quantization: EMPTY_FORM.quantization };
}

export function stepsFor(form: Pick<WizardForm, 'source' | 'platformHosted'>): WizardStep[] {
  if (form.source === 'huggingFace') return ['general', 'import', 'parameters', 'hardware', 'review'];
  return form.platformHosted
    ? ['general', 'optimization', 'parameters', 'hardware', 'review']
    : ['general', 'parameters', 'hardware', 'review'];
}

/** The step a field key (userError path without `input.`, e.g. `parameters.topK`) belongs to. */
export function stepOfField(field: string): WizardStep {
  if (field.startsWith('huggingFace')) return 'import';
  if (['name', 'description', 'tags', 'modelId', 'catalogEntryId', 'endpointTimeoutSeconds'].includes(field))
    return 'general';
  if (field.startsWith('optimization')) return 'optimization';
  if (field.startsWith('parameters') || field.startsWith('scaling')) return 'parameters';
  if (field === 'hardwareProfileId') return 'hardware';
  return 'review';
}

export type FieldErrors = Record<string, string>;

interface NumberSpec {
  readonly kind: 'number' | 'integer';
  readonly min: number;
  readonly max: number;
}

function range(errors: FieldErrors, key: string, value: number, spec: NumberSpec) {
  if (!Number.isFinite(value)) errors[key] = 'Enter a number.';
  else if (spec.kind === 'integer' && !Number.isInteger(value)) errors[key] = 'Enter a whole number.';
  else if (value < spec.min || value > spec.max) errors[key] = `Must be between ${spec.min} and ${spec.max}.`;
}

/** A list field (tags, stop sequences): how many, and how long each item may be. */
function listProblem(
  items: string[],
  spec: { readonly maxItems: number; readonly itemMinLength: number; readonly itemMaxLength: number },
  what: string,
): string | undefined {
  if (items.length > spec.maxItems) return `At most ${spec.maxItems} ${what}.`;
  if (items.some((item) => item.length < spec.itemMinLength || item.length > spec.itemMaxLength))
    return `Each of the ${what} must be ${spec.itemMinLength}–${spec.itemMaxLength} characters.`;
  return undefined;
}

export function splitList(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Problems the user can fix on `step` before going on. */
export function validateStep(step: WizardStep, form: WizardForm, mode: 'deploy' | 'redeploy'): FieldErrors {
  const errors: FieldErrors = {};
  if (step === 'general' && mode === 'deploy') {
    if (form.source !== 'huggingFace' && !form.choiceId)
      errors[form.source === 'catalog' ? 'catalogEntryId' : 'modelId'] = 'Select a model.';
    if (!form.name.trim()) errors.name = 'Enter a deployment name.';
    else if (form.name.trim().length > DEPLOYMENT_DETAIL_FIELDS.name.maxLength)
      errors.name = `At most ${DEPLOYMENT_DETAIL_FIELDS.name.maxLength} characters.`;
    if (form.description.trim().length > DEPLOYMENT_DETAIL_FIELDS.description.maxLength)
      errors.description = `At most ${DEPLOYMENT_DETAIL_FIELDS.description.maxLength} characters.`;
    const tags = listProblem(splitList(form.tags, /,/), DEPLOYMENT_DETAIL_FIELDS.tags, 'tags');
    if (tags) errors.tags = tags;
    range(
      errors,
      'endpointTimeoutSeconds',
      form.endpointTimeoutSeconds,
      DEPLOYMENT_DETAIL_FIELDS.endpointTimeoutSeconds,
    );
  }
  if (step === 'import' && !/^[\w.-]+\/[\w.-]+$/.test(form.huggingFaceRepoId.trim())) {
    errors['huggingFace.repoId'] = 'Enter a repository id like owner/model-name.';
  }
  if (step === 'parameters') {
    const p = 'parameters.';
    const s = 'scaling.';
    for (const key of ['temperature', 'maxLength', 'topP', 'topK', 'inferenceBatchSize'] as const)
      range(errors, `${p}${key}`, form[key], P[key]);
    const stops = listProblem(splitList(form.stopSequences, /\n/), P.stopSequences, 'stop sequences');
    if (stops) errors[`${p}stopSequences`] = stops;
    const scalingKeys = [
      'minReplicas',
      'maxReplicas',
      'scaleUpDelaySeconds',
      'scaleDownDelaySeconds',
      'scaleToZeroAfterSeconds',
      'targetTtftMs',
      'targetTokensPerSecondPerReplica',
    ] as const;
    for (const key of scalingKeys) range(errors, `${s}${key}`, form[key], S[key]);
    if (!errors[`${s}maxReplicas`] && form.maxReplicas < form.minReplicas)
      errors[`${s}maxReplicas`] = 'Must be at least the minimum replicas.';
  }
  if (step === 'hardware' && !form.hardwareProfileId) errors.hardwareProfileId = 'Select the hardware.';
  if (step === 'review' && !form.acceptTerms)
    errors.acceptTerms = 'Accept the terms and conditions to deploy.';
  return errors;
}

export function configurationOf(form: WizardForm) {
  // Only platform-hosted models get the optimization step, but an imported model keeps what its saved
  // configuration says (GGUF quantization from a deployconfig.json, or the deployment being redeployed):
  // choosing a model resets the optimization (forOptimizationOf), so nothing hidden is left from another model.
  const optimization =
    form.source !== 'huggingFace'
      ? { technique: form.technique, quantization: form.quantization }
      : { technique: 'NONE' as const, quantization: 'NONE' as const };
  return {
    optimization,
    parameters: {
      temperature: form.temperature,
      maxLength: form.maxLength,
      topP: form.topP,
      topK: form.topK,
      stopSequences: splitList(form.stopSequences, /\n/),
      inferenceBatchSize: form.inferenceBatchSize,
    },
    hardwareProfileId: form.hardwareProfileId,
    scaling: {
      minReplicas: form.minReplicas,
      maxReplicas: form.maxReplicas,
      scaleUpDelaySeconds: form.scaleUpDelaySeconds,
      scaleDownDelaySeconds: form.scaleDownDelaySeconds,
      scaleToZeroAfterSeconds: form.scaleToZeroAfterSeconds,
      autoscalerMode: form.autoscalerMode,
      targetTtftMs: form.targetTtftMs,
      targetTokensPerSecondPerReplica: form.targetTokensPerSecondPerReplica,
    },
  };
}

export function toDeployInput(form: WizardForm): DeployModelInput {
  return {
    name: form.name.trim(),
    description: form.description.trim(),
    tags: splitList(form.tags, /,/),
    modelId: form.source === 'model' ? form.choiceId : undefined,
    catalogEntryId: form.source === 'catalog' ? form.choiceId : undefined,
    huggingFace:
      form.source === 'huggingFace'
        ? { repoId: form.huggingFaceRepoId.trim(), connectionId: form.huggingFaceConnectionId || undefined }
        : undefined,
    ...configurationOf(form),
    endpointTimeoutSeconds: form.endpointTimeoutSeconds,
    startNow: form.startNow,
    acceptTerms: form.acceptTerms,
  };
}

export function toRedeployInput(form: WizardForm, deploymentId: string): RedeployDeploymentInput {
  return { id: deploymentId, ...configurationOf(form) };
}

/** The form with a saved configuration applied (a current deployment, or a model's deployconfig.json). */
export function withConfiguration(
  form: WizardForm,
  config: Omit<ConfigurationFieldsFragment, '__typename'>,
): WizardForm {
  return {
    ...form,
    technique: config.optimization.technique,
    quantization: config.optimization.quantization,
    ...config.parameters,
    stopSequences: config.parameters.stopSequences.join('\n'),
    hardwareProfileId: config.hardwareProfileId,
    ...config.scaling,
  };
}
