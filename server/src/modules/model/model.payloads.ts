import { Field, ID, ObjectType } from 'type-graphql';
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
