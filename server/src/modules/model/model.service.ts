import { ChangeKind } from '../../graphql/change-kind.js';
import type { EntityManager, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { escapeLike, jsonArrayContains, likeCondition } from '../../db/json-filters.js';
import { rm } from 'node:fs/promises';
import { isAbsolute, join, dirname } from 'node:path';
import {
  clampPageSize,
  CONNECTION_PAGE,
  decodeCursor,
  toConnection,
  type ConnectionShape,
} from '../../graphql/connection.js';
import { notFound } from '../../graphql/errors.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { fromGlobalId } from '../../graphql/relay.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { ACTIVE_STATUSES } from '../deployment/deployment.enums.js';
import { validateDescription, validateTags } from '../deployment/deployment.rules.js';
import { Role } from '../user/role.js';
import { requireInstanceAdmin, requireProjectRole, requireRole, type Viewer } from '../user/viewer.js';
import { Model } from './model.entity.js';
import { ModelSource, ModelStatus } from './model.enums.js';
import {
  ModelOrderField,
  OrderDirection,
  type ModelFilter,
  type ModelOrder,
  type UpdateModelInput,
} from './model.inputs.js';

export interface ModelServiceDeps {
  pubsub: HangarPubSub;
  modelStoreDir: string;
  /** Cancels an import in progress (the import module registers it). */
  cancelImport?: (modelId: string) => Promise<void>;
}

export class ModelService {
  constructor(private readonly deps: ModelServiceDeps) {}

  async list(
    em: EntityManager,
    viewer: Viewer | null,
    args: {
      first?: number | null;
      after?: string | null;
      filter?: ModelFilter | null;
      orderBy?: ModelOrder | null;
    },
  ): Promise<ConnectionShape<Model>> {
    requireRole(viewer, Role.VIEWER, 'Listing models');
    const first = clampPageSize(args.first, CONNECTION_PAGE);
    const offset = decodeCursor(args.after);
    const where = this.whereOf(args.filter ?? null);
    const direction = args.orderBy?.direction === OrderDirection.ASC ? 'asc' : 'desc';
    const key = {
      [ModelOrderField.NAME]: 'name',
      [ModelOrderField.SIZE]: 'sizeBytes',
      [ModelOrderField.CREATED_AT]: 'createdAt',
    }[args.orderBy?.field ?? ModelOrderField.CREATED_AT];
    const orderBy = { [key]: direction, id: 'asc' } as QueryOrderMap<Model>;
    const [items, total] = await em.findAndCount(Model, where, { limit: first, offset, orderBy });
    return toConnection(items, offset, total);
  }

  private whereOf(filter: ModelFilter | null): FilterQuery<Model> {
    const and: FilterQuery<Model>[] = [];
    if (filter?.search?.trim()) {
      const like = `%${escapeLike(filter.search.trim())}%`;
      and.push({
        $or: [
          likeCondition('name', like, { caseInsensitive: true }),
          likeCondition('description', like, { caseInsensitive: true }),
        ],
      } as FilterQuery<Model>);
    }
    if (filter?.source?.length) and.push({ source: { $in: filter.source } });
    if (filter?.kind) and.push({ kind: filter.kind });
    if (filter?.status?.length) and.push({ status: { $in: filter.status } });
    // Tags are a JSON array; matching on its serialised form works on SQLite and PostgreSQL alike.
    for (const tag of filter?.tags ?? []) and.push(jsonArrayContains('tags', tag) as FilterQuery<Model>);
    return and.length ? { $and: and } : {};
  }

  async get(em: EntityManager, viewer: Viewer | null, globalId: string): Promise<Model> {
    requireRole(viewer, Role.VIEWER, 'Reading a model');
    const { id } = fromGlobalId(globalId, 'Model');
    const model = await em.findOne(Model, { id });
    if (!model) throw notFound('Model', globalId);
    return model;
  }

  async update(
    em: EntityManager,
    viewer: Viewer | null,
    input: UpdateModelInput,
  ): Promise<{ model: Model | null; userErrors: UserError[] }> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Editing a model');
    const model = await this.get(em, actor, input.id);
    requireModelRole(actor, model, Role.DEPLOYER, 'Editing a model', input.id);
    const errors: UserError[] = [];
    if (input.description != null)
      errors.push(...validateDescription(input.description, ['input', 'description']));
    if (input.tags != null) errors.push(...validateTags(input.tags, ['input', 'tags']));
    if (errors.length) return { model: null, userErrors: errors };
    const changes: Record<string, unknown> = {};
    if (input.description != null) model.description = changes.description = input.description;
    if (input.tags != null)
      model.tags = (changes.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))]) as string[];
    recordAudit(
      em,
      actor,
      'updateModel',
      { type: 'Model', id: model.globalId, project: model.project?.id ?? null },
      changes,
    );
    await em.flush();
    await this.deps.pubsub.publish('MODEL_UPDATED', {
      id: model.id,
      projectId: model.project?.id ?? null,
      status: model.status,
    });
    return { model, userErrors: [] };
  }

  /**
   * ADMIN only (the role documents it). Refused for the platform's own models and while the model has any
   * deployment: a deployment carries history (versions, events, API keys, usage) that deleting the model would
   * take with it, so those are deleted one by one first (deleteDeployment refuses one whose replicas still run).
   * Allowed while importing: cancels the import and cleans up.
   */
  async delete(
    em: EntityManager,
    viewer: Viewer | null,
    globalId: string,
  ): Promise<{ deletedModelId: string | null; userErrors: UserError[] }> {
    const actor = requireRole(viewer, Role.ADMIN, 'Deleting a model');
    const model = await this.get(em, actor, globalId);
    if (model.project) requireModelRole(actor, model, Role.ADMIN, 'Deleting a model', globalId);
    if (model.source === ModelSource.PLATFORM) {
      return {
        deletedModelId: null,
        userErrors: [
          userError(
            ['input', 'id'],
            UserErrorCode.INVALID_STATE,
            `${model.name} is a platform model; it comes with the server and cannot be deleted.`,
          ),
        ],
      };
    }
    const deployments = await em.count(Deployment, { model });
    if (deployments > 0) {
      const active = await em.count(Deployment, { model, status: { $in: [...ACTIVE_STATUSES] } });
      return {
        deletedModelId: null,
        userErrors: [
          userError(
            ['input', 'id'],
            UserErrorCode.IN_USE,
            `The model has ${deployments} deployment(s) (${active} active) with their history, events and API keys; ` +
              'undeploy and delete them before deleting the model.',
          ),
        ],
      };
    }
    if (model.status === ModelStatus.IMPORTING || model.status === ModelStatus.VALIDATING) {
      await this.deps.cancelImport?.(model.id);
    }
    const deleted = model.globalId;
    recordAudit(
      em,
      actor,
      'deleteModel',
      { type: 'Model', id: deleted, project: model.project?.id ?? null },
      { name: model.name },
    );
    const storage = model.storagePath;
    em.remove(model);
    await em.flush();
    if (storage && !isAbsolute(storage)) {
      // Imported files live in their own folder of the model store.
      await rm(join(this.deps.modelStoreDir, dirname(storage)), { recursive: true, force: true });
    }
    // Derived files (quantized GGUFs) live next to the store, per model.
    await rm(join(this.deps.modelStoreDir, 'artifacts', model.id), { recursive: true, force: true });
    await this.deps.pubsub.publish('MODEL_UPDATED', {
      id: model.id,
      projectId: model.project?.id ?? null,
      change: ChangeKind.DELETED,
    });
    return { deletedModelId: deleted, userErrors: [] };
  }
}

/** A project's model needs the role in its project; a shared platform model is the instance's: its ADMIN only. */
function requireModelRole(
  actor: Viewer,
  model: Model,
  required: Role,
  action: string,
  globalId: string,
): void {
  if (model.project)
    requireProjectRole(actor, model.project.id, required, action, { type: 'Model', id: globalId });
  else requireInstanceAdmin(actor, `${action} of a platform model`);
}
