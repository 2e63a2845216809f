import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { DeploymentEvents } from '@hangar/components';
import { DeploymentEventStreamDocument, DeploymentEventsDocument } from '@hangar/components/documents';
import { eventLine, eventsOf, mixedEvents } from '../mocks/fixtures-admin.js';
import {
  answer,
  fail,
  failWithCode,
  quietSubscription,
  withLiveMocks,
  withMocks,
} from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

const quiet = quietSubscription(DeploymentEventStreamDocument);
const id = 'RGVwbG95bWVudDox';
const live = (n: number) => ({ deploymentEvents: eventLine(n) });
const lines = (canvasElement: HTMLElement) => canvasElement.querySelectorAll('.hangar-events__line');

const meta = {
  title: 'Deployments/DeploymentEvents',
  component: DeploymentEvents,
  args: { deploymentId: id, onLevelChange: fn() },
} satisfies Meta<typeof DeploymentEvents>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The stored history on open, oldest first, each line with its time, level and version. */
export const Default: Story = {
  decorators: [withMocks([answer(DeploymentEventsDocument, eventsOf(mixedEvents)), quiet])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('replica r2 exited with code 134 (out of memory)')).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Events · Flan T5' })).toBeVisible();
    await expect(lines(canvasElement)).toHaveLength(6);
    await expect(lines(canvasElement)[3]).toHaveAttribute('data-level', 'error');
  },
};
export const DefaultDark = dark(Default);

/** Live events are appended after the stored ones without a reload. */
export const Live: Story = {
  decorators: [
    withLiveMocks(
      [answer(DeploymentEventsDocument, eventsOf(mixedEvents.slice(0, 2)))],
      [{ query: DeploymentEventStreamDocument, messages: [live(10), live(11)], interval: 60 }],
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('replica r1 starting');
    await waitFor(() => expect(lines(canvasElement)).toHaveLength(4));
    await expect(lines(canvasElement)[3]).toHaveTextContent('serving on :4101');
  },
};
export const LiveDark = dark(Live);

/** The level filter by keyboard: "Errors only" hides info and warnings; the host is told. */
export const LevelFilter: Story = {
  decorators: [withMocks([answer(DeploymentEventsDocument, eventsOf(mixedEvents)), quiet])],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await canvas.findAllByText('loading model');
    const select = canvas.getByLabelText('Show');
    await userEvent.selectOptions(select, 'Errors only');
    await expect(lines(canvasElement)).toHaveLength(1);
    await expect(args.onLevelChange).toHaveBeenCalledWith('ERROR');
    await userEvent.selectOptions(select, 'Warnings and errors');
    await expect(lines(canvasElement)).toHaveLength(2);
  },
};
export const LevelFilterDark = dark(LevelFilter);

/** Controlled: the host's `level` decides, whatever the stored lines. */
export const ControlledLevel: Story = {
  args: { level: 'WARNING' },
  decorators: [withMocks([answer(DeploymentEventsDocument, eventsOf(mixedEvents)), quiet])],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('replica r1 slow to load: 42 s so far');
    await expect(lines(canvasElement)).toHaveLength(2);
    await expect(within(canvasElement).getByLabelText('Show')).toHaveValue('WARNING');
  },
};

/** Following the newest line until the user scrolls up; then new lines wait behind "Jump to latest". */
export const AutoScrollStopsWhenScrolledUp: Story = {
  decorators: [
    withLiveMocks(
      [answer(DeploymentEventsDocument, eventsOf(Array.from({ length: 60 }, (_, n) => eventLine(n))))],
      [
        {
          query: DeploymentEventStreamDocument,
          messages: Array.from({ length: 12 }, (_, n) => live(60 + n)),
          interval: 250,
        },
      ],
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const log = canvas.getByRole('log');
    const atBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight <= 24;
    await waitFor(() => expect(lines(canvasElement).length).toBeGreaterThanOrEqual(60));
    await waitFor(() => expect(atBottom()).toBe(true));
    await expect(log.scrollHeight).toBeGreaterThan(log.clientHeight);

    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    const section = canvasElement.querySelector('.hangar-events');
    await waitFor(() => expect(section).toHaveAttribute('data-follow', 'paused'));
    const jump = await canvas.findByRole('button', { name: /Jump to latest \(\d+ new\)/ }, { timeout: 4000 });
    await expect(log.scrollTop).toBe(0);

    await userEvent.click(jump);
    await waitFor(() => expect(atBottom()).toBe(true));
    await expect(section).toHaveAttribute('data-follow', 'following');
  },
};
export const AutoScrollStopsWhenScrolledUpDark = dark(AutoScrollStopsWhenScrolledUp);

export const Empty: Story = {
  decorators: [withMocks([answer(DeploymentEventsDocument, eventsOf([])), quiet])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/No events yet\./)).toBeVisible();
  },
};
export const EmptyDark = dark(Empty);

export const Loading: Story = {
  decorators: [withMocks([answer(DeploymentEventsDocument, 'loading'), quiet])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading events…')).toBeVisible();
  },
};
export const LoadingDark = dark(Loading);

export const Error: Story = {
  decorators: [withMocks([fail(DeploymentEventsDocument, 'Network error'), quiet])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Network error');
  },
};
export const ErrorDark = dark(Error);

export const NotFound: Story = {
  args: { deploymentId: 'dpl-nope' },
  decorators: [
    withMocks([
      failWithCode(DeploymentEventsDocument, 'No deployment has the ID "dpl-nope".', 'NOT_FOUND'),
      quiet,
    ]),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      'Deployment not found: no deployment has the ID “dpl-nope”.',
    );
  },
};
export const NotFoundDark = dark(NotFound);

const galleryStates: GalleryState[] = [
  { name: 'Ready', mocks: [answer(DeploymentEventsDocument, eventsOf(mixedEvents)), quiet] },
  { name: 'Empty', mocks: [answer(DeploymentEventsDocument, eventsOf([])), quiet] },
  { name: 'Loading', mocks: [answer(DeploymentEventsDocument, 'loading'), quiet] },
  { name: 'Error', mocks: [fail(DeploymentEventsDocument, 'Network error'), quiet] },
  {
    name: 'Not found',
    mocks: [failWithCode(DeploymentEventsDocument, 'No deployment', 'NOT_FOUND'), quiet],
  },
].map((state) => ({
  ...state,
  render: (labelledBy: string) => <DeploymentEvents deploymentId={id} aria-labelledby={labelledBy} />,
}));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('replica r2 exited with code 134 (out of memory)');
    await within(canvasElement).findByText(/No events yet/);
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
