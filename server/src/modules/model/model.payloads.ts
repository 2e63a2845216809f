import { Field, ID, ObjectType } from 'type-graphql';
import { ChangeKind } from '../../graphql/change-kind.js';
import { Connection } from '../../graphql/connection.js';
import { UserError } from '../../graphql/user-error.js';
import { Model } from './model.entity.js';

/** The shape of every mutation that returns a model; each mutation has its own payload type. */
@ObjectType()
export class ModelPayload {
  @Field(() => Model, { nullable: true, description: 'The model, when the mutation succeeded.' })
  model!: Model | null;

  @Field(() => [UserError], { description: 'Why the mutation was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of updateModel.' })
export class UpdateModelPayload extends ModelPayload {}

@ObjectType({ description: 'Result of importModel: the model, IMPORTING or VALIDATING.' })
export class ImportModelPayload extends ModelPayload {}

@ObjectType({ description: 'Result of deleteModel.' })
export class DeleteModelPayload {
  @Field(() => ID, { nullable: true, description: 'Global ID of the deleted model.' })
  deletedModelId!: string | null;

  @Field(() => [UserError], { description: 'Why the deletion was refused; empty on success.' })
  userErrors!: UserError[];
}

export const ModelConnection = Connection(Model, 'Model');

@ObjectType({ description: 'One change of the live model list.' })
export class ModelChange {
  @Field(() => ChangeKind, { description: 'Added, changed or deleted.' })
  kind!: ChangeKind;

  @Field(() => ID, { description: 'Global ID of the model (also for a deleted one).' })
  id!: string;

  @Field(() => Model, { nullable: true, description: 'Its state now; null when deleted.' })
  model!: Model | null;
}
