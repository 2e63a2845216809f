import { Entity, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { NodeEntity } from '../../graphql/relay.js';
import { Role } from './role.js';

@Entity({ tableName: 'users' })
// One Hangar user per OpenID Connect identity: `sub` is unique only within its issuer.
@Unique({ properties: ['oidcIssuer', 'oidcSubject'] })
@ObjectType({ implements: NodeEntity, description: 'A person (or system account) using Hangar.' })
export class User extends NodeEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Display name, shown as "added by" and in the history.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** Exposed through UserResolver: only ADMIN and the user themself read it. */
  @Property({ type: 'string', length: 32 })
  role!: Role;

  /** Exposed through UserResolver: only ADMIN and the user themself read it. */
  @Property({ type: 'string', length: 320, nullable: true })
  email?: string | null;

  /** `jwt:<sub>` for users known from a host product's JWT; null for local users. */
  @Property({ type: 'string', length: 300, nullable: true, unique: true })
  externalId?: string | null;

  /** The OpenID Connect issuer (`iss`) of a user who signs in with single sign-on; null otherwise. */
  @Property({ type: 'string', length: 500, nullable: true })
  oidcIssuer?: string | null;

  /** Their `sub` at that issuer. */
  @Property({ type: 'string', length: 300, nullable: true })
  oidcSubject?: string | null;

  @Field(() => Date, { description: 'When the user first appeared.' })
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
