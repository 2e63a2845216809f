import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import type { Logger } from '../../core/logger.js';
import { Connection } from '../connection/connection.entity.js';
import type { ConnectionService } from '../connection/connection.service.js';
import { modelNameFromFileName, uniqueModelName } from '../import/model-name.js';
import { ByteCursor } from '../import/validation/entry-byte-cursor.js';
import { checkGgufEntry } from '../import/validation/gguf-file-check.js';
import { ArchiveRejection } from '../import/validation/validation-result.js';
import { Model } from '../model/model.entity.js';
import { ModelFormat, ModelKind, ModelSource, ModelStatus } from '../model/model.enums.js';
import type { Viewer } from '../user/viewer.js';
import { checkHuggingFaceRepo, RepoRefusal, type RepoFile } from './hf-repo.check.js';
import type { HuggingFaceSourceInput } from './huggingface.inputs.js';
import type { Project } from '../project/project.entity.js';

export interface HuggingFaceModelSourceDeps {
  orm: MikroORM;
  pubsub: HangarPubSub;
  logger: Logger;
  modelStoreDir: string;
  hubUrl: string;
  connections: ConnectionService;
}

/**
 * deployModel's Hugging Face source: checks the repository (reachable with the connection, Transformers version,
 * architecture), records the model, and — for repositories with GGUF files — downloads one into the model store
 * with live progress so the local runtime can serve it. Repositories without GGUF are pulled by GPU runtimes.
 */
export class HuggingFaceModelSource {
  private readonly downloads = new Map<string, Promise<void>>();

  constructor(private readonly deps: HuggingFaceModelSourceDeps) {}

  async prepare(
    em: EntityManager,
    actor: Viewer,
    project: Project,
    input: HuggingFaceSourceInput,
    runtimeName: string,
    errors: UserError[],
  ): Promise<Model | null> {
    const field = (name: string) => ['input', 'huggingFace', name];
    let connection: Connection | null = null;
    if (input.connectionId) {
      connection = await this.deps.connections.find(em, input.connectionId, field('connectionId'), errors);
      if (!connection) return null;
      // Another project's token is as unknown here as a missing one.
      if (connection.project.id !== project.id) {
        errors.push(
          userError(
            field('connectionId'),
            UserErrorCode.NOT_FOUND,
            `No connection has the ID "${input.connectionId}".`,
          ),
        );
        return null;
      }
    }
    const repoId = input.repoId.trim();
    let repo;
    try {
      repo = await checkHuggingFaceRepo(repoId, {
        hubUrl: this.deps.hubUrl,
        withToken: !!connection,
        ...(connection ? { accessToken: this.deps.connections.tokenOf(connection) } : {}),
      });
    } catch (error) {
      if (!(error instanceof RepoRefusal)) throw error;
      errors.push(userError(field(error.field), UserErrorCode.INVALID, error.message));
      return null;
    }
    const gguf = pickGguf(repo.ggufFiles);
    if (!gguf && runtimeName === 'local') {
      errors.push(
        userError(
          field('repoId'),
          UserErrorCode.UNSUPPORTED,
          `${repoId} has no GGUF file, so it needs a GPU runtime (Nomad); the local runtime serves GGUF models only. ` +
            'Choose a repository with a .gguf file (e.g. a "-GGUF" repository) to deploy it here.',
        ),
      );
      return null;
    }

    let model = await em.findOne(Model, {
      source: ModelSource.HUGGING_FACE,
      huggingFaceRepoId: repoId,
      project: project.id,
    });
    if (!model) {
      model = em.create(Model, {
        project,
        name: await uniqueModelName(em, repoId.split('/').map(modelNameFromFileName).join('--')),
        source: ModelSource.HUGGING_FACE,
        kind: ModelKind.BASE,
        huggingFaceRepoId: repoId,
        format: gguf ? ModelFormat.GGUF : ModelFormat.HF_SAFETENSORS,
        status: gguf ? ModelStatus.IMPORTING : ModelStatus.READY_TO_DEPLOY,
        createdBy: actor.user,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    }
    model.connectionId = connection?.id ?? null;
    model.facts = {
      ...(model.facts ?? {}),
      ...(repo.architecture ? { architecture: repo.architecture } : {}),
      ...(repo.transformersVersion ? { transformersVersion: repo.transformersVersion } : {}),
    };
    if (gguf && model.status !== ModelStatus.READY_TO_DEPLOY && !this.downloads.has(model.id)) {
      model.status = ModelStatus.IMPORTING;
      model.statusDetail = null;
      model.importErrorClass = null;
      model.bytesReceived = 0;
      model.bytesTotal = gguf.size;
      await em.flush();
      const modelId = model.id;
      const run = this.download(modelId, model.project?.id ?? null, repoId, gguf, connection);
      this.downloads.set(modelId, run);
      void run.finally(() => this.downloads.delete(modelId)).catch(() => undefined);
    }
    return model;
  }

  /** Resolves when the model's files are in the store; rejects with a user-facing reason. Null when none runs. */
  whenDownloaded(modelId: string): Promise<void> | null {
    return this.downloads.get(modelId) ?? null;
  }

  /** The token a runtime needs to pull a private repository itself (GPU runtimes). */
  async tokenFor(em: EntityManager, model: Model): Promise<string | undefined> {
    if (!model.connectionId) return undefined;
    const connection = await em.findOne(Connection, { id: model.connectionId });
    return connection ? this.deps.connections.tokenOf(connection) : undefined;
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.downloads.values()]);
  }

  private async download(
    modelId: string,
    projectId: string | null,
    repoId: string,
    file: RepoFile,
    connection: Connection | null,
  ): Promise<void> {
    const folder = join(this.deps.modelStoreDir, modelId);
    const target = join(folder, basename(file.path));
    const em = this.deps.orm.em.fork();
    try {
      await rm(folder, { recursive: true, force: true });
      await mkdir(folder, { recursive: true });
      // Loaded on first use, like in hf-repo.check.ts.
      const { downloadFile } = await import('@huggingface/hub');
      const blob = await downloadFile({
        repo: { type: 'model', name: repoId },
        path: file.path,
        hubUrl: this.deps.hubUrl,
        ...(connection ? { accessToken: this.deps.connections.tokenOf(connection) } : {}),
      });
      if (!blob) throw new Error(`${file.path} disappeared from ${repoId}`);
      let received = 0;
      let reported = 0;
      let lastReport = 0;
      const report = async (force: boolean): Promise<void> => {
        if (!force && (Date.now() - lastReport < 250 || received === reported)) return;
        lastReport = Date.now();
        reported = received;
        await em.nativeUpdate(Model, { id: modelId }, { bytesReceived: received });
        await this.deps.pubsub.publish('MODEL_UPDATED', {
          id: modelId,
          projectId,
          status: ModelStatus.IMPORTING,
        });
      };
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          report(false).then(
            () => callback(null, chunk),
            (error: unknown) => callback(error as Error),
          );
        },
      });
      await pipeline(
        Readable.fromWeb(blob.stream() as WebReadableStream),
        counter,
        createWriteStream(target, { flags: 'wx' }),
      );
      await report(true);
      const size = (await stat(target)).size;
      if (size !== file.size) throw new Error(`received ${size} of ${file.size} bytes of ${file.path}`);
      // The same GGUF checks as an upload: a file llama.cpp would crash on is refused here.
      const facts = await checkGgufEntry(new ByteCursor(createReadStream(target)), file.path, size);
      const model = await em.findOneOrFail(Model, { id: modelId });
      model.status = ModelStatus.READY_TO_DEPLOY;
      model.storagePath = `${modelId}/${basename(file.path)}`;
      model.sizeBytes = size;
      model.bytesReceived = size;
      model.facts = {
        ...(model.facts ?? {}),
        ggufArchitecture: facts.architecture,
        contextLength: facts.contextLength,
        file: file.path,
      };
      await em.flush();
      await this.deps.pubsub.publish('MODEL_UPDATED', { id: modelId, projectId, status: model.status });
      this.deps.logger.info(
        { modelId, repoId, file: file.path },
        'downloaded a GGUF model from Hugging Face',
      );
    } catch (error) {
      const rejected = error instanceof ArchiveRejection;
      const message = rejected
        ? error.message
        : `Downloading ${file.path} from ${repoId} failed: ${(error as Error).message}. Deploy again to retry.`;
      await rm(folder, { recursive: true, force: true });
      const model = await em.findOne(Model, { id: modelId });
      if (model) {
        model.status = ModelStatus.IMPORT_FAILED;
        model.importErrorClass = rejected ? error.errorClass : 'UPLOAD_FAILURE';
        model.statusDetail = message;
        await em.flush();
        await this.deps.pubsub.publish('MODEL_UPDATED', { id: modelId, projectId, status: model.status });
      }
      this.deps.logger.warn({ modelId, repoId, reason: message }, 'Hugging Face download failed');
      throw new Error(message, { cause: error });
    }
  }
}

/** One GGUF to serve: a q4_K_M file when offered, else the first. Split GGUFs (…-00001-of-…) are not pulled yet. */
function pickGguf(files: RepoFile[]): RepoFile | undefined {
  const unsplit = files.filter((f) => !/-\d{5}-of-\d{5}\.gguf$/i.test(f.path));
  return unsplit.find((f) => /q4_k_m/i.test(f.path)) ?? unsplit[0];
}
