import { Entity, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { NodeEntity } from '../../graphql/relay.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { User } from '../user/user.entity.js';

/** A key that opens one deployment's endpoint. Only the SHA-256 of the secret is stored. */
@Entity({ tableName: 'api_keys' })
@Index({ properties: ['deployment'] })
@ObjectType({
  implements: NodeEntity,
  description: 'An API key scoped to one deployment. The secret is shown once.',
})
export class ApiKey extends NodeEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Deployment, { ref: true, deleteRule: 'cascade' })
  deployment!: Ref<Deployment>;

  @Field(() => String, { description: 'Name given at creation.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, {
    description: 'First characters of the secret (e.g. "hgr_sk_a1B2c3"), to recognise it.',
  })
  @Property({ type: 'string', length: 32 })
  prefix!: string;

  @Property({ type: 'string', length: 64, unique: true })
  hash!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Requests per minute allowed with this key; null for no limit.',
  })
  @Property({ type: 'integer', nullable: true })
  rateLimitPerMinute?: number | null;

  /** Tokens (prompt + completion) the key may spend per calendar month (UTC); null for no budget. */
  @Property({ type: 'double', nullable: true })
  monthlyTokenBudget?: number | null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy?: Ref<User> | null;

  @Field(() => Date, { description: 'When the key was created.' })
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, {
    nullable: true,
    description: 'Last successful authentication (updated at most once a minute).',
  })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key stops working; null for never.' })
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; a revoked key gets 401.' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
