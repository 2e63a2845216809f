import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { describeField } from '../../core/deployment-config/deployment-config.descriptions.js';
import { DEPLOYMENT_DETAIL_FIELDS as DETAILS } from '../../core/deployment-config/deployment-config.fields.js';
import { ModelKind, ModelSource, ModelStatus } from './model.enums.js';

@InputType({ description: 'Filters of the model list; all given filters must match.' })
export class ModelFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive substring of the name or description.',
  })
  search?: string | null;

  @Field(() => [ModelSource], { nullable: true, description: 'Any of these sources.' })
  source?: ModelSource[] | null;

  @Field(() => ModelKind, { nullable: true, description: 'Only base models or only adapters.' })
  kind?: ModelKind | null;

  @Field(() => [String], { nullable: true, description: 'Models carrying every one of these tags.' })
  tags?: string[] | null;

  @Field(() => [ModelStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: ModelStatus[] | null;
}

export enum ModelOrderField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  SIZE = 'SIZE',
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(ModelOrderField, {
  name: 'ModelOrderField',
  description: 'Sort key of the model list.',
  valuesConfig: {
    NAME: { description: 'By name.' },
    CREATED_AT: { description: 'By creation time.' },
    SIZE: { description: 'By size in bytes.' },
  },
});
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: { ASC: { description: 'Ascending.' }, DESC: { description: 'Descending.' } },
});

@InputType({ description: 'Sort order of the model list.' })
export class ModelOrder {
  @Field(() => ModelOrderField, { description: 'Sort key.' })
  field!: ModelOrderField;

  @Field(() => OrderDirection, { description: 'Direction.' })
  direction!: OrderDirection;
}

@InputType({
  description: 'Editable details of a model: description and tags only (the name never changes).',
})
export class UpdateModelInput {
  @Field(() => ID, { description: 'The model.' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: `New description. ${describeField(DETAILS.description)}`,
  })
  description?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: `New tags (replaces the list). ${describeField(DETAILS.tags)}`,
  })
  tags?: string[] | null;
}

/** What mutations that act on one model take; each mutation has its own input type. */
@InputType()
export class ModelIdInput {
  @Field(() => ID, { description: 'The model.' })
  id!: string;
}

@InputType({ description: 'The model to delete with its files.' })
export class DeleteModelInput extends ModelIdInput {}
