import type { MikroORM } from '@mikro-orm/core';
import { basename, isAbsolute, join } from 'node:path';
import type { DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import type { RuntimeDeploySpec } from '../../runtime/runtime.js';
import type { HuggingFaceModelSource } from '../huggingface/hf-model.source.js';
import type { Model } from '../model/model.entity.js';
import { ModelFormat, ModelSource } from '../model/model.enums.js';
import type { Deployment } from './deployment.entity.js';

/** Builds what the runtime needs to serve a version: the configuration and where the model's files are. */
export class DeploymentSpecBuilder {
  constructor(
    private readonly deps: {
      orm: MikroORM;
      /** Root of the model store; Model.storagePath is relative to it. */
      modelStoreDir: string;
      huggingFace?: HuggingFaceModelSource;
    },
  ) {}

  async build(deployment: Deployment, version: number, config: DeploymentConfig): Promise<RuntimeDeploySpec> {
    const model = await deployment.model.load();
    if (!model) throw new Error(`Deployment ${deployment.deploymentId} has no model.`);
    const spec = this.specFor(model, deployment.deploymentId, version, config);
    // A private Hugging Face repository: runtimes that pull weights themselves need the connection's token.
    const token = await this.deps.huggingFace?.tokenFor(this.deps.orm.em.fork(), model);
    if (token) spec.model.huggingFaceToken = token;
    return spec;
  }

  /** The spec without secrets, for models that may not be stored yet (planDeployment). */
  specFor(model: Model, deploymentId: string, version: number, config: DeploymentConfig): RuntimeDeploySpec {
    const { modelStoreDir } = this.deps;
    const localPath = model.storagePath
      ? isAbsolute(model.storagePath)
        ? model.storagePath
        : join(modelStoreDir, model.storagePath)
      : undefined;
    const huggingFaceRepoId =
      model.huggingFaceRepoId ??
      (model.catalogEntryId && model.source === ModelSource.PLATFORM ? model.catalogEntryId : undefined) ??
      undefined;
    return {
      deploymentId,
      version,
      config,
      model: {
        id: model.id,
        name: model.name,
        source: model.source,
        format: model.format,
        localPath,
        huggingFaceRepoId,
        // A GGUF repo holds one file per quantization: pull the one this model was imported from.
        huggingFaceFile:
          huggingFaceRepoId && localPath && model.format === ModelFormat.GGUF
            ? basename(localPath)
            : undefined,
        artifactDir: join(modelStoreDir, 'artifacts', model.id),
      },
    };
  }
}
