import type { ScalingDecisionRecord } from '../../gateway/autoscaler.js';

/**
 * The autoscaler's last decision per deployment, in memory: each instance runs its own autoscaler on its own
 * gateway's load, so what it decided is this instance's to tell (the event lines are the lasting record).
 */
export class ScalingDecisions {
  private readonly byDeployment = new Map<string, ScalingDecisionRecord>();

  record(deploymentId: string, decision: ScalingDecisionRecord): void {
    this.byDeployment.set(deploymentId, decision);
  }

  last(deploymentId: string): ScalingDecisionRecord | undefined {
    return this.byDeployment.get(deploymentId);
  }
}
