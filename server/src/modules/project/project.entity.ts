import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { NodeEntity } from '../../graphql/relay.js';

/**
 * The project every installation starts with: the migration that introduced projects moved every existing row
 * into it, and users created without a project join it. A fixed id, so that migrations and code agree on it.
 */
export const DEFAULT_PROJECT_ID = '00000000-0000-4000-8000-000000000001';
export const DEFAULT_PROJECT_SLUG = 'default';

/** The unit of isolation: models, deployments, keys, connections, events and audit belong to one project. */
@Entity({ tableName: 'projects' })
@ObjectType({
  implements: NodeEntity,
  description:
    'A tenant: its members (each with a role), models, deployments, API keys, connections, events and audit log. Nothing of one project is visible to a member of another.',
})
export class Project extends NodeEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Display name; editable (renameProject).' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, {
    description:
      'Unique, lowercase, URL-safe; never changes. Host JWTs name projects by slug (the projects claim) and the components take it as `project`.',
  })
  @Property({ type: 'string', length: 64, unique: true })
  slug!: string;

  @Field(() => Date, { description: 'When the project was created.' })
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  /** Tokens (prompt + completion) every key of the project may spend together per calendar month (UTC); null: none. */
  @Property({ type: 'double', nullable: true })
  monthlyTokenBudget?: number | null;
}
