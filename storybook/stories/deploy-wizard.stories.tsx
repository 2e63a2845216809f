import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { DeployWizard, type WizardStep } from '@hangar/components';
import {
  DeployModelDocument,
  DeployWizardConnectionsDocument,
  DeployWizardCurrentDocument,
  DeployWizardOptionsDocument,
  DeployWizardSuggestionDocument,
  PlanDeploymentDocument,
  RedeployDeploymentDocument,
} from '@hangar/components/documents';
import { configuration, currentDeployment, wizardOptions } from '../mocks/fixtures.js';
import { answer, fail, mutation, withMocks } from '../mocks/mocked-graphql.js';
import { dark } from '../mocks/themes.js';

const deployed = {
  __typename: 'DeployModelPayload',
  deployment: {
    __typename: 'Deployment',
    id: 'RGVwbG95bWVudDo5',
    deploymentId: 'dep-new',
    name: 'Support bot',
    status: 'DEPLOYING',
  },
  userErrors: [],
};
const sentDeploys: Array<Record<string, unknown>> = [];
const deployOk = mutation(DeployModelDocument, (variables) => {
  sentDeploys.push(variables);
  return { deployModel: deployed };
});
const options = answer(DeployWizardOptionsDocument, wizardOptions);

const meta = {
  title: 'Deploy/DeployWizard',
  component: DeployWizard,
  args: { onDeployed: fn(), onStepChange: fn(), onCancel: fn() },
  decorators: [withMocks([options, deployOk])],
} satisfies Meta<typeof DeployWizard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const GeneralDetails: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('option', { name: 'Llama 3 8B Instruct' })).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: /General details/ })).toHaveAttribute(
      'aria-current',
      'step',
    );
  },
};

export const Optimization: Story = { args: { defaultStep: 'optimization' } };
export const Parameters: Story = { args: { defaultStep: 'parameters' } };
/** The scaling part offers scale to zero: its help and range come from the configuration table. */
export const ScaleToZero: Story = {
  args: { defaultStep: 'parameters' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const field = await canvas.findByLabelText('Scale to zero after (seconds)');
    await expect(field).toHaveValue(0);
    await expect(field).toHaveAccessibleDescription(expect.stringContaining('(0: never)'));
    await userEvent.clear(field);
    await userEvent.type(field, '90000');
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));
    await expect(field).toHaveAccessibleDescription(expect.stringContaining('Must be between 0 and 86400.'));
  },
};
/** The autoscaler's LLM-signal targets: optional (0), label, help and range from the configuration table. */
export const AutoscalingTargets: Story = {
  args: { defaultStep: 'parameters' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const ttft = await canvas.findByLabelText('Target time to first token (ms)');
    await expect(ttft).toHaveValue(0);
    await expect(ttft).toHaveAccessibleDescription(expect.stringContaining('(0: no target)'));
    const tokens = canvas.getByLabelText('Target tokens/s per replica');
    await expect(tokens).toHaveValue(0);
    await userEvent.clear(ttft);
    await userEvent.type(ttft, '60001');
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));
    await expect(ttft).toHaveAccessibleDescription(expect.stringContaining('Must be between 0 and 60000.'));
  },
};
export const Hardware: Story = { args: { defaultStep: 'hardware' } };
export const Review: Story = { args: { defaultStep: 'review' } };
/** The Hugging Face path: connections come from the server; the repository id is checked before going on. */
export const HuggingFace: Story = {
  args: { defaultSource: 'huggingFace', defaultStep: 'import' },
  decorators: [
    withMocks([
      options,
      answer(DeployWizardConnectionsDocument, {
        connections: [
          { __typename: 'Connection', id: 'Q29ubmVjdGlvbjox', name: 'Team token', tokenHint: 'hf_…x1Yz' },
        ],
      }),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('option', { name: 'Team token' })).toBeInTheDocument();
    const repo = canvas.getByLabelText('Hugging Face model name');
    await userEvent.type(repo, 'tinyllama');
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));
    await expect(repo).toHaveAccessibleDescription(expect.stringContaining('owner/model-name'));
    await userEvent.clear(repo);
    await userEvent.type(repo, 'TinyLlama/TinyLlama-1.1B-Chat-v1.0');
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));
    await expect(await canvas.findByRole('heading', { name: 'Parameters' })).toBeVisible();
  },
};

export const Loading: Story = { decorators: [withMocks([answer(DeployWizardOptionsDocument, 'loading')])] };
export const Error: Story = {
  decorators: [withMocks([fail(DeployWizardOptionsDocument, 'Service unavailable')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Service unavailable');
  },
};

/** The whole platform-hosted path by keyboard, terms enforced, and the exact mutation input. */
export const DeployByKeyboard: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    sentDeploys.length = 0;
    await canvas.findByRole('option', { name: 'Llama 3 8B Instruct' });

    // General details: Next with nothing filled stops at the fields.
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));
    await expect(canvas.getByLabelText('Model')).toHaveAccessibleDescription('Select a model.');
    await userEvent.selectOptions(canvas.getByLabelText('Model'), 'llama-3-8b-instruct');
    await userEvent.type(canvas.getByLabelText('Deployment name'), 'Support bot');
    await userEvent.type(canvas.getByLabelText('Tags'), 'support, prod');
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));

    // Optimization (platform hosted): vLLM with AWQ.
    await expect(canvas.getByRole('heading', { name: 'Optimization' })).toHaveFocus();
    await userEvent.click(canvas.getByRole('radio', { name: 'vLLM' }));
    await userEvent.selectOptions(canvas.getByLabelText('Quantization'), 'AWQ');
    // Enter in a text or radio control submits the step, as in any HTML form.
    canvas.getByRole('radio', { name: 'vLLM' }).focus();
    await userEvent.keyboard('{Enter}');

    // Parameters: an out-of-range value is caught before the server.
    await expect(canvas.getByRole('heading', { name: 'Parameters' })).toHaveFocus();
    await userEvent.clear(canvas.getByLabelText('Temperature'));
    await userEvent.type(canvas.getByLabelText('Temperature'), '3');
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));
    await expect(canvas.getByText('Must be between 0 and 2.')).toBeVisible();
    await userEvent.clear(canvas.getByLabelText('Temperature'));
    await userEvent.type(canvas.getByLabelText('Temperature'), '0.3');
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));

    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Hardware' }), 'gpu-a10g');
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));

    // Review: Deploy needs the terms.
    await expect(canvas.getByText('Support bot')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Deploy' }));
    await expect(canvas.getByText('Accept the terms and conditions to deploy.')).toBeVisible();
    await expect(args.onDeployed).not.toHaveBeenCalled();
    await userEvent.click(canvas.getByRole('checkbox', { name: 'I accept all the Terms and Conditions' }));

    // Jump back to a finished step from the step list, then return.
    await userEvent.click(canvas.getByRole('button', { name: /Optimization/ }));
    await expect(canvas.getByRole('radio', { name: 'vLLM' })).toBeChecked();
    await userEvent.click(canvas.getByRole('button', { name: /Review/ }));
    await userEvent.click(canvas.getByRole('button', { name: 'Deploy' }));

    await waitFor(() =>
      expect(args.onDeployed).toHaveBeenCalledWith(expect.objectContaining({ deploymentId: 'dep-new' })),
    );
    const input = sentDeploys[0]?.input as Record<string, unknown>;
    await expect(input).toMatchObject({
      name: 'Support bot',
      catalogEntryId: 'llama-3-8b-instruct',
      tags: ['support', 'prod'],
      acceptTerms: true,
      optimization: { technique: 'VLLM', quantization: 'AWQ' },
      parameters: { temperature: 0.3 },
      hardwareProfileId: 'gpu-a10g',
    });
    await expect(args.onStepChange).toHaveBeenCalledWith('review');
  },
};

/** "Start now" unchecked saves without starting; the endpoint timeout goes with the deploy; the terms link to `termsHref`. */
export const SaveWithoutStarting: Story = {
  args: { termsHref: '#/acme-terms' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    sentDeploys.length = 0;
    await canvas.findByRole('option', { name: 'Llama 3 8B Instruct' });
    await userEvent.selectOptions(canvas.getByLabelText('Model'), 'llama-3-8b-instruct');
    await userEvent.type(canvas.getByLabelText('Deployment name'), 'Saved bot');
    const timeout = canvas.getByLabelText('Endpoint timeout (seconds)');
    await expect(timeout).toHaveValue(60);
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '10');
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));
    await expect(timeout).toHaveAccessibleDescription(expect.stringContaining('Must be between 30 and 180.'));
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '120');
    for (let i = 0; i < 3; i++) await userEvent.click(canvas.getByRole('button', { name: 'Next' }));
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Hardware' }), 'gpu-a10g');
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));

    await expect(canvas.getByRole('link', { name: 'Terms and Conditions' })).toHaveAttribute(
      'href',
      '#/acme-terms',
    );
    await userEvent.click(canvas.getByRole('checkbox', { name: 'I accept all the Terms and Conditions' }));
    await userEvent.click(canvas.getByRole('checkbox', { name: /Start the deployment now/ }));
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(args.onDeployed).toHaveBeenCalled());
    await expect(sentDeploys[0]?.input).toMatchObject({ startNow: false, endpointTimeoutSeconds: 120 });
  },
};

/** A server userError lands at its field, on its step. */
export const ServerErrorAtField: Story = {
  args: { defaultStep: 'review', modelId: 'TW9kZWw6Mg' },
  decorators: [
    withMocks([
      options,
      answer(DeployWizardSuggestionDocument, {
        model: {
          __typename: 'Model',
          id: 'TW9kZWw6Mg',
          suggestedDeployConfig: {
            ...configuration,
            __typename: 'SuggestedDeployConfig',
            description: 'Exported from staging.',
            tags: ['support'],
          },
        },
      }),
      mutation(DeployModelDocument, () => ({
        deployModel: {
          __typename: 'DeployModelPayload',
          deployment: null,
          userErrors: [
            {
              __typename: 'UserError',
              field: ['input', 'parameters', 'topK'],
              message: 'Top k must be at most 50 for this model.',
              code: 'OUT_OF_RANGE',
            },
          ],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // The imported model's deployconfig.json pre-filled the configuration, description and tags.
    await expect(await canvas.findByText('0.2')).toBeVisible();
    await expect(canvas.getByText('Exported from staging.')).toBeVisible();
    await userEvent.click(canvas.getByRole('checkbox', { name: 'I accept all the Terms and Conditions' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Deploy' }));
    await expect(await canvas.findByRole('heading', { name: 'Parameters' })).toBeVisible();
    await expect(canvas.getByLabelText('Top k')).toHaveAccessibleDescription(
      expect.stringContaining('Top k must be at most 50 for this model.'),
    );
  },
};

/** A project quota refuses the deploy: the wizard goes back to the field that asked for the replicas. */
export const QuotaExceededAtField: Story = {
  args: { defaultStep: 'review', modelId: 'TW9kZWw6Mg' },
  decorators: [
    withMocks([
      options,
      answer(DeployWizardSuggestionDocument, {
        model: {
          __typename: 'Model',
          id: 'TW9kZWw6Mg',
          suggestedDeployConfig: {
            ...configuration,
            __typename: 'SuggestedDeployConfig',
            description: 'Exported from staging.',
            tags: ['support'],
          },
        },
      }),
      mutation(DeployModelDocument, () => ({
        deployModel: {
          __typename: 'DeployModelPayload',
          deployment: null,
          userErrors: [
            {
              __typename: 'UserError',
              field: ['input', 'scaling', 'maxReplicas'],
              message: 'Project acme allows at most 2 replicas; it runs 2 — this asks for 1 more.',
              code: 'QUOTA_EXCEEDED',
            },
          ],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Exported from staging.')).toBeVisible();
    await userEvent.click(canvas.getByRole('checkbox', { name: 'I accept all the Terms and Conditions' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Deploy' }));
    await expect(await canvas.findByRole('heading', { name: 'Parameters' })).toBeVisible();
    await expect(canvas.getByLabelText('Maximum replicas')).toHaveAccessibleDescription(
      expect.stringContaining('Project acme allows at most 2 replicas; it runs 2 — this asks for 1 more.'),
    );
  },
};

export const Redeploy: Story = {
  args: { deploymentId: 'RGVwbG95bWVudDox', defaultStep: 'parameters' },
  decorators: [
    withMocks([
      options,
      answer(DeployWizardCurrentDocument, currentDeployment),
      mutation(RedeployDeploymentDocument, () => ({
        redeployDeployment: { ...deployed, deployment: { ...deployed.deployment, name: 'Flan T5' } },
      })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByLabelText('Temperature')).toHaveValue(0.2));
    await expect(canvas.getByLabelText('Top k')).toHaveValue(20);
  },
};

function ControlledWizard() {
  const [step, setStep] = useState<WizardStep>('hardware');
  return (
    <>
      <p>
        Host-controlled step: <output>{step}</output>
      </p>
      <DeployWizard step={step} onStepChange={setStep} />
    </>
  );
}

export const ControlledStep: Story = {
  render: () => <ControlledWizard />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Hardware' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Back' }));
    await expect(canvas.getByRole('status')).toHaveTextContent('parameters');
  },
};

const plan = (
  fits: boolean | null,
  reasons: string[] = [],
  userErrors: unknown[] = [],
  quotaExceeded: string | null = null,
) =>
  answer(PlanDeploymentDocument, {
    planDeployment: { __typename: 'PlanDeploymentPayload', fits, reasons, userErrors, quotaExceeded },
  });

/** "Will it fit?" on the hardware step, asked again when the hardware changes. */
export const WillItFit: Story = {
  args: { modelId: 'TW9kZWw6MQ', defaultSource: 'model', defaultStep: 'hardware' },
  decorators: [withMocks([options, deployOk, plan(true)])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('option', { name: 'CPU · 2 cores · 4 GiB' });
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Hardware' }), 'cpu-small');
    const answerBox = await canvas.findByText(/It fits: the runtime can place this deployment now/);
    await expect(answerBox.closest('[data-fit]')).toHaveAttribute('data-fit', 'fits');
  },
};
export const WillItFitDark = dark(WillItFit);

export const DoesNotFit: Story = {
  args: { modelId: 'TW9kZWw6MQ', defaultSource: 'model', defaultStep: 'hardware' },
  decorators: [withMocks([options, deployOk, plan(false, ['No node has a free GPU with ≥ 24 GiB.'])])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('option', { name: '1× NVIDIA A10G · 24 GiB' });
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Hardware' }), 'gpu-a10g');
    await expect(await canvas.findByText('No node has a free GPU with ≥ 24 GiB.')).toBeVisible();
    await expect(canvasElement.querySelector('[data-fit]')).toHaveAttribute('data-fit', 'does-not-fit');
  },
};
export const DoesNotFitDark = dark(DoesNotFit);

export const PlanRefused: Story = {
  args: { modelId: 'TW9kZWw6MQ', defaultSource: 'model', defaultStep: 'hardware' },
  decorators: [
    withMocks([
      options,
      deployOk,
      plan(
        null,
        [],
        [
          {
            __typename: 'UserError',
            field: ['input', 'parameters', 'topK'],
            message: 'Top k must be at most 50 for this model.',
            code: 'OUT_OF_RANGE',
          },
        ],
      ),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('option', { name: 'CPU · 2 cores · 4 GiB' });
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Hardware' }), 'cpu-small');
    await expect(await canvas.findByText(/Cannot check yet: Top k must be at most 50/)).toBeVisible();
  },
};
export const PlanRefusedDark = dark(PlanRefused);

const OVER_QUOTA = 'Project acme allows at most 1 concurrent deployment; it runs 1 — this asks for 1 more.';
/** The project's quota, not the cluster, stops the deploy: the answer says so. */
export const OverQuota: Story = {
  args: { modelId: 'TW9kZWw6MQ', defaultSource: 'model', defaultStep: 'hardware' },
  decorators: [withMocks([options, deployOk, plan(false, [OVER_QUOTA], [], OVER_QUOTA)])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('option', { name: 'CPU · 2 cores · 4 GiB' });
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Hardware' }), 'cpu-small');
    await expect(
      await canvas.findByText(/The project's quota stops this deploy, not the hardware/),
    ).toBeVisible();
    await expect(canvasElement.querySelector('[data-fit]')).toHaveAttribute('data-fit', 'over-quota');
  },
};
export const OverQuotaDark = dark(OverQuota);
