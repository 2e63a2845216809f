import type { EntityManager } from '@mikro-orm/core';
import { tryFromGlobalId } from '../../graphql/relay.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { CATALOG } from '../catalog/catalog.data.js';
import type { HuggingFaceModelSource } from '../huggingface/hf-model.source.js';
import { Model } from '../model/model.entity.js';
import { ModelFormat, ModelKind, ModelSource, ModelStatus } from '../model/model.enums.js';
import type { Project } from '../project/project.entity.js';
import type { Viewer } from '../user/viewer.js';
import type { DeployModelInput } from './deployment.inputs.js';

/** Which model a deploy names: one of ours (modelId), a catalog entry, or a Hugging Face repository. */
export class DeploymentModelSource {
  constructor(
    private readonly deps: {
      /** The runtime's name: Hugging Face checks depend on what it can serve. */
      runtimeName: string;
      huggingFace?: HuggingFaceModelSource;
    },
  ) {}

  /**
   * The model a deploy (or plan) names. A catalog entry deployed for the first time gets its model record created
   * for `creator`; without a creator (a dry run) the record is built in memory and never persisted.
   */
  async resolve(
    em: EntityManager,
    input: Pick<DeployModelInput, 'modelId' | 'catalogEntryId' | 'huggingFace'>,
    errors: UserError[],
    creator: Viewer | null,
    project: Project | null,
  ): Promise<Model | null> {
    if (input.huggingFace) {
      if (input.modelId || input.catalogEntryId) {
        errors.push(
          userError(
            ['input', 'huggingFace'],
            UserErrorCode.INVALID,
            'Give one source: modelId, catalogEntryId or huggingFace.',
          ),
        );
        return null;
      }
      if (!this.deps.huggingFace || !creator || !project) {
        errors.push(
          userError(
            ['input', 'huggingFace'],
            UserErrorCode.UNSUPPORTED,
            creator
              ? 'Hugging Face deploys are not enabled.'
              : 'Plan a Hugging Face model after it is deployed once.',
          ),
        );
        return null;
      }
      return this.deps.huggingFace.prepare(
        em,
        creator,
        project,
        input.huggingFace,
        this.deps.runtimeName,
        errors,
      );
    }
    if (input.modelId && input.catalogEntryId) {
      errors.push(
        userError(
          ['input', 'modelId'],
          UserErrorCode.INVALID,
          'Give either modelId or catalogEntryId, not both.',
        ),
      );
      return null;
    }
    if (input.modelId) return this.ownModel(em, input.modelId, errors);
    if (input.catalogEntryId) return this.catalogModel(em, input.catalogEntryId, errors, creator);
    errors.push(
      userError(
        ['input', 'modelId'],
        UserErrorCode.REQUIRED,
        'Choose a model (modelId) or a catalog entry (catalogEntryId).',
      ),
    );
    return null;
  }

  private async ownModel(em: EntityManager, modelId: string, errors: UserError[]): Promise<Model | null> {
    const id = tryFromGlobalId(modelId, 'Model');
    const model = id ? await em.findOne(Model, { id }) : null;
    if (!model) {
      errors.push(
        userError(['input', 'modelId'], UserErrorCode.NOT_FOUND, `No model has the ID "${modelId}".`),
      );
      return null;
    }
    if (model.status !== ModelStatus.READY_TO_DEPLOY) {
      errors.push(
        userError(
          ['input', 'modelId'],
          UserErrorCode.INVALID_STATE,
          `The model is ${model.status}; only READY_TO_DEPLOY models can be deployed.`,
        ),
      );
    }
    if (model.kind === ModelKind.ADAPTER) {
      errors.push(
        userError(
          ['input', 'modelId'],
          UserErrorCode.UNSUPPORTED,
          'An adapter is served by a deployment of its base model: deploy the base model, then attach the adapter to it (attachAdapter).',
        ),
      );
    }
    return model;
  }

  private async catalogModel(
    em: EntityManager,
    catalogEntryId: string,
    errors: UserError[],
    creator: Viewer | null,
  ): Promise<Model | null> {
    const entry = CATALOG.find((e) => e.id === catalogEntryId);
    if (!entry) {
      errors.push(
        userError(
          ['input', 'catalogEntryId'],
          UserErrorCode.NOT_FOUND,
          `The catalog has no entry "${catalogEntryId}".`,
        ),
      );
      return null;
    }
    const existing = await em.findOne(Model, { catalogEntryId: entry.id, source: ModelSource.PLATFORM });
    if (existing) return existing;
    const taken = await em.findOne(Model, { name: entry.name });
    const fields = {
      name: taken ? entry.id.replace('/', '--') : entry.name,
      description: entry.description,
      tags: [entry.family],
      source: ModelSource.PLATFORM,
      kind: ModelKind.BASE,
      format: ModelFormat.HF_SAFETENSORS,
      sizeBytes: 0,
      status: ModelStatus.READY_TO_DEPLOY,
      catalogEntryId: entry.id,
      huggingFaceRepoId: entry.id,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    if (!creator) return Object.assign(new Model(), fields);
    return em.create(Model, { ...fields, createdBy: creator.user });
  }
}
