import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ProjectSwitcher } from '@hangar/components';
import { ProjectsDocument } from '@hangar/components/documents';
import { answer, fail, withMocks } from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

const project = (slug: string, name: string, viewerRole: string) => ({
  __typename: 'Project' as const,
  id: `UHJvamVjdDo${slug}`,
  name,
  slug,
  viewerRole,
});
const projects = [
  project('acme', 'Acme Corp', 'ADMIN'),
  project('globex', 'Globex', 'DEPLOYER'),
  project('initech', 'Initech', 'VIEWER'),
];
const list = (items: unknown[]) => ({ projects: items });

const meta = {
  title: 'Admin/ProjectSwitcher',
  component: ProjectSwitcher,
  args: { onValueChange: fn() },
} satisfies Meta<typeof ProjectSwitcher>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The viewer's projects with their role in each; picking one tells the host its slug (for the provider). */
export const Default: Story = {
  decorators: [withMocks([answer(ProjectsDocument, list(projects))])],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const select = await canvas.findByRole('combobox', { name: 'Project' });
    await expect(await within(select).findByText('Globex (deployer)')).toBeInTheDocument();
    await expect(select).toHaveValue('acme');
    await userEvent.selectOptions(select, 'globex');
    await expect(select).toHaveValue('globex');
    await expect(args.onValueChange).toHaveBeenLastCalledWith(
      'globex',
      expect.objectContaining({ slug: 'globex' }),
    );
    await expect(canvasElement.querySelector('.hangar-project-switcher')).toHaveAttribute(
      'data-state',
      'ready',
    );
  },
};
export const DefaultDark = dark(Default);

/** Controlled: the host holds the slug (and would hand it to `<HangarProvider project>`). */
export const Controlled: Story = {
  args: { value: 'initech' },
  decorators: [withMocks([answer(ProjectsDocument, list(projects))])],
  play: async ({ canvasElement }) => {
    const select = await within(canvasElement).findByRole('combobox', { name: 'Project' });
    await within(select).findByText('Initech (viewer)');
    await expect(select).toHaveValue('initech');
  },
};

export const Loading: Story = {
  decorators: [withMocks([answer(ProjectsDocument, 'loading')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading…')).toBeInTheDocument();
    await expect(canvasElement.querySelector('.hangar-project-switcher')).toHaveAttribute(
      'data-state',
      'loading',
    );
  },
};

export const NoProjects: Story = {
  decorators: [withMocks([answer(ProjectsDocument, list([]))])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('You belong to no project')).toBeInTheDocument();
  },
};

export const LoadFailed: Story = {
  decorators: [withMocks([fail(ProjectsDocument, 'The server is unreachable.')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      'Could not load your projects',
    );
  },
};

const galleryStates: GalleryState[] = [
  {
    name: 'Ready',
    mocks: [answer(ProjectsDocument, list(projects))],
    render: () => <ProjectSwitcher label="Project (ready)" />,
  },
  {
    name: 'Loading',
    mocks: [answer(ProjectsDocument, 'loading')],
    render: () => <ProjectSwitcher label="Project (loading)" />,
  },
  {
    name: 'None',
    mocks: [answer(ProjectsDocument, list([]))],
    render: () => <ProjectSwitcher label="Project (none)" />,
  },
  {
    name: 'Failed',
    mocks: [fail(ProjectsDocument, 'The server is unreachable.')],
    render: () => <ProjectSwitcher label="Project (failed)" />,
  },
];

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('Acme Corp (admin)');
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
