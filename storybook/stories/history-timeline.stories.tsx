import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { HistoryTimeline } from '@hangar/components';
import { DeploymentHistoryDocument, DeploymentHistoryUpdatesDocument } from '@hangar/components/documents';
import { alice, history, version } from '../mocks/fixtures.js';
import { answer, fail, quietSubscription, withMocks } from '../mocks/mocked-graphql.js';

const live = quietSubscription(DeploymentHistoryUpdatesDocument);
const versions = [
  version(1, 'SUCCESS', {
    undeployment: {
      __typename: 'Undeployment',
      bySystem: false,
      reason: null,
      startedAt: '2026-11-22T09:00:00.000Z',
      endedAt: '2026-11-22T09:00:04.000Z',
      by: alice,
    },
  }),
  version(2, 'FAILED'),
  version(3, 'SUCCESS', { isLatest: true }),
];

const meta = {
  title: 'Deployments/HistoryTimeline',
  component: HistoryTimeline,
  args: { deploymentId: 'RGVwbG95bWVudDox', onSelectVersion: fn() },
} satisfies Meta<typeof HistoryTimeline>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  decorators: [withMocks([answer(DeploymentHistoryDocument, history(versions)), live])],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const items = await canvas.findAllByRole('listitem');
    // Newest first, the latest marked.
    await expect(items[0]).toHaveTextContent('Flan T5_v3');
    await expect(items[0]).toHaveTextContent('Latest');
    await expect(items[2]).toHaveTextContent('Alice Martin');
    await userEvent.click(canvas.getByRole('button', { name: 'Flan T5_v2' }));
    await expect(args.onSelectVersion).toHaveBeenCalledWith(expect.objectContaining({ version: 2 }));
  },
};

/** The failure reason shows on keyboard focus as well as on hover. */
export const FailureReasonOnFocus: Story = {
  decorators: [
    withMocks([
      answer(DeploymentHistoryDocument, history([version(1, 'FAILED', { isLatest: true })], 'FAILED')),
      live,
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const reason = await canvas.findByRole('tooltip', { hidden: true });
    await expect(reason).not.toBeVisible();
    await userEvent.tab();
    await userEvent.tab();
    await expect(reason).toBeVisible();
    await expect(reason).toHaveTextContent('out of memory');
  },
};

export const Deploying: Story = {
  decorators: [
    withMocks([
      answer(
        DeploymentHistoryDocument,
        history([version(1, 'SUCCESS'), version(2, 'DEPLOYING', { isLatest: true })], 'DEPLOYING'),
      ),
      live,
    ]),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Deploying')).toBeVisible();
  },
};

export const UndeployedBySystem: Story = {
  decorators: [
    withMocks([
      answer(
        DeploymentHistoryDocument,
        history(
          [
            version(1, 'SUCCESS', {
              isLatest: true,
              undeployment: {
                __typename: 'Undeployment',
                bySystem: true,
                reason: 'Idle for 24 hours.',
                by: null,
                startedAt: '2026-11-23T02:00:00.000Z',
                endedAt: '2026-11-23T02:00:03.000Z',
              },
            }),
          ],
          'UNDEPLOYED',
        ),
      ),
      live,
    ]),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('System (automatic)')).toBeVisible();
    await expect(within(canvasElement).getByText('Idle for 24 hours.')).toBeVisible();
  },
};

export const LongHistory: Story = {
  decorators: [
    withMocks([
      answer(
        DeploymentHistoryDocument,
        history(
          Array.from({ length: 9 }, (_, i) =>
            version(i + 1, i % 3 === 1 ? 'FAILED' : 'SUCCESS', { isLatest: i === 8 }),
          ),
        ),
      ),
      live,
    ]),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findAllByRole('listitem')).toHaveLength(9);
  },
};

export const Loading: Story = {
  decorators: [withMocks([answer(DeploymentHistoryDocument, 'loading'), live])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading history…')).toBeVisible();
  },
};

export const Empty: Story = {
  decorators: [withMocks([answer(DeploymentHistoryDocument, history([])), live])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No versions yet.')).toBeVisible();
  },
};

export const Error: Story = {
  decorators: [withMocks([fail(DeploymentHistoryDocument, 'Not found'), live])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Not found');
  },
};
