import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A scale the autoscaler asked the runtime for, and why.' })
export class ScalingDecision {
  @Field(() => Date, { description: 'When it decided.' })
  at!: Date;

  @Field(() => Int, { description: 'Replicas running or starting when it decided.' })
  fromReplicas!: number;

  @Field(() => Int, { description: 'Replicas it asked for.' })
  toReplicas!: number;

  @Field(() => String, { description: 'Why, in words (the load against the capacity, and for how long).' })
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The runtime’s refusal when scaling failed; null otherwise.',
  })
  error!: string | null;
}
