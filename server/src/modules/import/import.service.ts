import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Upload } from '@tus/utils';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { ChangeKind } from '../../graphql/change-kind.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import type { Logger } from '../../core/logger.js';
import { recordAudit } from '../audit/audit.service.js';
import { validateDescription, validateTags } from '../deployment/deployment.rules.js';
import { Model } from '../model/model.entity.js';
import { ModelFormat, ModelKind, ModelSource, ModelStatus } from '../model/model.enums.js';
import { Role } from '../user/role.js';
import { requireRole, type Viewer } from '../user/viewer.js';
import type { ImportModelInput } from './import.inputs.js';
import { modelNameFromFileName, uniqueModelName } from './model-name.js';
import { baseFacts } from './base-facts.js';
import { convertPeftAtImport } from './peft-import.js';
import type { SplitUploadStore } from './upload-store/split-upload.store.js';
import { uploadFileName, UPLOAD_OWNER_KEY } from './upload.route.js';
import { findBaseModel, importProject } from './import.placement.js';
import {
  extractValidatedArchive,
  validateModelArchive,
  type ArchiveLimits,
  type ImportErrorClass,
  type ValidationSuccess,
} from './validation/index.js';

export interface ImportServiceDeps {
  orm: MikroORM;
  pubsub: HangarPubSub;
  logger: Logger;
  modelStoreDir: string;
  uploads: SplitUploadStore;
  /** Archive limits (tests shrink them); defaults from validation/archive-limits.ts. */
  limits?: Partial<ArchiveLimits>;
}

export interface ImportModelPayload {
  model: Model | null;
  userErrors: UserError[];
}

/** Statuses in which an import is still running (deleteModel cancels it). */
const IN_PROGRESS = [ModelStatus.IMPORTING, ModelStatus.VALIDATING];

/**
 * Turns a finished tus upload into a model: IMPORTING while bytes arrive → VALIDATING (streaming checks) →
 * extraction into `<modelStore>/<modelId>/` → READY_TO_DEPLOY, or IMPORT_FAILED with the seed's error class and
 * a message that says how to fix it. Validations run one at a time so a burst of imports cannot starve the server.
 */
export class ImportService {
  private readonly running = new Map<string, AbortController>();
  /** Imports past the queue (validating, extracting, converting): what cancel() waits for once aborted. */
  private readonly active = new Map<string, Promise<void>>();
  private queue: Promise<void> = Promise.resolve();
  private readonly pending = new Set<Promise<void>>();

  /** Archive limits in force (tests and operators may tighten them at run time). */
  archiveLimits: Partial<ArchiveLimits>;

  constructor(private readonly deps: ImportServiceDeps) {
    this.archiveLimits = deps.limits ?? {};
  }

  async importModel(
    em: EntityManager,
    viewer: Viewer | null,
    input: ImportModelInput,
  ): Promise<ImportModelPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Importing a model');
    const errors: UserError[] = [];
    if (input.description != null)
      errors.push(...validateDescription(input.description, ['input', 'description']));
    if (input.tags != null) errors.push(...validateTags(input.tags, ['input', 'tags']));

    const upload = await this.findUpload(input.uploadId);
    if (!upload) {
      errors.push(
        userError(
          ['input', 'uploadId'],
          UserErrorCode.NOT_FOUND,
          `No upload has the ID "${input.uploadId}". Upload the .zip to /uploads first (tus), then import it with the ID from its URL.`,
        ),
      );
    } else if (upload.metadata?.[UPLOAD_OWNER_KEY] !== actor.user.id && actor.role !== Role.ADMIN) {
      errors.push(
        userError(
          ['input', 'uploadId'],
          UserErrorCode.NOT_FOUND,
          `No upload has the ID "${input.uploadId}".`,
        ),
      );
    } else {
      // A client that resumed its upload (a browser refresh, a retry) asks again: the import is the one running.
      const running = await em.findOne(Model, { uploadId: upload.id });
      if (running) return { model: running, userErrors: [] };
    }

    let base: Model | null = null;
    if (input.kind === ModelKind.ADAPTER) {
      base = await findBaseModel(em, input.baseModelId, errors);
    } else if (input.baseModelId) {
      errors.push(
        userError(
          ['input', 'baseModelId'],
          UserErrorCode.INVALID,
          'A base model is chosen only when importing an adapter; remove baseModelId or set kind ADAPTER.',
        ),
      );
    }
    const project = await importProject(em, actor, input, base, errors);
    if (errors.length || !upload || !project) return { model: null, userErrors: errors };

    const fileName = uploadFileName(upload) ?? `${upload.id}.zip`;
    const complete = upload.size !== undefined && upload.offset === upload.size;
    const model = em.create(Model, {
      project,
      name: await uniqueModelName(em, modelNameFromFileName(fileName)),
      description: input.description ?? '',
      tags: [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))],
      source: ModelSource.FILE,
      kind: input.kind,
      baseModel: base,
      format: ModelFormat.UNKNOWN,
      status: complete ? ModelStatus.VALIDATING : ModelStatus.IMPORTING,
      uploadId: upload.id,
      bytesReceived: upload.offset,
      bytesTotal: upload.size ?? null,
      createdBy: actor.user,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    recordAudit(
      em,
      actor,
      'importModel',
      { type: 'Model', id: model.globalId, project: project.id },
      {
        name: model.name,
        kind: input.kind,
        fileName,
      },
    );
    await em.flush();
    // Live model lists insert the import as it starts.
    await this.publish(model, ChangeKind.CREATED);
    // Bytes may have arrived, or the upload completed, between the look-up and the insert; their progress event
    // found no model then (and a stalled upload sends no other): ask the store again.
    const current = (await this.findUpload(upload.id)) ?? upload;
    if (current.offset > model.bytesReceived) {
      await this.onUploadProgress(upload.id, current.offset);
      model.bytesReceived = current.offset;
    }
    if (complete || (current.size !== undefined && current.offset === current.size))
      this.startValidation(model.id);
    return { model, userErrors: [] };
  }

  /** tus reports bytes written (throttled); the model's counter follows. */
  async onUploadProgress(uploadId: string, offset: number): Promise<void> {
    const em = this.deps.orm.em.fork();
    const model = await em.findOne(Model, { uploadId, status: ModelStatus.IMPORTING });
    if (!model || offset <= model.bytesReceived) return;
    await em.nativeUpdate(Model, { id: model.id }, { bytesReceived: offset });
    await this.publish(model);
  }

  async onUploadFinished(uploadId: string): Promise<void> {
    const em = this.deps.orm.em.fork();
    const model = await em.findOne(Model, { uploadId });
    if (model) this.startValidation(model.id);
  }

  /**
   * deleteModel's hook: stops the validation, extraction or PEFT conversion (each checks the signal between
   * chunks), waits until it has stopped, then removes everything the import wrote and its upload.
   */
  async cancel(modelId: string): Promise<void> {
    this.running.get(modelId)?.abort(new Error('The import was cancelled.'));
    await this.active.get(modelId);
    const em = this.deps.orm.em.fork();
    const model = await em.findOne(Model, { id: modelId });
    if (model?.uploadId) await this.removeUpload(model.uploadId);
    await this.removeFiles(modelId);
  }

  /** The reconciler's hooks (see import.reconciler.ts). */
  async revalidate(modelId: string): Promise<void> {
    // A crash may have left half an extraction; extraction needs an empty folder.
    await this.removeFiles(modelId);
    this.startValidation(modelId);
  }

  async failImport(modelId: string, errorClass: ImportErrorClass, message: string): Promise<void> {
    const em = this.deps.orm.em.fork();
    const model = await em.findOne(Model, { id: modelId });
    if (model && IN_PROGRESS.includes(model.status)) await this.fail(em, model, errorClass, message);
  }

  isValidating(modelId: string): boolean {
    return this.running.has(modelId);
  }

  /** Resolves when every queued validation has ended (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  close(): void {
    for (const controller of this.running.values()) controller.abort(new Error('The server is stopping.'));
  }

  private startValidation(modelId: string): void {
    if (this.running.has(modelId)) return;
    const controller = new AbortController();
    this.running.set(modelId, controller);
    const job = this.queue
      .then(() => {
        const run = this.runImport(modelId, controller.signal);
        this.active.set(
          modelId,
          run.then(
            () => undefined,
            () => undefined,
          ),
        );
        return run;
      })
      .catch((error: unknown) =>
        this.deps.logger.error({ err: error, modelId }, 'import failed unexpectedly'),
      )
      .finally(() => {
        this.running.delete(modelId);
        this.active.delete(modelId);
      });
    this.queue = job;
    this.pending.add(job);
    void job.finally(() => this.pending.delete(job));
  }

  private async runImport(modelId: string, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const em = this.deps.orm.em.fork();
    const model = await em.findOne(Model, { id: modelId }, { populate: ['baseModel'] });
    if (!model || !IN_PROGRESS.includes(model.status) || !model.uploadId) return;
    const upload = await this.findUpload(model.uploadId);
    if (!upload || upload.size === undefined || upload.offset !== upload.size) {
      await this.fail(
        em,
        model,
        'UPLOAD_FAILURE',
        'The upload did not complete: the server does not have the whole file. Upload it again and import the new upload.',
      );
      return;
    }
    model.status = ModelStatus.VALIDATING;
    model.bytesReceived = upload.offset;
    await em.flush();
    await this.publish(model);

    const zipPath = upload.storage?.path ?? '';
    let result;
    try {
      result = await validateModelArchive(zipPath, {
        // A stored entry's bytes were written into a part of their own as they arrived (upload-store/).
        parts: await this.deps.uploads.partsOf(upload.id, upload.offset),
        kind: model.kind === ModelKind.ADAPTER ? 'ADAPTER' : 'BASE',
        base: model.baseModel ? baseFacts(model.baseModel.getEntity()) : undefined,
        fileName: uploadFileName(upload) ?? `${upload.id}.zip`,
        signal,
        limits: this.archiveLimits,
      });
    } catch (error) {
      if (signal.aborted) return;
      this.deps.logger.error({ err: error, modelId }, 'archive validation crashed');
      await this.fail(
        em,
        model,
        'EXTRACTION_ISSUE',
        'The archive could not be read. Create the zip again (a standard .zip, not encrypted) and upload it.',
      );
      return;
    }
    if (signal.aborted) return;
    if (!result.ok) {
      await this.fail(em, model, result.errorClass, result.message);
      return;
    }
    try {
      await extractValidatedArchive(zipPath, join(this.deps.modelStoreDir, model.id), result, signal);
    } catch (error) {
      if (signal.aborted) return;
      this.deps.logger.warn({ err: error, modelId }, 'extraction failed');
      await this.fail(
        em,
        model,
        'EXTRACTION_ISSUE',
        `The archive passed validation but could not be extracted (${(error as Error).message}). Check the server's free disk space, then upload it again.`,
      );
      return;
    }
    if (signal.aborted) {
      await this.removeFiles(model.id);
      return;
    }
    let peft: Awaited<ReturnType<typeof convertPeftAtImport>> = null;
    try {
      if (result.format === 'ADAPTER') {
        const base = model.baseModel?.getEntity() ?? null;
        peft = await convertPeftAtImport(this.deps.modelStoreDir, model, base, signal);
      }
    } catch (error) {
      // Stopped midway (the conversion removed its output): the model is deleted, or revalidated at the next start.
      if (signal.aborted) return this.removeFiles(model.id);
      throw error;
    }
    if (peft && !peft.ok) return this.fail(em, model, peft.errorClass, peft.message);
    if (signal.aborted) return this.removeFiles(model.id);
    this.applySuccess(model, result);
    if (peft) model.facts = { ...model.facts, ggufLora: peft.ggufLora };
    await em.flush();
    await this.removeUpload(upload.id);
    await this.publish(model);
    this.deps.logger.info({ modelId, name: model.name, format: model.format }, 'model imported');
  }

  private applySuccess(model: Model, result: ValidationSuccess): void {
    const main =
      result.format === 'GGUF'
        ? result.files
            .filter((f) => f.role === 'GGUF')
            .map((f) => f.path)
            .sort()[0]
        : (result.files.find((f) => f.role === 'CONFIG' || f.role === 'ADAPTER_CONFIG')?.path ??
          result.files[0]!.path);
    model.format = ModelFormat[result.format];
    model.facts = { ...result.facts };
    model.sizeBytes = result.files.reduce((sum, f) => sum + f.size, 0);
    model.storagePath = `${model.id}/${main}`;
    model.suggestedDeployConfig = result.deployConfig
      ? (result.deployConfig as unknown as Record<string, unknown>)
      : null;
    model.status = ModelStatus.READY_TO_DEPLOY;
    model.statusDetail = null;
    model.importErrorClass = null;
    model.uploadId = null;
  }

  private async fail(
    em: EntityManager,
    model: Model,
    errorClass: ImportErrorClass,
    message: string,
  ): Promise<void> {
    model.status = ModelStatus.IMPORT_FAILED;
    model.importErrorClass = errorClass;
    model.statusDetail = message;
    const uploadId = model.uploadId;
    model.uploadId = null;
    await em.flush();
    if (uploadId) await this.removeUpload(uploadId);
    await this.removeFiles(model.id);
    await this.publish(model);
  }

  private async findUpload(uploadId: string): Promise<Upload | null> {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(uploadId)) return null;
    try {
      return await this.deps.uploads.getUpload(uploadId);
    } catch {
      return null;
    }
  }

  /** The model's folder and what was derived from it (a converted LoRA). */
  private async removeFiles(modelId: string): Promise<void> {
    await rm(join(this.deps.modelStoreDir, modelId), { recursive: true, force: true });
    await rm(join(this.deps.modelStoreDir, 'artifacts', modelId), { recursive: true, force: true });
  }

  private async removeUpload(uploadId: string): Promise<void> {
    await this.deps.uploads.remove(uploadId).catch(() => undefined);
  }

  private async publish(model: Model, change?: ChangeKind): Promise<void> {
    await this.deps.pubsub.publish('MODEL_UPDATED', {
      id: model.id,
      projectId: model.project?.id ?? null,
      status: model.status,
      change,
    });
  }
}
