import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { DeploymentCost } from '@hangar/components';
import { DeploymentCostDocument } from '@hangar/components/documents';
import { answer, fail, withMocks } from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

const id = 'RGVwbG95bWVudDox';
const fixedNow = () => Date.parse('2026-11-26T12:00:00.000Z');

const costOf = (cost: {
  replicaHours: number;
  gpuHours: number;
  amount: number | null;
  currency: string;
}) => ({
  deployment: { __typename: 'Deployment', id, cost: { __typename: 'DeploymentCost', ...cost } },
});

const meta = {
  title: 'Deployments/DeploymentCost',
  component: DeploymentCost,
  args: { deploymentId: id, now: fixedNow, pollInterval: 0 },
} satisfies Meta<typeof DeploymentCost>;
export default meta;
type Story = StoryObj<typeof meta>;

const gpuMonth = costOf({ replicaHours: 612.5, gpuHours: 1225, amount: 616.18, currency: 'USD' });

/** This month so far: replica hours priced by the hardware profile, with the GPU hours they held. */
export const Default: Story = {
  decorators: [withMocks([answer(DeploymentCostDocument, gpuMonth)])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('$616.18')).toBeVisible();
    await expect(canvas.getByText('612.5 h')).toBeVisible();
    await expect(canvas.getByText('1,225 h')).toBeVisible();
    await expect(canvasElement.querySelector('section')).toHaveAttribute('data-state', 'ready');
  },
};

/** A hardware profile without a price: the hours, and "No price" instead of an amount. */
export const Unpriced: Story = {
  decorators: [
    withMocks([
      answer(DeploymentCostDocument, costOf({ replicaHours: 3, gpuHours: 0, amount: null, currency: 'USD' })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No price')).toBeVisible();
    await expect(canvasElement.querySelector('section')).toHaveAttribute('data-state', 'unpriced');
  },
};

/** HANGAR_COST_CURRENCY=EUR. */
export const Euro: Story = {
  decorators: [
    withMocks([
      answer(DeploymentCostDocument, costOf({ replicaHours: 10, gpuHours: 0, amount: 0.5, currency: 'EUR' })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('€0.50')).toBeVisible();
  },
};

/** A currency Intl does not know (HANGAR_COST_CURRENCY=credits): the amount, then the currency's name. */
export const OtherCurrency: Story = {
  decorators: [
    withMocks([
      answer(
        DeploymentCostDocument,
        costOf({ replicaHours: 4, gpuHours: 4, amount: 12.5, currency: 'credits' }),
      ),
    ]),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('12.5 credits')).toBeVisible();
  },
};

export const Loading: Story = { decorators: [withMocks([answer(DeploymentCostDocument, 'loading')])] };

export const Error: Story = {
  decorators: [withMocks([fail(DeploymentCostDocument, 'Forbidden')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Forbidden');
  },
};

export const DefaultDark = dark(Default);
export const UnpricedDark = dark(Unpriced);

const galleryStates: GalleryState[] = [
  { name: 'Ready', mocks: [answer(DeploymentCostDocument, gpuMonth)] },
  {
    name: 'Unpriced',
    mocks: [
      answer(DeploymentCostDocument, costOf({ replicaHours: 3, gpuHours: 0, amount: null, currency: 'USD' })),
    ],
  },
  { name: 'Loading', mocks: [answer(DeploymentCostDocument, 'loading')] },
  { name: 'Error', mocks: [fail(DeploymentCostDocument, 'Forbidden')] },
].map((state) => ({
  ...state,
  render: (labelledBy: string) => (
    <DeploymentCost deploymentId={id} now={fixedNow} pollInterval={0} aria-labelledby={labelledBy} />
  ),
}));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('$616.18');
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
