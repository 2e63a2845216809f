import type { ApolloClient } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { PlanDeploymentDocument, type PlanDeploymentInput } from '../gql/graphql.js';
import { configurationOf, type WizardForm, type WizardStep } from './deploy-wizard.form.js';

/**
 * What planDeployment needs from the form; null when there is nothing to plan yet (no model or hardware
 * chosen) or the model comes from Hugging Face (planDeployment takes an imported model or a catalog entry).
 */
export function planInputOf(form: WizardForm): PlanDeploymentInput | null {
  if (!form.choiceId || !form.hardwareProfileId) return null;
  // A redeploy's form holds the deployment's model as an imported model (source 'model'), by global ID.
  const model =
    form.source === 'model'
      ? { modelId: form.choiceId }
      : form.source === 'catalog'
        ? { catalogEntryId: form.choiceId }
        : null;
  if (!model) return null;
  const { optimization, parameters, hardwareProfileId, scaling } = configurationOf(form);
  return { ...model, optimization, parameters, hardwareProfileId, scaling };
}

/**
 * The "will it fit?" answer on the hardware and review steps: asks the runtime (planDeployment, a dry run
 * that changes nothing) whether the configuration can be placed now, and why not.
 */
export function PlacementCheck({
  client,
  form,
  step,
}: {
  client: ApolloClient;
  form: WizardForm;
  step: WizardStep;
}) {
  const input = planInputOf(form);
  const shown = (step === 'hardware' || step === 'review') && input !== null;
  const { data, loading, error } = useQuery(PlanDeploymentDocument, {
    client,
    variables: { input: input ?? { hardwareProfileId: '' } },
    skip: !shown,
    // Free capacity changes by the minute: ask again each time the step shows.
    fetchPolicy: 'network-only',
  });
  if (!shown) return null;
  const plan = data?.planDeployment;
  const fit = error
    ? 'unknown'
    : loading || !plan
      ? 'checking'
      : plan.fits === true
        ? 'fits'
        : plan.fits === false
          ? plan.quotaExceeded
            ? 'over-quota'
            : 'does-not-fit'
          : 'invalid';
  return (
    <div role="status" className="hangar-wizard__fit" data-fit={fit}>
      {fit === 'checking' ? <p className="hangar-muted">Checking whether it fits the hardware now…</p> : null}
      {fit === 'fits' ? (
        <p>
          <span aria-hidden="true">✓ </span>It fits: the runtime can place this deployment now.
        </p>
      ) : null}
      {fit === 'does-not-fit' && plan ? (
        <>
          <p>
            <span aria-hidden="true">✗ </span>It does not fit now. Choose other hardware or fewer replicas:
          </p>
          <ul>
            {plan.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      ) : null}
      {fit === 'over-quota' && plan ? (
        <>
          <p>
            <span aria-hidden="true">✗ </span>The project&apos;s quota stops this deploy, not the hardware:{' '}
            {plan.quotaExceeded} Ask an instance admin for a higher quota, or use fewer replicas.
          </p>
          {plan.reasons.length > 1 ? (
            <ul>
              {plan.reasons.slice(1).map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {fit === 'invalid' && plan ? (
        <p className="hangar-error">
          Cannot check yet:{' '}
          {plan.userErrors.map((e) => e.message).join(' ') || 'the configuration is invalid.'}
        </p>
      ) : null}
      {fit === 'unknown' && error ? (
        <p className="hangar-muted">Could not check whether it fits: {error.message}</p>
      ) : null}
    </div>
  );
}
