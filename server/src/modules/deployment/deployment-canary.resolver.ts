import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { HangarContext } from '../request-context.js';
import {
  PromoteCanaryInput,
  PromoteCanaryPayload,
  RollbackCanaryInput,
  RollbackCanaryPayload,
  SetCanaryWeightInput,
  SetCanaryWeightPayload,
  StartCanaryInput,
  StartCanaryPayload,
} from './deployment-canary.inputs.js';
import { TrafficSplit, trafficSplitView } from './deployment-canary.types.js';
import { Deployment } from './deployment.entity.js';
import type { DeploymentService } from './deployment.service.js';

/** Traffic splits on a deployment: the field dashboards follow and the four mutations that drive a canary. */
@Resolver(() => Deployment)
export class DeploymentCanaryResolver {
  constructor(private readonly deploymentService: DeploymentService) {}

  @FieldResolver(() => TrafficSplit, {
    nullable: true,
    description:
      'The traffic split between the current version and a canary: while ACTIVE, and the last one after it was promoted or rolled back (with why). Null when the deployment never had one.',
  })
  trafficSplit(@Root() deployment: Deployment): TrafficSplit | null {
    return deployment.canary ? trafficSplitView(deployment.canary) : null;
  }

  @Mutation(() => StartCanaryPayload, {
    description:
      'Starts the next version as a canary beside the current one (built like a redeploy) and sends it `weightPercent` % of the requests; it is rolled back automatically when it does worse than the current version (`autoRollback`). Needs DEPLOYER. Refuses (userErrors) a deployment that is not DEPLOYED or already has a canary, a weight outside 1–99, margins out of range, an invalid configuration, and a runtime without traffic splits. On Nomad the canary is the next version of the job, started as Nomad canaries beside the running allocations; one that needs an optimization job first (AWQ, CTranslate2) fails at once, saying why.',
  })
  startCanary(@Arg('input', () => StartCanaryInput) input: StartCanaryInput, @Ctx() ctx: HangarContext) {
    return this.deploymentService.startCanary(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => SetCanaryWeightPayload, {
    description:
      'Changes the share of requests the active canary receives. Needs DEPLOYER. Refuses a deployment without an active canary and a weight outside 1–99.',
  })
  setCanaryWeight(
    @Arg('input', () => SetCanaryWeightInput) input: SetCanaryWeightInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.deploymentService.setCanaryWeight(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => PromoteCanaryPayload, {
    description:
      'Makes the canary the current version in one step: it takes every request and the previous version’s replicas stop. Needs DEPLOYER. Refuses a deployment without an active canary, or whose canary is not serving yet.',
  })
  promoteCanary(
    @Arg('input', () => PromoteCanaryInput) input: PromoteCanaryInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.deploymentService.promoteCanary(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => RollbackCanaryPayload, {
    description:
      'Stops the canary in one step; the current version takes every request again. Needs DEPLOYER. Refuses a deployment without an active canary.',
  })
  rollbackCanary(
    @Arg('input', () => RollbackCanaryInput) input: RollbackCanaryInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.deploymentService.rollbackCanary(ctx.em, { viewer: ctx.viewer }, input);
  }
}
