import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { EndpointPanel } from '@hangar/components';
import { DeploymentEndpointDocument } from '@hangar/components/documents';
import { endpoint } from '../mocks/fixtures.js';
import { answer, fail, withMocks } from '../mocks/mocked-graphql.js';

const withEndpoint = (value: unknown, status = 'DEPLOYED') => ({
  deployment: {
    __typename: 'Deployment',
    id: 'RGVwbG95bWVudDox',
    deploymentId: 'dep-rs',
    status,
    endpoint: value,
  },
});

const meta = {
  title: 'Deployments/EndpointPanel',
  component: EndpointPanel,
  args: { deploymentId: 'RGVwbG95bWVudDox', onFormatChange: fn() },
} satisfies Meta<typeof EndpointPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Arrow keys switch format; each format copies its own snippet. */
export const Default: Story = {
  decorators: [withMocks([answer(DeploymentEndpointDocument, withEndpoint(endpoint))])],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const curl = await canvas.findByRole('tab', { name: 'cURL' });
    await expect(curl).toHaveAttribute('aria-selected', 'true');
    curl.focus();
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('tab', { name: 'Python' })).toHaveFocus();
    await expect(canvas.getByRole('tabpanel')).toHaveTextContent('from openai import OpenAI');
    await expect(args.onFormatChange).toHaveBeenCalledWith('python');
    await userEvent.click(canvas.getByRole('button', { name: 'Copy the Python snippet' }));
    await expect(await navigator.clipboard.readText()).toBe(endpoint.python);
  },
};

export const JavaScript: Story = {
  args: { defaultFormat: 'javascript' },
  decorators: [withMocks([answer(DeploymentEndpointDocument, withEndpoint(endpoint))])],
};

export const NotDeployedYet: Story = {
  decorators: [withMocks([answer(DeploymentEndpointDocument, withEndpoint(endpoint, 'DEPLOYING'))])],
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText(/appears once the deployment is deployed/),
    ).toBeVisible();
  },
};

export const Loading: Story = { decorators: [withMocks([answer(DeploymentEndpointDocument, 'loading')])] };

export const Error: Story = {
  decorators: [withMocks([fail(DeploymentEndpointDocument, 'Not found')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Not found');
  },
};
