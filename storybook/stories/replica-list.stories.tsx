import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { ReplicaList } from '@hangar/components';
import { DeploymentReplicaUpdatesDocument, DeploymentReplicasDocument } from '@hangar/components/documents';
import { fixedNow, replica, replicasOf, scalingDecision } from '../mocks/fixtures-admin.js';
import {
  answer,
  fail,
  failWithCode,
  quietSubscription,
  withLiveMocks,
  withMocks,
} from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

const quiet = quietSubscription(DeploymentReplicaUpdatesDocument);
const id = 'RGVwbG95bWVudDox';
const mixed = [replica(1, 'READY'), replica(2, 'STARTING'), replica(3, 'STOPPING', 2)];

const meta = {
  title: 'Deployments/ReplicaList',
  component: ReplicaList,
  args: { deploymentId: id, now: fixedNow, pollInterval: 0 },
} satisfies Meta<typeof ReplicaList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Ready, starting and a previous version's replica stopping during a redeploy. */
export const Default: Story = {
  decorators: [withMocks([answer(DeploymentReplicasDocument, replicasOf(mixed)), quiet])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText(/1 of 3 ready · scales between 1 and 3 · current version v3/),
    ).toBeVisible();
    const rows = canvas.getAllByRole('row');
    await expect(rows).toHaveLength(4);
    await expect(rows[1]).toHaveTextContent('Ready');
    await expect(rows[1]).toHaveTextContent('1h 23m 0s');
    await expect(rows[3]).toHaveTextContent('v2 (previous)');
  },
};
export const DefaultDark = dark(Default);

/** A replica that was restarted twice, and the autoscaler's last decision with its reason. */
export const RestartsAndScaling: Story = {
  decorators: [
    withMocks([
      answer(
        DeploymentReplicasDocument,
        replicasOf([replica(1, 'READY', 3, 2), replica(2, 'STARTING')], 'DEPLOYED', 3, {
          lastScalingDecision: scalingDecision(1, 2),
        }),
      ),
      quiet,
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText(
        /1 → 2 replicas\. load 9 exceeded capacity 4 for 30 s: scaling up from 1 to 2 replicas/,
      ),
    ).toBeVisible();
    const rows = canvas.getAllByRole('row');
    await expect(rows[1]?.querySelector('[data-restarts]')).toHaveTextContent('2');
    await expect(rows[2]?.querySelector('[data-restarts]')).toHaveTextContent('0');
  },
};
export const RestartsAndScalingDark = dark(RestartsAndScaling);

/** The runtime refused the autoscaler's scale: the decision says so. */
export const ScalingFailed: Story = {
  decorators: [
    withMocks([
      answer(
        DeploymentReplicasDocument,
        replicasOf([replica(1, 'READY')], 'DEPLOYED', 3, {
          lastScalingDecision: scalingDecision(1, 2, 'no node has a free GPU'),
        }),
      ),
      quiet,
    ]),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/Failed: no node has a free GPU/)).toBeVisible();
  },
};
export const ScalingFailedDark = dark(ScalingFailed);

/** A replica turning READY arrives by subscription; the count follows. */
export const Live: Story = {
  decorators: [
    withLiveMocks(
      [answer(DeploymentReplicasDocument, replicasOf([replica(1, 'STARTING')], 'DEPLOYING'))],
      [
        {
          query: DeploymentReplicaUpdatesDocument,
          messages: [
            {
              deploymentUpdated: {
                __typename: 'Deployment',
                id,
                status: 'DEPLOYED',
                idle: false,
                currentVersion: 3,
                replicas: [replica(1, 'READY')],
                lastScalingDecision: null,
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
    await canvas.findByText(/0 of 1 ready/);
    await waitFor(() => expect(canvas.getByText(/1 of 1 ready/)).toBeVisible());
    await expect(canvas.getAllByText('Deployed')[0]).toBeVisible();
  },
};
export const LiveDark = dark(Live);

export const Failed: Story = {
  decorators: [
    withMocks([answer(DeploymentReplicasDocument, replicasOf([replica(1, 'FAILED')], 'FAILED')), quiet]),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/0 of 1 ready/)).toBeVisible();
  },
};
export const FailedDark = dark(Failed);

export const Empty: Story = {
  decorators: [withMocks([answer(DeploymentReplicasDocument, replicasOf([], 'UNDEPLOYED')), quiet])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No replicas are running.')).toBeVisible();
  },
};
export const EmptyDark = dark(Empty);

export const Loading: Story = {
  decorators: [withMocks([answer(DeploymentReplicasDocument, 'loading'), quiet])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading replicas…')).toBeVisible();
  },
};
export const LoadingDark = dark(Loading);

export const Error: Story = {
  decorators: [withMocks([fail(DeploymentReplicasDocument, 'Network error'), quiet])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Network error');
  },
};
export const ErrorDark = dark(Error);

export const NotFound: Story = {
  args: { deploymentId: 'dpl-nope' },
  decorators: [withMocks([failWithCode(DeploymentReplicasDocument, 'No deployment', 'NOT_FOUND'), quiet])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Deployment not found');
  },
};
export const NotFoundDark = dark(NotFound);

const asleep = replicasOf([], 'DEPLOYED', 3, { idle: true, scaleToZeroAfterSeconds: 300 });

/** Scaled to zero after 5 idle minutes: still deployed, no replica, and the next request wakes it. */
export const Idle: Story = {
  decorators: [withMocks([answer(DeploymentReplicasDocument, asleep), quiet])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Idle — wakes on the next request')).toBeVisible();
    const badge = canvas.getByText('Idle');
    await expect(badge).toHaveAttribute('data-status', 'idle');
    await expect(canvas.getByText(/scales between 1 and 3, to zero after 300 s idle/)).toBeVisible();
  },
};
export const IdleDark = dark(Idle);

const galleryStates: GalleryState[] = [
  { name: 'Idle', mocks: [answer(DeploymentReplicasDocument, asleep), quiet] },
  { name: 'Ready', mocks: [answer(DeploymentReplicasDocument, replicasOf(mixed)), quiet] },
  {
    name: 'Failed',
    mocks: [answer(DeploymentReplicasDocument, replicasOf([replica(1, 'FAILED')], 'FAILED')), quiet],
  },
  { name: 'Empty', mocks: [answer(DeploymentReplicasDocument, replicasOf([], 'UNDEPLOYED')), quiet] },
  { name: 'Loading', mocks: [answer(DeploymentReplicasDocument, 'loading'), quiet] },
  { name: 'Error', mocks: [fail(DeploymentReplicasDocument, 'Network error'), quiet] },
].map((state) => ({
  ...state,
  render: (labelledBy: string) => (
    <ReplicaList deploymentId={id} now={fixedNow} pollInterval={0} aria-labelledby={labelledBy} />
  ),
}));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('No replicas are running.');
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
