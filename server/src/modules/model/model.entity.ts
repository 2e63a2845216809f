import {
  BigIntType,
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
  type Opt,
} from '@mikro-orm/core';
import { Field, Float, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { NodeEntity } from '../../graphql/relay.js';
import { Project } from '../project/project.entity.js';
import { User } from '../user/user.entity.js';
import { ModelFormat, ModelKind, ModelSource, ModelStatus } from './model.enums.js';

@Entity({ tableName: 'models' })
@Index({ properties: ['createdAt'] })
@Unique({ properties: ['project', 'name'] })
@ObjectType({ implements: NodeEntity, description: 'An open-source model Hangar can deploy.' })
export class Model extends NodeEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, {
    description:
      'Derived from the file name, catalog entry or Hugging Face id; unique in its project and never editable.',
  })
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** Imported and Hugging Face models belong to one project; platform models (the catalog's) to none: shared. */
  @ManyToOne(() => Project, { ref: true, nullable: true, deleteRule: 'cascade', index: true })
  project?: Ref<Project> | null;

  @Field(() => String, { description: 'Free text; editable.' })
  @Property({ type: 'text' })
  description: Opt<string> = '';

  @Field(() => [String], { description: 'Labels for search and filtering; editable.' })
  @Property({ type: 'json' })
  tags: Opt<string[]> = [];

  @Field(() => ModelSource, { description: 'Where the model comes from.' })
  @Property({ type: 'string', length: 32 })
  source!: ModelSource;

  @Field(() => ModelKind, { description: 'Base model or adapter.' })
  @Property({ type: 'string', length: 32 })
  kind: Opt<ModelKind> = ModelKind.BASE;

  /** The base model an adapter applies to. */
  @ManyToOne(() => Model, { ref: true, nullable: true, deleteRule: 'set null' })
  baseModel?: Ref<Model> | null;

  @Field(() => ModelFormat, { description: 'On-disk format.' })
  @Property({ type: 'string', length: 32 })
  format: Opt<ModelFormat> = ModelFormat.UNKNOWN;

  @Field(() => Float, { description: 'Size of the model files in bytes (0 until known).' })
  @Property({ type: new BigIntType('number') })
  sizeBytes: Opt<number> = 0;

  @Field(() => ModelStatus, { description: 'Import status.' })
  @Property({ type: 'string', length: 32 })
  status: Opt<ModelStatus> = ModelStatus.READY_TO_DEPLOY;

  @Field(() => String, {
    nullable: true,
    description: 'When the import failed: what is wrong and how to fix it.',
  })
  @Property({ type: 'text', nullable: true })
  statusDetail?: string | null;

  /** Catalog entry id for PLATFORM models. */
  @Field(() => String, { nullable: true, description: 'Catalog entry this model was created from, if any.' })
  @Property({ type: 'string', length: 200, nullable: true })
  catalogEntryId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Hugging Face repository id, for HUGGING_FACE models.',
  })
  @Property({ type: 'string', length: 300, nullable: true })
  huggingFaceRepoId?: string | null;

  /** Main model file, relative to the data dir's model store (absolute paths are resolved against it too). */
  @Property({ type: 'string', length: 1000, nullable: true })
  storagePath?: string | null;

  /** Facts read during validation (architecture, context length, hidden size, transformers version…). */
  @Property({ type: 'json', nullable: true })
  facts?: Record<string, unknown> | null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  createdBy?: Ref<User> | null;

  /** The tus upload an import reads from (FILE models), until the import ends. */
  @Property({ type: 'string', length: 128, nullable: true, unique: true })
  uploadId?: string | null;

  /** The seed's failure class when the import failed (INVALID_FORMAT, UPLOAD_FAILURE…); see ModelImportResolver. */
  @Property({ type: 'string', length: 32, nullable: true })
  importErrorClass?: string | null;

  @Field(() => Float, { description: 'Bytes uploaded or downloaded so far while importing.' })
  @Property({ type: new BigIntType('number') })
  bytesReceived: Opt<number> = 0;

  @Field(() => Float, { nullable: true, description: 'Total bytes to upload or download, when known.' })
  @Property({ type: new BigIntType('number'), nullable: true })
  bytesTotal?: number | null;

  /** deployconfig.json found in the imported archive; pre-fills the deploy wizard. */
  @Property({ type: 'json', nullable: true })
  suggestedDeployConfig?: Record<string, unknown> | null;

  /** Hugging Face connection (stored token) used to reach a private repository. */
  @Property({ type: 'uuid', nullable: true })
  connectionId?: string | null;

  @Field(() => Date, { description: 'When the model was added.' })
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { description: 'Last change to the record.' })
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
