import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error.js';
import { Connection } from './connection.entity.js';

@InputType({ description: 'A Hugging Face access token to store (encrypted; it is never shown again).' })
export class CreateConnectionInput {
  @Field(() => String, { description: 'A name to choose the connection by; unique in its project.' })
  name!: string;

  @Field(() => String, { description: 'The Hugging Face access token (e.g. hf_…), read scope is enough.' })
  token!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The project the connection belongs to (DEPLOYER there). Default: your only project, else the default project.',
  })
  projectId?: string | null;
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

@InputType({ description: 'The connection whose stored token to check against the hub.' })
export class TestConnectionInput {
  @Field(() => ID, { description: 'The connection.' })
  id!: string;
}

@ObjectType({ description: 'What the Hugging Face hub said about a stored token.' })
export class ConnectionTestResult {
  @Field(() => Boolean, { description: 'Whether the hub accepted the token.' })
  ok!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The hub account the token belongs to, when accepted.',
  })
  account!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The token’s role on the hub (e.g. read), when it says.',
  })
  tokenRole!: string | null;

  @Field(() => String, {
    description: 'The answer in words: whose token it is, or why it failed and what to do.',
  })
  message!: string;

  @Field(() => Date, { description: 'When the hub was asked.' })
  checkedAt!: Date;
}

@ObjectType({ description: 'Result of testConnection.' })
export class TestConnectionPayload {
  @Field(() => ConnectionTestResult, { nullable: true, description: 'The hub’s answer; null when refused.' })
  result!: ConnectionTestResult | null;

  @Field(() => [UserError], { description: 'Why it was refused (an unknown connection); empty otherwise.' })
  userErrors!: UserError[];
}
