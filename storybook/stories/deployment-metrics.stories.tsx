import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { DeploymentMetrics } from '@hangar/components';
import { DeploymentMetricsDocument } from '@hangar/components/documents';
import { fixedNow } from '../mocks/fixtures-admin.js';
import { metricsOf } from '../mocks/fixtures-metrics.js';
import { answer, fail, failWithCode, withMocks } from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

const id = 'RGVwbG95bWVudDox';

const meta = {
  title: 'Deployments/DeploymentMetrics',
  component: DeploymentMetrics,
  args: { deploymentId: id, now: fixedNow, pollInterval: 0 },
} satisfies Meta<typeof DeploymentMetrics>;
export default meta;
type Story = StoryObj<typeof meta>;

/** An hour of traffic: totals, then five charts drawn by uPlot (fetched when the first chart shows). */
export const Default: Story = {
  decorators: [withMocks([answer(DeploymentMetricsDocument, metricsOf('busy'))])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Metrics · Flan T5' })).toBeVisible();
    const requests = metricsOf('busy').deployment.metrics.totals.requests;
    await expect(canvas.getByText(requests.toLocaleString())).toBeVisible();
    await expect(canvas.getByText('131 ms / 302 ms / 540 ms')).toBeVisible();
    for (const title of ['Requests/s', 'Errors', 'Latency (ms)', 'Tokens/s (generated)', 'Replicas'])
      await expect(await canvas.findByRole('figure', { name: title })).toBeVisible();
    // uPlot draws into canvases once its chunk has loaded: one per chart.
    await waitFor(
      () => expect(canvasElement.querySelectorAll('.hangar-metrics__plot canvas')).toHaveLength(5),
      {
        timeout: 10_000,
      },
    );
    await expect(canvas.getByText(/^Replicas; latest: 2$/)).toBeInTheDocument();
  },
};
export const DefaultDark = dark(Default);

/** The range picker asks for the new range (the mock answers any). */
export const PickRange: Story = {
  decorators: [withMocks([answer(DeploymentMetricsDocument, metricsOf('busy'))])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const picker = await canvas.findByLabelText('Range');
    await userEvent.selectOptions(picker, 'Last 7 days');
    await expect(picker).toHaveValue('7d');
    await expect(await canvas.findByRole('figure', { name: 'Replicas' })).toBeVisible();
  },
};

/** Labels replaced, as a host translating the component would. */
export const Translated: Story = {
  args: {
    labels: { heading: 'Métriques', range: 'Période', requests: 'Requêtes', empty: 'Aucune requête.' },
  },
  decorators: [withMocks([answer(DeploymentMetricsDocument, metricsOf('idle'))])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Aucune requête.')).toBeVisible();
    await expect(canvas.getByLabelText('Période')).toBeVisible();
  },
};

/** No traffic and no replicas in the range: totals at zero, no chart (and no chart library fetched). */
export const Empty: Story = {
  decorators: [withMocks([answer(DeploymentMetricsDocument, metricsOf('idle'))])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No requests in this range.')).toBeVisible();
    await expect(canvasElement.querySelector('.hangar-metrics__charts')).toBeNull();
  },
};
export const EmptyDark = dark(Empty);

export const Loading: Story = {
  decorators: [withMocks([answer(DeploymentMetricsDocument, 'loading')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading metrics…')).toBeVisible();
  },
};
export const LoadingDark = dark(Loading);

export const Error: Story = {
  decorators: [withMocks([fail(DeploymentMetricsDocument, 'Network error')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      'Could not load the metrics: Network error',
    );
  },
};
export const ErrorDark = dark(Error);

export const NotFound: Story = {
  args: { deploymentId: 'dpl-nope' },
  decorators: [withMocks([failWithCode(DeploymentMetricsDocument, 'No deployment', 'NOT_FOUND')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Deployment not found');
  },
};
export const NotFoundDark = dark(NotFound);

const galleryStates: GalleryState[] = [
  { name: 'Data', mocks: [answer(DeploymentMetricsDocument, metricsOf('busy'))] },
  { name: 'Empty', mocks: [answer(DeploymentMetricsDocument, metricsOf('idle'))] },
  { name: 'Loading', mocks: [answer(DeploymentMetricsDocument, 'loading')] },
  { name: 'Error', mocks: [fail(DeploymentMetricsDocument, 'Network error')] },
].map((state) => ({
  ...state,
  render: (labelledBy: string) => (
    <DeploymentMetrics deploymentId={id} now={fixedNow} pollInterval={0} aria-labelledby={labelledBy} />
  ),
}));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('No requests in this range.');
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
