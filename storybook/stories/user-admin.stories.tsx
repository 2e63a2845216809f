import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { UserAdmin } from '@hangar/components';
import { CreateUserDocument, UpdateUserRoleDocument, UserAdminDocument } from '@hangar/components/documents';
import { user, usersOf } from '../mocks/fixtures-admin.js';
import { answer, fail, failWithCode, mutation, withMocks } from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

const team = [user(0, 'ADMIN'), user(1, 'DEPLOYER'), user(2, 'VIEWER')];
const TOKEN = 'hgr_pat_8Qm2vX4rT1yK7nB3cD9eF0gH';

const meta = {
  title: 'Admin/UserAdmin',
  component: UserAdmin,
  args: { onUserCreated: fn(), onRoleChanged: fn() },
} satisfies Meta<typeof UserAdmin>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  decorators: [withMocks([answer(UserAdminDocument, usersOf(team))])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText('Role of Bob Chen')).toHaveValue('DEPLOYER');
    // The signed-in admin cannot demote themself.
    await expect(canvas.getByLabelText('Role of Alice Martin')).toBeDisabled();
    await expect(canvas.getByText('(you)')).toBeVisible();
  },
};
export const DefaultDark = dark(Default);

/** Change a role by keyboard; the saved role comes back from updateUserRole. */
export const ChangeRole: Story = {
  decorators: [
    withMocks([
      answer(UserAdminDocument, usersOf(team)),
      mutation(UpdateUserRoleDocument, (variables) => {
        const input = variables.input as { id: string; role: 'ADMIN' };
        return {
          updateUserRole: {
            __typename: 'UpdateUserRolePayload',
            user: user(2, input.role),
            userErrors: [],
          },
        };
      }),
    ]),
  ],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const select = await canvas.findByLabelText('Role of Chidi Okafor');
    await userEvent.selectOptions(select, 'Deployer');
    await waitFor(() =>
      expect(args.onRoleChanged).toHaveBeenCalledWith(expect.objectContaining({ role: 'DEPLOYER' })),
    );
    await expect(select).toHaveValue('DEPLOYER');
  },
};
export const ChangeRoleDark = dark(ChangeRole);

export const ChangeRoleRefused: Story = {
  decorators: [
    withMocks([
      answer(UserAdminDocument, usersOf(team)),
      mutation(UpdateUserRoleDocument, () => ({
        updateUserRole: {
          __typename: 'UpdateUserRolePayload',
          user: null,
          userErrors: [
            {
              __typename: 'UserError',
              field: ['input', 'role'],
              message: 'Keep at least one admin.',
              code: 'INVALID_STATE',
            },
          ],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(await canvas.findByLabelText('Role of Bob Chen'), 'Viewer');
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Keep at least one admin.');
  },
};
export const ChangeRoleRefusedDark = dark(ChangeRoleRefused);

/** Add a user: name required, then their first token is shown once and copied. */
export const AddUser: Story = {
  decorators: [
    withMocks([
      answer(UserAdminDocument, usersOf(team)),
      mutation(CreateUserDocument, (variables) => {
        const input = variables.input as { name: string; email: string | null; role: 'DEPLOYER' };
        return {
          createUser: {
            __typename: 'CreateUserPayload',
            user: user(7, input.role, { name: input.name, email: input.email }),
            token: TOKEN,
            userErrors: [],
          },
        };
      }),
    ]),
  ],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Add a user' }));
    const dialog = await within(document.body).findByRole('dialog', { name: 'Add a user' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add user' }));
    await expect(within(dialog).getByText('Enter the user’s name.')).toBeVisible();
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Eve Park');
    await userEvent.type(within(dialog).getByLabelText('Email (optional)'), 'eve@acme.example');
    await userEvent.selectOptions(within(dialog).getByLabelText('Role'), 'DEPLOYER');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add user' }));
    await expect(await within(dialog).findByText(TOKEN)).toBeVisible();
    await expect(args.onUserCreated).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Eve Park', role: 'DEPLOYER' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Copy and close' }));
    await waitFor(() => expect(dialog).not.toBeVisible());
    await expect(await navigator.clipboard.readText()).toBe(TOKEN);
    await expect(document.body).not.toHaveTextContent(TOKEN);
  },
};
export const AddUserDark = dark(AddUser);

export const LongList: Story = {
  decorators: [
    withMocks([
      answer(
        UserAdminDocument,
        usersOf(
          Array.from({ length: 14 }, (_, n) =>
            user(n, n % 3 === 0 ? 'VIEWER' : n % 3 === 1 ? 'DEPLOYER' : 'ADMIN'),
          ),
        ),
      ),
    ]),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findAllByRole('combobox')).toHaveLength(14);
  },
};

export const Loading: Story = {
  decorators: [withMocks([answer(UserAdminDocument, 'loading')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading users…')).toBeVisible();
  },
};
export const LoadingDark = dark(Loading);

export const Error: Story = {
  decorators: [withMocks([fail(UserAdminDocument, 'Network error')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Network error');
  },
};
export const ErrorDark = dark(Error);

export const Forbidden: Story = {
  decorators: [withMocks([failWithCode(UserAdminDocument, 'Needs the ADMIN role.', 'FORBIDDEN')])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Only admins can manage users.');
    await expect(canvas.queryByRole('button', { name: 'Add a user' })).toBeNull();
  },
};
export const ForbiddenDark = dark(Forbidden);

const galleryStates: GalleryState[] = [
  { name: 'Ready', mocks: [answer(UserAdminDocument, usersOf(team))] },
  { name: 'Loading', mocks: [answer(UserAdminDocument, 'loading')] },
  { name: 'Error', mocks: [fail(UserAdminDocument, 'Network error')] },
  { name: 'Forbidden', mocks: [failWithCode(UserAdminDocument, 'Needs ADMIN', 'FORBIDDEN')] },
].map((state) => ({ ...state, render: (labelledBy: string) => <UserAdmin aria-labelledby={labelledBy} /> }));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByLabelText('Role of Bob Chen');
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
