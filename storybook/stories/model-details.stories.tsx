import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ModelDetails } from '@hangar/components';
import {
  DeleteModelDocument,
  ExportModelDocument,
  ModelDetailsDocument,
  UpdateModelDocument,
} from '@hangar/components/documents';
import { modelDetails } from '../mocks/fixtures-admin.js';
import { answer, fail, failWithCode, mutation, withMocks } from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

const id = 'TW9kZWw6MQ';
const exported = mutation(ExportModelDocument, () => ({
  exportModel: {
    __typename: 'ExportModelPayload',
    url: '/api/v2/exports/5f2c.zip',
    expiresAt: '2026-11-24T11:00:00.000Z',
    userErrors: [],
  },
}));
const deleted = mutation(DeleteModelDocument, (variables) => ({
  deleteModel: {
    __typename: 'DeleteModelPayload',
    deletedModelId: (variables.input as { id: string }).id,
    userErrors: [],
  },
}));

const meta = {
  title: 'Models/ModelDetails',
  component: ModelDetails,
  args: { modelId: id, onDeleted: fn(), onEditingChange: fn() },
} satisfies Meta<typeof ModelDetails>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  decorators: [withMocks([answer(ModelDetailsDocument, modelDetails())])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Flan T5' })).toBeVisible();
    await expect(canvas.getByText('A general-purpose instruction model.')).toBeVisible();
    await expect(canvas.getByText('236 KB')).toBeVisible();
  },
};
export const DefaultDark = dark(Default);

/** The ⋯ menu by keyboard: ArrowDown opens it on the first item, Escape closes it and returns focus. */
export const MenuByKeyboard: Story = {
  decorators: [withMocks([answer(ModelDetailsDocument, modelDetails())])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const button = await canvas.findByRole('button', { name: 'More actions for Flan T5' });
    button.focus();
    await userEvent.keyboard('{ArrowDown}');
    const items = await canvas.findAllByRole('menuitem');
    await expect(items).toHaveLength(3);
    await waitFor(() => expect(items[0]).toHaveFocus());
    await userEvent.keyboard('{ArrowUp}');
    await expect(canvas.getByRole('menuitem', { name: 'Delete model…' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect(canvas.queryByRole('menu')).toBeNull();
    await expect(button).toHaveFocus();
  },
};
export const MenuByKeyboardDark = dark(MenuByKeyboard);

/** Edit description and tags; the saved values come back from updateModel. */
export const EditDescriptionAndTags: Story = {
  decorators: [
    withMocks([
      answer(ModelDetailsDocument, modelDetails()),
      mutation(UpdateModelDocument, (variables) => {
        const input = variables.input as { description: string; tags: string[] };
        return {
          updateModel: {
            __typename: 'UpdateModelPayload',
            model: modelDetails({ description: input.description, tags: input.tags }).model,
            userErrors: [],
          },
        };
      }),
    ]),
  ],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'More actions for Flan T5' }));
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Edit description and tags' }));
    await expect(args.onEditingChange).toHaveBeenCalledWith(true);
    const description = canvas.getByLabelText('Description');
    await userEvent.clear(description);
    await userEvent.type(description, 'Summarizes support tickets.');
    const tags = canvas.getByLabelText('Tags');
    await userEvent.clear(tags);
    await userEvent.type(tags, 'support, en, support');
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(canvas.queryByLabelText('Description')).toBeNull());
    await expect(canvas.getByText('Summarizes support tickets.')).toBeVisible();
    // Repeated tags are dropped.
    await expect(canvasElement.querySelectorAll('.hangar-tag')).toHaveLength(2);
    await expect(args.onEditingChange).toHaveBeenLastCalledWith(false);
  },
};
export const EditDescriptionAndTagsDark = dark(EditDescriptionAndTags);

/** Uncontrolled `defaultEditing`: the form open from the start. */
export const Editing: Story = {
  args: { defaultEditing: true },
  decorators: [withMocks([answer(ModelDetailsDocument, modelDetails())])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByLabelText('Description')).toHaveValue(
      'A general-purpose instruction model.',
    );
  },
};
export const EditingDark = dark(Editing);

export const EditRefused: Story = {
  args: { defaultEditing: true },
  decorators: [
    withMocks([
      answer(ModelDetailsDocument, modelDetails()),
      mutation(UpdateModelDocument, () => ({
        updateModel: {
          __typename: 'UpdateModelPayload',
          model: null,
          userErrors: [
            {
              __typename: 'UserError',
              field: ['input', 'tags'],
              message: 'At most 20 tags.',
              code: 'TOO_MANY',
            },
          ],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Save' }));
    await expect(await canvas.findByText('At most 20 tags.')).toBeVisible();
    await expect(canvas.getByLabelText('Tags')).toHaveAttribute('aria-invalid', 'true');
  },
};
export const EditRefusedDark = dark(EditRefused);

/** Export gives a download link to the .zip with deployconfig.json. */
export const Export: Story = {
  decorators: [withMocks([answer(ModelDetailsDocument, modelDetails()), exported])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'More actions for Flan T5' }));
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Export with deployconfig.json' }));
    const link = await canvas.findByRole('link', { name: 'Download Flan T5.zip' });
    await expect(link).toHaveAttribute('href', '/api/v2/exports/5f2c.zip');
    await expect(link).toHaveAttribute('download');
  },
};
export const ExportDark = dark(Export);

/** Delete from the ⋯ menu, confirmed; the host is told so it can navigate away. */
export const Delete: Story = {
  decorators: [withMocks([answer(ModelDetailsDocument, modelDetails()), deleted])],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'More actions for Flan T5' }));
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Delete model…' }));
    const confirm = await within(document.body).findByRole('dialog', { name: 'Delete Flan T5?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Delete model' }));
    await waitFor(() => expect(args.onDeleted).toHaveBeenCalledWith(id));
  },
};
export const DeleteDark = dark(Delete);

export const DeleteRefused: Story = {
  decorators: [
    withMocks([
      answer(ModelDetailsDocument, modelDetails({ activeDeploymentCount: 2 })),
      mutation(DeleteModelDocument, () => ({
        deleteModel: {
          __typename: 'DeleteModelPayload',
          deletedModelId: null,
          userErrors: [
            {
              __typename: 'UserError',
              field: null,
              message: 'Flan T5 has 2 active deployments; undeploy them first.',
              code: 'IN_USE',
            },
          ],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'More actions for Flan T5' }));
    await userEvent.click(canvas.getByRole('menuitem', { name: 'Delete model…' }));
    const confirm = await within(document.body).findByRole('dialog', { name: 'Delete Flan T5?' });
    await expect(confirm).toHaveTextContent('It has 2 active deployments');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Delete model' }));
    await expect(await within(confirm).findByRole('alert')).toHaveTextContent('undeploy them first');
    await expect(args.onDeleted).not.toHaveBeenCalled();
  },
};
export const DeleteRefusedDark = dark(DeleteRefused);

export const Loading: Story = {
  decorators: [withMocks([answer(ModelDetailsDocument, 'loading')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading the model…')).toBeVisible();
  },
};
export const LoadingDark = dark(Loading);

export const Error: Story = {
  decorators: [withMocks([fail(ModelDetailsDocument, 'Network error')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Network error');
  },
};
export const ErrorDark = dark(Error);

/** An unknown ID says "not found" instead of showing an empty page. */
export const NotFound: Story = {
  args: { modelId: 'TW9kZWw6OTk' },
  decorators: [withMocks([failWithCode(ModelDetailsDocument, 'No model has the ID', 'NOT_FOUND')])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Model not found' })).toBeVisible();
    await expect(canvas.getByRole('alert')).toHaveTextContent('No model has the ID “TW9kZWw6OTk”');
  },
};
export const NotFoundDark = dark(NotFound);

const galleryStates: GalleryState[] = [
  { name: 'Ready', mocks: [answer(ModelDetailsDocument, modelDetails())] },
  {
    name: 'Importing from Hugging Face, no description',
    mocks: [
      answer(
        ModelDetailsDocument,
        modelDetails({
          status: 'IMPORTING',
          description: '',
          tags: [],
          source: 'HUGGING_FACE',
          huggingFaceRepoId: 'google/flan-t5-small',
          statusDetail: '120 674 of 241 349 bytes received.',
        }),
      ),
    ],
  },
  { name: 'Loading', mocks: [answer(ModelDetailsDocument, 'loading')] },
  { name: 'Error', mocks: [fail(ModelDetailsDocument, 'Network error')] },
  { name: 'Not found', mocks: [failWithCode(ModelDetailsDocument, 'No model', 'NOT_FOUND')] },
].map((state) => ({
  ...state,
  render: (labelledBy: string) => <ModelDetails modelId={id} aria-labelledby={labelledBy} />,
}));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('google/flan-t5-small', { exact: false });
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
