import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { describeField } from '../../core/deployment-config/deployment-config.descriptions.js';
import {
  DEPLOYMENT_CONFIG_FIELDS as FIELDS,
  type EnumFieldSpec,
} from '../../core/deployment-config/deployment-config.fields.js';

/**
 * GraphQL views of core/deployment-config: output types for reading, input types for the wizard. Every field's
 * description is generated from the configuration table, so the schema states the limits the rules enforce.
 */

const { optimization: O, parameters: P, scaling: S } = FIELDS;
const output = describeField;
const input = (spec: Parameters<typeof describeField>[0]) => describeField(spec, { withDefault: true });

/** A GraphQL enum object ({ NONE: 'NONE', … }) and its value descriptions from an enum field of the table. */
function enumOf<V extends string>(spec: EnumFieldSpec<V>) {
  const values = Object.keys(spec.values) as V[];
  return {
    enumObject: Object.fromEntries(values.map((v) => [v, v])) as { [K in V]: K },
    valuesConfig: Object.fromEntries(values.map((v) => [v, { description: spec.values[v] }])) as {
      [K in V]: { description: string };
    },
  };
}

const technique = enumOf(O.technique);
const autoscalerMode = enumOf(S.autoscalerMode);
export const AutoscalerModeEnum = autoscalerMode.enumObject;
registerEnumType(AutoscalerModeEnum, {
  name: 'AutoscalerMode',
  description: `${S.autoscalerMode.description}.`,
  valuesConfig: autoscalerMode.valuesConfig,
});
const quantization = enumOf(O.quantization);
export const OptimizationTechniqueEnum = technique.enumObject;
export const QuantizationEnum = quantization.enumObject;

registerEnumType(OptimizationTechniqueEnum, {
  name: 'OptimizationTechnique',
  description: `${O.technique.description}.`,
  valuesConfig: technique.valuesConfig,
});
registerEnumType(QuantizationEnum, {
  name: 'Quantization',
  description: `${O.quantization.description}.`,
  valuesConfig: quantization.valuesConfig,
});

@ObjectType({ description: 'Optimization chosen for a deployment.' })
export class OptimizationSettings {
  @Field(() => OptimizationTechniqueEnum, { description: output(O.technique) })
  technique!: keyof typeof OptimizationTechniqueEnum;

  @Field(() => QuantizationEnum, { description: output(O.quantization) })
  quantization!: keyof typeof QuantizationEnum;
}

@ObjectType({ description: 'Generation parameters: the defaults of every request to the endpoint.' })
export class ParameterSettings {
  @Field(() => Float, { description: output(P.temperature) })
  temperature!: number;

  @Field(() => Int, { description: output(P.maxLength) })
  maxLength!: number;

  @Field(() => Float, { description: output(P.topP) })
  topP!: number;

  @Field(() => Int, { description: output(P.topK) })
  topK!: number;

  @Field(() => [String], { description: output(P.stopSequences) })
  stopSequences!: string[];

  @Field(() => Int, { description: output(P.inferenceBatchSize) })
  inferenceBatchSize!: number;
}

@ObjectType({ description: 'Autoscaling bounds and delays.' })
export class ScalingSettings {
  @Field(() => Int, { description: output(S.minReplicas) })
  minReplicas!: number;

  @Field(() => Int, { description: output(S.maxReplicas) })
  maxReplicas!: number;

  @Field(() => Int, { description: output(S.scaleUpDelaySeconds) })
  scaleUpDelaySeconds!: number;

  @Field(() => Int, { description: output(S.scaleDownDelaySeconds) })
  scaleDownDelaySeconds!: number;

  @Field(() => Int, { description: output(S.scaleToZeroAfterSeconds) })
  scaleToZeroAfterSeconds!: number;
  @Field(() => AutoscalerModeEnum, { description: output(S.autoscalerMode) })
  autoscalerMode!: keyof typeof AutoscalerModeEnum;

  @Field(() => Int, { description: output(S.targetTtftMs) })
  targetTtftMs!: number;

  @Field(() => Int, { description: output(S.targetTokensPerSecondPerReplica) })
  targetTokensPerSecondPerReplica!: number;
}

@ObjectType({ description: 'The full configuration of a deployment or of one of its versions.' })
export class DeploymentConfiguration {
  @Field(() => OptimizationSettings, { description: 'Optimization.' })
  optimization!: OptimizationSettings;

  @Field(() => ParameterSettings, { description: 'Generation parameters.' })
  parameters!: ParameterSettings;

  @Field(() => String, { description: output(FIELDS.hardwareProfileId) })
  hardwareProfileId!: string;

  @Field(() => ScalingSettings, { description: 'Scaling.' })
  scaling!: ScalingSettings;
}

@InputType({ description: 'Optimization step of the wizard.' })
export class OptimizationInput {
  @Field(() => OptimizationTechniqueEnum, { description: input(O.technique) })
  technique!: keyof typeof OptimizationTechniqueEnum;

  @Field(() => QuantizationEnum, { nullable: true, description: input(O.quantization) })
  quantization?: keyof typeof QuantizationEnum | null;
}

@InputType({
  description: 'Parameters step of the wizard; omitted fields keep their defaults (or current values).',
})
export class ParametersInput {
  @Field(() => Float, { nullable: true, description: input(P.temperature) })
  temperature?: number | null;

  @Field(() => Int, { nullable: true, description: input(P.maxLength) })
  maxLength?: number | null;

  @Field(() => Float, { nullable: true, description: input(P.topP) })
  topP?: number | null;

  @Field(() => Int, { nullable: true, description: input(P.topK) })
  topK?: number | null;

  @Field(() => [String], { nullable: true, description: input(P.stopSequences) })
  stopSequences?: string[] | null;

  @Field(() => Int, { nullable: true, description: input(P.inferenceBatchSize) })
  inferenceBatchSize?: number | null;
}

@InputType({
  description: 'Scaling part of the parameters step; omitted fields keep their defaults (or current values).',
})
export class ScalingInput {
  @Field(() => Int, { nullable: true, description: input(S.minReplicas) })
  minReplicas?: number | null;

  @Field(() => Int, { nullable: true, description: input(S.maxReplicas) })
  maxReplicas?: number | null;

  @Field(() => Int, { nullable: true, description: input(S.scaleUpDelaySeconds) })
  scaleUpDelaySeconds?: number | null;

  @Field(() => Int, { nullable: true, description: input(S.scaleDownDelaySeconds) })
  scaleDownDelaySeconds?: number | null;

  @Field(() => Int, { nullable: true, description: input(S.scaleToZeroAfterSeconds) })
  scaleToZeroAfterSeconds?: number | null;
  @Field(() => AutoscalerModeEnum, { nullable: true, description: input(S.autoscalerMode) })
  autoscalerMode?: keyof typeof AutoscalerModeEnum | null;

  @Field(() => Int, { nullable: true, description: input(S.targetTtftMs) })
  targetTtftMs?: number | null;

  @Field(() => Int, { nullable: true, description: input(S.targetTokensPerSecondPerReplica) })
  targetTokensPerSecondPerReplica?: number | null;
}
