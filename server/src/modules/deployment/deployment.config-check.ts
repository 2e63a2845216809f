import type { DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { UserError } from '../../graphql/user-error.js';
import type { Model } from '../model/model.entity.js';
import {
  validateHardware,
  validateOptimization,
  validateParameters,
  validateScaling,
} from './deployment.rules.js';

/** What a configuration is checked against: what this server's runtime can place. */
export interface DeploymentConfigTarget {
  runtimeName: string;
  hardwareProfiles: HardwareProfile[];
}

/**
 * Every violation of a configuration as userErrors under `path` (deploy, plan, redeploy and rollback share it);
 * the optimization is only checked against a known model.
 */
export function checkDeploymentConfig(
  config: DeploymentConfig,
  model: Model | null,
  target: DeploymentConfigTarget,
  path: string[],
): UserError[] {
  const { runtimeName, hardwareProfiles } = target;
  return [
    ...(model
      ? validateOptimization(config.optimization, model, runtimeName, [...path, 'optimization'])
      : []),
    ...validateParameters(config.parameters, [...path, 'parameters']),
    ...validateHardware(config.hardwareProfileId, hardwareProfiles, runtimeName, [
      ...path,
      'hardwareProfileId',
    ]),
    ...validateScaling(config.scaling, [...path, 'scaling']),
  ];
}
