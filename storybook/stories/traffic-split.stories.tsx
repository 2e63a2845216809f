import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { TrafficSplit } from '@hangar/components';
import {
  DeploymentTrafficSplitDocument,
  DeploymentTrafficSplitUpdatesDocument,
  PromoteCanaryDocument,
  RollbackCanaryDocument,
} from '@hangar/components/documents';
import {
  answer,
  fail,
  failWithCode,
  mutation,
  quietSubscription,
  withLiveMocks,
  withMocks,
} from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

const id = 'RGVwbG95bWVudDox';
const quiet = quietSubscription(DeploymentTrafficSplitUpdatesDocument);
const policy = {
  __typename: 'CanaryPolicyView',
  maxErrorRateIncreasePercent: 5,
  maxP95IncreasePercent: 50,
  windowSeconds: 60,
  minRequests: 20,
} as const;
const REASON =
  'canary p95 812 ms > stable 240 ms + 50 % over 60 s (64 canary and 571 stable answers) → rolled back';

function split(state: 'ACTIVE' | 'PROMOTED' | 'ROLLED_BACK', extra: Record<string, unknown> = {}) {
  return {
    __typename: 'TrafficSplit',
    canaryVersion: 4,
    stableVersion: 3,
    weightPercent: 10,
    state,
    rollbackReason: null,
    rolledBackAutomatically: false,
    startedAt: '2026-12-01T10:00:00.000Z',
    endedAt: state === 'ACTIVE' ? null : '2026-12-01T10:20:00.000Z',
    autoRollback: policy,
    ...extra,
  };
}
const deploymentWith = (trafficSplit: unknown, currentVersion = 3) => ({
  deployment: {
    __typename: 'Deployment',
    id,
    name: 'Support bot',
    status: 'DEPLOYED',
    currentVersion,
    trafficSplit,
  },
});
const active = deploymentWith(split('ACTIVE'));
const autoRolledBack = deploymentWith(
  split('ROLLED_BACK', { rollbackReason: REASON, rolledBackAutomatically: true }),
);
const payload = (typename: string, field: string, trafficSplit: unknown, currentVersion: number) => ({
  [field]: {
    __typename: typename,
    deployment: { __typename: 'Deployment', id, currentVersion, trafficSplit },
    userErrors: [],
  },
});

const meta = {
  title: 'Deployments/TrafficSplit',
  component: TrafficSplit,
  args: { deploymentId: id },
} satisfies Meta<typeof TrafficSplit>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A 90/10 split with automatic rollback on: the bar, the margins, promote and roll back. */
export const Active: Story = {
  decorators: [withMocks([answer(DeploymentTrafficSplitDocument, active), quiet])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByRole('img', { name: '90 % of requests to v3, 10 % to canary v4' }),
    ).toBeVisible();
    await expect(canvas.getByText(/p95 latency by 50 %, over 60 s/)).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Promote v4' })).toBeEnabled();
    await expect(canvas.getByRole('button', { name: 'Roll back v4' })).toBeEnabled();
  },
};
export const ActiveDark = dark(Active);

/** Promote asks first, then the split shows as promoted. */
export const Promote: Story = {
  decorators: [
    withMocks([
      answer(DeploymentTrafficSplitDocument, active),
      quiet,
      mutation(PromoteCanaryDocument, () =>
        payload('PromoteCanaryPayload', 'promoteCanary', split('PROMOTED'), 4),
      ),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Promote v4' }));
    const dialog = await within(document.body).findByRole('dialog', { name: 'Promote canary v4?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Promote' }));
    await expect(await canvas.findByText('Promoted')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Promote v4' })).toBeNull();
  },
};
export const PromoteDark = dark(Promote);

/** Roll back by hand: the reason names who did it. */
export const RollBack: Story = {
  decorators: [
    withMocks([
      answer(DeploymentTrafficSplitDocument, active),
      quiet,
      mutation(RollbackCanaryDocument, () =>
        payload(
          'RollbackCanaryPayload',
          'rollbackCanary',
          split('ROLLED_BACK', { rollbackReason: 'Rolled back by Ada.' }),
          3,
        ),
      ),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Roll back v4' }));
    const dialog = await within(document.body).findByRole('dialog', { name: 'Roll back canary v4?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    await expect(await canvas.findByText('Rolled back by Ada.')).toBeVisible();
  },
};
export const RollBackDark = dark(RollBack);

/** The canary was slower than the stable version: the automatic rollback arrives live, with its figures. */
export const RolledBackLive: Story = {
  decorators: [
    withLiveMocks(
      [answer(DeploymentTrafficSplitDocument, active)],
      [
        {
          query: DeploymentTrafficSplitUpdatesDocument,
          messages: [
            {
              deploymentUpdated: {
                __typename: 'Deployment',
                id,
                status: 'DEPLOYED',
                currentVersion: 3,
                trafficSplit: autoRolledBack.deployment.trafficSplit,
              },
            },
          ],
          interval: 150,
        },
      ],
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Promote v4' });
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(`Rolled back automatically: ${REASON}`),
    );
    await expect(canvas.queryByRole('button', { name: 'Promote v4' })).toBeNull();
  },
};
export const RolledBackLiveDark = dark(RolledBackLive);

export const NoSplit: Story = {
  decorators: [withMocks([answer(DeploymentTrafficSplitDocument, deploymentWith(null)), quiet])],
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText('No canary: every request goes to the current version (v3).'),
    ).toBeVisible();
  },
};
export const NoSplitDark = dark(NoSplit);

export const Loading: Story = {
  decorators: [withMocks([answer(DeploymentTrafficSplitDocument, 'loading'), quiet])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading the traffic split…')).toBeVisible();
  },
};
export const LoadingDark = dark(Loading);

export const Error: Story = {
  decorators: [withMocks([fail(DeploymentTrafficSplitDocument, 'Network error'), quiet])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Network error');
  },
};
export const ErrorDark = dark(Error);

export const NotFound: Story = {
  args: { deploymentId: 'dpl-nope' },
  decorators: [
    withMocks([failWithCode(DeploymentTrafficSplitDocument, 'No deployment', 'NOT_FOUND'), quiet]),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Deployment not found');
  },
};
export const NotFoundDark = dark(NotFound);

const galleryStates: GalleryState[] = [
  { name: 'Active', mocks: [answer(DeploymentTrafficSplitDocument, active), quiet] },
  {
    name: 'Rolled back automatically',
    mocks: [answer(DeploymentTrafficSplitDocument, autoRolledBack), quiet],
  },
  {
    name: 'Promoted',
    mocks: [answer(DeploymentTrafficSplitDocument, deploymentWith(split('PROMOTED'), 4)), quiet],
  },
  { name: 'No split', mocks: [answer(DeploymentTrafficSplitDocument, deploymentWith(null)), quiet] },
  { name: 'Loading', mocks: [answer(DeploymentTrafficSplitDocument, 'loading'), quiet] },
  { name: 'Error', mocks: [fail(DeploymentTrafficSplitDocument, 'Network error'), quiet] },
].map((state) => ({
  ...state,
  render: (labelledBy: string) => <TrafficSplit deploymentId={id} aria-labelledby={labelledBy} />,
}));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText(/No canary: every request/);
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
