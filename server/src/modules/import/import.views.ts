import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { describeField } from '../../core/deployment-config/deployment-config.descriptions.js';
import {
  DEPLOYMENT_CONFIG_FIELDS as FIELDS,
  DEPLOYMENT_DETAIL_FIELDS as DETAILS,
} from '../../core/deployment-config/deployment-config.fields.js';
import { UserError } from '../../graphql/user-error.js';
import {
  OptimizationSettings,
  ParameterSettings,
  ScalingSettings,
} from '../deployment/deployment.config.types.js';

export enum ImportErrorClass {
  INVALID_FORMAT = 'INVALID_FORMAT',
  UPLOAD_FAILURE = 'UPLOAD_FAILURE',
  EXTRACTION_ISSUE = 'EXTRACTION_ISSUE',
  COMPATIBILITY_PROBLEM = 'COMPATIBILITY_PROBLEM',
}

registerEnumType(ImportErrorClass, {
  name: 'ImportErrorClass',
  description: 'The four classes of import failure.',
  valuesConfig: {
    INVALID_FORMAT: { description: 'Not a .zip, or the files inside are not a model Hangar understands.' },
    UPLOAD_FAILURE: { description: 'The file did not arrive completely (empty, cancelled, interrupted).' },
    EXTRACTION_ISSUE: {
      description: 'The archive is damaged or unsafe to unpack (truncated, bomb, zip-slip…).',
    },
    COMPATIBILITY_PROBLEM: {
      description:
        'The model does not fit: adapter for another base, too-new Transformers, unsupported architecture.',
    },
  },
});

@ObjectType({ description: 'Why an import failed and how to fix it.' })
export class ImportError {
  @Field(() => ImportErrorClass, { name: 'class', description: 'Which kind of failure.' })
  errorClass!: ImportErrorClass;

  @Field(() => String, { description: 'What is wrong and how to fix it.' })
  message!: string;
}

@ObjectType({
  description:
    'The deployment configuration found in an imported deployconfig.json: pre-fills the deploy wizard.',
})
export class SuggestedDeployConfig {
  @Field(() => OptimizationSettings, { description: 'Optimization.' })
  optimization!: OptimizationSettings;

  @Field(() => ParameterSettings, { description: 'Generation parameters.' })
  parameters!: ParameterSettings;

  @Field(() => String, { description: describeField(FIELDS.hardwareProfileId) })
  hardwareProfileId!: string;

  @Field(() => ScalingSettings, { description: 'Scaling.' })
  scaling!: ScalingSettings;

  @Field(() => String, {
    nullable: true,
    description: `Description of the exported deployment. ${describeField(DETAILS.description)}`,
  })
  description?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: `Tags of the exported deployment. ${describeField(DETAILS.tags)}`,
  })
  tags?: string[] | null;
}

@ObjectType({ description: 'Result of exportModel.' })
export class ExportModelPayload {
  @Field(() => String, {
    nullable: true,
    description: 'Where to download the zip (GET, no header needed; the link expires).',
  })
  url!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the link stops working.' })
  expiresAt!: Date | null;

  @Field(() => [UserError], { description: 'Why the export was refused; empty on success.' })
  userErrors!: UserError[];
}
