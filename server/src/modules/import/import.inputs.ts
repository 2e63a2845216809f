import { Field, ID, InputType } from 'type-graphql';
import { ModelKind } from '../model/model.enums.js';
import { describeField } from '../../core/deployment-config/deployment-config.descriptions.js';
import { DEPLOYMENT_DETAIL_FIELDS as DETAILS } from '../../core/deployment-config/deployment-config.fields.js';

@InputType({ description: 'Turns a finished (or still running) tus upload into a model.' })
export class ImportModelInput {
  @Field(() => String, {
    description: 'The upload id: the last part of the URL /uploads answered with (Location header).',
  })
  uploadId!: string;

  @Field(() => ModelKind, { description: 'Base model or adapter.' })
  kind!: ModelKind;

  @Field(() => ID, {
    nullable: true,
    description: 'For an adapter: the base model it was trained on (required for ADAPTER, refused for BASE).',
  })
  baseModelId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The project the model belongs to (DEPLOYER there). Default: an adapter's base model's project, else your only project, else the default project.",
  })
  projectId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Editable later. ${describeField(DETAILS.description)}`,
  })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: `Editable later. ${describeField(DETAILS.tags)}` })
  tags?: string[] | null;
}

@InputType({ description: 'The model to export.' })
export class ExportModelInput {
  @Field(() => ID, { description: 'The model.' })
  id!: string;
}
