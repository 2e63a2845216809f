import { liveField, liveTopic, type LiveField, type LiveTopic } from '../../graphql/live-fanout.js';
import type { HangarEvents } from '../../graphql/pubsub.js';
import { tryFromGlobalId } from '../../graphql/relay.js';
import { mergeChange } from '../../graphql/change-kind.js';

type ModelUpdated = HangarEvents['MODEL_UPDATED'][0];

export const MODEL_TOPICS: LiveTopic<unknown>[] = [
  liveTopic<ModelUpdated>({
    topic: 'MODEL_UPDATED',
    coalesceKey: (payload: ModelUpdated) => payload.id,
    merge: (earlier: ModelUpdated, later: ModelUpdated) => ({
      ...later,
      change: mergeChange(earlier.change, later.change),
    }),
    phase: (payload: ModelUpdated) => payload.status,
    projectOf: (payload: ModelUpdated) => payload.projectId,
  }),
];

export function modelUpdatedFilter({
  payload,
  args,
}: {
  payload: ModelUpdated;
  args: { id?: string | null };
}) {
  return !args.id || payload.id === tryFromGlobalId(args.id, 'Model');
}

/** Subscription.modelsChanged: every model created, changed or deleted. */
export function modelsChangedFilter(): boolean {
  return true;
}

export const MODEL_LIVE_FIELDS: LiveField<unknown, unknown>[] = [
  liveField({ field: 'modelUpdated', topic: 'MODEL_UPDATED', filter: modelUpdatedFilter }),
  liveField({ field: 'modelsChanged', topic: 'MODEL_UPDATED', filter: modelsChangedFilter }),
];
