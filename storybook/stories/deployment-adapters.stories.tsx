import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { DeploymentAdapters } from '@hangar/components';
import {
  AttachAdapterDocument,
  DeploymentAdaptersDocument,
  DetachAdapterDocument,
} from '@hangar/components/documents';
import { answer, fail, failWithCode, mutation, withMocks } from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

const id = 'RGVwbG95bWVudDox';
const adapter = (n: number, name: string, sizeBytes = 1920) => ({
  __typename: 'Model' as const,
  id: `TW9kZWw6${n}`,
  name,
  description: '',
  sizeBytes,
});
const uppercase = adapter(2, 'Hangar LoRA Uppercase');
const digits = adapter(3, 'Hangar LoRA Digits');
const sql = adapter(4, 'sql-lora', 33_554_432);

function adaptersOf(attached: unknown[], available: unknown[] = [uppercase, digits, sql]) {
  return {
    deployment: {
      __typename: 'Deployment',
      id,
      name: 'Support bot',
      model: { __typename: 'Model', id: 'TW9kZWw6MQ', name: 'hangar-demo-tiny-llama' },
      adapters: attached,
    },
    models: { __typename: 'ModelConnection', nodes: available },
  };
}

const payload = (
  field: 'attachAdapter' | 'detachAdapter',
  attached: unknown[] | null,
  errors: unknown[] = [],
) => ({
  [field]: {
    __typename: field === 'attachAdapter' ? 'AttachAdapterPayload' : 'DetachAdapterPayload',
    deployment: attached ? { __typename: 'Deployment', id, adapters: attached } : null,
    userErrors: errors,
  },
});

const refusal = {
  __typename: 'UserError',
  field: ['input', 'adapterModelId'],
  code: 'UNSUPPORTED',
  message:
    "sql-lora cannot be attached to hangar-demo-tiny-llama: The adapter's output.weight is for a 4096×32000 " +
    "weight, but the deployment's model has 64×262: the adapter was trained on a model of other dimensions.",
};

const meta = {
  title: 'Deployments/DeploymentAdapters',
  component: DeploymentAdapters,
  args: { deploymentId: id },
} satisfies Meta<typeof DeploymentAdapters>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Two adapters on one base; a third can be attached. */
export const Default: Story = {
  decorators: [withMocks([answer(DeploymentAdaptersDocument, adaptersOf([uppercase, digits]))])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Hangar LoRA Digits');
    const rows = canvas.getAllByRole('row');
    await expect(rows).toHaveLength(3);
    await expect(rows[1]).toHaveTextContent('Hangar LoRA Uppercase');
    await expect(rows[1]).toHaveTextContent('1.9 KB');
    await expect(canvas.getByLabelText('Adapter to attach')).toHaveValue(sql.id);
  },
};
export const DefaultDark = dark(Default);

/** Attach, then detach: the list follows each mutation's answer and says what changed. */
export const AttachAndDetach: Story = {
  decorators: [
    withMocks([
      answer(DeploymentAdaptersDocument, adaptersOf([uppercase])),
      mutation(AttachAdapterDocument, () => payload('attachAdapter', [uppercase, digits])),
      mutation(DetachAdapterDocument, () => payload('detachAdapter', [digits])),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(await canvas.findByLabelText('Adapter to attach'), digits.id);
    await userEvent.click(canvas.getByRole('button', { name: 'Attach' }));
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent(
        'Hangar LoRA Digits attached: requests with model “Hangar LoRA Digits” now use it.',
      ),
    );
    await waitFor(() => expect(canvas.getAllByRole('row')).toHaveLength(3));
    await userEvent.click(canvas.getByRole('button', { name: 'Detach Hangar LoRA Uppercase' }));
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent('Hangar LoRA Uppercase detached.'),
    );
    await waitFor(() => expect(canvas.getAllByRole('row')).toHaveLength(2));
  },
};
export const AttachAndDetachDark = dark(AttachAndDetach);

/** An adapter of another base model: the server's reason is shown as it is. */
export const Refused: Story = {
  decorators: [
    withMocks([
      answer(DeploymentAdaptersDocument, adaptersOf([], [sql])),
      mutation(AttachAdapterDocument, () => payload('attachAdapter', null, [refusal])),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Attach' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'the adapter was trained on a model of other dimensions',
    );
  },
};
export const RefusedDark = dark(Refused);

export const Empty: Story = {
  decorators: [withMocks([answer(DeploymentAdaptersDocument, adaptersOf([], []))])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText('No adapters are attached; every request is served by the base model.'),
    ).toBeVisible();
    await expect(canvas.getByText('No other imported adapter is ready to attach.')).toBeVisible();
  },
};
export const EmptyDark = dark(Empty);

/** For viewers: the list without the attach form or Detach buttons. */
export const ReadOnly: Story = {
  args: { editable: false },
  decorators: [withMocks([answer(DeploymentAdaptersDocument, adaptersOf([uppercase]))])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Hangar LoRA Uppercase');
    await expect(canvas.queryByRole('button')).toBeNull();
  },
};
export const ReadOnlyDark = dark(ReadOnly);

export const Loading: Story = {
  decorators: [withMocks([answer(DeploymentAdaptersDocument, 'loading')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading adapters…')).toBeVisible();
  },
};
export const LoadingDark = dark(Loading);

export const Error: Story = {
  decorators: [withMocks([fail(DeploymentAdaptersDocument, 'Network error')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      'Could not load the adapters: Network error',
    );
  },
};
export const ErrorDark = dark(Error);

export const NotFound: Story = {
  args: { deploymentId: 'dpl-nope' },
  decorators: [withMocks([failWithCode(DeploymentAdaptersDocument, 'No deployment', 'NOT_FOUND')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Deployment not found');
  },
};
export const NotFoundDark = dark(NotFound);

const galleryStates: GalleryState[] = [
  { name: 'Attached', mocks: [answer(DeploymentAdaptersDocument, adaptersOf([uppercase, digits]))] },
  { name: 'Empty', mocks: [answer(DeploymentAdaptersDocument, adaptersOf([], []))] },
  { name: 'Loading', mocks: [answer(DeploymentAdaptersDocument, 'loading')] },
  { name: 'Error', mocks: [fail(DeploymentAdaptersDocument, 'Network error')] },
].map((state) => ({
  ...state,
  render: (labelledBy: string) => <DeploymentAdapters deploymentId={id} aria-labelledby={labelledBy} />,
}));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText(
      'No adapters are attached; every request is served by the base model.',
    );
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
