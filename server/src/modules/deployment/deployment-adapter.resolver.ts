import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { Model } from '../model/model.entity.js';
import type { HangarContext } from '../request-context.js';
import type { DeploymentAdapterCommands } from './deployment-adapter.commands.js';
import { Deployment } from './deployment.entity.js';
import { DeploymentPayload } from './deployment.payloads.js';

@InputType({ description: 'A deployment and one adapter model (kind ADAPTER).' })
export class AttachAdapterInput {
  @Field(() => ID, { description: 'The deployment (global ID).' })
  deploymentId!: string;

  @Field(() => ID, { description: 'The adapter model (global ID).' })
  adapterModelId!: string;
}

@InputType({ description: 'A deployment and one of its attached adapters.' })
export class DetachAdapterInput extends AttachAdapterInput {}

@ObjectType({ description: 'Result of attachAdapter: the deployment with the adapter in `adapters`.' })
export class AttachAdapterPayload extends DeploymentPayload {}

@ObjectType({ description: 'Result of detachAdapter: the deployment without the adapter.' })
export class DetachAdapterPayload extends DeploymentPayload {}

@Resolver(() => Deployment)
export class DeploymentAdapterResolver {
  constructor(private readonly commands: DeploymentAdapterCommands) {}

  @FieldResolver(() => [Model], {
    description:
      'LoRA adapters attached to the deployment, in attach order. A request selects one with the OpenAI ' +
      '`model` field set to its name; the base model answers its own name or none.',
  })
  adapters(@Root() deployment: Deployment, @Ctx() ctx: HangarContext): Promise<Model[]> {
    return this.commands.adaptersOf(ctx.em, deployment);
  }

  @Mutation(() => AttachAdapterPayload, {
    description:
      'Attaches a LoRA adapter to a deployment of its base model; running replicas load it without restarting ' +
      'and it stays attached across redeploys and server restarts. Role DEPLOYER; audited. Refused (userErrors ' +
      'on input.adapterModelId): an unknown id (NOT_FOUND), a base model (INVALID), an adapter still importing ' +
      '(INVALID_STATE), one already attached (TAKEN), an adapter whose architecture or dimensions differ from ' +
      "the deployment's model or whose format the runtime cannot apply (UNSUPPORTED, with the reason). " +
      'A deployment that is not running stores the adapter and serves it when it starts.',
  })
  attachAdapter(
    @Arg('input', () => AttachAdapterInput) input: AttachAdapterInput,
    @Ctx() ctx: HangarContext,
  ): Promise<AttachAdapterPayload> {
    return this.commands.attachAdapter(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => DetachAdapterPayload, {
    description:
      'Detaches an adapter: running replicas drop it once the requests using it finish, and its name is then ' +
      'answered 404 model_not_found by the endpoint. Role DEPLOYER; audited. Refused: an unknown id or an ' +
      'adapter that is not attached (NOT_FOUND).',
  })
  detachAdapter(
    @Arg('input', () => DetachAdapterInput) input: DetachAdapterInput,
    @Ctx() ctx: HangarContext,
  ): Promise<DetachAdapterPayload> {
    return this.commands.detachAdapter(ctx.em, ctx.viewer, input);
  }
}
