import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ModelTable } from '@hangar/components';
import {
  DeleteModelDocument,
  ModelTableDocument,
  ModelTableDeploymentUpdatesDocument,
  ModelTableUpdatesDocument,
} from '@hangar/components/documents';
import { modelPage, modelRow } from '../mocks/fixtures.js';
import { answer, fail, mutation, quietSubscription, withMocks } from '../mocks/mocked-graphql.js';

const rows = [0, 1, 2, 3, 4, 5].map((n) => modelRow(n));
const live = [
  quietSubscription(ModelTableUpdatesDocument),
  quietSubscription(ModelTableDeploymentUpdatesDocument),
];

const meta = {
  title: 'Models/ModelTable',
  component: ModelTable,
  args: { onOpenModel: fn() },
} satisfies Meta<typeof ModelTable>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  decorators: [withMocks([answer(ModelTableDocument, modelPage(rows)), ...live])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Open Flan T5' })).toBeVisible();
    await expect(canvas.getByRole('table', { name: 'Open-source models' })).toBeVisible();
  },
};

export const Loading: Story = {
  decorators: [withMocks([answer(ModelTableDocument, 'loading'), ...live])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading models…')).toBeVisible();
    await expect(canvasElement.querySelector('.hangar-model-table')).toHaveAttribute('data-state', 'loading');
  },
};

export const Empty: Story = {
  decorators: [withMocks([answer(ModelTableDocument, modelPage([])), ...live])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/No models yet/)).toBeVisible();
  },
};

export const Error: Story = {
  decorators: [withMocks([fail(ModelTableDocument, 'Connection refused'), ...live])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Connection refused');
  },
};

/** Every import status the seed names, with the failure detail. */
export const ImportStatuses: Story = {
  decorators: [
    withMocks([
      answer(
        ModelTableDocument,
        modelPage([
          modelRow(0, { name: 'uploading-model', status: 'IMPORTING' }),
          modelRow(1, { name: 'checking-model', status: 'VALIDATING' }),
          modelRow(2, {
            name: 'broken-model',
            status: 'IMPORT_FAILED',
            statusDetail: 'Invalid format: the archive holds no .gguf file and no config.json.',
          }),
          modelRow(3, { name: 'ready-model', status: 'READY_TO_DEPLOY' }),
        ]),
      ),
      ...live,
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Import Failed')).toBeVisible();
    await expect(canvas.getByText(/the archive holds no .gguf file/)).toBeVisible();
  },
};

export const LongListWithPages: Story = {
  decorators: [
    withMocks([
      answer(
        ModelTableDocument,
        modelPage(
          Array.from({ length: 20 }, (_, n) => modelRow(n)),
          45,
          true,
        ),
      ),
      ...live,
    ]),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/Page 1 of 3/)).toBeVisible();
  },
};

export const DeleteWithConfirmation: Story = {
  decorators: [
    withMocks([
      answer(ModelTableDocument, modelPage(rows)),
      ...live,
      mutation(DeleteModelDocument, () => ({
        deleteModel: { __typename: 'DeleteModelPayload', deletedModelId: rows[0]?.id, userErrors: [] },
      })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Delete Flan T5' }));
    const dialog = await within(document.body).findByRole('dialog', { name: 'Delete Flan T5?' });
    await expect(dialog).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await expect(dialog).not.toBeVisible();
  },
};

/** Another user deletes a model: its row leaves without a reload. */
export const DropsDeletedModel: Story = {
  decorators: [
    withMocks([
      // The first page once, then (the refetch the deletion causes) the page without it.
      {
        request: { query: ModelTableDocument, variables: () => true },
        result: { data: modelPage(rows) },
        delay: 20,
      },
      answer(ModelTableDocument, modelPage(rows.slice(1))),
      {
        request: { query: ModelTableUpdatesDocument, variables: () => true },
        result: {
          data: {
            modelsChanged: { __typename: 'ModelChange', kind: 'DELETED', id: rows[0]!.id, model: null },
          },
        },
        delay: 300,
      },
      quietSubscription(ModelTableDeploymentUpdatesDocument),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Open Flan T5' })).toBeVisible();
    await waitFor(() => expect(canvas.queryByRole('button', { name: 'Open Flan T5' })).toBeNull());
  },
};
