import { filter, pipe } from '@graphql-yoga/subscription';
import {
  Arg,
  Args,
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
import { fromGlobalId } from '../../graphql/relay.js';
import { Role } from '../user/role.js';
import { requireRole } from '../user/viewer.js';
import type { HangarContext } from '../../graphql/context.js';
import { MAX_PAGE_SIZE } from '../../graphql/connection.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { User } from '../user/user.entity.js';
import { Model } from './model.entity.js';
import { ModelFilter, ModelIdInput, ModelOrder, UpdateModelInput } from './model.inputs.js';
import { DeleteModelPayload, ModelConnection, ModelPayload } from './model.payloads.js';

@ArgsType()
class ModelsArgs {
  @Field(() => Int, { nullable: true, description: `Page size (default 20, at most ${MAX_PAGE_SIZE}).` })
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
  @Query(() => ModelConnection, {
    description: 'The model list (Open-source models page).',
  })
  models(@Args(() => ModelsArgs) args: ModelsArgs, @Ctx() ctx: HangarContext) {
    return ctx.services.models.list(ctx.em, ctx.viewer, args);
  }

  @Query(() => Model, { description: 'One model by ID.' })
  model(@Arg('id', () => ID, { description: 'Global ID.' }) id: string, @Ctx() ctx: HangarContext) {
    return ctx.services.models.get(ctx.em, ctx.viewer, id);
  }

  @Mutation(() => ModelPayload, {
    description: 'Edits a model’s description and tags (the name never changes).',
  })
  updateModel(@Arg('input', () => UpdateModelInput) input: UpdateModelInput, @Ctx() ctx: HangarContext) {
    return ctx.services.models.update(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => DeleteModelPayload, {
    description:
      'Deletes a model and its files. Refused while any deployment is active; cancels an import in progress.',
  })
  deleteModel(@Arg('input', () => ModelIdInput) input: ModelIdInput, @Ctx() ctx: HangarContext) {
    return ctx.services.models.delete(ctx.em, ctx.viewer, input.id);
  }

  @Subscription(() => Model, {
    nullable: true,
    description:
      'Every change of one model (or of any model): import phases, edits, and its deployment counts. Null when it was deleted.',
    subscribe: ({ args, context }) => {
      const ctx = context as HangarContext;
      requireRole(ctx.viewer, Role.VIEWER, 'Subscribing to models');
      const id = args.id ? fromGlobalId(args.id as string, 'Model').id : null;
      return pipe(
        ctx.services.pubsub.subscribe('MODEL_UPDATED'),
        filter((p: HangarEvents['MODEL_UPDATED'][0]) => !id || p.id === id),
      );
    },
  })
  async modelUpdated(
    @Root() payload: HangarEvents['MODEL_UPDATED'][0],
    @Ctx() ctx: HangarContext,
    @Arg('id', () => ID, { nullable: true, description: 'Only this model.' }) _id?: string,
  ): Promise<Model | null> {
    // A fresh session per event: the subscription's context lives long, its identity map must not go stale.
    const em = ctx.services.orm.em.fork();
    ctx.loaders.deploymentCounts.clearAll();
    return em.findOne(Model, { id: payload.id });
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
    return ctx.em.find(Deployment, { model: model.id }, { orderBy: { createdAt: 'desc' }, limit: 100 });
  }
}
