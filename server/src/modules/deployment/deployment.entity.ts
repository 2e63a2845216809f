import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref, type Opt } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { NodeEntity } from '../../graphql/relay.js';
import { Model } from '../model/model.entity.js';
import { Project } from '../project/project.entity.js';
import { User } from '../user/user.entity.js';
import type { DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import type { CanaryRecord } from './deployment-canary.types.js';
import { DeploymentStatus } from './deployment.enums.js';

@Entity({ tableName: 'deployments' })
@Index({ properties: ['model', 'status'] })
@ObjectType({
  implements: NodeEntity,
  description: 'One deployment of a model: its configuration and replicas.',
})
export class Deployment extends NodeEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, {
    description: 'System-generated deployment ID (not editable); used in the endpoint URL.',
  })
  @Property({ type: 'string', length: 40, unique: true })
  deploymentId!: string;

  @ManyToOne(() => Model, { ref: true, deleteRule: 'cascade' })
  model!: Ref<Model>;

  /** Its versions, events and API keys belong to the same project through it (one fact, one place). */
  @ManyToOne(() => Project, { ref: true, deleteRule: 'cascade', index: true })
  project!: Ref<Project>;

  @Field(() => String, { description: 'Name given at deploy time; versions are named `<name>_v<N>`.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { description: 'Free text; editable.' })
  @Property({ type: 'text' })
  description: Opt<string> = '';

  @Field(() => [String], { description: 'Labels; editable.' })
  @Property({ type: 'json' })
  tags: Opt<string[]> = [];

  @Field(() => DeploymentStatus, { description: 'Current lifecycle status.' })
  @Property({ type: 'string', length: 32 })
  status: Opt<DeploymentStatus> = DeploymentStatus.DEPLOYING;

  @Field(() => String, { nullable: true, description: 'Why the deployment is FAILED, in words.' })
  @Property({ type: 'text', nullable: true })
  failureReason?: string | null;

  /** The configuration of the current version (what the wizard chose, merged with redeploys). */
  @Property({ type: 'json' })
  config!: DeploymentConfig;

  /**
   * Ids of the LoRA adapter models attached to the deployment, in attach order. Kept here (not only in the
   * runtime) so that every start, redeploy and server restart serves them again.
   */
  @Property({ type: 'json' })
  adapterModelIds: Opt<string[]> = [];

  @Field(() => Int, { description: 'Seconds before a request to the endpoint times out (30–180).' })
  @Property({ type: 'integer' })
  endpointTimeoutSeconds: Opt<number> = 60;

  @Field(() => Int, { description: 'Number of the latest version in the history.' })
  @Property({ type: 'integer' })
  currentVersion: Opt<number> = 0;

  /** The traffic split, while active, and the last one after it ended (`Deployment.trafficSplit`). */
  @Property({ type: 'json', nullable: true })
  canary?: CanaryRecord | null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy?: Ref<User> | null;

  @Field(() => Date, { description: 'When the deployment was added.' })
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { description: 'Last change to the record.' })
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
