import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ChangeKind } from '../../graphql/change-kind.js';
import { Deployment } from './deployment.entity.js';
import { User } from '../user/user.entity.js';

@ObjectType({ description: 'Un-deployment details of a version: who (or the system) stopped it, and when.' })
export class Undeployment {
  @Field(() => User, { nullable: true, description: 'Who undeployed; null when the system did.' })
  by!: User | null;

  @Field(() => Boolean, { description: 'True when the system undeployed (e.g. replicas kept crashing).' })
  bySystem!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the system undeployed.' })
  reason!: string | null;

  @Field(() => Date, { description: 'When the un-deployment started.' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the replicas were gone.' })
  endedAt!: Date | null;
}

@ObjectType({ description: 'A running (or starting) model server of a deployment.' })
export class Replica {
  @Field(() => String, { description: 'Replica id, stable for its life.' })
  id!: string;

  @Field(() => Int, { description: 'The version it serves.' })
  version!: number;

  @Field(() => String, { description: 'STARTING, READY, FAILED or STOPPING.' })
  status!: string;

  @Field(() => Date, { description: 'When it started.' })
  startedAt!: Date;

  @Field(() => Int, {
    description: 'Times the runtime restarted it after a crash or a hang (unanswered health probes).',
  })
  restarts!: number;
}

@ObjectType({ description: 'How to call a deployment.' })
export class DeploymentEndpoint {
  @Field(() => String, { description: 'Base URL for OpenAI-compatible clients (`baseURL`).' })
  baseUrl!: string;

  @Field(() => String, { description: 'Chat completions URL (v2).' })
  chatCompletionsUrl!: string;

  @Field(() => String, { description: 'Legacy text completions URL (v1).' })
  completionsUrl!: string;

  @Field(() => Int, { description: 'Seconds before a request times out.' })
  timeoutSeconds!: number;

  @Field(() => String, { description: 'The endpoint to copy: the chat completions URL.' })
  url!: string;

  @Field(() => String, {
    description: 'A cURL command calling the endpoint ("Copy cURL"), with a key placeholder.',
  })
  curl!: string;

  @Field(() => String, { description: 'Python with the official openai SDK, with a key placeholder.' })
  python!: string;

  @Field(() => String, { description: 'JavaScript with the official openai SDK, with a key placeholder.' })
  javascript!: string;
}

@ObjectType({ description: 'One change of a live list of deployments.' })
export class DeploymentChange {
  @Field(() => ChangeKind, { description: 'Added, changed or deleted.' })
  kind!: ChangeKind;

  @Field(() => ID, { description: 'Global ID of the deployment (also for a deleted one).' })
  id!: string;

  @Field(() => Deployment, { nullable: true, description: 'Its state now; null when deleted.' })
  deployment!: Deployment | null;
}
