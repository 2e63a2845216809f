import { completeStoredConfig } from '../../core/deployment-config/deployment-config.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { Deployment } from './deployment.entity.js';
import { DeploymentStatus } from './deployment.enums.js';

/**
 * Whether the runtime runs a replica of the deployment now (starting, ready or stopping): a fact about processes
 * and jobs, not about the status column, which a FAILED redeploy sets while the previous version still serves.
 * Every rule that would orphan a replica (deleting the deployment or its model) or leave one unstoppable
 * (undeploy) asks this.
 */
export function isServing(runtime: Runtime, deploymentId: string): boolean {
  return runtime.replicas(deploymentId).some((replica) => replica.status !== 'FAILED');
}

/**
 * Scaled to zero: DEPLOYED, allowed to scale to zero, and no replica runs. Derived like serving (what the runtime
 * runs), so it needs no column and a restart cannot leave it stale.
 */
export function isIdle(
  runtime: Runtime,
  deployment: Pick<Deployment, 'status' | 'config' | 'deploymentId'>,
): boolean {
  return (
    deployment.status === DeploymentStatus.DEPLOYED &&
    completeStoredConfig(deployment.config).scaling.scaleToZeroAfterSeconds > 0 &&
    !isServing(runtime, deployment.deploymentId)
  );
}
