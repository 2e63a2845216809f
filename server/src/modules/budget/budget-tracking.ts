import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from '../../core/logger.js';
import {
  createBudgetTracker,
  createLocalRecentSpend,
  subjectKey,
  type BudgetTracker,
  type BudgetUsage,
} from '../../gateway/budget-tracker.js';
import type { UsageRecord } from '../../gateway/gateway.metrics.js';
import type { SharedLimits, SpendDelta } from '../../gateway/gateway.shared-limits.js';
import { ChangeKind } from '../../graphql/change-kind.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { tokensPerMinuteSince } from '../metrics/metrics.store.js';
import { apiKeyBudgetSource } from './api-key-budget.source.js';
import { projectBudgetSource, projectsOfKeys } from './project-budget.source.js';
import { createUsagePublisher } from './usage-publisher.js';

export interface BudgetTrackingDeps {
  orm: MikroORM;
  pubsub: HangarPubSub;
  logger: Logger;
  /** With Redis, the fleet's recent spend is shared through it; without, each instance counts its own. */
  shared?: SharedLimits;
  /** The 80 % warning (claimed once per key and month in the database). */
  onWarning(usage: BudgetUsage): Promise<void>;
}

export interface BudgetTracking {
  tracker: BudgetTracker;
  /** The gateway's `onUsage`: the tracker counts the tokens and the live usage event is sent (throttled). */
  record(record: UsageRecord): void;
  close(): void;
}

/** More than the tracker's recent window (the current minute and the two before). */
const RECENT_SEED_MINUTES = 3;

/** The keys' last minutes from the rollups, charged to each key and to its project, as the tracker records them. */
async function recentSeed(orm: MikroORM): Promise<SpendDelta[]> {
  const rows = await tokensPerMinuteSince(orm, 'key', Math.floor(Date.now() / 60_000) - RECENT_SEED_MINUTES);
  const projects = await projectsOfKeys(orm, [...new Set(rows.map((row) => row.subjectId))]);
  return rows.flatMap((row) => {
    const project = projects.get(row.subjectId);
    const spend = [{ subject: subjectKey('apiKey', row.subjectId), minute: row.minute, tokens: row.tokens }];
    if (project)
      spend.push({ subject: subjectKey('project', project), minute: row.minute, tokens: row.tokens });
    return spend;
  });
}

/** Keeps the budgets the gateway checks: the tracker with its sources, its warnings and the live usage events. */
export async function createBudgetTracking(deps: BudgetTrackingDeps): Promise<BudgetTracking> {
  // Without Redis the recent minutes live in this process: they start from what the rollups hold of them, the
  // spend of the process before this one (nothing was served here yet).
  const recent = deps.shared
    ? { exchange: deps.shared.exchangeSpend.bind(deps.shared) }
    : createLocalRecentSpend(await recentSeed(deps.orm));
  const tracker = createBudgetTracker({
    sources: [apiKeyBudgetSource(deps.orm), projectBudgetSource(deps.orm)],
    recent,
    logger: deps.logger,
    onWarning: (usage) =>
      void deps
        .onWarning(usage)
        .catch((error: unknown) => deps.logger.error({ err: error }, 'the budget warning could not be sent')),
  });
  await tracker.reload();
  const publisher = createUsagePublisher(deps.orm, deps.pubsub);
  const changes = deps.pubsub.subscribe('BUDGET_CHANGED');
  (async () => {
    for await (const _change of changes) await tracker.reload();
  })().catch((error: unknown) =>
    deps.logger.error({ err: error }, 'budget changes on other instances are no longer heard'),
  );
  // A new deployment's requests are charged to its project from its first one: the sources learn it at its
  // creation (a read of milliseconds), long before its first replica (a second or more) can answer.
  const created = deps.pubsub.subscribe('DEPLOYMENT_UPDATED');
  (async () => {
    for await (const event of created) if (event.change === ChangeKind.CREATED) await tracker.reload();
  })().catch((error: unknown) =>
    deps.logger.error({ err: error }, 'new deployments are no longer charged to their projects at once'),
  );
  return {
    tracker,
    record(record) {
      if (!record.keyId) return;
      const request = { keyId: record.keyId, deploymentId: record.deploymentId };
      tracker.record(request, record.promptTokens + record.completionTokens, record.at);
      publisher.changed(record.keyId, record.deploymentId);
    },
    close() {
      tracker.close();
      publisher.close();
      void changes.return?.();
      void created.return?.();
    },
  };
}
