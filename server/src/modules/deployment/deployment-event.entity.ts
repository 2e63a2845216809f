import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { Deployment } from './deployment.entity.js';
import { EventLevel } from './deployment.enums.js';

/** A progress line of a deployment ("loading model", "replica 2 ready"), kept so late subscribers can catch up. */
@Entity({ tableName: 'deployment_events' })
@Index({ properties: ['deployment', 'at'] })
@ObjectType({ description: 'A progress line of a deployment.' })
export class DeploymentEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Deployment, { ref: true, deleteRule: 'cascade' })
  deployment!: Ref<Deployment>;

  @Field(() => Int, { nullable: true, description: 'Version the line is about, if any.' })
  @Property({ type: 'integer', nullable: true })
  version?: number | null;

  @Field(() => EventLevel, { description: 'Severity.' })
  @Property({ type: 'string', length: 32 })
  level: Opt<EventLevel> = EventLevel.INFO;

  @Field(() => String, { description: 'What happened, in words.' })
  @Property({ type: 'text' })
  message!: string;

  @Field(() => Date, { description: 'When it happened.' })
  @Property({ type: 'datetime' })
  at: Opt<Date> = new Date();
}
