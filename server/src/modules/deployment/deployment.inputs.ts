import { Field, ID, InputType, Int } from 'type-graphql';
import { HuggingFaceSourceInput } from '../huggingface/huggingface.inputs.js';
import { describeField } from '../../core/deployment-config/deployment-config.descriptions.js';
import {
  DEPLOYMENT_CONFIG_FIELDS as FIELDS,
  DEPLOYMENT_DETAIL_FIELDS as DETAILS,
} from '../../core/deployment-config/deployment-config.fields.js';
import { OptimizationInput, ParametersInput, ScalingInput } from './deployment.config.types.js';

const withDefault = (spec: Parameters<typeof describeField>[0]) => describeField(spec, { withDefault: true });

/**
 * What runs and on what: the part of the wizard's input that planDeployment takes alone and deployModel extends
 * (one definition, so a plan and a deploy can never disagree about a field).
 */
@InputType({
  description:
    'A deployment configuration to try without deploying: the model and the wizard’s optimization, parameters, hardware and scaling.',
})
export class PlanDeploymentInput {
  @Field(() => ID, { nullable: true, description: 'The model (give this or `catalogEntryId`).' })
  modelId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A platform-hosted catalog entry (a deploy creates its model record on first use; a plan creates nothing).',
  })
  catalogEntryId?: string | null;

  @Field(() => OptimizationInput, { nullable: true, description: 'Optimization step (default: skip).' })
  optimization?: OptimizationInput | null;

  @Field(() => ParametersInput, { nullable: true, description: 'Parameters step.' })
  parameters?: ParametersInput | null;

  @Field(() => String, { description: `Hardware step. ${describeField(FIELDS.hardwareProfileId)}` })
  hardwareProfileId!: string;

  @Field(() => ScalingInput, { nullable: true, description: 'Scaling (part of the parameters step).' })
  scaling?: ScalingInput | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The project the deployment belongs to (DEPLOYER there to deploy; a plan checks its quotas). Default: the model's project, else your only project, else the default project.",
  })
  projectId?: string | null;
}

@InputType({ description: 'Everything the deploy wizard collects.' })
export class DeployModelInput extends PlanDeploymentInput {
  @Field(() => HuggingFaceSourceInput, {
    nullable: true,
    description:
      'Deploy from a Hugging Face repository (instead of modelId/catalogEntryId): checked first (reachable, ' +
      'Transformers ≤ 4.43.1, supported architecture); GGUF files are downloaded into the model store.',
  })
  huggingFace?: HuggingFaceSourceInput | null;

  @Field(() => String, { description: `General details. ${describeField(DETAILS.name)}` })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: `General details. ${describeField(DETAILS.description)}`,
  })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: `General details. ${describeField(DETAILS.tags)}` })
  tags?: string[] | null;

  @Field(() => Int, { nullable: true, description: withDefault(DETAILS.endpointTimeoutSeconds) })
  endpointTimeoutSeconds?: number | null;

  @Field(() => Boolean, {
    description: 'Review step: "I accept all the Terms and Conditions"; must be true.',
  })
  acceptTerms!: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'False saves the deployment as READY_TO_DEPLOY without starting it (default true).',
  })
  startNow?: boolean | null;
}

@InputType({
  description: 'A redeploy: new parameters, hardware, scaling and/or optimization → the next version.',
})
export class RedeployDeploymentInput {
  @Field(() => ID, { description: 'The deployment.' })
  id!: string;

  @Field(() => OptimizationInput, { nullable: true, description: 'New optimization (default: unchanged).' })
  optimization?: OptimizationInput | null;

  @Field(() => ParametersInput, { nullable: true, description: 'Changed parameters; omitted fields stay.' })
  parameters?: ParametersInput | null;

  @Field(() => String, { nullable: true, description: 'New hardware profile (default: unchanged).' })
  hardwareProfileId?: string | null;

  @Field(() => ScalingInput, { nullable: true, description: 'Changed scaling; omitted fields stay.' })
  scaling?: ScalingInput | null;
}

@InputType({ description: 'Redeploy the configuration of an earlier version as the next version.' })
export class RollbackDeploymentInput {
  @Field(() => ID, { description: 'The deployment.' })
  id!: string;

  @Field(() => Int, { description: 'The version whose configuration to redeploy.' })
  version!: number;
}

/** What the mutations that act on one deployment as a whole take; each mutation has its own input type. */
@InputType()
export class DeploymentIdInput {
  @Field(() => ID, { description: 'The deployment.' })
  id!: string;
}

@InputType({ description: 'The deployment to restart (FAILED, UNDEPLOYED or READY_TO_DEPLOY).' })
export class RetriggerDeploymentInput extends DeploymentIdInput {}

@InputType({ description: 'The deployment whose replicas to stop.' })
export class UndeployDeploymentInput extends DeploymentIdInput {}

@InputType({ description: 'The undeployed deployment to delete with its history.' })
export class DeleteDeploymentInput extends DeploymentIdInput {}

@InputType({ description: 'Editable details of a deployment (Configurations page).' })
export class UpdateDeploymentInput {
  @Field(() => ID, { description: 'The deployment.' })
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

  @Field(() => Int, {
    nullable: true,
    description: `New endpoint timeout. ${describeField(DETAILS.endpointTimeoutSeconds)}`,
  })
  endpointTimeoutSeconds?: number | null;
}

@InputType({ description: 'Filters of the deployments list.' })
export class DeploymentFilter {
  @Field(() => ID, { nullable: true, description: 'Only deployments of this model.' })
  modelId?: string | null;

  @Field(() => String, { nullable: true, description: 'Substring of the name or deployment ID.' })
  search?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only deployments carrying every one of these tags.',
  })
  tags?: string[] | null;
}
