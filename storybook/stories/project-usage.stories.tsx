import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { ProjectUsage } from '@hangar/components';
import {
  ProjectUsageDocument,
  ProjectUsageViewerDocument,
  SetProjectBudgetDocument,
} from '@hangar/components/documents';
import { answer, fail, mutation, withMocks } from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

const id = 'UHJvamVjdDox';
const fixedNow = () => Date.parse('2026-11-26T12:00:00.000Z');
const period = { periodStart: '2026-11-01T00:00:00.000Z', periodEnd: '2026-12-01T00:00:00.000Z' };

const projectOf = (
  budget: { monthlyTokenBudget: number | null; usedTokens: number; warned?: boolean },
  cost: { amount: number | null; replicaHours?: number } = { amount: 61.25 },
) => ({
  project: {
    __typename: 'Project',
    id,
    name: 'Acme',
    budget: {
      __typename: 'TokenBudget',
      ...period,
      monthlyTokenBudget: budget.monthlyTokenBudget,
      usedTokens: budget.usedTokens,
      remainingTokens:
        budget.monthlyTokenBudget === null
          ? null
          : Math.max(0, budget.monthlyTokenBudget - budget.usedTokens),
      warned: budget.warned ?? false,
    },
    usage: {
      __typename: 'UsageStats',
      requests: 18_240,
      errors: 12,
      promptTokens: 2_310_000,
      completionTokens: 910_400,
    },
    cost: {
      __typename: 'DeploymentCost',
      replicaHours: cost.replicaHours ?? 1225,
      gpuHours: 0,
      amount: cost.amount,
      currency: 'USD',
    },
  },
});

const viewerAs = (role: 'ADMIN' | 'DEPLOYER') =>
  answer(ProjectUsageViewerDocument, { viewer: { __typename: 'User', id: 'VXNlcjox', role } });
// A project member sees the budget; only an instance ADMIN gets the form to change it.
const member = viewerAs('DEPLOYER');

const meta = {
  title: 'Projects/ProjectUsage',
  component: ProjectUsage,
  args: { projectId: id, now: fixedNow, pollInterval: 0 },
} satisfies Meta<typeof ProjectUsage>;
export default meta;
type Story = StoryObj<typeof meta>;

const underBudget = projectOf({ monthlyTokenBudget: 10_000_000, usedTokens: 3_220_400 });
const nearlySpent = projectOf({ monthlyTokenBudget: 4_000_000, usedTokens: 3_220_400, warned: true });
const spent = projectOf({ monthlyTokenBudget: 3_000_000, usedTokens: 3_220_400, warned: true });
const unlimited = projectOf({ monthlyTokenBudget: null, usedTokens: 3_220_400 });
const unpriced = projectOf({ monthlyTokenBudget: null, usedTokens: 3_220_400 }, { amount: null });

const section = (canvasElement: HTMLElement) => canvasElement.querySelector('section');
const meterState = (canvasElement: HTMLElement) => canvasElement.querySelector('.hangar-budget');

/** Under budget: the meter, this month's requests and tokens, and what the deployments cost. */
export const Default: Story = {
  decorators: [withMocks([answer(ProjectUsageDocument, underBudget), member])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('$61.25')).toBeVisible();
    await expect(canvas.getByText('18,240')).toBeVisible();
    await expect(canvas.getByText('1,225 h')).toBeVisible();
    await expect(section(canvasElement)).toHaveAttribute('data-state', 'ready');
    await expect(meterState(canvasElement)).toHaveAttribute('data-state', 'ok');
  },
};

/** Past 80 %: the meter turns amber (the server sent the month's warning). */
export const NearlySpent: Story = {
  decorators: [withMocks([answer(ProjectUsageDocument, nearlySpent), member])],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText(/779,600 left/);
    await expect(meterState(canvasElement)).toHaveAttribute('data-state', 'warning');
  },
};

/** Spent: every key of the project's deployments gets 429 until the reset. */
export const Spent: Story = {
  decorators: [withMocks([answer(ProjectUsageDocument, spent), member])],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText(/^Spent: /);
    await expect(meterState(canvasElement)).toHaveAttribute('data-state', 'spent');
  },
};

/** No project budget: the month's tokens without a meter. */
export const Unlimited: Story = {
  decorators: [withMocks([answer(ProjectUsageDocument, unlimited), member])],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText(/^No budget/);
    await expect(meterState(canvasElement)).toHaveAttribute('data-state', 'unlimited');
  },
};

/** A hardware profile without a price: the hours, and "No price" instead of an amount. */
export const Unpriced: Story = {
  decorators: [withMocks([answer(ProjectUsageDocument, unpriced), member])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No price')).toBeVisible();
  },
};

/** Not a project of the viewer's (or none): nothing to show. */
export const NotFound: Story = {
  decorators: [withMocks([answer(ProjectUsageDocument, { project: null }), member])],
};

export const Loading: Story = { decorators: [withMocks([answer(ProjectUsageDocument, 'loading'), member])] };

export const Error: Story = {
  decorators: [withMocks([fail(ProjectUsageDocument, 'Forbidden'), member])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Forbidden');
  },
};

const sent: Array<Record<string, unknown>> = [];
/** An instance admin sets the project's budget: typed with grouping, sent as a number, saved. */
export const AdminSetsBudget: Story = {
  decorators: [
    withMocks([
      answer(ProjectUsageDocument, unlimited),
      viewerAs('ADMIN'),
      mutation(SetProjectBudgetDocument, (variables) => {
        sent.push(variables.input as Record<string, unknown>);
        return {
          setProjectBudget: {
            __typename: 'SetProjectBudgetPayload',
            project: { ...underBudget.project, budget: { ...underBudget.project.budget } },
            userErrors: [],
          },
        };
      }),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const field = await canvas.findByLabelText('Monthly token budget');
    await userEvent.type(field, '10,000,000');
    await userEvent.click(canvas.getByRole('button', { name: 'Save budget' }));
    await expect(await canvas.findByRole('status')).toHaveTextContent('Budget saved.');
    await expect(sent.at(-1)).toEqual({ projectId: id, monthlyTokenBudget: 10_000_000 });
  },
};

/** A fraction is refused at the field before anything is sent. */
export const AdminBadBudget: Story = {
  decorators: [withMocks([answer(ProjectUsageDocument, unlimited), viewerAs('ADMIN')])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Monthly token budget'), '12.5');
    await userEvent.click(canvas.getByRole('button', { name: 'Save budget' }));
    await expect(await canvas.findByText(/Enter a whole number of tokens per month/)).toBeVisible();
  },
};

/** A project member sees the meter but no form. */
export const MemberCannotChange: Story = {
  decorators: [withMocks([answer(ProjectUsageDocument, underBudget), member])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('$61.25');
    await expect(canvas.queryByLabelText('Monthly token budget')).toBeNull();
  },
};

export const DefaultDark = dark(Default);
export const SpentDark = dark(Spent);

const galleryStates: GalleryState[] = [
  { name: 'Under budget', mocks: [answer(ProjectUsageDocument, underBudget), member] },
  { name: 'Nearly spent', mocks: [answer(ProjectUsageDocument, nearlySpent), member] },
  { name: 'Spent', mocks: [answer(ProjectUsageDocument, spent), member] },
  { name: 'No budget', mocks: [answer(ProjectUsageDocument, unlimited), member] },
  { name: 'Unpriced', mocks: [answer(ProjectUsageDocument, unpriced), member] },
  { name: 'Loading', mocks: [answer(ProjectUsageDocument, 'loading'), member] },
  { name: 'Error', mocks: [fail(ProjectUsageDocument, 'Forbidden'), member] },
].map((state) => ({
  ...state,
  render: (labelledBy: string) => (
    <ProjectUsage projectId={id} now={fixedNow} pollInterval={0} aria-labelledby={labelledBy} />
  ),
}));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('No price');
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
