import type { MikroORM } from '@mikro-orm/core';
import { basename, isAbsolute, join } from 'node:path';
import type { DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import type { RuntimeAdapter, RuntimeDeploySpec } from '../../runtime/runtime.js';
import type { HuggingFaceModelSource } from '../huggingface/hf-model.source.js';
import { Model } from '../model/model.entity.js';
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
    spec.adapters = await this.adaptersOf(deployment);
    // A private Hugging Face repository: runtimes that pull weights themselves need the connection's token.
    const token = await this.deps.huggingFace?.tokenFor(this.deps.orm.em.fork(), model);
    if (token) spec.model.huggingFaceToken = token;
    return spec;
  }

  /** The attached adapters as the runtime sees them, in attach order (a deleted adapter model is skipped). */
  async adaptersOf(deployment: Deployment): Promise<RuntimeAdapter[]> {
    if (deployment.adapterModelIds.length === 0) return [];
    const models = await this.deps.orm.em.fork().find(Model, { id: { $in: deployment.adapterModelIds } });
    const byId = new Map(models.map((m) => [m.id, m]));
    return deployment.adapterModelIds
      .map((id) => byId.get(id))
      .filter((m): m is Model => m !== undefined)
      .map((m) => this.adapterFor(m));
  }

  adapterFor(model: Model): RuntimeAdapter {
    const ggufLora = model.facts?.['ggufLora'];
    return {
      name: model.name,
      format: model.format,
      localPath: this.localPathOf(model),
      huggingFaceRepoId: model.huggingFaceRepoId ?? undefined,
      // Recorded by the import when it converted a PEFT adapter (modules/import/peft-import.ts).
      ...(typeof ggufLora === 'string' ? { ggufLoraPath: this.inStore(ggufLora) } : {}),
    };
  }

  private localPathOf(model: Model): string | undefined {
    return model.storagePath ? this.inStore(model.storagePath) : undefined;
  }

  private inStore(path: string): string {
    return isAbsolute(path) ? path : join(this.deps.modelStoreDir, path);
  }

  /** The spec without secrets, for models that may not be stored yet (planDeployment). */
  specFor(model: Model, deploymentId: string, version: number, config: DeploymentConfig): RuntimeDeploySpec {
    const { modelStoreDir } = this.deps;
    const localPath = this.localPathOf(model);
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
