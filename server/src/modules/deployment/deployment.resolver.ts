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
import { Connection, decodeCursor, MAX_PAGE_SIZE, toConnection } from '../../graphql/connection.js';
import type { HangarContext } from '../../graphql/context.js';
import type { HangarEvents } from '../../graphql/pubsub.js';
import { fromGlobalId, tryFromGlobalId } from '../../graphql/relay.js';
import { Model } from '../model/model.entity.js';
import { HardwareProfileView } from '../hardware/hardware.resolver.js';
import { Role } from '../user/role.js';
import { User } from '../user/user.entity.js';
import { requireRole } from '../user/viewer.js';
import { DeploymentConfiguration } from './deployment.config.types.js';
import { DeploymentEvent } from './deployment-event.entity.js';
import { DeploymentVersion } from './deployment-version.entity.js';
import { Deployment } from './deployment.entity.js';
import { EventLevel } from './deployment.enums.js';
import {
  DeployModelInput,
  DeploymentFilter,
  DeploymentIdInput,
  PlanDeploymentInput,
  RedeployDeploymentInput,
  RollbackDeploymentInput,
  UpdateDeploymentInput,
} from './deployment.inputs.js';
import { DeleteDeploymentPayload, DeploymentPayload, PlanDeploymentPayload } from './deployment.payloads.js';
import { DeploymentEndpoint, Replica, Undeployment } from './deployment.views.js';
import { endpointOf } from './endpoint-snippets.js';
import type { FilterQuery } from '@mikro-orm/core';
import { escapeLike, jsonArrayContains, likeCondition } from '../../db/json-filters.js';

const DeploymentConnection = Connection(Deployment, 'Deployment');

@ArgsType()
class DeploymentsArgs {
  @Field(() => Int, { nullable: true, description: `Page size (default 20, at most ${MAX_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue after.' })
  after?: string | null;

  @Field(() => DeploymentFilter, { nullable: true, description: 'Filters.' })
  filter?: DeploymentFilter | null;
}

@Resolver(() => Deployment)
export class DeploymentResolver {
  @Query(() => DeploymentConnection, {
    description: 'Deployments, newest first (the Deployments page).',
  })
  async deployments(@Args(() => DeploymentsArgs) args: DeploymentsArgs, @Ctx() ctx: HangarContext) {
    requireRole(ctx.viewer, Role.VIEWER, 'Listing deployments');
    const first = Math.min(Math.max(args.first ?? 20, 0), MAX_PAGE_SIZE);
    const offset = decodeCursor(args.after);
    const and: FilterQuery<Deployment>[] = [];
    if (args.filter?.modelId)
      and.push({
        model: tryFromGlobalId(args.filter.modelId, 'Model') ?? '00000000-0000-0000-0000-000000000000',
      });
    if (args.filter?.search?.trim()) {
      const like = `%${escapeLike(args.filter.search.trim())}%`;
      and.push({
        $or: [likeCondition('name', like), likeCondition('deployment_id', like)],
      } as FilterQuery<Deployment>);
    }
    for (const tag of args.filter?.tags ?? [])
      and.push(jsonArrayContains('tags', tag) as FilterQuery<Deployment>);
    const [items, total] = await ctx.em.findAndCount(Deployment, and.length ? { $and: and } : {}, {
      limit: first,
      offset,
      orderBy: { createdAt: 'desc', id: 'asc' },
    });
    return toConnection(items, offset, total);
  }

  @Query(() => Deployment, {
    description: 'One deployment by global ID or by its system-generated deployment ID.',
  })
  async deployment(
    @Arg('id', () => ID, { description: 'Global ID or deployment ID (dpl-…).' }) id: string,
    @Ctx() ctx: HangarContext,
  ): Promise<Deployment> {
    requireRole(ctx.viewer, Role.VIEWER, 'Reading a deployment');
    if (id.startsWith('dpl-')) {
      const found = await ctx.em.findOne(Deployment, { deploymentId: id });
      if (found) return found;
    }
    return ctx.services.deployments.findDeployment(ctx.em, id);
  }

  @Query(() => [DeploymentVersion], { description: 'The history of a deployment, newest version first.' })
  async deploymentHistory(
    @Arg('id', () => ID, { description: 'Global ID of the deployment.' }) id: string,
    @Ctx() ctx: HangarContext,
  ): Promise<DeploymentVersion[]> {
    requireRole(ctx.viewer, Role.VIEWER, 'Reading history');
    const deployment = await ctx.services.deployments.findDeployment(ctx.em, id);
    return ctx.em.find(DeploymentVersion, { deployment }, { orderBy: { version: 'desc' } });
  }

  @Query(() => PlanDeploymentPayload, {
    description:
      'Dry run before deploying: validates the configuration like deployModel and asks the runtime whether the hardware fits now, and why not. Changes nothing.',
  })
  planDeployment(
    @Arg('input', () => PlanDeploymentInput) input: PlanDeploymentInput,
    @Ctx() ctx: HangarContext,
  ): Promise<PlanDeploymentPayload> {
    return ctx.services.deployments.planDeployment(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => DeploymentPayload, {
    description: 'Deploys a model with the wizard’s input (creates version 1). Needs acceptTerms: true.',
  })
  deployModel(@Arg('input', () => DeployModelInput) input: DeployModelInput, @Ctx() ctx: HangarContext) {
    return ctx.services.deployments.deployModel(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => DeploymentPayload, {
    description: 'Redeploys with new parameters, hardware or scaling (next version).',
  })
  redeployDeployment(
    @Arg('input', () => RedeployDeploymentInput) input: RedeployDeploymentInput,
    @Ctx() ctx: HangarContext,
  ) {
    return ctx.services.deployments.redeployDeployment(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => DeploymentPayload, {
    description: 'Redeploys an earlier version’s configuration as the next version.',
  })
  rollbackDeployment(
    @Arg('input', () => RollbackDeploymentInput) input: RollbackDeploymentInput,
    @Ctx() ctx: HangarContext,
  ) {
    return ctx.services.deployments.rollbackDeployment(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => DeploymentPayload, {
    description: 'Restarts a FAILED, UNDEPLOYED or READY_TO_DEPLOY deployment.',
  })
  retriggerDeployment(
    @Arg('input', () => DeploymentIdInput) input: DeploymentIdInput,
    @Ctx() ctx: HangarContext,
  ) {
    return ctx.services.deployments.retriggerDeployment(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => DeploymentPayload, {
    description: 'Stops every replica; the history records who and when.',
  })
  undeployDeployment(
    @Arg('input', () => DeploymentIdInput) input: DeploymentIdInput,
    @Ctx() ctx: HangarContext,
  ) {
    return ctx.services.deployments.undeployDeployment(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => DeleteDeploymentPayload, {
    description: 'Deletes an undeployed deployment and its history.',
  })
  deleteDeployment(
    @Arg('input', () => DeploymentIdInput) input: DeploymentIdInput,
    @Ctx() ctx: HangarContext,
  ) {
    return ctx.services.deployments.deleteDeployment(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => DeploymentPayload, { description: 'Edits description, tags and endpoint timeout.' })
  updateDeployment(
    @Arg('input', () => UpdateDeploymentInput) input: UpdateDeploymentInput,
    @Ctx() ctx: HangarContext,
  ) {
    return ctx.services.deployments.updateDeployment(ctx.em, ctx.viewer, input);
  }

  @Subscription(() => Deployment, {
    description:
      'Every state change of one deployment, or of any deployment of one model, or of all deployments.',
    subscribe: ({ args, context }) => {
      const ctx = context as HangarContext;
      requireRole(ctx.viewer, Role.VIEWER, 'Subscribing to deployments');
      const deploymentId = args.deploymentId
        ? fromGlobalId(args.deploymentId as string, 'Deployment').id
        : null;
      const modelId = args.modelId ? fromGlobalId(args.modelId as string, 'Model').id : null;
      return pipe(
        ctx.services.pubsub.subscribe('DEPLOYMENT_UPDATED'),
        filter(
          (p: HangarEvents['DEPLOYMENT_UPDATED'][0]) =>
            (!deploymentId || p.id === deploymentId) && (!modelId || p.modelId === modelId),
        ),
      );
    },
  })
  async deploymentUpdated(
    @Root() payload: HangarEvents['DEPLOYMENT_UPDATED'][0],
    @Ctx() ctx: HangarContext,
    @Arg('deploymentId', () => ID, { nullable: true, description: 'Only this deployment.' })
    _deploymentId?: string,
    @Arg('modelId', () => ID, { nullable: true, description: 'Only deployments of this model.' })
    _modelId?: string,
  ): Promise<Deployment | null> {
    // A fresh session per event: the subscription's context lives long, its identity map must not go stale.
    return ctx.services.orm.em.fork().findOne(Deployment, { id: payload.id });
  }

  @Subscription(() => DeploymentEvent, {
    description: 'Progress lines of one deployment ("loading model", "replica 2 ready"), as they happen.',
    subscribe: ({ args, context }) => {
      const ctx = context as HangarContext;
      requireRole(ctx.viewer, Role.VIEWER, 'Subscribing to deployment events');
      const id = fromGlobalId(args.deploymentId as string, 'Deployment').id;
      return pipe(
        ctx.services.pubsub.subscribe('DEPLOYMENT_EVENT'),
        filter((p: HangarEvents['DEPLOYMENT_EVENT'][0]) => p.deploymentId === id),
      );
    },
  })
  deploymentEvents(
    @Root() payload: HangarEvents['DEPLOYMENT_EVENT'][0],
    @Arg('deploymentId', () => ID, { description: 'The deployment.' }) _deploymentId: string,
  ): DeploymentEvent {
    return Object.assign(new DeploymentEvent(), {
      version: payload.version,
      level: payload.level as EventLevel,
      message: payload.message,
      at: new Date(payload.at),
    });
  }

  @FieldResolver(() => Model, { description: 'The deployed model.' })
  async model(@Root() deployment: Deployment): Promise<Model> {
    return deployment.model.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who added the deployment ("Added by").' })
  async createdBy(@Root() deployment: Deployment): Promise<User | null> {
    return deployment.createdBy ? ((await deployment.createdBy.load({ dataloader: true })) ?? null) : null;
  }

  @FieldResolver(() => DeploymentConfiguration, { description: 'Configuration of the current version.' })
  configuration(@Root() deployment: Deployment): DeploymentConfiguration {
    return deployment.config as DeploymentConfiguration;
  }

  @FieldResolver(() => HardwareProfileView, { nullable: true, description: 'The chosen hardware profile.' })
  hardwareProfile(@Root() deployment: Deployment, @Ctx() ctx: HangarContext): HardwareProfileView | null {
    return ctx.services.hardwareProfiles.find((p) => p.id === deployment.config.hardwareProfileId) ?? null;
  }

  @FieldResolver(() => [DeploymentVersion], { description: 'History: every version, newest first.' })
  versions(@Root() deployment: Deployment, @Ctx() ctx: HangarContext): Promise<DeploymentVersion[]> {
    return ctx.em.find(DeploymentVersion, { deployment: deployment.id }, { orderBy: { version: 'desc' } });
  }

  @FieldResolver(() => [Replica], { description: 'Replicas the runtime runs for this deployment now.' })
  replicas(@Root() deployment: Deployment, @Ctx() ctx: HangarContext): Replica[] {
    return ctx.services.runtime.replicas(deployment.deploymentId).map((r) => ({
      id: r.id,
      version: r.version,
      status: r.status,
      startedAt: r.startedAt,
    }));
  }

  @FieldResolver(() => [DeploymentEvent], { description: 'The latest progress lines, oldest first.' })
  async events(
    @Root() deployment: Deployment,
    @Ctx() ctx: HangarContext,
    @Arg('last', () => Int, { nullable: true, description: 'How many (default 50, at most 500).' })
    last?: number,
  ): Promise<DeploymentEvent[]> {
    const limit = Math.min(Math.max(last ?? 50, 1), 500);
    const rows = await ctx.em.find(
      DeploymentEvent,
      { deployment: deployment.id },
      { orderBy: { at: 'desc' }, limit },
    );
    return rows.reverse();
  }

  @FieldResolver(() => DeploymentEndpoint, { description: 'How to call this deployment.' })
  endpoint(@Root() deployment: Deployment, @Ctx() ctx: HangarContext): DeploymentEndpoint {
    return endpointOf(ctx.services.publicUrl(), deployment.deploymentId, deployment.endpointTimeoutSeconds);
  }
}

@Resolver(() => DeploymentVersion)
export class DeploymentVersionResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who deployed this version.' })
  async deployedBy(@Root() version: DeploymentVersion): Promise<User | null> {
    return version.deployedBy ? ((await version.deployedBy.load({ dataloader: true })) ?? null) : null;
  }

  @FieldResolver(() => DeploymentConfiguration, {
    description: 'Full configuration snapshot of this version.',
  })
  configuration(@Root() version: DeploymentVersion): DeploymentConfiguration {
    return version.config as DeploymentConfiguration;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Seconds from start to SUCCESS/FAILED; null while deploying.',
  })
  durationSeconds(@Root() version: DeploymentVersion): number | null {
    return version.endedAt
      ? Math.max(0, Math.round((version.endedAt.getTime() - version.startedAt.getTime()) / 1000))
      : null;
  }

  @FieldResolver(() => Boolean, { description: 'True for the most recent version (the green tick).' })
  async isLatest(@Root() version: DeploymentVersion): Promise<boolean> {
    const deployment = await version.deployment.loadOrFail({ dataloader: true });
    return deployment.currentVersion === version.version;
  }

  @FieldResolver(() => Undeployment, {
    nullable: true,
    description: 'Present only if this version was undeployed.',
  })
  async undeployment(@Root() version: DeploymentVersion) {
    if (!version.undeployStartedAt) return null;
    return {
      by: version.undeployedBy ? ((await version.undeployedBy.load({ dataloader: true })) ?? null) : null,
      bySystem: version.undeployedBySystem,
      reason: version.undeployReason ?? null,
      startedAt: version.undeployStartedAt,
      endedAt: version.undeployEndedAt ?? null,
    };
  }
}
