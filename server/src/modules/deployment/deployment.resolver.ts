import {
  Extensions,
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
import {
  clampPageSize,
  Connection,
  CONNECTION_PAGE,
  decodeCursor,
  pageSizeDescription,
  pageSizeExtensions,
  toConnection,
  type PageSize,
} from '../../graphql/connection.js';
import type { HangarContext } from '../request-context.js';
import type { HangarEvents } from '../../graphql/pubsub.js';
import { toGlobalId, tryFromGlobalId } from '../../graphql/relay.js';
import { Model } from '../model/model.entity.js';
import { HardwareProfileView } from '../hardware/hardware.resolver.js';
import { Role } from '../user/role.js';
import { User } from '../user/user.entity.js';
import { requireRole } from '../user/viewer.js';
import { completeStoredConfig } from '../../core/deployment-config/deployment-config.js';
import { DeploymentConfiguration } from './deployment.config.types.js';
import { DeploymentEvent } from './deployment-event.entity.js';
import { DeploymentVersion } from './deployment-version.entity.js';
import { Deployment } from './deployment.entity.js';
import { EventLevel } from './deployment.enums.js';
import {
  DeployModelInput,
  DeleteDeploymentInput,
  DeploymentFilter,
  PlanDeploymentInput,
  RedeployDeploymentInput,
  RetriggerDeploymentInput,
  RollbackDeploymentInput,
  UndeployDeploymentInput,
  UpdateDeploymentInput,
} from './deployment.inputs.js';
import {
  DeleteDeploymentPayload,
  DeployModelPayload,
  PlanDeploymentPayload,
  RedeployDeploymentPayload,
  RetriggerDeploymentPayload,
  RollbackDeploymentPayload,
  UndeployDeploymentPayload,
  UpdateDeploymentPayload,
} from './deployment.payloads.js';
import { DeploymentChange, DeploymentEndpoint, Replica, Undeployment } from './deployment.views.js';
import {
  deploymentEventsFilter,
  deploymentsChangedFilter,
  deploymentUpdatedFilter,
} from './deployment.live.js';
import { ChangeKind } from '../../graphql/change-kind.js';
import { endpointOf } from './endpoint-snippets.js';
import type { FilterQuery } from '@mikro-orm/core';
import { escapeLike, jsonArrayContains, likeCondition } from '../../db/json-filters.js';
import type { Runtime } from '../../runtime/runtime.js';
import { isIdle, isServing } from './deployment.serving.js';
import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { DeploymentService } from './deployment.service.js';

const DeploymentConnection = Connection(Deployment, 'Deployment');
/** Deployment.events: progress lines are small, a page may hold more of them than of a connection. */
const EVENTS_PAGE: PageSize = { default: 50, max: 500 };

@ArgsType()
class DeploymentsArgs {
  @Field(() => Int, { nullable: true, description: pageSizeDescription(CONNECTION_PAGE) })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue after.' })
  after?: string | null;

  @Field(() => DeploymentFilter, { nullable: true, description: 'Filters.' })
  filter?: DeploymentFilter | null;
}

@Resolver(() => Deployment)
export class DeploymentResolver {
  constructor(
    private readonly deploymentService: DeploymentService,
    private readonly profiles: readonly HardwareProfile[],
    private readonly runtime: Runtime,
    private readonly publicUrl: () => string,
  ) {}

  @Query(() => DeploymentConnection, {
    description: 'Deployments, newest first (the Deployments page).',
  })
  async deployments(@Args(() => DeploymentsArgs) args: DeploymentsArgs, @Ctx() ctx: HangarContext) {
    requireRole(ctx.viewer, Role.VIEWER, 'Listing deployments');
    const first = clampPageSize(args.first, CONNECTION_PAGE);
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
    return this.deploymentService.findDeployment(ctx.em, id, ctx.viewer);
  }

  @Query(() => PlanDeploymentPayload, {
    description:
      'Dry run before deploying: validates the configuration like deployModel and asks the runtime whether the hardware fits now, and why not. Changes nothing.',
  })
  planDeployment(
    @Arg('input', () => PlanDeploymentInput) input: PlanDeploymentInput,
    @Ctx() ctx: HangarContext,
  ): Promise<PlanDeploymentPayload> {
    return this.deploymentService.planDeployment(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => DeployModelPayload, {
    description:
      'Deploys a model with the wizard’s input (creates version 1). Needs acceptTerms: true. Refuses a name another ' +
      'deployment has, compared without regard to case (TAKEN), besides the configuration’s limits.',
  })
  deployModel(@Arg('input', () => DeployModelInput) input: DeployModelInput, @Ctx() ctx: HangarContext) {
    return this.deploymentService.deployModel(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => RedeployDeploymentPayload, {
    description: 'Redeploys with new parameters, hardware or scaling (next version).',
  })
  redeployDeployment(
    @Arg('input', () => RedeployDeploymentInput) input: RedeployDeploymentInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.deploymentService.redeployDeployment(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => RollbackDeploymentPayload, {
    description: 'Redeploys an earlier version’s configuration as the next version.',
  })
  rollbackDeployment(
    @Arg('input', () => RollbackDeploymentInput) input: RollbackDeploymentInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.deploymentService.rollbackDeployment(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => RetriggerDeploymentPayload, {
    description: 'Restarts a FAILED, UNDEPLOYED or READY_TO_DEPLOY deployment.',
  })
  retriggerDeployment(
    @Arg('input', () => RetriggerDeploymentInput) input: RetriggerDeploymentInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.deploymentService.retriggerDeployment(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => UndeployDeploymentPayload, {
    description: 'Stops every replica; the history records who and when.',
  })
  undeployDeployment(
    @Arg('input', () => UndeployDeploymentInput) input: UndeployDeploymentInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.deploymentService.undeployDeployment(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => DeleteDeploymentPayload, {
    description: 'Deletes an undeployed deployment and its history.',
  })
  deleteDeployment(
    @Arg('input', () => DeleteDeploymentInput) input: DeleteDeploymentInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.deploymentService.deleteDeployment(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => UpdateDeploymentPayload, { description: 'Edits description, tags and endpoint timeout.' })
  updateDeployment(
    @Arg('input', () => UpdateDeploymentInput) input: UpdateDeploymentInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.deploymentService.updateDeployment(ctx.em, ctx.viewer, input);
  }

  @Authorized(Role.VIEWER)
  @Subscription(() => Deployment, {
    description:
      'Every state change of one deployment, or of any deployment of one model, or of all deployments.',
    topics: 'DEPLOYMENT_UPDATED',
    filter: deploymentUpdatedFilter,
  })
  async deploymentUpdated(
    @Root() payload: HangarEvents['DEPLOYMENT_UPDATED'][0],
    @Ctx() ctx: HangarContext,
    @Arg('deploymentId', () => ID, { nullable: true, description: 'Only this deployment.' })
    _deploymentId?: string,
    @Arg('modelId', () => ID, { nullable: true, description: 'Only deployments of this model.' })
    _modelId?: string,
  ): Promise<Deployment | null> {
    // The live fan-out gives each batch a fresh session: one read per event, shared by every subscriber.
    return ctx.loaders.deployment.load(payload.id);
  }

  @Authorized(Role.VIEWER)
  @Subscription(() => DeploymentChange, {
    description:
      'A live list: every deployment created, changed or deleted (of one model, or of all). Lists insert CREATED rows and drop DELETED ones.',
    topics: 'DEPLOYMENT_UPDATED',
    filter: deploymentsChangedFilter,
  })
  async deploymentsChanged(
    @Root() payload: HangarEvents['DEPLOYMENT_UPDATED'][0],
    @Ctx() ctx: HangarContext,
    @Arg('modelId', () => ID, { nullable: true, description: 'Only deployments of this model.' })
    _modelId?: string,
  ): Promise<DeploymentChange> {
    const deployment =
      payload.change === ChangeKind.DELETED ? null : await ctx.loaders.deployment.load(payload.id);
    return {
      kind: deployment ? (payload.change ?? ChangeKind.UPDATED) : ChangeKind.DELETED,
      id: toGlobalId('Deployment', payload.id),
      deployment,
    };
  }

  @Authorized(Role.VIEWER)
  @Subscription(() => DeploymentEvent, {
    description: 'Progress lines of one deployment ("loading model", "replica 2 ready"), as they happen.',
    topics: 'DEPLOYMENT_EVENT',
    filter: deploymentEventsFilter,
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
    return completeStoredConfig(deployment.config) as DeploymentConfiguration;
  }

  @FieldResolver(() => HardwareProfileView, { nullable: true, description: 'The chosen hardware profile.' })
  hardwareProfile(@Root() deployment: Deployment): HardwareProfileView | null {
    return this.profiles.find((p) => p.id === deployment.config.hardwareProfileId) ?? null;
  }

  @FieldResolver(() => [DeploymentVersion], { description: 'History: every version, newest first.' })
  versions(@Root() deployment: Deployment, @Ctx() ctx: HangarContext): Promise<DeploymentVersion[]> {
    return ctx.loaders.versions.load(deployment.id);
  }

  @FieldResolver(() => [Replica], { description: 'Replicas the runtime runs for this deployment now.' })
  replicas(@Root() deployment: Deployment): Replica[] {
    return this.runtime.replicas(deployment.deploymentId).map((r) => ({
      id: r.id,
      version: r.version,
      status: r.status,
      startedAt: r.startedAt,
      restarts: r.restarts ?? 0,
    }));
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether the runtime runs a replica of this deployment now (starting, ready or stopping), whatever its status says (a FAILED redeploy can leave the previous version serving). A serving deployment can always be undeployed; it, and its model, cannot be deleted.',
  })
  serving(@Root() deployment: Deployment): boolean {
    return isServing(this.runtime, deployment.deploymentId);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether the deployment scaled to zero after its idle time (`scaling.scaleToZeroAfterSeconds`): DEPLOYED with no replica; the next request starts one and waits for it.',
  })
  idle(@Root() deployment: Deployment): boolean {
    return isIdle(this.runtime, deployment);
  }

  @FieldResolver(() => [DeploymentEvent], { description: 'The latest progress lines, oldest first.' })
  @Extensions(pageSizeExtensions(EVENTS_PAGE))
  async events(
    @Root() deployment: Deployment,
    @Ctx() ctx: HangarContext,
    @Arg('last', () => Int, { nullable: true, description: pageSizeDescription(EVENTS_PAGE, 'How many') })
    last?: number,
  ): Promise<DeploymentEvent[]> {
    return ctx.loaders.events.load({
      deploymentId: deployment.id,
      last: clampPageSize(last, EVENTS_PAGE, 1),
    });
  }

  @FieldResolver(() => DeploymentEndpoint, { description: 'How to call this deployment.' })
  endpoint(@Root() deployment: Deployment): DeploymentEndpoint {
    return endpointOf(this.publicUrl(), deployment.deploymentId, deployment.endpointTimeoutSeconds);
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
    return completeStoredConfig(version.config) as DeploymentConfiguration;
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
