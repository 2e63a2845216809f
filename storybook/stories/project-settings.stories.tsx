import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ProjectSettings } from '@hangar/components';
import {
  ProjectSettingsDocument,
  ProjectSettingsRemoveMemberDocument,
  ProjectSettingsSetMemberDocument,
  ProjectSettingsSetQuotasDocument,
} from '@hangar/components/documents';
import { answer, fail, failWithCode, mutation, withMocks } from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

const PROJECT_ID = 'UHJvamVjdDox';

const member = (id: number, name: string, role: 'ADMIN' | 'DEPLOYER' | 'VIEWER') => ({
  __typename: 'ProjectMember',
  role,
  user: { __typename: 'User', id: `VXNlcjo${id}`, name },
});
const members = [
  member(1, 'Alice Martin', 'ADMIN'),
  member(2, 'Bob Chen', 'DEPLOYER'),
  member(3, 'Chloé Roy', 'VIEWER'),
];

function projectData(
  options: {
    quotas?: {
      maxReplicas: number | null;
      maxDeployments: number | null;
      maxGpus?: { hardwareProfileId: string; maxGpus: number }[];
    };
    usage?: { replicas: number; deployments: number; gpus?: { hardwareProfileId: string; gpus: number }[] };
    viewerRole?: 'ADMIN' | 'DEPLOYER' | 'VIEWER';
    instanceRole?: 'ADMIN' | 'DEPLOYER' | 'VIEWER';
  } = {},
) {
  const quotas = options.quotas ?? { maxReplicas: 4, maxDeployments: 3 };
  const usage = options.usage ?? { replicas: 2, deployments: 1 };
  return {
    project: {
      __typename: 'Project',
      id: PROJECT_ID,
      name: 'Acme',
      slug: 'acme',
      viewerRole: options.viewerRole ?? 'ADMIN',
      members,
      quotas: {
        __typename: 'ProjectQuotas',
        maxReplicas: quotas.maxReplicas,
        maxDeployments: quotas.maxDeployments,
        maxGpus: (quotas.maxGpus ?? []).map((q) => ({ __typename: 'GpuQuota', ...q })),
      },
      quotaUsage: {
        __typename: 'ProjectQuotaUsage',
        replicas: usage.replicas,
        deployments: usage.deployments,
        gpus: (usage.gpus ?? []).map((g) => ({ __typename: 'GpuUsage', ...g })),
      },
    },
    viewer: { __typename: 'User', id: 'VXNlcjox', role: options.instanceRole ?? 'ADMIN' },
  };
}

const quotasSaved = (input: { maxReplicas: number | null; maxDeployments: number | null }) => ({
  setProjectQuotas: {
    __typename: 'SetProjectQuotasPayload',
    project: {
      __typename: 'Project',
      id: PROJECT_ID,
      quotas: { __typename: 'ProjectQuotas', ...input, maxGpus: [] },
    },
    userErrors: [],
  },
});

const meta = {
  title: 'Admin/ProjectSettings',
  component: ProjectSettings,
  args: { projectId: PROJECT_ID, onQuotasSaved: fn(), onMembersChanged: fn() },
} satisfies Meta<typeof ProjectSettings>;
export default meta;
type Story = StoryObj<typeof meta>;

/** An instance admin: members with editable roles, usage against each quota, the quotas form. */
export const Default: Story = {
  decorators: [withMocks([answer(ProjectSettingsDocument, projectData())])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText('Role of Bob Chen')).toHaveValue('DEPLOYER');
    await expect(canvas.getByLabelText('Replicas: 2 of 4')).toBeVisible();
    await expect(canvas.getByLabelText('Concurrent deployments: 1 of 3')).toBeVisible();
    await expect(canvas.getByLabelText('Max replicas')).toHaveValue('4');
    await expect(canvas.getByText('Token budgets are not set up on this server.')).toBeVisible();
  },
};
export const DefaultDark = dark(Default);

/** A project at its replica quota: the meter says it is full. */
export const AtQuota: Story = {
  decorators: [
    withMocks([
      answer(
        ProjectSettingsDocument,
        projectData({
          quotas: {
            maxReplicas: 2,
            maxDeployments: null,
            maxGpus: [{ hardwareProfileId: 'nvidia-a10g-x1', maxGpus: 4 }],
          },
          usage: { replicas: 2, deployments: 2, gpus: [{ hardwareProfileId: 'nvidia-a10g-x1', gpus: 4 }] },
        }),
      ),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const replicas = await canvas.findByLabelText('Replicas: 2 of 2');
    await expect(replicas.closest('[data-level]')).toHaveAttribute('data-level', 'full');
    await expect(canvas.getByLabelText('Concurrent deployments: 2 of unlimited')).toBeVisible();
    await expect(canvas.getByLabelText('GPUs of nvidia-a10g-x1: 4 of 4')).toBeVisible();
  },
};
export const AtQuotaDark = dark(AtQuota);

/** No quotas: every meter reads "of unlimited" and the inputs are empty. */
export const Unlimited: Story = {
  decorators: [
    withMocks([
      answer(ProjectSettingsDocument, projectData({ quotas: { maxReplicas: null, maxDeployments: null } })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText('Replicas: 2 of unlimited')).toBeVisible();
    await expect(canvas.getByLabelText('Max replicas')).toHaveValue('');
  },
};

/** A project's own admin who is not an instance admin: manages members, reads the quotas. */
export const ProjectAdmin: Story = {
  decorators: [withMocks([answer(ProjectSettingsDocument, projectData({ instanceRole: 'DEPLOYER' }))])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText('Role of Bob Chen')).toBeEnabled();
    await expect(canvas.getByText('Only an instance admin changes quotas.')).toBeVisible();
    await expect(canvas.queryByLabelText('Max replicas')).toBeNull();
  },
};

/** A member who is not an admin anywhere: everything is read-only. */
export const ReadOnlyMember: Story = {
  decorators: [
    withMocks([
      answer(ProjectSettingsDocument, projectData({ viewerRole: 'VIEWER', instanceRole: 'VIEWER' })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Deployer')).toBeVisible();
    await expect(canvas.queryByRole('combobox')).toBeNull();
    await expect(canvas.queryByRole('button', { name: /Remove/ })).toBeNull();
  },
};

const sentQuotas: Array<Record<string, unknown>> = [];
/** Set the quotas by keyboard; an empty field is sent as null (unlimited). */
export const SaveQuotas: Story = {
  decorators: [
    withMocks([
      answer(ProjectSettingsDocument, projectData()),
      mutation(ProjectSettingsSetQuotasDocument, (variables) => {
        sentQuotas.push(variables);
        return quotasSaved(variables.input as { maxReplicas: number | null; maxDeployments: number | null });
      }),
    ]),
  ],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const replicas = await canvas.findByLabelText('Max replicas');
    await userEvent.clear(replicas);
    await userEvent.type(replicas, '6');
    await userEvent.clear(canvas.getByLabelText('Max concurrent deployments'));
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByText('Quotas saved.')).toBeVisible();
    await expect(sentQuotas.at(-1)).toEqual({
      input: { projectId: PROJECT_ID, maxReplicas: 6, maxDeployments: null, maxGpus: [] },
    });
    await waitFor(() => expect(args.onQuotasSaved).toHaveBeenCalled());
  },
};

/** The server's userError lands at its field. */
export const ServerErrorAtField: Story = {
  decorators: [
    withMocks([
      answer(ProjectSettingsDocument, projectData()),
      mutation(ProjectSettingsSetQuotasDocument, () => ({
        setProjectQuotas: {
          __typename: 'SetProjectQuotasPayload',
          project: null,
          userErrors: [
            {
              __typename: 'UserError',
              field: ['input', 'maxReplicas'],
              message: 'A quota is a whole number from 0 to 100,000, or null for unlimited.',
              code: 'OUT_OF_RANGE',
            },
          ],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const replicas = await canvas.findByLabelText('Max replicas');
    await userEvent.clear(replicas);
    await userEvent.type(replicas, '999999');
    await userEvent.click(canvas.getByRole('button', { name: 'Save quotas' }));
    await waitFor(() =>
      expect(canvas.getByLabelText('Max replicas')).toHaveAccessibleDescription(
        expect.stringContaining('whole number from 0 to 100,000'),
      ),
    );
  },
};

/** A typo is caught before anything is sent. */
export const InvalidQuota: Story = {
  decorators: [withMocks([answer(ProjectSettingsDocument, projectData())])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const replicas = await canvas.findByLabelText('Max replicas');
    await userEvent.clear(replicas);
    await userEvent.type(replicas, '-1');
    await userEvent.click(canvas.getByRole('button', { name: 'Save quotas' }));
    await expect(canvas.getByLabelText('Max replicas')).toHaveAttribute('aria-invalid', 'true');
  },
};

/** Change a member's role and remove another. */
export const ManageMembers: Story = {
  decorators: [
    withMocks([
      answer(ProjectSettingsDocument, projectData()),
      mutation(ProjectSettingsSetMemberDocument, () => ({
        setProjectMember: {
          __typename: 'SetProjectMemberPayload',
          project: {
            __typename: 'Project',
            id: PROJECT_ID,
            members: [members[0], { ...members[1], role: 'ADMIN' }, members[2]],
          },
          userErrors: [],
        },
      })),
      mutation(ProjectSettingsRemoveMemberDocument, () => ({
        removeProjectMember: {
          __typename: 'RemoveProjectMemberPayload',
          project: { __typename: 'Project', id: PROJECT_ID, members: [members[0], members[1]] },
          userErrors: [],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(await canvas.findByLabelText('Role of Bob Chen'), 'ADMIN');
    await waitFor(() => expect(canvas.getByLabelText('Role of Bob Chen')).toHaveValue('ADMIN'));
    await userEvent.click(canvas.getByRole('button', { name: 'Remove Chloé Roy' }));
    await waitFor(() => expect(canvas.queryByText('Chloé Roy')).toBeNull());
    await expect(args.onMembersChanged).toHaveBeenCalledTimes(2);
  },
};

/** A host app that has budgets renders them in the budgets section. */
export const WithBudgets: Story = {
  args: { budgets: <p>1.2 M of 5 M tokens this month.</p> },
  decorators: [withMocks([answer(ProjectSettingsDocument, projectData())])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('1.2 M of 5 M tokens this month.')).toBeVisible();
  },
};

export const Loading: Story = { decorators: [withMocks([answer(ProjectSettingsDocument, 'loading')])] };

export const LoadFailed: Story = {
  decorators: [withMocks([fail(ProjectSettingsDocument, 'Network down')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/Network down/)).toBeVisible();
  },
};

export const NotFound: Story = {
  decorators: [withMocks([failWithCode(ProjectSettingsDocument, 'No Project has the ID "x".', 'NOT_FOUND')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('This project does not exist.')).toBeVisible();
  },
};

const galleryStates: GalleryState[] = [
  { name: 'Default', mocks: [answer(ProjectSettingsDocument, projectData())] },
  {
    name: 'At quota',
    mocks: [
      answer(
        ProjectSettingsDocument,
        projectData({
          quotas: { maxReplicas: 2, maxDeployments: 2 },
          usage: { replicas: 2, deployments: 2 },
        }),
      ),
    ],
  },
  {
    name: 'Read-only member',
    mocks: [answer(ProjectSettingsDocument, projectData({ viewerRole: 'VIEWER', instanceRole: 'VIEWER' }))],
  },
  { name: 'Loading', mocks: [answer(ProjectSettingsDocument, 'loading')] },
  { name: 'Load failed', mocks: [fail(ProjectSettingsDocument, 'Network down')] },
  { name: 'Not found', mocks: [failWithCode(ProjectSettingsDocument, 'No such project.', 'NOT_FOUND')] },
].map((state) => ({
  ...state,
  render: (labelledBy: string) => <ProjectSettings projectId={PROJECT_ID} aria-labelledby={labelledBy} />,
}));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findAllByLabelText('Role of Bob Chen');
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
