import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { HistoryTimeline } from '@hangar/components';
import {
  DeploymentHistoryDocument,
  DeploymentHistoryUpdatesDocument,
  RollbackDeploymentDocument,
} from '@hangar/components/documents';
import { alice, history, version } from '../mocks/fixtures.js';
import {
  answer,
  fail,
  failWithCode,
  mutation,
  quietSubscription,
  withMocks,
} from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

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
  args: {
    deploymentId: 'RGVwbG95bWVudDox',
    onSelectVersion: fn(),
    onExpandedVersionChange: fn(),
    onRolledBack: fn(),
  },
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

/** Details of a version: what changed against the one before it, and its full configuration. */
export const VersionDetails: Story = {
  decorators: [withMocks([answer(DeploymentHistoryDocument, history(versions)), live])],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const toggle = await canvas.findByRole('button', { name: 'Details of v2' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(args.onExpandedVersionChange).toHaveBeenCalledWith(2);
    const diff = canvas.getByRole('table', { name: 'Changes from v1 to v2' });
    // Only the temperature differs between neighbouring fixture versions.
    await expect(within(diff).getAllByRole('row')).toHaveLength(2);
    await expect(within(diff).getByRole('row', { name: /Temperature/ })).toHaveTextContent(
      'Temperature0.10.2',
    );
    await expect(canvas.getByText('Configuration of v2')).toBeVisible();
    await expect(canvas.getByText('cpu-small')).toBeVisible();
    await userEvent.click(toggle);
    await expect(canvas.queryByText('Configuration of v2')).toBeNull();
  },
};
export const VersionDetailsDark = dark(VersionDetails);

/** The first version has nothing to compare with; `defaultExpandedVersion` opens it at first. */
export const FirstVersionDetails: Story = {
  args: { defaultExpandedVersion: 1 },
  decorators: [withMocks([answer(DeploymentHistoryDocument, history(versions)), live])],
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText('The first version: nothing to compare with.'),
    ).toBeVisible();
  },
};
export const FirstVersionDetailsDark = dark(FirstVersionDetails);

const rolledBack = [
  ...versions.map((v) => ({ ...v, isLatest: false })),
  version(4, 'DEPLOYING', { isLatest: true, trigger: 'ROLLBACK', rolledBackFrom: 1 }),
];

/** Rollback to an earlier version: confirmed, with what will change; the latest has no rollback. */
export const Rollback: Story = {
  decorators: [
    withMocks([
      answer(DeploymentHistoryDocument, history(versions)),
      live,
      mutation(RollbackDeploymentDocument, () => ({
        rollbackDeployment: {
          __typename: 'RollbackDeploymentPayload',
          deployment: {
            __typename: 'Deployment',
            id: 'RGVwbG95bWVudDox',
            status: 'DEPLOYING',
            versions: rolledBack,
          },
          userErrors: [],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: 'Roll back to v1' });
    await expect(canvas.queryByRole('button', { name: 'Roll back to v3' })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Roll back to v1' }));
    const confirm = await within(document.body).findByRole('dialog', { name: 'Roll back to v1?' });
    await expect(confirm).toHaveTextContent('as the next version (v4)');
    await expect(within(confirm).getByRole('list', { name: 'What changes' })).toHaveTextContent(
      'Temperature: 0.3 → 0.1',
    );
    await userEvent.click(within(confirm).getByRole('button', { name: 'Roll back to v1' }));
    await waitFor(() => expect(args.onRolledBack).toHaveBeenCalledWith(4));
    // The mutation's answer updates the cached history: v4 shows as a rollback to v1.
    const items = await canvas.findAllByRole('listitem');
    await waitFor(() => expect(items[0]).toHaveTextContent('Rollback to v1'));
  },
};
export const RollbackDark = dark(Rollback);

export const RollbackRefused: Story = {
  decorators: [
    withMocks([
      answer(DeploymentHistoryDocument, history(versions)),
      live,
      mutation(RollbackDeploymentDocument, () => ({
        rollbackDeployment: {
          __typename: 'RollbackDeploymentPayload',
          deployment: null,
          userErrors: [
            {
              __typename: 'UserError',
              field: ['input', 'version'],
              message: 'Wait until v3 has finished deploying.',
              code: 'INVALID_STATE',
            },
          ],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Roll back to v2' }));
    const confirm = await within(document.body).findByRole('dialog', { name: 'Roll back to v2?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Roll back to v2' }));
    await expect(await within(confirm).findByRole('alert')).toHaveTextContent('Wait until v3');
    await expect(args.onRolledBack).not.toHaveBeenCalled();
  },
};
export const RollbackRefusedDark = dark(RollbackRefused);

/** `allowRollback={false}`: a read-only history. */
export const ReadOnly: Story = {
  args: { allowRollback: false },
  decorators: [withMocks([answer(DeploymentHistoryDocument, history(versions)), live])],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('button', { name: 'Details of v1' });
    await expect(within(canvasElement).queryByRole('button', { name: /^Roll back/ })).toBeNull();
  },
};

export const NotFound: Story = {
  args: { deploymentId: 'dpl-nope' },
  decorators: [withMocks([failWithCode(DeploymentHistoryDocument, 'No deployment', 'NOT_FOUND'), live])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      'Deployment not found: no deployment has the ID “dpl-nope”.',
    );
  },
};
export const NotFoundDark = dark(NotFound);
export const DefaultDark = dark(Default);
export const FailureReasonOnFocusDark = dark(FailureReasonOnFocus);
export const DeployingDark = dark(Deploying);
export const UndeployedBySystemDark = dark(UndeployedBySystem);
export const LoadingDark = dark(Loading);
export const EmptyDark = dark(Empty);
export const ErrorDark = dark(Error);

const galleryStates: GalleryState[] = [
  {
    name: 'Ready, v2 expanded',
    mocks: [answer(DeploymentHistoryDocument, history(versions)), live],
    expanded: 2,
  },
  {
    name: 'Deploying',
    mocks: [
      answer(
        DeploymentHistoryDocument,
        history([version(1, 'SUCCESS'), version(2, 'DEPLOYING', { isLatest: true })], 'DEPLOYING'),
      ),
      live,
    ],
  },
  { name: 'Empty', mocks: [answer(DeploymentHistoryDocument, history([])), live] },
  { name: 'Loading', mocks: [answer(DeploymentHistoryDocument, 'loading'), live] },
  { name: 'Error', mocks: [fail(DeploymentHistoryDocument, 'Network error'), live] },
  { name: 'Not found', mocks: [failWithCode(DeploymentHistoryDocument, 'No deployment', 'NOT_FOUND'), live] },
].map(({ expanded, ...state }: { name: string; mocks: GalleryState['mocks']; expanded?: number }) => ({
  ...state,
  render: (labelledBy: string) => (
    <HistoryTimeline
      deploymentId="RGVwbG95bWVudDox"
      defaultExpandedVersion={expanded ?? null}
      aria-labelledby={labelledBy}
    />
  ),
}));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('Configuration of v2');
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
