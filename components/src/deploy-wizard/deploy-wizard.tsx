import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type ComponentPropsWithRef, type FormEvent } from 'react';
import {
  DeployModelDocument,
  DeployWizardCurrentDocument,
  DeployWizardConnectionsDocument,
  DeployWizardOptionsDocument,
  DeployWizardSuggestionDocument,
  RedeployDeploymentDocument,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { userErrorsByField } from '../shared/user-errors.js';
import { useControllableState } from '../shared/use-controllable-state.js';
import {
  EMPTY_FORM,
  STEP_TITLES,
  stepOfField,
  stepsFor,
  toDeployInput,
  toRedeployInput,
  validateStep,
  withConfiguration,
  type FieldErrors,
  type WizardForm,
  type WizardSource,
  type WizardStep,
} from './deploy-wizard.form.js';
import { WizardFields } from './deploy-wizard.fields.js';
import { PlacementCheck } from './deploy-wizard.plan.js';
import '../styles/theme.css';
import './deploy-wizard.css';

export type { WizardStep, WizardSource } from './deploy-wizard.form.js';

/** CSS variables DeployWizard reads beyond the theme's. */
export type DeployWizardCssVariables = '--hangar-wizard-nav-width' | '--hangar-wizard-fit-border';

export interface DeployedDeployment {
  id: string;
  deploymentId: string;
  name: string;
  status: string;
}

export type DeployWizardProps = Omit<ComponentPropsWithRef<'div'>, 'children'> & {
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Redeploy this deployment (global ID): pre-filled from its current configuration. @default undefined (new deploy) */
  deploymentId?: string;
  /** Pre-select an imported model (global ID); its deployconfig.json, if any, pre-fills the steps. @default undefined */
  modelId?: string;
  /** Where the model comes from initially. @default 'catalog', or 'model' when `modelId` is given */
  defaultSource?: WizardSource;
  /** Hugging Face connections to offer (private repositories). @default the server's `connections` */
  huggingFaceConnections?: ReadonlyArray<{ id: string; name: string }>;
  /** The visible step (controlled). @default undefined */
  step?: WizardStep;
  /** The first step when uncontrolled. @default 'general' */
  defaultStep?: WizardStep;
  /** Called when the user moves to another step. @default undefined */
  onStepChange?: (step: WizardStep) => void;
  /** Called once the server accepted the deploy or redeploy. @default undefined */
  onDeployed?: (deployment: DeployedDeployment) => void;
  /** Shows a Cancel button that calls this. @default undefined */
  onCancel?: () => void;
  /** Where the review step's "Terms and Conditions" link goes (opens in a new tab). @default '/terms' */
  termsHref?: string;
};

/**
 * The Deploy dialog's steps: General details → Optimization (platform-hosted only) or Import model (Hugging
 * Face) → Parameters → Hardware → Review with the terms → Deploy. Also the redeploy form.
 */
export function DeployWizard({
  client: clientProp,
  deploymentId,
  modelId,
  defaultSource,
  huggingFaceConnections,
  step: stepProp,
  defaultStep = 'general',
  onStepChange,
  onDeployed,
  onCancel,
  termsHref = '/terms',
  className,
  ...rest
}: DeployWizardProps) {
  const client = useHangarClient('DeployWizard', clientProp);
  const mode = deploymentId ? 'redeploy' : 'deploy';
  const [step, setStep] = useControllableState(stepProp, defaultStep, onStepChange);
  const [form, setForm] = useState<WizardForm>(() => ({
    ...EMPTY_FORM,
    source: defaultSource ?? (modelId ? 'model' : 'catalog'),
    choiceId: modelId ?? '',
    platformHosted: !modelId && (defaultSource ?? 'catalog') === 'catalog',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [visited, setVisited] = useState<Set<WizardStep>>(() => new Set([defaultStep]));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const movedByUser = useRef(false);

  const options = useQuery(DeployWizardOptionsDocument, { client });
  const current = useQuery(DeployWizardCurrentDocument, {
    client,
    variables: { id: deploymentId ?? '' },
    skip: !deploymentId,
  });
  const [deployModel, deploying] = useMutation(DeployModelDocument, { client });
  const [redeploy, redeploying] = useMutation(RedeployDeploymentDocument, { client });

  const connections = useQuery(DeployWizardConnectionsDocument, {
    client,
    skip: huggingFaceConnections !== undefined || form.source !== 'huggingFace',
    errorPolicy: 'ignore',
  });

  const suggestion = useQuery(DeployWizardSuggestionDocument, {
    client,
    variables: { modelId: form.choiceId },
    skip: mode === 'redeploy' || form.source !== 'model' || !form.choiceId,
    errorPolicy: 'ignore',
  });

  // Redeploy: start from the deployment's current configuration, once.
  const prefilled = useRef(false);
  useEffect(() => {
    if (prefilled.current) return;
    const deployment = current.data?.deployment;
    if (deployment) {
      prefilled.current = true;
      setForm((f) => ({
        ...withConfiguration(f, deployment.configuration),
        source: 'model',
        choiceId: deployment.model.id,
        platformHosted: deployment.model.source === 'PLATFORM',
        name: deployment.name,
        description: deployment.description,
        tags: deployment.tags.join(', '),
      }));
    }
  }, [current.data]);

  // A chosen imported model: name it after the model, and pre-fill from its deployconfig.json when it has one.
  const named = useRef<string | null>(null);
  useEffect(() => {
    if (mode === 'redeploy' || form.source !== 'model' || !form.choiceId || named.current === form.choiceId)
      return;
    const model = options.data?.models.nodes.find((m) => m.id === form.choiceId);
    if (!model) return;
    named.current = form.choiceId;
    setForm((f) => ({ ...f, platformHosted: model.source === 'PLATFORM', name: f.name || model.name }));
  }, [mode, form.source, form.choiceId, options.data]);
  const suggested = useRef<string | null>(null);
  useEffect(() => {
    const model = suggestion.data?.model;
    if (!model?.suggestedDeployConfig || suggested.current === model.id || model.id !== form.choiceId) return;
    suggested.current = model.id;
    const config = model.suggestedDeployConfig;
    setForm((f) => ({
      ...withConfiguration(f, config),
      description: f.description || (config.description ?? ''),
      tags: f.tags || (config.tags ?? []).join(', '),
    }));
  }, [suggestion.data, form.choiceId]);

  const hardwareProfiles = options.data?.hardwareProfiles ?? [];
  // One usable profile means nothing to choose; pre-select it so Next works at once.
  useEffect(() => {
    const available = hardwareProfiles.filter((p) => p.available);
    const only = available.length === 1 ? available[0] : undefined;
    if (only && !form.hardwareProfileId) setForm((f) => ({ ...f, hardwareProfileId: only.id }));
  }, [hardwareProfiles, form.hardwareProfileId]);

  const steps = stepsFor(form);
  const visibleStep = steps.includes(step) ? step : 'general';
  const index = steps.indexOf(visibleStep);

  useEffect(() => {
    if (movedByUser.current) headingRef.current?.focus();
    movedByUser.current = false;
  }, [visibleStep]);

  function update(patch: Partial<WizardForm>) {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(e))
        if (Object.keys(patch).some((p) => key === p || key.endsWith(`.${p}`))) delete next[key];
      if ('choiceId' in patch) {
        delete next.modelId;
        delete next.catalogEntryId;
      }
      return next;
    });
  }

  function goTo(next: WizardStep) {
    movedByUser.current = true;
    setVisited((v) => new Set(v).add(next));
    setStep(next);
  }

  function next() {
    const found = validateStep(visibleStep, form, mode);
    setErrors(found);
    if (Object.keys(found).length) return;
    const following = steps[index + 1];
    if (following) goTo(following);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (visibleStep !== 'review') return next();
    for (const s of steps) {
      const found = validateStep(s, form, mode);
      if (Object.keys(found).length) {
        setErrors(found);
        if (s !== visibleStep) goTo(s);
        return;
      }
    }
    try {
      const result =
        mode === 'redeploy' && deploymentId
          ? (await redeploy({ variables: { input: toRedeployInput(form, deploymentId) } })).data
              ?.redeployDeployment
          : (await deployModel({ variables: { input: toDeployInput(form) } })).data?.deployModel;
      if (!result) return;
      if (result.userErrors.length) {
        const byField = userErrorsByField(result.userErrors);
        setErrors(byField);
        const firstStep = steps.find((s) =>
          Object.keys(byField).some((field) => field && stepOfField(field) === s),
        );
        if (firstStep && firstStep !== visibleStep) goTo(firstStep);
        return;
      }
      if (result.deployment) onDeployed?.(result.deployment);
    } catch (e) {
      setErrors({ '': (e as Error).message });
    }
  }

  const busy = deploying.loading || redeploying.loading;
  const loadError = options.error ?? current.error;
  const state = loadError
    ? 'error'
    : options.loading && !options.data
      ? 'loading'
      : busy
        ? 'submitting'
        : 'ready';

  return (
    <div
      {...rest}
      className={classNames('hangar-root hangar-wizard', className)}
      data-state={state}
      data-step={visibleStep}
      data-mode={mode}
    >
      <nav
        className="hangar-wizard__nav"
        aria-label={mode === 'redeploy' ? 'Redeploy steps' : 'Deploy steps'}
      >
        <ol>
          {steps.map((s, i) => {
            const status =
              s === visibleStep ? 'current' : i < index || visited.has(s) ? 'complete' : 'upcoming';
            return (
              <li key={s} data-state={status}>
                <button
                  type="button"
                  className="hangar-wizard__step"
                  aria-current={s === visibleStep ? 'step' : undefined}
                  disabled={status === 'upcoming'}
                  onClick={() => goTo(s)}
                >
                  <span className="hangar-wizard__step-number" aria-hidden="true">
                    {i + 1}
                  </span>
                  {STEP_TITLES[s]}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <form
        className="hangar-wizard__panel"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby={headingId}
      >
        <h2 className="hangar-wizard__heading" id={headingId} ref={headingRef} tabIndex={-1}>
          {mode === 'redeploy' ? 'Redeploy · ' : ''}
          {STEP_TITLES[visibleStep]}
        </h2>
        {loadError ? (
          <p role="alert" className="hangar-error">
            Could not load the deploy options: {loadError.message}
          </p>
        ) : null}
        {state === 'loading' ? <p className="hangar-muted">Loading models and hardware…</p> : null}
        <WizardFields
          step={visibleStep}
          mode={mode}
          form={form}
          errors={errors}
          update={update}
          catalog={options.data?.catalog ?? []}
          models={options.data?.models.nodes ?? []}
          hardwareProfiles={hardwareProfiles}
          huggingFaceConnections={huggingFaceConnections ?? connections.data?.connections ?? []}
          termsHref={termsHref}
        />
        <PlacementCheck client={client} form={form} step={visibleStep} />
        {errors[''] ? (
          <p role="alert" className="hangar-error">
            {errors['']}
          </p>
        ) : null}
        <div className="hangar-wizard__actions">
          {onCancel ? (
            <button type="button" className="hangar-button" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
          <button
            type="button"
            className="hangar-button"
            disabled={index === 0}
            onClick={() => goTo(steps[index - 1] ?? 'general')}
          >
            Back
          </button>
          <button type="submit" className="hangar-button" data-variant="primary" disabled={busy}>
            {visibleStep !== 'review'
              ? 'Next'
              : mode === 'deploy' && !form.startNow
                ? busy
                  ? 'Saving…'
                  : 'Save'
                : busy
                  ? 'Deploying…'
                  : 'Deploy'}
          </button>
        </div>
      </form>
    </div>
  );
}
