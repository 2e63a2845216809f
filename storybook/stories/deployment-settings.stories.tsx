import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { DeploymentSettings } from '@hangar/components';
import {
  DeleteDeploymentDocument,
  DeploymentRowUpdatesDocument,
  DeploymentSettingsDocument,
  RetriggerDeploymentDocument,
  UndeployDeploymentDocument,
  UpdateDeploymentDocument,
} from '@hangar/components/documents';
import { deploymentRow } from '../mocks/fixtures.js';
import { answer, fail, mutation, quietSubscription, withMocks } from '../mocks/mocked-graphql.js';
import { dark } from '../mocks/themes.js';

const deployed = deploymentRow(1, 'DEPLOYED');
const undeployed = deploymentRow(1, 'UNDEPLOYED');
const sentUpdates: Array<Record<string, unknown>> = [];

const meta = {
  title: 'Deployments/DeploymentSettings',
  component: DeploymentSettings,
  args: { deploymentId: deployed.id, onSaved: fn(), onStarted: fn(), onUndeployed: fn(), onDeleted: fn() },
} satisfies Meta<typeof DeploymentSettings>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Timeout outside 30–180 is refused at the field; a valid edit is sent and confirmed. */
export const EditAndSave: Story = {
  decorators: [
    withMocks([
      answer(DeploymentSettingsDocument, { deployment: deployed }),
      mutation(UpdateDeploymentDocument, (variables) => {
        sentUpdates.push(variables);
        return {
          updateDeployment: {
            __typename: 'UpdateDeploymentPayload',
            deployment: { ...deployed, endpointTimeoutSeconds: 120 },
            userErrors: [],
          },
        };
      }),
    ]),
  ],
  play: async ({ canvasElement, args }) => {
    sentUpdates.length = 0;
    const canvas = within(canvasElement);
    const timeout = await canvas.findByLabelText('Model endpoint timeout (seconds)');
    await expect(timeout).toHaveValue(60);
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '200');
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    await expect(timeout).toHaveAccessibleDescription(expect.stringContaining('between 30 and 180'));
    await expect(timeout).toHaveAttribute('aria-invalid', 'true');
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '120');
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    await expect(await canvas.findByText('Saved.')).toBeVisible();
    await expect(args.onSaved).toHaveBeenCalledOnce();
    await expect(sentUpdates[0]?.input).toMatchObject({ endpointTimeoutSeconds: 120, tags: ['prod'] });
  },
};

/** A running deployment: delete waits for an undeploy, which asks first. */
/** A deployment saved without starting (Ready to Deploy) starts from here with its saved configuration. */
export const StartSaved: Story = {
  decorators: [
    withMocks([
      answer(DeploymentSettingsDocument, { deployment: deploymentRow(1, 'READY_TO_DEPLOY') }),
      mutation(RetriggerDeploymentDocument, () => ({
        retriggerDeployment: {
          __typename: 'RetriggerDeploymentPayload',
          deployment: deploymentRow(1, 'DEPLOYING'),
          userErrors: [],
        },
      })),
      quietSubscription(DeploymentRowUpdatesDocument),
    ]),
  ],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Start deployment' }));
    await waitFor(() => expect(args.onStarted).toHaveBeenCalledOnce());
    // The deployment is no longer saved-only: the button leaves with the status.
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Start deployment' })).toBeNull());
  },
};
export const StartSavedDark = dark(StartSaved);

export const UndeployWithConfirmation: Story = {
  decorators: [
    withMocks([
      answer(DeploymentSettingsDocument, { deployment: deployed }),
      mutation(UndeployDeploymentDocument, () => ({
        undeployDeployment: {
          __typename: 'UndeployDeploymentPayload',
          deployment: undeployed,
          userErrors: [],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Proceed to delete' })).toBeDisabled();
    await userEvent.click(canvas.getByRole('button', { name: 'Proceed to undeploy' }));
    const dialog = await within(document.body).findByRole('dialog', { name: `Undeploy ${deployed.name}?` });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Undeploy' }));
    await waitFor(() => expect(args.onUndeployed).toHaveBeenCalledOnce());
    await expect(await canvas.findByText('Undeployed')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Proceed to delete' })).toBeEnabled();
  },
};

export const DeleteWithConfirmation: Story = {
  decorators: [
    withMocks([
      answer(DeploymentSettingsDocument, { deployment: undeployed }),
      mutation(DeleteDeploymentDocument, () => ({
        deleteDeployment: {
          __typename: 'DeleteDeploymentPayload',
          deletedDeploymentId: undeployed.id,
          userErrors: [],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Proceed to delete' }));
    const dialog = await within(document.body).findByRole('dialog', { name: `Delete ${undeployed.name}?` });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await expect(dialog).not.toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Proceed to delete' }));
    await userEvent.click(
      within(await within(document.body).findByRole('dialog')).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() => expect(args.onDeleted).toHaveBeenCalledWith(undeployed.id));
  },
};

/** Nothing runs any more: it can be undeployed (to record who stopped it), not deleted. */
export const Failed: Story = {
  decorators: [withMocks([answer(DeploymentSettingsDocument, { deployment: deploymentRow(1, 'FAILED') })])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Proceed to undeploy' })).toBeEnabled();
    await expect(canvas.getByRole('button', { name: 'Proceed to delete' })).toBeDisabled();
  },
};

/** A redeploy FAILED while the previous version still serves: undeploy it; delete waits. */
export const FailedWhileServing: Story = {
  decorators: [
    withMocks([
      answer(DeploymentSettingsDocument, { deployment: deploymentRow(1, 'FAILED', { serving: true }) }),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Proceed to undeploy' })).toBeEnabled();
    await expect(canvas.getByRole('button', { name: 'Proceed to delete' })).toBeDisabled();
  },
};
export const Loading: Story = { decorators: [withMocks([answer(DeploymentSettingsDocument, 'loading')])] };
export const NotFound: Story = {
  decorators: [withMocks([answer(DeploymentSettingsDocument, { deployment: null })])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('This deployment no longer exists.')).toBeVisible();
  },
};
export const Error: Story = {
  decorators: [withMocks([fail(DeploymentSettingsDocument, 'Forbidden')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Forbidden');
  },
};
