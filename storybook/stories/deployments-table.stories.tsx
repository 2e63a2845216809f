import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { DeploymentsTable } from '@hangar/components';
import {
  DeploymentListChangesDocument,
  DeploymentsTableDocument,
  RetriggerDeploymentDocument,
} from '@hangar/components/documents';
import { deploymentPage, deploymentRow, type DeploymentStatus } from '../mocks/fixtures.js';
import { answer, fail, mutation, quietSubscription, withMocks } from '../mocks/mocked-graphql.js';

const live = quietSubscription(DeploymentListChangesDocument);
const statuses: DeploymentStatus[] = [
  'DEPLOYED',
  'DEPLOYING',
  'OPTIMIZING',
  'FAILED',
  'READY_TO_DEPLOY',
  'UNDEPLOYED',
];

const meta = {
  title: 'Deployments/DeploymentsTable',
  component: DeploymentsTable,
  args: { modelId: 'TW9kZWw6MQ', onManageApiKeys: fn(), onOpenDeployment: fn() },
} satisfies Meta<typeof DeploymentsTable>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  decorators: [
    withMocks([
      answer(DeploymentsTableDocument, deploymentPage([deploymentRow(0), deploymentRow(1, 'DEPLOYING')])),
      live,
    ]),
  ],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('dep-rs')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Copy cURL for Flan T5' }));
    await expect(await navigator.clipboard.readText()).toMatch(
      /^curl http:\/\/localhost:4000\/api\/v2\/deployments\/dep-rs\/chat\/completions/,
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Manage API keys of Flan T5' }));
    await expect(args.onManageApiKeys).toHaveBeenCalledOnce();
  },
};

/** One row per status; Re-trigger only where the seed allows it (failed or stopped). */
export const AllStatuses: Story = {
  decorators: [
    withMocks([
      answer(DeploymentsTableDocument, deploymentPage(statuses.map((s, n) => deploymentRow(n, s)))),
      live,
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Optimizing')).toBeVisible();
    await expect(canvas.getAllByRole('button', { name: /^Re-trigger/ })).toHaveLength(2);
  },
};

/** A deployment that scaled to zero reads "Idle" and says the next request wakes it; a busy one stays "Deployed". */
export const Idle: Story = {
  decorators: [
    withMocks([
      answer(
        DeploymentsTableDocument,
        deploymentPage([deploymentRow(0, 'DEPLOYED', { idle: true, serving: false }), deploymentRow(1)]),
      ),
      live,
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const badge = await canvas.findByText('Idle');
    await expect(badge).toHaveAttribute('data-status', 'idle');
    await expect(badge).toHaveAttribute('title', 'Idle — wakes on the next request');
    await expect(canvas.getByText('Deployed')).toHaveAttribute('data-status', 'deployed');
  },
};

export const Loading: Story = {
  decorators: [withMocks([answer(DeploymentsTableDocument, 'loading'), live])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading deployments…')).toBeVisible();
  },
};

export const Empty: Story = {
  decorators: [withMocks([answer(DeploymentsTableDocument, deploymentPage([])), live])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No deployments yet.')).toBeVisible();
  },
};

export const Error: Story = {
  decorators: [withMocks([fail(DeploymentsTableDocument, 'Forbidden'), live])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Forbidden');
  },
};

export const LongList: Story = {
  decorators: [
    withMocks([
      answer(
        DeploymentsTableDocument,
        deploymentPage(
          Array.from({ length: 20 }, (_, n) => deploymentRow(n, statuses[n % 6])),
          true,
        ),
      ),
      live,
    ]),
  ],
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByRole('navigation', { name: 'Deployment pages' }),
    ).toBeVisible();
  },
};

export const RetriggerRefused: Story = {
  decorators: [
    withMocks([
      answer(DeploymentsTableDocument, deploymentPage([deploymentRow(0, 'FAILED')])),
      live,
      mutation(RetriggerDeploymentDocument, () => ({
        retriggerDeployment: {
          __typename: 'RetriggerDeploymentPayload',
          deployment: null,
          userErrors: [
            { __typename: 'UserError', field: null, message: 'The model was deleted.', code: 'CONFLICT' },
          ],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Re-trigger Flan T5' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('The model was deleted.');
  },
};

/** A page answered once with `first`, then (the refetch a change causes) always with `then`. */
function pages(first: unknown, then: unknown) {
  return [
    {
      request: { query: DeploymentsTableDocument, variables: () => true },
      result: { data: first },
      delay: 20,
    },
    answer(DeploymentsTableDocument, then),
  ] as ReturnType<typeof answer>[];
}

/** Another user deploys the model: the row appears without a reload. */
export const PicksUpNewDeployment: Story = {
  decorators: [
    withMocks([
      ...pages(deploymentPage([deploymentRow(0)]), deploymentPage([deploymentRow(1), deploymentRow(0)])),
      {
        request: { query: DeploymentListChangesDocument, variables: () => true },
        result: {
          data: {
            deploymentsChanged: {
              __typename: 'DeploymentChange',
              kind: 'CREATED',
              id: deploymentRow(1).id,
              deployment: deploymentRow(1, 'DEPLOYING'),
            },
          },
        },
        delay: 300,
      },
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Flan T5')).toBeVisible();
    await expect(canvas.queryByText('Support bot')).toBeNull();
    await expect(await canvas.findByText('Support bot')).toBeVisible();
  },
};

/** Another user deletes a deployment: its row leaves without a reload. */
export const DropsDeletedDeployment: Story = {
  decorators: [
    withMocks([
      ...pages(deploymentPage([deploymentRow(1), deploymentRow(0)]), deploymentPage([deploymentRow(0)])),
      {
        request: { query: DeploymentListChangesDocument, variables: () => true },
        result: {
          data: {
            deploymentsChanged: {
              __typename: 'DeploymentChange',
              kind: 'DELETED',
              id: deploymentRow(1).id,
              deployment: null,
            },
          },
        },
        delay: 300,
      },
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Support bot')).toBeVisible();
    await waitFor(() => expect(canvas.queryByText('Support bot')).toBeNull());
    await expect(canvas.getByText('Flan T5')).toBeVisible();
  },
};
