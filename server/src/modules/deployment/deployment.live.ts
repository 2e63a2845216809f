import { liveField, liveTopic, type LiveField, type LiveTopic } from '../../graphql/live-fanout.js';
import { ChangeKind, mergeChange } from '../../graphql/change-kind.js';
import type { HangarEvents } from '../../graphql/pubsub.js';
import { tryFromGlobalId } from '../../graphql/relay.js';

type DeploymentUpdated = HangarEvents['DEPLOYMENT_UPDATED'][0];
type DeploymentEventLine = HangarEvents['DEPLOYMENT_EVENT'][0];

export const DEPLOYMENT_TOPICS: LiveTopic<unknown>[] = [
  liveTopic<DeploymentUpdated>({
    topic: 'DEPLOYMENT_UPDATED',
    coalesceKey: (payload: DeploymentUpdated) => payload.id,
    merge: (earlier: DeploymentUpdated, later: DeploymentUpdated) => ({
      ...later,
      change: mergeChange(earlier.change, later.change),
    }),
    phase: (payload: DeploymentUpdated) => payload.status,
    projectOf: (payload: DeploymentUpdated) => payload.projectId,
  }),
  // Progress lines are a log: every line goes out, none is collapsed.
  liveTopic<DeploymentEventLine>({
    topic: 'DEPLOYMENT_EVENT',
    coalesceKey: () => null,
    projectOf: (payload: DeploymentEventLine) => payload.projectId,
  }),
];

export type DeploymentUpdatedArgs = { deploymentId?: string | null; modelId?: string | null };

/** Subscription.deploymentUpdated: a deleted deployment has no state to send. */
export function deploymentUpdatedFilter({
  payload,
  args,
}: {
  payload: DeploymentUpdated;
  args: DeploymentUpdatedArgs;
}): boolean {
  return (
    payload.change !== ChangeKind.DELETED &&
    (!args.deploymentId || payload.id === tryFromGlobalId(args.deploymentId, 'Deployment')) &&
    (!args.modelId || payload.modelId === tryFromGlobalId(args.modelId, 'Model'))
  );
}

/** Subscription.deploymentsChanged: every creation, change and deletion, of one model's deployments or of all. */
export function deploymentsChangedFilter({
  payload,
  args,
}: {
  payload: DeploymentUpdated;
  args: { modelId?: string | null };
}): boolean {
  return !args.modelId || payload.modelId === tryFromGlobalId(args.modelId, 'Model');
}

export function deploymentEventsFilter({
  payload,
  args,
}: {
  payload: DeploymentEventLine;
  args: { deploymentId: string };
}): boolean {
  return payload.deploymentId === tryFromGlobalId(args.deploymentId, 'Deployment');
}

export const DEPLOYMENT_LIVE_FIELDS: LiveField<unknown, unknown>[] = [
  liveField({ field: 'deploymentUpdated', topic: 'DEPLOYMENT_UPDATED', filter: deploymentUpdatedFilter }),
  liveField({ field: 'deploymentsChanged', topic: 'DEPLOYMENT_UPDATED', filter: deploymentsChangedFilter }),
  liveField({ field: 'deploymentEvents', topic: 'DEPLOYMENT_EVENT', filter: deploymentEventsFilter }),
];
