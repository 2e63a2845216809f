import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useId, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  ImportBaseModelsDocument,
  ImportModelDocument,
  ImportProgressDocument,
  type ModelKind,
} from '../gql/graphql.js';
import { useHangarSettings } from '../provider/hangar-settings.context.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { Field } from '../shared/field.js';
import { Modal } from '../shared/modal.js';
import { useControllableState } from '../shared/use-controllable-state.js';
import { userErrorsByField } from '../shared/user-errors.js';
import { checkImportFile } from './import-file-check.js';
import { tusUploader, type FileUploader } from './tus-upload.js';
import '../styles/theme.css';
import './import-model-dialog.css';

export type { FileUploader } from './tus-upload.js';
export { checkImportFile } from './import-file-check.js';

/** CSS variables ImportModelDialog reads beyond the theme's. */
export type ImportModelDialogCssVariables = '--hangar-dropzone-border' | '--hangar-progress-fill';

/** Where an import is: the seed's statuses plus the steps before them. */
export type ImportPhase =
  'idle' | 'invalid' | 'ready' | 'importing' | 'validating' | 'import-failed' | 'ready-to-deploy';

export interface ImportedModel {
  id: string;
  name: string;
  status: string;
  statusDetail?: string | null;
}

export interface ImportModelDialogProps {
  /** Whether the dialog is shown (controlled). @default undefined */
  open?: boolean;
  /** Initial visibility when uncontrolled. @default false */
  defaultOpen?: boolean;
  /** Called when the dialog opens or closes. @default undefined */
  onOpenChange?: (open: boolean) => void;
  /** The tab shown first. @default 'BASE' */
  defaultKind?: ModelKind;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Uploads the file; the default is a resumable tus upload to HangarProvider's `uploadUrl`. @default tus */
  uploader?: FileUploader;
  /** Called when the model is Ready to Deploy. @default undefined */
  onImported?: (model: ImportedModel) => void;
  /** Class of the dialog element. @default undefined */
  className?: string;
}

/** Import model: Base/Adapter tabs, drag and drop, extension check, resumable upload, then the import statuses. */
export function ImportModelDialog({
  open: openProp,
  defaultOpen = false,
  onOpenChange,
  defaultKind = 'BASE',
  client: clientProp,
  uploader,
  onImported,
  className,
}: ImportModelDialogProps) {
  const client = useHangarClient('ImportModelDialog', clientProp);
  const settings = useHangarSettings();
  const upload = useMemo(
    () => uploader ?? tusUploader(settings.uploadUrl, settings.token),
    [uploader, settings.uploadUrl, settings.token],
  );
  const [open, setOpen] = useControllableState(openProp, defaultOpen, onOpenChange);
  const [kind, setKind] = useState<ModelKind>(defaultKind);
  const [baseModelId, setBaseModelId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<ImportPhase>('idle');
  const [progress, setProgress] = useState({ sent: 0, total: 0 });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [model, setModel] = useState<ImportedModel | null>(null);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const baseId = useId();

  const bases = useQuery(ImportBaseModelsDocument, { client, skip: !open || kind !== 'ADAPTER' });
  const [importModel] = useMutation(ImportModelDocument, { client });
  useSubscription(ImportProgressDocument, {
    client,
    skip: !model || phase === 'ready-to-deploy' || phase === 'import-failed',
    onData: ({ data }) => {
      const update = data.data?.modelUpdated;
      if (update && update.id === model?.id) follow(update);
    },
  });

  function follow(next: ImportedModel) {
    setModel(next);
    if (next.status === 'READY_TO_DEPLOY') {
      setPhase('ready-to-deploy');
      onImported?.(next);
    } else if (next.status === 'IMPORT_FAILED') setPhase('import-failed');
    else setPhase(next.status === 'IMPORTING' ? 'importing' : 'validating');
  }

  function choose(chosen: File | undefined) {
    if (!chosen) return;
    const problem = checkImportFile(chosen);
    setFile(chosen);
    setFileError(problem);
    setErrors({});
    setPhase(problem ? 'invalid' : 'ready');
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  }

  async function start() {
    if (!file || fileError) return;
    if (kind === 'ADAPTER' && !baseModelId) {
      setErrors({ baseModelId: 'Select the base model this adapter adjusts.' });
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setPhase('importing');
    setProgress({ sent: 0, total: file.size });
    // The import is registered once, as early as the uploader reports the upload id, so the model shows as
    // Importing in the list while the bytes are still on their way.
    let registration: Promise<boolean> | null = null;
    const register = (uploadId: string) => {
      registration ??= registerImport(uploadId);
      return registration;
    };
    try {
      const uploadId = await upload(file, {
        signal: controller.signal,
        onProgress: (sent, total) => setProgress({ sent, total }),
        onCreated: (id) => void register(id),
      });
      // From here on the server owns the file: closing the dialog must not cancel it.
      abort.current = null;
      if (!(await register(uploadId))) return;
      setPhase((current) => (current === 'importing' ? 'validating' : current));
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      setErrors({ '': `Upload failure: ${(e as Error).message}` });
      setPhase('import-failed');
    }
  }

  /** importModel; false (with the errors shown) when the server refused it. */
  async function registerImport(uploadId: string): Promise<boolean> {
    try {
      const result = await importModel({
        variables: { input: { uploadId, kind, baseModelId: kind === 'ADAPTER' ? baseModelId : undefined } },
      });
      const payload = result.data?.importModel;
      if (payload?.userErrors.length || !payload?.model) {
        setErrors(userErrorsByField(payload?.userErrors ?? [{ message: 'The import was not accepted.' }]));
        setPhase('import-failed');
        return false;
      }
      follow(payload.model);
      return true;
    } catch (e) {
      setErrors({ '': (e as Error).message });
      setPhase('import-failed');
      return false;
    }
  }

  function reset() {
    abort.current?.abort();
    abort.current = null;
    setFile(null);
    setFileError(null);
    setPhase('idle');
    setErrors({});
    setModel(null);
    setProgress({ sent: 0, total: 0 });
  }

  function close() {
    reset();
    setOpen(false);
  }

  const busy = phase === 'importing' || phase === 'validating';
  const percent = progress.total ? Math.floor((progress.sent / progress.total) * 100) : 0;
  const tabs: Array<{ value: ModelKind; label: string }> = [
    { value: 'BASE', label: 'Base Model' },
    { value: 'ADAPTER', label: 'Adapter Model' },
  ];

  return (
    <Modal
      open={open}
      title="Import model"
      onClose={close}
      state={phase}
      className={classNames('hangar-import', className)}
    >
      <div className="hangar-root hangar-import__body" data-phase={phase} data-kind={kind.toLowerCase()}>
        <div role="tablist" aria-label="Model type" className="hangar-endpoint__tabs">
          {tabs.map((tab) => (
            <button
              key={tab.value}
              type="button"
              role="tab"
              id={`${baseId}-${tab.value}`}
              aria-selected={kind === tab.value}
              aria-controls={`${baseId}-panel`}
              className="hangar-endpoint__tab"
              disabled={busy}
              onClick={() => {
                setKind(tab.value);
                setErrors({});
              }}
            >
              {tab.label}
            </button>
          ))}
        </div>
        <div
          role="tabpanel"
          id={`${baseId}-panel`}
          aria-labelledby={`${baseId}-${kind}`}
          className="hangar-import__panel"
        >
          {kind === 'ADAPTER' ? (
            <Field
              label="Base model"
              name="baseModelId"
              error={errors.baseModelId}
              hint="The platform model this adapter was trained for."
            >
              {(control) => (
                <select
                  {...control}
                  className="hangar-input"
                  value={baseModelId}
                  disabled={busy}
                  onChange={(e) => setBaseModelId(e.target.value)}
                >
                  <option value="">{bases.loading ? 'Loading base models…' : 'Select a base model'}</option>
                  {(bases.data?.models.nodes ?? []).map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}

          <div
            className="hangar-import__dropzone"
            data-dragging={dragging ? 'true' : 'false'}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <p>
              {kind === 'ADAPTER' ? 'Import adapter model file' : 'Import base model file'}: drag and drop a
              .zip here, or
            </p>
            <button
              type="button"
              className="hangar-button"
              disabled={busy}
              onClick={() => fileInput.current?.click()}
            >
              Upload file
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".zip,application/zip"
              className="hangar-visually-hidden"
              tabIndex={-1}
              aria-label="Model file"
              onChange={(event) => choose(event.target.files?.[0])}
            />
            {file ? (
              <p className="hangar-import__file" data-valid={fileError ? 'false' : 'true'}>
                {file.name}
              </p>
            ) : null}
            {fileError ? (
              <p role="alert" className="hangar-error">
                {fileError}
              </p>
            ) : null}
          </div>

          <details className="hangar-import__instructions">
            <summary>Instructions</summary>
            {kind === 'ADAPTER' ? (
              <p>A .zip holding adapter_config.json and adapter_model.safetensors (a PEFT adapter).</p>
            ) : (
              <p>
                A .zip holding either one or more .gguf files, or a Hugging Face folder: config.json,
                *.safetensors (or pytorch_model*.bin) and the tokenizer files. Add deployconfig.json from an
                export to pre-fill the deploy wizard.
              </p>
            )}
          </details>

          {phase === 'importing' ||
          phase === 'validating' ||
          phase === 'ready-to-deploy' ||
          phase === 'import-failed' ? (
            <div className="hangar-import__status" role="status">
              <strong>{PHASE_LABELS[phase]}</strong>
              {phase === 'importing' ? (
                <progress
                  className="hangar-import__progress"
                  max={100}
                  value={percent}
                  aria-label="Upload progress"
                >
                  {percent}%
                </progress>
              ) : null}
              {phase === 'importing' ? <span className="hangar-muted">{percent}%</span> : null}
              {phase === 'ready-to-deploy' && model ? <span>{model.name} is ready to deploy.</span> : null}
            </div>
          ) : null}
          {phase === 'import-failed' ? (
            <p role="alert" className="hangar-error">
              {model?.statusDetail ?? Object.values(errors).join(' ')}
            </p>
          ) : null}
        </div>

        <div className="hangar-dialog__actions">
          <button type="button" className="hangar-button" onClick={close}>
            {phase === 'ready-to-deploy' ? 'Close' : 'Cancel'}
          </button>
          {phase === 'import-failed' ? (
            <button type="button" className="hangar-button" onClick={reset}>
              Re-import
            </button>
          ) : null}
          {phase !== 'ready-to-deploy' ? (
            <button
              type="button"
              className="hangar-button"
              data-variant="primary"
              disabled={phase !== 'ready'}
              onClick={() => void start()}
            >
              Import
            </button>
          ) : null}
        </div>
      </div>
    </Modal>
  );
}

const PHASE_LABELS: Record<'importing' | 'validating' | 'import-failed' | 'ready-to-deploy', string> = {
  importing: 'Importing — uploading the file',
  validating: 'Validating — checking the archive',
  'import-failed': 'Import Failed',
  'ready-to-deploy': 'Ready to Deploy',
};
