import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { AuditLog } from '@hangar/components';
import { AuditLogDocument } from '@hangar/components/documents';
import { auditEvent } from '../mocks/fixtures-admin.js';
import { answer, fail, failWithCode, withMocks } from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

const events = Array.from({ length: 10 }, (_, n) => auditEvent(n));
const log = (list: unknown[]) => ({ auditEvents: list });
// Rows of the table body that are events (not the "loading" or "no match" row).
const eventRows = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('tbody tr')].filter((row) => row.querySelector('time'));

const meta = {
  title: 'Admin/AuditLog',
  component: AuditLog,
  args: { onFilterChange: fn() },
} satisfies Meta<typeof AuditLog>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  decorators: [withMocks([answer(AuditLogDocument, log(events))])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('10 events, newest first.')).toBeVisible();
    await expect(eventRows(canvasElement)).toHaveLength(10);
    await userEvent.click(canvas.getAllByText('Show')[0] as HTMLElement);
    await expect(canvasElement.querySelector('details[open] pre')).toHaveTextContent('"reason": "e2e"');
  },
};
export const DefaultDark = dark(Default);

/** Filter by user, then action, then object ID (case-insensitive); the host hears every change; "Clear filters" resets. */
export const Filtered: Story = {
  decorators: [withMocks([answer(AuditLogDocument, log(events))])],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('10 events, newest first.');
    await userEvent.selectOptions(canvas.getByLabelText('User'), 'Bob Chen');
    await expect(eventRows(canvasElement)).toHaveLength(5);
    await expect(args.onFilterChange).toHaveBeenLastCalledWith({ actor: 'Bob Chen' });
    await userEvent.selectOptions(canvas.getByLabelText('Action'), 'createApiKey');
    await expect(canvas.getByText('1 of 10 events match.')).toBeVisible();
    await userEvent.type(canvas.getByLabelText('Object ID'), 'DPL-RT');
    await expect(eventRows(canvasElement)).toHaveLength(1);
    await userEvent.type(canvas.getByLabelText('Object ID'), 'zz');
    await expect(canvas.getByText('No events match these filters.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Clear filters' }));
    await expect(eventRows(canvasElement)).toHaveLength(10);
  },
};
export const FilteredDark = dark(Filtered);

/** A time window: only events from the 20th to the 22nd (inclusive) of the fixtures' month. */
export const TimeWindow: Story = {
  args: { defaultFilter: { from: '2026-11-20T00:00:00.000Z', to: '2026-11-22T23:59:59.000Z' } },
  decorators: [withMocks([answer(AuditLogDocument, log(events))])],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('3 of 10 events match.');
    await waitFor(() => expect(eventRows(canvasElement)).toHaveLength(3));
  },
};
export const TimeWindowDark = dark(TimeWindow);

/** Controlled: the host's filter decides. */
export const ControlledFilter: Story = {
  args: { filter: { targetType: 'User' } },
  decorators: [withMocks([answer(AuditLogDocument, log(events))])],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('2 of 10 events match.');
    await expect(within(canvasElement).getByLabelText('Object type')).toHaveValue('User');
  },
};

export const Empty: Story = {
  decorators: [withMocks([answer(AuditLogDocument, log([]))])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Nothing has been recorded yet.')).toBeVisible();
  },
};
export const EmptyDark = dark(Empty);

export const Loading: Story = {
  decorators: [withMocks([answer(AuditLogDocument, 'loading')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading the audit log…')).toBeVisible();
  },
};
export const LoadingDark = dark(Loading);

export const Error: Story = {
  decorators: [withMocks([fail(AuditLogDocument, 'Network error')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Network error');
  },
};
export const ErrorDark = dark(Error);

/** A deployer's token: the server says FORBIDDEN and the log says who may read it. */
export const Forbidden: Story = {
  decorators: [withMocks([failWithCode(AuditLogDocument, 'Needs the ADMIN role.', 'FORBIDDEN')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      'Only admins can read the audit log.',
    );
  },
};
export const ForbiddenDark = dark(Forbidden);

const galleryStates: GalleryState[] = [
  { name: 'Ready', mocks: [answer(AuditLogDocument, log(events.slice(0, 4)))] },
  { name: 'Empty', mocks: [answer(AuditLogDocument, log([]))] },
  { name: 'Loading', mocks: [answer(AuditLogDocument, 'loading')] },
  { name: 'Error', mocks: [fail(AuditLogDocument, 'Network error')] },
  { name: 'Forbidden', mocks: [failWithCode(AuditLogDocument, 'Needs ADMIN', 'FORBIDDEN')] },
].map((state) => ({ ...state, render: (labelledBy: string) => <AuditLog aria-labelledby={labelledBy} /> }));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('4 events, newest first.');
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
