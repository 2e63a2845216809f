import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error.js';
import { Connection } from './connection.entity.js';

@InputType({ description: 'A Hugging Face access token to store (encrypted; it is never shown again).' })
export class CreateConnectionInput {
  @Field(() => String, { description: 'A name to choose the connection by; unique.' })
  name!: string;

  @Field(() => String, { description: 'The Hugging Face access token (e.g. hf_…), read scope is enough.' })
  token!: string;
}

@InputType({ description: 'The connection to delete with its token.' })
export class DeleteConnectionInput {
  @Field(() => ID, { description: 'The connection.' })
  id!: string;
}

@ObjectType({ description: 'Result of createConnection.' })
export class CreateConnectionPayload {
  @Field(() => Connection, { nullable: true, description: 'The connection, when created.' })
  connection!: Connection | null;

  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of deleteConnection.' })
export class DeleteConnectionPayload {
  @Field(() => ID, { nullable: true, description: 'Global ID of the deleted connection.' })
  deletedConnectionId!: string | null;

  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
  userErrors!: UserError[];
}
