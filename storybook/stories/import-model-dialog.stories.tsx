import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ImportModelDialog, type FileUploader } from '@hangar/components';
import {
  ImportBaseModelsDocument,
  ImportModelDocument,
  ImportProgressDocument,
} from '@hangar/components/documents';
import { answer, mutation, quietSubscription, withMocks } from '../mocks/mocked-graphql.js';

const bases = answer(ImportBaseModelsDocument, {
  models: {
    __typename: 'ModelConnection',
    nodes: [
      { __typename: 'Model', id: 'TW9kZWw6MQ', name: 'Llama 3 8B Instruct', source: 'PLATFORM' },
      { __typename: 'Model', id: 'TW9kZWw6Mg', name: 'Mistral 7B', source: 'PLATFORM' },
    ],
  },
});
const imported = (status: string, statusDetail: string | null = null) =>
  mutation(ImportModelDocument, () => ({
    importModel: {
      __typename: 'ImportModelPayload',
      model: { __typename: 'Model', id: 'TW9kZWw6OQ', name: 'tiny-llama', status, statusDetail },
      userErrors: [],
    },
  }));
const progress = quietSubscription(ImportProgressDocument);

/** Reports progress in steps, like a tus upload over a slow link, then resolves with an upload id. */
const steppedUploader: FileUploader = async (file, { onProgress }) => {
  for (const part of [0.25, 0.5, 1]) {
    await new Promise((resolve) => setTimeout(resolve, 30));
    onProgress(Math.round(file.size * part), file.size);
  }
  return 'upload-123';
};
/** Never finishes, to show the Importing phase. */
const stalledUploader: FileUploader = (file, { onProgress }) => {
  onProgress(Math.round(file.size * 0.4), file.size);
  return new Promise(() => undefined);
};

const zip = () => new File([new Uint8Array(1000)], 'tiny-llama.zip', { type: 'application/zip' });

async function chooseFile(file: File) {
  const input = document.querySelector<HTMLInputElement>('dialog input[type=file]');
  if (!input) throw new globalThis.Error('file input missing');
  await userEvent.upload(input, file);
}

const meta = {
  title: 'Models/ImportModelDialog',
  component: ImportModelDialog,
  args: { defaultOpen: true, onImported: fn(), onOpenChange: fn(), uploader: steppedUploader },
  decorators: [withMocks([bases, imported('READY_TO_DEPLOY'), progress])],
} satisfies Meta<typeof ImportModelDialog>;
export default meta;
type Story = StoryObj<typeof meta>;

export const BaseModel: Story = {
  play: async () => {
    const dialog = await within(document.body).findByRole('dialog', { name: 'Import model' });
    await expect(within(dialog).getByRole('tab', { name: 'Base Model' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(within(dialog).getByRole('button', { name: 'Import' })).toBeDisabled();
  },
};

export const AdapterModel: Story = {
  args: { defaultKind: 'ADAPTER' },
  play: async () => {
    const dialog = await within(document.body).findByRole('dialog', { name: 'Import model' });
    await expect(await within(dialog).findByRole('option', { name: 'Mistral 7B' })).toBeInTheDocument();
  },
};

/** The extension is checked before any upload. */
export const WrongExtension: Story = {
  play: async () => {
    const dialog = await within(document.body).findByRole('dialog', { name: 'Import model' });
    // applyAccept: false lets the test drop a file the picker would hide, as drag and drop can.
    const input = dialog.querySelector<HTMLInputElement>('input[type=file]');
    if (!input) throw new globalThis.Error('file input missing');
    await userEvent.setup({ applyAccept: false }).upload(input, new File(['x'], 'model.tar.gz'));
    await expect(await within(dialog).findByRole('alert')).toHaveTextContent('is not a .zip archive');
    await expect(within(dialog).getByRole('button', { name: 'Import' })).toBeDisabled();
  },
};

/** Pick → Import → progress → Validating → Ready to Deploy. */
export const ImportToReady: Story = {
  play: async ({ args }) => {
    const dialog = await within(document.body).findByRole('dialog', { name: 'Import model' });
    await chooseFile(zip());
    await expect(within(dialog).getByText('tiny-llama.zip')).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    await expect(await within(dialog).findByText('Ready to Deploy')).toBeVisible();
    await waitFor(() =>
      expect(args.onImported).toHaveBeenCalledWith(expect.objectContaining({ name: 'tiny-llama' })),
    );
  },
};

export const Importing: Story = {
  args: { uploader: stalledUploader },
  play: async () => {
    const dialog = await within(document.body).findByRole('dialog', { name: 'Import model' });
    await chooseFile(zip());
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    await expect(await within(dialog).findByRole('progressbar', { name: 'Upload progress' })).toHaveValue(40);
  },
};

export const Validating: Story = {
  decorators: [withMocks([bases, imported('VALIDATING'), progress])],
  play: async () => {
    const dialog = await within(document.body).findByRole('dialog', { name: 'Import model' });
    await chooseFile(zip());
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    await expect(await within(dialog).findByText(/Validating/)).toBeVisible();
  },
};

export const ImportFailed: Story = {
  decorators: [
    withMocks([
      bases,
      imported('IMPORT_FAILED', 'Extraction issue: entry "../etc/passwd" would escape the model folder.'),
      progress,
    ]),
  ],
  play: async () => {
    const dialog = await within(document.body).findByRole('dialog', { name: 'Import model' });
    await chooseFile(zip());
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    await expect(await within(dialog).findByRole('alert')).toHaveTextContent('Extraction issue');
    await expect(within(dialog).getByRole('button', { name: 'Re-import' })).toBeVisible();
  },
};

export const AdapterNeedsBase: Story = {
  args: { defaultKind: 'ADAPTER' },
  play: async () => {
    const dialog = await within(document.body).findByRole('dialog', { name: 'Import model' });
    await chooseFile(zip());
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    await expect(within(dialog).getByLabelText('Base model')).toHaveAccessibleDescription(
      expect.stringContaining('Select the base model'),
    );
  },
};
