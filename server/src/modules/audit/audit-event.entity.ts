import { Entity, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { GraphQLJSON } from 'graphql-scalars';
import { NodeEntity } from '../../graphql/relay.js';
import { Project } from '../project/project.entity.js';

/** One line of the audit log: who did what to which object, when. Written for every mutation. */
@Entity({ tableName: 'audit_events' })
@Index({ properties: ['at'] })
@ObjectType({
  implements: NodeEntity,
  description: 'A record of one mutation: who did what to which object, when.',
})
export class AuditEvent extends NodeEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /**
   * The project acted in; null for instance-level actions (users, projects), which only instance ADMINs read.
   * Kept (set null) when the project is deleted: the log outlives what it records.
   */
  @ManyToOne(() => Project, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  project?: Ref<Project> | null;

  /** Null when the system acted (reconciliation, autoscaling). */
  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Field(() => String, { description: 'Name of who acted, or "system".' })
  @Property({ type: 'string', length: 200 })
  actorName!: string;

  @Field(() => String, { description: 'The mutation, e.g. "deployModel".' })
  @Property({ type: 'string', length: 100 })
  action!: string;

  @Field(() => String, { description: 'Type of the object acted on, e.g. "Deployment".' })
  @Property({ type: 'string', length: 100 })
  targetType!: string;

  @Field(() => String, { nullable: true, description: 'Global ID of the object acted on, if any.' })
  @Property({ type: 'string', length: 300, nullable: true })
  targetId?: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Non-secret details of the change.' })
  @Property({ type: 'json', nullable: true })
  details?: Record<string, unknown> | null;

  @Field(() => Date, { description: 'When it happened.' })
  @Property({ type: 'datetime' })
  at: Opt<Date> = new Date();
}
