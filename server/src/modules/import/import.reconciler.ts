import type { MikroORM } from '@mikro-orm/core';
import type { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/utils';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../core/logger.js';
import { Model } from '../model/model.entity.js';
import { ModelSource, ModelStatus } from '../model/model.enums.js';
import { PARTS_SUFFIX } from './upload-store/upload-parts.js';
import type { ImportErrorClass } from './validation/index.js';

/** What the reconciler needs of the import service. */
export interface ImportControl {
  /** Validates a model's complete upload again from the start (its half-extracted folder removed first). */
  revalidate(modelId: string): Promise<void>;
  failImport(modelId: string, errorClass: ImportErrorClass, message: string): Promise<void>;
  /** Whether this process is validating the model now. */
  isValidating(modelId: string): boolean;
}

export interface ImportReconcilerOptions {
  orm: MikroORM;
  store: FileStore;
  uploadsDir: string;
  modelStoreDir: string;
  logger: Logger;
  /** An upload that received no byte for this long is given up and its bytes freed. */
  uploadIdleMs: number;
  control: ImportControl;
}

export const INTERRUPTED_MESSAGE = 'The import was interrupted by a server restart — import again.';

/** How a file import found at start (or by the idle sweep) goes on; pure so every case is visible. */
export type ImportVerdict = 'revalidate' | 'interrupted' | 'abandoned' | 'keep';

export function importVerdict(
  status: ModelStatus,
  upload: { complete: boolean; idle: boolean } | null,
): ImportVerdict {
  if (!upload) return 'interrupted';
  if (upload.complete) return 'revalidate';
  // An incomplete upload stays resumable across a restart (tus's point) until it has been idle too long.
  if (status === ModelStatus.VALIDATING) return 'interrupted';
  return upload.idle ? 'abandoned' : 'keep';
}

/**
 * Keeps imports from being stuck or leaving bytes behind. At start: file imports left IMPORTING or VALIDATING by
 * a crash are validated again when their upload is complete, else failed; upload files without their other half
 * and `.partial` files in the model store (a killed quantization, an interrupted download) are removed. Then
 * periodically: uploads idle longer than `uploadIdleMs` are removed, failing the model that waited for them.
 * Assumes one server per data directory, as the local runtime does.
 */
export class ImportReconciler {
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(private readonly options: ImportReconcilerOptions) {}

  async reconcileAtStart(): Promise<void> {
    await this.removeOrphanUploadFiles();
    await removePartialFiles(this.options.modelStoreDir, this.options.logger);
    await this.reconcileModels(true);
  }

  /** Runs the idle sweep every `intervalMs` until close(). */
  sweepPeriodically(intervalMs: number, leads: () => boolean = () => true): void {
    this.sweeper = setInterval(() => {
      // In a fleet sharing the data folder, one instance sweeps.
      if (!leads()) return;
      this.sweeping ??= this.sweepIdleUploads()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'upload idle sweep failed'))
        .finally(() => (this.sweeping = undefined));
    }, intervalMs);
    this.sweeper.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.sweeping;
  }

  /** Removes uploads idle too long; the models waiting for them fail. */
  async sweepIdleUploads(): Promise<void> {
    await this.reconcileModels(false);
    const em = this.options.orm.em.fork();
    for (const id of await this.uploadIds()) {
      const upload = await this.findUpload(id);
      if (!upload || !(await this.isIdle(upload))) continue;
      // A complete upload that a model imports belongs to that validation.
      if (isComplete(upload) && (await em.count(Model, { uploadId: id }))) continue;
      await this.options.store.remove(id).catch(() => undefined);
      this.options.logger.info({ uploadId: id }, 'removed an idle upload');
    }
  }

  private async reconcileModels(atStart: boolean): Promise<void> {
    const { control, logger } = this.options;
    const em = this.options.orm.em.fork();
    const models = await em.find(Model, {
      source: ModelSource.FILE,
      status: { $in: [ModelStatus.IMPORTING, ModelStatus.VALIDATING] },
    });
    for (const model of models) {
      if (control.isValidating(model.id)) continue;
      const upload = model.uploadId ? await this.findUpload(model.uploadId) : null;
      // Between starts only uploads matter: a validation in flight is this process's own.
      if (!atStart && (model.status !== ModelStatus.IMPORTING || (upload && isComplete(upload)))) continue;
      const verdict = importVerdict(
        model.status,
        upload && { complete: isComplete(upload), idle: await this.isIdle(upload) },
      );
      logger.info({ modelId: model.id, status: model.status, verdict }, 'reconciling an import');
      if (verdict === 'revalidate') await control.revalidate(model.id);
      else if (verdict === 'interrupted')
        await control.failImport(
          model.id,
          'UPLOAD_FAILURE',
          atStart
            ? INTERRUPTED_MESSAGE
            : 'The upload was removed before it completed. Upload the file again and import the new upload.',
        );
      else if (verdict === 'abandoned')
        await control.failImport(
          model.id,
          'UPLOAD_FAILURE',
          `No bytes arrived for ${formatHours(this.options.uploadIdleMs)}, so the unfinished upload was removed to free its space. Upload the file again and import the new upload.`,
        );
    }
  }

  private async isIdle(upload: Upload): Promise<boolean> {
    const dataFile = await stat(join(this.options.uploadsDir, upload.id)).catch(() => null);
    const created = upload.creation_date ? Date.parse(upload.creation_date) : 0;
    const lastActivity = Math.max(dataFile?.mtimeMs ?? 0, Number.isNaN(created) ? 0 : created);
    return Date.now() - lastActivity > this.options.uploadIdleMs;
  }

  /**
   * An upload is a data file `<id>`, its record `<id>.json` and maybe its parts `<id>.parts/`; what lacks the
   * data file or the record is left from a crash.
   */
  private async removeOrphanUploadFiles(): Promise<void> {
    const names = new Set(await readdir(this.options.uploadsDir).catch(() => [] as string[]));
    for (const name of names) {
      const id = name.endsWith('.json')
        ? name.slice(0, -5)
        : name.endsWith(PARTS_SUFFIX)
          ? name.slice(0, -PARTS_SUFFIX.length)
          : name;
      const orphan = !names.has(id) || !names.has(`${id}.json`);
      if (!orphan) continue;
      await rm(join(this.options.uploadsDir, name), { force: true, recursive: true });
      this.options.logger.info({ file: name }, 'removed an orphan upload file');
    }
  }

  private async uploadIds(): Promise<string[]> {
    const names = await readdir(this.options.uploadsDir).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
  }

  private async findUpload(id: string): Promise<Upload | null> {
    try {
      return await this.options.store.getUpload(id);
    } catch {
      return null;
    }
  }
}

function isComplete(upload: Upload): boolean {
  return upload.size !== undefined && upload.offset === upload.size;
}

function formatHours(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 1 ? `${Number(hours.toFixed(1))} h` : `${Math.max(1, Math.round(ms / 1000))} s`;
}

/** `.partial` files (`x.gguf.partial-<uuid>` from the quantizer) anywhere under the model store. */
async function removePartialFiles(dir: string, logger: Logger): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (/\.partial(-[\w-]+)?$/.test(entry.name)) {
      await rm(path, { force: true, recursive: true });
      logger.info({ path }, 'removed a partial file left by an interrupted write');
    } else if (entry.isDirectory()) {
      await removePartialFiles(path, logger);
    }
  }
}
