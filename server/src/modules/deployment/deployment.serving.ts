import type { Runtime } from '../../runtime/runtime.js';

/**
 * Whether the runtime runs a replica of the deployment now (starting, ready or stopping): a fact about processes
 * and jobs, not about the status column, which a FAILED redeploy sets while the previous version still serves.
 * Every rule that would orphan a replica (deleting the deployment or its model) or leave one unstoppable
 * (undeploy) asks this.
 */
export function isServing(runtime: Runtime, deploymentId: string): boolean {
  return runtime.replicas(deploymentId).some((replica) => replica.status !== 'FAILED');
}
