import { liveField, liveTopic, type LiveField, type LiveTopic } from '../../graphql/live-fanout.js';
import type { HangarEvents } from '../../graphql/pubsub.js';
import { tryFromGlobalId } from '../../graphql/relay.js';

type UsageChanged = HangarEvents['API_KEY_USAGE_CHANGED'][0];

// Events of one key within a window collapse into one read of its latest usage.
export const BUDGET_TOPICS: LiveTopic<unknown>[] = [
  liveTopic<UsageChanged>({
    topic: 'API_KEY_USAGE_CHANGED',
    coalesceKey: (payload) => payload.id,
    projectOf: (payload) => payload.projectId,
  }),
];

export function apiKeyUsageChangedFilter({
  payload,
  args,
}: {
  payload: UsageChanged;
  args: { deploymentId: string };
}): boolean {
  return payload.deploymentId === tryFromGlobalId(args.deploymentId, 'Deployment');
}

export const BUDGET_LIVE_FIELDS: LiveField<unknown, unknown>[] = [
  liveField({
    field: 'apiKeyUsageChanged',
    topic: 'API_KEY_USAGE_CHANGED',
    filter: apiKeyUsageChangedFilter,
  }),
];
