import { Entity, ManyToOne, PrimaryKey, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { NodeEntity } from '../../graphql/relay.js';
import { User } from './user.entity.js';

/**
 * A personal access token, or the session token of a single sign-on (with an `expiresAt`). Only its SHA-256 hash is
 * stored; the secret is shown once at creation (a session's travels once, in the sign-in redirect's fragment).
 */
@Entity({ tableName: 'access_tokens' })
@ObjectType({
  implements: NodeEntity,
  description: 'A personal access token (its secret is never shown again after creation).',
})
export class AccessToken extends NodeEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Exposed as `owner` through AccessTokenResolver. */
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Field(() => String, { description: 'Name given at creation, to recognise it.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** First characters of the secret, to recognise a token in a list. */
  @Field(() => String, {
    description: 'First characters of the secret (e.g. "hgr_pat_a1B2"), to recognise it.',
  })
  @Property({ type: 'string', length: 32 })
  prefix!: string;

  @Property({ type: 'string', length: 64, unique: true })
  hash!: string;

  @Field(() => Date, { description: 'When it was created.' })
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, {
    nullable: true,
    description: 'When it last opened a request (to the minute); null if never.',
  })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When it stops working (a single sign-on session); null for a personal access token, which works until revoked.',
  })
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it works.' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
