// The deploy wizard's decisions, kept free of React and I/O: which steps apply, what is valid, and how the
// form becomes a mutation input. Ranges mirror the server's (server/src/modules/deployment/deployment.config.ts);
// the server stays the judge and its userErrors land on the same field keys.
import type {
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
  hardwareProfileId: string;
  acceptTerms: boolean;
}

export const EMPTY_FORM: WizardForm = {
  source: 'catalog',
  choiceId: '',
  platformHosted: true,
  huggingFaceConnectionId: '',
  huggingFaceRepoId: '',
  name: '',
  description: '',
  tags: '',
  technique: 'NONE',
  quantization: 'NONE',
  temperature: 0.7,
  maxLength: 512,
  topP: 0.9,
  topK: 40,
  stopSequences: '',
  inferenceBatchSize: 4,
  minReplicas: 1,
  maxReplicas: 1,
  scaleUpDelaySeconds: 30,
  scaleDownDelaySeconds: 600,
  hardwareProfileId: '',
  acceptTerms: false,
};

export const TECHNIQUE_LABELS: Record<OptimizationTechnique, string> = {
  NONE: 'Skip optimization',
  CTRANSLATE2: 'CTranslate2',
  VLLM: 'vLLM',
  GGUF_QUANTIZATION: 'GGUF quantization (CPU)',
};

/** Quantizations each technique offers; the first is the default when switching technique. */
export const QUANTIZATIONS: Record<OptimizationTechnique, Quantization[]> = {
  NONE: ['NONE'],
  CTRANSLATE2: ['NONE', 'INT8_FLOAT16'],
  VLLM: ['NONE', 'AWQ'],
  GGUF_QUANTIZATION: ['Q8_0', 'Q4_K_M'],
};

export function stepsFor(form: Pick<WizardForm, 'source' | 'platformHosted'>): WizardStep[] {
  if (form.source === 'huggingFace') return ['general', 'import', 'parameters', 'hardware', 'review'];
  return form.platformHosted
    ? ['general', 'optimization', 'parameters', 'hardware', 'review']
    : ['general', 'parameters', 'hardware', 'review'];
}

/** The step a field key (userError path without `input.`, e.g. `parameters.topK`) belongs to. */
export function stepOfField(field: string): WizardStep {
  if (field.startsWith('huggingFace')) return 'import';
  if (['name', 'description', 'tags', 'modelId', 'catalogEntryId'].includes(field)) return 'general';
  if (field.startsWith('optimization')) return 'optimization';
  if (field.startsWith('parameters') || field.startsWith('scaling')) return 'parameters';
  if (field === 'hardwareProfileId') return 'hardware';
  return 'review';
}

export type FieldErrors = Record<string, string>;

function range(errors: FieldErrors, key: string, value: number, min: number, max: number, integer: boolean) {
  if (!Number.isFinite(value)) errors[key] = 'Enter a number.';
  else if (integer && !Number.isInteger(value)) errors[key] = 'Enter a whole number.';
  else if (value < min || value > max) errors[key] = `Must be between ${min} and ${max}.`;
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
  }
  if (step === 'import' && !/^[\w.-]+\/[\w.-]+$/.test(form.huggingFaceRepoId.trim())) {
    errors['huggingFace.repoId'] = 'Enter a repository id like owner/model-name.';
  }
  if (step === 'parameters') {
    const p = 'parameters.';
    const s = 'scaling.';
    range(errors, `${p}temperature`, form.temperature, 0, 2, false);
    range(errors, `${p}maxLength`, form.maxLength, 1, 32768, true);
    range(errors, `${p}topP`, form.topP, 0, 1, false);
    range(errors, `${p}topK`, form.topK, 1, 100, true);
    if (splitList(form.stopSequences, /\n/).length > 4)
      errors[`${p}stopSequences`] = 'At most 4 stop sequences.';
    range(errors, `${p}inferenceBatchSize`, form.inferenceBatchSize, 1, 256, true);
    range(errors, `${s}minReplicas`, form.minReplicas, 1, 10, true);
    range(errors, `${s}maxReplicas`, form.maxReplicas, 1, 50, true);
    if (!errors[`${s}maxReplicas`] && form.maxReplicas < form.minReplicas)
      errors[`${s}maxReplicas`] = 'Must be at least the minimum replicas.';
    range(errors, `${s}scaleUpDelaySeconds`, form.scaleUpDelaySeconds, 0, 3600, true);
    range(errors, `${s}scaleDownDelaySeconds`, form.scaleDownDelaySeconds, 0, 3600, true);
  }
  if (step === 'hardware' && !form.hardwareProfileId) errors.hardwareProfileId = 'Select the hardware.';
  if (step === 'review' && !form.acceptTerms)
    errors.acceptTerms = 'Accept the terms and conditions to deploy.';
  return errors;
}

export function configurationOf(form: WizardForm) {
  const optimization =
    form.platformHosted && form.source !== 'huggingFace'
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
