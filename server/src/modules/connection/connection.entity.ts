import { Entity, ManyToOne, Unique, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { NodeEntity } from '../../graphql/relay.js';
import { Project } from '../project/project.entity.js';
import { User } from '../user/user.entity.js';

/** A stored Hugging Face token. Only its AES-256-GCM ciphertext is kept; the API never returns the token. */
@Entity({ tableName: 'connections' })
@Unique({ properties: ['project', 'name'] })
@ObjectType({
  implements: NodeEntity,
  description:
    'A stored Hugging Face access token, used to reach private repositories. The token is never shown.',
})
export class Connection extends NodeEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Name given at creation; unique in its project.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @ManyToOne(() => Project, { ref: true, deleteRule: 'cascade', index: true })
  project!: Ref<Project>;

  /** `v1:<iv>:<tag>:<ciphertext>` (base64url), see connection-secret.ts. */
  @Property({ type: 'text' })
  encryptedToken!: string;

  @Field(() => String, { description: 'Last four characters of the token, to recognise it.' })
  @Property({ type: 'string', length: 8 })
  tokenHint!: string;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy?: Ref<User> | null;

  @Field(() => Date, { description: 'When the connection was added.' })
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
