import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error.js';
import { Project } from './project.entity.js';

@ObjectType({ description: 'The most GPUs of one hardware profile a project’s deployments may hold.' })
export class GpuQuota {
  @Field(() => String, { description: 'The hardware profile.' })
  hardwareProfileId!: string;

  @Field(() => Int, { description: 'GPUs of that profile, over every replica the project may run on it.' })
  maxGpus!: number;
}

@ObjectType({
  description:
    'What a project may run; null is unlimited. What a deployment holds is its maxReplicas (times its profile’s GPUs) while it is optimizing, deploying or deployed.',
})
export class ProjectQuotas {
  @Field(() => Int, { nullable: true, description: 'Replicas, summed over the project’s deployments.' })
  maxReplicas!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Concurrent deployments (optimizing, deploying or deployed).',
  })
  maxDeployments!: number | null;

  @Field(() => [GpuQuota], {
    description: 'GPUs by hardware profile (Nomad); a profile not listed is unlimited.',
  })
  maxGpus!: GpuQuota[];
}

@ObjectType({ description: 'GPUs of one hardware profile a project’s deployments hold.' })
export class GpuUsage {
  @Field(() => String, { description: 'The hardware profile.' })
  hardwareProfileId!: string;

  @Field(() => Int, { description: 'GPUs held.' })
  gpus!: number;
}

@ObjectType('ProjectQuotaUsage', { description: 'What a project holds now, counted as its quotas count it.' })
export class ProjectQuotaUsageView {
  @Field(() => Int, { description: 'Replicas its active deployments may run (their maxReplicas, summed).' })
  replicas!: number;

  @Field(() => Int, { description: 'Deployments optimizing, deploying or deployed.' })
  deployments!: number;

  @Field(() => [GpuUsage], { description: 'GPUs held, by hardware profile (profiles with GPUs only).' })
  gpus!: GpuUsage[];
}

@InputType({ description: 'A GPU quota for one hardware profile.' })
export class GpuQuotaInput {
  @Field(() => String, { description: 'A hardware profile with GPUs.' })
  hardwareProfileId!: string;

  @Field(() => Int, { description: 'The most GPUs of it, 0–100 000.' })
  maxGpus!: number;
}

@InputType({
  description:
    'A project’s quotas, all at once (instance ADMIN): what is null or left out is unlimited. Running deployments are not stopped by a lower quota; what they ask for next is checked against it.',
})
export class SetProjectQuotasInput {
  @Field(() => ID, { description: 'The project.' })
  projectId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Replicas over all its deployments, 0–100 000; null: unlimited.',
  })
  maxReplicas?: number | null;

  @Field(() => Int, { nullable: true, description: 'Concurrent deployments, 0–100 000; null: unlimited.' })
  maxDeployments?: number | null;

  @Field(() => [GpuQuotaInput], {
    nullable: true,
    description: 'GPUs by hardware profile; null or []: unlimited.',
  })
  maxGpus?: GpuQuotaInput[] | null;
}

@ObjectType({ description: 'Result of setProjectQuotas.' })
export class SetProjectQuotasPayload {
  @Field(() => Project, { nullable: true, description: 'The project, when the quotas were set.' })
  project!: Project | null;

  @Field(() => [UserError], { description: 'Why the quotas were refused; empty on success.' })
  userErrors!: UserError[];
}
