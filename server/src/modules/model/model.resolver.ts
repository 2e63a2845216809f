import {
  Arg,
  Args,
  Authorized,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { HangarEvents } from '../../graphql/pubsub.js';
import { modelsChangedFilter, modelUpdatedFilter } from './model.live.js';
import { Role } from '../user/role.js';
import type { HangarContext } from '../request-context.js';
import { CONNECTION_PAGE, pageSizeDescription } from '../../graphql/connection.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { User } from '../user/user.entity.js';
import { Model } from './model.entity.js';
import { DeleteModelInput, ModelFilter, ModelOrder, UpdateModelInput } from './model.inputs.js';
import { DeleteModelPayload, ModelChange, ModelConnection, UpdateModelPayload } from './model.payloads.js';
import { ChangeKind } from '../../graphql/change-kind.js';
import { toGlobalId } from '../../graphql/relay.js';
import type { ModelService } from './model.service.js';

@ArgsType()
class ModelsArgs {
  @Field(() => Int, { nullable: true, description: pageSizeDescription(CONNECTION_PAGE) })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue after (pageInfo.endCursor).' })
  after?: string | null;

  @Field(() => ModelFilter, { nullable: true, description: 'Filters.' })
  filter?: ModelFilter | null;

  @Field(() => ModelOrder, { nullable: true, description: 'Sort order (default: newest first).' })
  orderBy?: ModelOrder | null;
}

@Resolver(() => Model)
export class ModelResolver {
  constructor(private readonly modelService: ModelService) {}

  @Query(() => ModelConnection, {
    description: 'The model list (Open-source models page).',
  })
  models(@Args(() => ModelsArgs) args: ModelsArgs, @Ctx() ctx: HangarContext) {
    return this.modelService.list(ctx.em, ctx.viewer, args);
  }

  @Query(() => Model, { description: 'One model by ID.' })
  model(@Arg('id', () => ID, { description: 'Global ID.' }) id: string, @Ctx() ctx: HangarContext) {
    return this.modelService.get(ctx.em, ctx.viewer, id);
  }

  @Mutation(() => UpdateModelPayload, {
    description: 'Edits a model’s description and tags (the name never changes).',
  })
  updateModel(@Arg('input', () => UpdateModelInput) input: UpdateModelInput, @Ctx() ctx: HangarContext) {
    return this.modelService.update(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => DeleteModelPayload, {
    description:
      'Deletes a model and its files (ADMIN). Refused for platform models and while the model has any deployment (delete those first: each carries history); cancels an import in progress.',
  })
  deleteModel(@Arg('input', () => DeleteModelInput) input: DeleteModelInput, @Ctx() ctx: HangarContext) {
    return this.modelService.delete(ctx.em, ctx.viewer, input.id);
  }

  @Authorized(Role.VIEWER)
  @Subscription(() => Model, {
    nullable: true,
    description:
      'Every change of one model (or of any model): import phases, edits, and its deployment counts. Null when it was deleted.',
    topics: 'MODEL_UPDATED',
    filter: modelUpdatedFilter,
  })
  async modelUpdated(
    @Root() payload: HangarEvents['MODEL_UPDATED'][0],
    @Ctx() ctx: HangarContext,
    @Arg('id', () => ID, { nullable: true, description: 'Only this model.' }) _id?: string,
  ): Promise<Model | null> {
    // The live fan-out gives each batch a fresh session and loaders: one read per event, shared by subscribers.
    return ctx.loaders.model.load(payload.id);
  }

  @Authorized(Role.VIEWER)
  @Subscription(() => ModelChange, {
    description:
      'The live model list: every model created (imports), changed or deleted. Lists insert rows they do not have and drop DELETED ones.',
    topics: 'MODEL_UPDATED',
    filter: modelsChangedFilter,
  })
  async modelsChanged(
    @Root() payload: HangarEvents['MODEL_UPDATED'][0],
    @Ctx() ctx: HangarContext,
  ): Promise<ModelChange> {
    const model = payload.change === ChangeKind.DELETED ? null : await ctx.loaders.model.load(payload.id);
    return {
      kind: model ? (payload.change ?? ChangeKind.UPDATED) : ChangeKind.DELETED,
      id: toGlobalId('Model', payload.id),
      model,
    };
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who added the model (null for system-created models).',
  })
  async createdBy(@Root() model: Model): Promise<User | null> {
    return model.createdBy ? ((await model.createdBy.load({ dataloader: true })) ?? null) : null;
  }

  @FieldResolver(() => Model, { nullable: true, description: 'For an adapter: its base model.' })
  async baseModel(@Root() model: Model): Promise<Model | null> {
    return model.baseModel ? ((await model.baseModel.load({ dataloader: true })) ?? null) : null;
  }

  @FieldResolver(() => Int, {
    description: 'Deployments currently active (deploying, optimizing or deployed).',
  })
  async activeDeploymentCount(@Root() model: Model, @Ctx() ctx: HangarContext): Promise<number> {
    return (await ctx.loaders.deploymentCounts.load(model.id)).active;
  }

  @FieldResolver(() => Int, { description: 'Deployments that failed.' })
  async failedDeploymentCount(@Root() model: Model, @Ctx() ctx: HangarContext): Promise<number> {
    return (await ctx.loaders.deploymentCounts.load(model.id)).failed;
  }

  @FieldResolver(() => Int, { description: 'Deployments configured but not started (READY_TO_DEPLOY).' })
  async readyToDeployCount(@Root() model: Model, @Ctx() ctx: HangarContext): Promise<number> {
    return (await ctx.loaders.deploymentCounts.load(model.id)).readyToDeploy;
  }

  @FieldResolver(() => [Deployment], {
    description: 'Deployments of this model, newest first.',
  })
  async deployments(@Root() model: Model, @Ctx() ctx: HangarContext): Promise<Deployment[]> {
    return ctx.loaders.modelDeployments.load(model.id);
  }
}
