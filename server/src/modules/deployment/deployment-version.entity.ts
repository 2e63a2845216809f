import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { NodeEntity } from '../../graphql/relay.js';
import { User } from '../user/user.entity.js';
import type { DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import { Deployment } from './deployment.entity.js';
import { VersionStatus, VersionTrigger } from './deployment.enums.js';

/** One deploy or redeploy of a deployment: the history's row. */
@Entity({ tableName: 'deployment_versions' })
@Unique({ properties: ['deployment', 'version'] })
@ObjectType({
  implements: NodeEntity,
  description: 'One deploy or redeploy of a deployment (a history row).',
})
export class DeploymentVersion extends NodeEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Deployment, { ref: true, deleteRule: 'cascade' })
  deployment!: Ref<Deployment>;

  @Field(() => Int, { description: 'Version number, from 1.' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => String, { description: 'Versioned name: `Flan T5` → `Flan T5_v1` → `Flan T5_v2`.' })
  @Property({ type: 'string', length: 220 })
  name!: string;

  @Field(() => VersionTrigger, { description: 'What created this version.' })
  @Property({ type: 'string', length: 32 })
  trigger!: VersionTrigger;

  @Field(() => Int, {
    nullable: true,
    description: 'For a rollback: the version whose configuration was reused.',
  })
  @Property({ type: 'integer', nullable: true })
  rolledBackFrom?: number | null;

  /** Full configuration snapshot. */
  @Property({ type: 'json' })
  config!: DeploymentConfig;

  @Field(() => String, { description: 'Description at the time of this version.' })
  @Property({ type: 'text' })
  description: Opt<string> = '';

  @Field(() => [String], { description: 'Tags at the time of this version.' })
  @Property({ type: 'json' })
  tags: Opt<string[]> = [];

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  deployedBy?: Ref<User> | null;

  @Field(() => Date, { description: 'When this version started deploying.' })
  @Property({ type: 'datetime' })
  startedAt: Opt<Date> = new Date();

  @Field(() => Date, { nullable: true, description: 'When it reached SUCCESS or FAILED.' })
  @Property({ type: 'datetime', nullable: true })
  endedAt?: Date | null;

  @Field(() => VersionStatus, { description: 'DEPLOYING, SUCCESS or FAILED.' })
  @Property({ type: 'string', length: 32 })
  status: Opt<VersionStatus> = VersionStatus.DEPLOYING;

  @Field(() => String, { nullable: true, description: 'Why the version FAILED, in words.' })
  @Property({ type: 'text', nullable: true })
  failureReason?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  undeployedBy?: Ref<User> | null;

  @Property({ type: 'boolean' })
  undeployedBySystem: Opt<boolean> = false;

  @Property({ type: 'text', nullable: true })
  undeployReason?: string | null;

  @Property({ type: 'datetime', nullable: true })
  undeployStartedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  undeployEndedAt?: Date | null;

  /** When "endpoint ready" was sent for this version: once per version, never again after a restart. */
  @Property({ type: 'datetime', nullable: true })
  notifiedAt?: Date | null;
}
