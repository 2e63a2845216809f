/** What the idle policy looks at for one deployment that may scale to zero. */
export interface IdleInput {
  now: number;
  /** When a request last started or ended, or when the deployment went live if none came since (ms). */
  lastActivityAt: number;
  /** In-flight + queued requests. */
  load: number;
  /** Replicas running or starting. */
  replicas: number;
  /** The deployment's `scaling.scaleToZeroAfterSeconds` (0: never). */
  scaleToZeroAfterSeconds: number;
}

/**
 * Pure: whether a deployment is due to scale to zero — it may, it still has replicas, nothing is in flight or
 * queued, and no request started or ended for its idle time. The autoscaler never goes below its minimum; this
 * policy alone takes a deployment to zero, and the gateway's cold start alone brings it back to one.
 */
export function dueToScaleToZero(input: IdleInput): boolean {
  const { now, lastActivityAt, load, replicas, scaleToZeroAfterSeconds } = input;
  if (scaleToZeroAfterSeconds <= 0 || replicas === 0 || load > 0) return false;
  return now - lastActivityAt >= scaleToZeroAfterSeconds * 1000;
}
