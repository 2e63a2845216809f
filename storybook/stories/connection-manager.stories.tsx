import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ConnectionManager } from '@hangar/components';
import {
  ConnectionsDocument,
  CreateConnectionDocument,
  DeleteConnectionDocument,
  TestConnectionDocument,
} from '@hangar/components/documents';
import { connection } from '../mocks/fixtures-admin.js';
import { answer, fail, failWithCode, mutation, withMocks } from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

const list = (items: unknown[]) => ({ connections: items });
const HF_TOKEN = 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz012345';

const meta = {
  title: 'Admin/ConnectionManager',
  component: ConnectionManager,
  args: { onConnectionCreated: fn(), onConnectionDeleted: fn() },
} satisfies Meta<typeof ConnectionManager>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  decorators: [withMocks([answer(ConnectionsDocument, list([connection(0), connection(1)]))])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('rowheader', { name: 'acme-org' })).toBeVisible();
    await expect(canvas.getAllByRole('button', { name: /^Delete / })).toHaveLength(2);
  },
};
export const DefaultDark = dark(Default);

// The add/delete flow runs against a tiny in-memory server so the list really changes.
const stored: unknown[] = [];
const flowMocks = [
  {
    request: { query: ConnectionsDocument, variables: () => true },
    result: () => ({ data: list([...stored]) }),
    delay: 10,
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
  mutation(CreateConnectionDocument, (variables) => {
    const input = variables.input as { name: string; token: string };
    const created = { ...connection(0), name: input.name, tokenHint: `hf_…${input.token.slice(-4)}` };
    stored.push(created);
    return {
      createConnection: { __typename: 'CreateConnectionPayload', connection: created, userErrors: [] },
    };
  }),
  mutation(DeleteConnectionDocument, () => {
    stored.length = 0;
    return {
      deleteConnection: {
        __typename: 'DeleteConnectionPayload',
        deletedConnectionId: connection(0).id,
        userErrors: [],
      },
    };
  }),
];

/** Add (the token field empties and only the hint is listed), then delete with confirmation. */
export const AddAndDelete: Story = {
  decorators: [withMocks(flowMocks)],
  play: async ({ canvasElement, args }) => {
    stored.length = 0;
    const canvas = within(canvasElement);
    await canvas.findByText(/No connections yet/);
    await userEvent.click(canvas.getByRole('button', { name: 'Save connection' }));
    await expect(canvas.getByText('Paste a Hugging Face access token (hf_…).')).toBeVisible();
    await userEvent.type(canvas.getByLabelText('Name'), 'acme-org');
    await userEvent.type(canvas.getByLabelText('Access token'), HF_TOKEN);
    await userEvent.click(canvas.getByRole('button', { name: 'Save connection' }));
    await expect(await canvas.findByText('Saved acme-org. The token will not be shown again.')).toBeVisible();
    await expect(canvas.getByLabelText('Access token')).toHaveValue('');
    await expect(await canvas.findByText('hf_…2345')).toBeVisible();
    await expect(document.body).not.toHaveTextContent(HF_TOKEN);
    await expect(args.onConnectionCreated).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'acme-org' }),
    );

    await userEvent.click(canvas.getByRole('button', { name: 'Delete acme-org' }));
    const confirm = await within(document.body).findByRole('dialog', { name: 'Delete acme-org?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Delete connection' }));
    await expect(await canvas.findByText(/No connections yet/)).toBeVisible();
    await waitFor(() => expect(args.onConnectionDeleted).toHaveBeenCalledWith(connection(0).id));
  },
};
export const AddAndDeleteDark = dark(AddAndDelete);

const testedAs = (ok: boolean) =>
  mutation(TestConnectionDocument, () => ({
    testConnection: {
      __typename: 'TestConnectionPayload',
      result: {
        __typename: 'ConnectionTestResult',
        ok,
        account: ok ? 'acme-ml' : null,
        tokenRole: ok ? 'read' : null,
        message: ok
          ? 'https://huggingface.co accepts the token: it belongs to acme-ml (read access).'
          : 'https://huggingface.co refused the token (401): it is invalid, expired or revoked. Create a new one at huggingface.co/settings/tokens and add the connection again.',
        checkedAt: '2026-11-24T10:30:00.000Z',
      },
      userErrors: [],
    },
  }));

/** Test asks the hub about the stored token and shows its answer on the row. */
export const TestAccepted: Story = {
  decorators: [withMocks([answer(ConnectionsDocument, list([connection(0)])), testedAs(true)])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Test acme-org' }));
    const status = within(canvas.getByRole('row', { name: /acme-org/ })).getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('it belongs to acme-ml (read access)'));
    await expect(status).toHaveAttribute('data-check', 'ok');
  },
};
export const TestAcceptedDark = dark(TestAccepted);

export const TestRefused: Story = {
  decorators: [withMocks([answer(ConnectionsDocument, list([connection(0)])), testedAs(false)])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Test acme-org' }));
    const status = within(canvas.getByRole('row', { name: /acme-org/ })).getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('refused the token (401)'));
    await expect(status).toHaveAttribute('data-check', 'failed');
  },
};
export const TestRefusedDark = dark(TestRefused);

export const AddRefused: Story = {
  decorators: [
    withMocks([
      answer(ConnectionsDocument, list([])),
      mutation(CreateConnectionDocument, () => ({
        createConnection: {
          __typename: 'CreateConnectionPayload',
          connection: null,
          userErrors: [
            {
              __typename: 'UserError',
              field: ['input', 'token'],
              message: 'A Hugging Face token has no spaces.',
              code: 'INVALID',
            },
          ],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Name'), 'acme-org');
    await userEvent.type(canvas.getByLabelText('Access token'), 'hf_ with space');
    await userEvent.click(canvas.getByRole('button', { name: 'Save connection' }));
    await expect(await canvas.findByText('A Hugging Face token has no spaces.')).toBeVisible();
    await expect(canvas.getByLabelText('Access token')).toHaveAttribute('aria-invalid', 'true');
  },
};
export const AddRefusedDark = dark(AddRefused);

export const Empty: Story = {
  decorators: [withMocks([answer(ConnectionsDocument, list([]))])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/No connections yet/)).toBeVisible();
  },
};
export const EmptyDark = dark(Empty);

export const Loading: Story = {
  decorators: [withMocks([answer(ConnectionsDocument, 'loading')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading connections…')).toBeVisible();
  },
};
export const LoadingDark = dark(Loading);

export const Error: Story = {
  decorators: [withMocks([fail(ConnectionsDocument, 'Network error')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Network error');
  },
};
export const ErrorDark = dark(Error);

export const Forbidden: Story = {
  decorators: [withMocks([failWithCode(ConnectionsDocument, 'Needs a higher role.', 'FORBIDDEN')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      'Your role cannot manage connections.',
    );
  },
};
export const ForbiddenDark = dark(Forbidden);

const galleryStates: GalleryState[] = [
  {
    name: 'Ready',
    mocks: [answer(ConnectionsDocument, list([connection(0), connection(1), connection(2)]))],
  },
  { name: 'Empty', mocks: [answer(ConnectionsDocument, list([]))] },
  { name: 'Loading', mocks: [answer(ConnectionsDocument, 'loading')] },
  { name: 'Error', mocks: [fail(ConnectionsDocument, 'Network error')] },
  { name: 'Forbidden', mocks: [failWithCode(ConnectionsDocument, 'Needs a role', 'FORBIDDEN')] },
].map((state) => ({
  ...state,
  render: (labelledBy: string) => <ConnectionManager aria-labelledby={labelledBy} />,
}));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText(/No connections yet/);
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
