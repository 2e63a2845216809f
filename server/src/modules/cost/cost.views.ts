import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'What a set of deployments cost over a range: ready replica time (every instance counted, persisted per minute) ' +
    'times each hardware profile’s price.',
})
export class DeploymentCost {
  @Field(() => Float, { description: 'Hours of ready replicas, summed over replicas.' })
  replicaHours!: number;

  @Field(() => Float, { description: 'GPU hours: replica hours times the GPUs of the hardware profile.' })
  gpuHours!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Replica hours times each profile’s `pricePerReplicaHour`; null when a profile involved has no price.',
  })
  amount!: number | null;

  @Field(() => String, { description: 'The currency of `amount` (HANGAR_COST_CURRENCY, default USD).' })
  currency!: string;
}
