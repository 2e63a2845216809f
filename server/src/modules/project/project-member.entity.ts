import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { Role } from '../user/role.js';
import { User } from '../user/user.entity.js';
import { Project } from './project.entity.js';

/** A user's role in one project. An instance ADMIN needs none: they are ADMIN in every project. */
@Entity({ tableName: 'project_members' })
@Unique({ properties: ['project', 'user'] })
@ObjectType({ description: "A user's role in one project." })
export class ProjectMember {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true, deleteRule: 'cascade', index: true })
  project!: Ref<Project>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade', index: true })
  user!: Ref<User>;

  @Field(() => Role, { description: 'What the user may do in this project.' })
  @Property({ type: 'string', length: 32 })
  role!: Role;

  /** Where the membership came from: null when set in Hangar, `jwt` / `oidc` when a host's claim granted it. */
  @Field(() => String, {
    nullable: true,
    description:
      "Null when set in Hangar; `jwt` when a host JWT's projects claim granted it (the next sign-in may change it).",
  })
  @Property({ type: 'string', length: 16, nullable: true })
  grantedBy?: string | null;

  @Field(() => Date, { description: 'When the user joined the project.' })
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}
