import type { MikroORM } from '@mikro-orm/core';
import type { BudgetSource } from '../../gateway/budget-tracker.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { sumPerSubject } from '../metrics/metrics.store.js';

/** Budgets per API key: every unrevoked key with a budget, its month read from the rollups (scope `key`). */
export function apiKeyBudgetSource(orm: MikroORM): BudgetSource {
  return {
    kind: 'apiKey',
    label: 'This API key',
    subjectOf: (request) => request.keyId,
    async load(period, beforeMinute) {
      const keys = await orm.em
        .fork()
        .find(
          ApiKey,
          { monthlyTokenBudget: { $ne: null }, revokedAt: null },
          { fields: ['id', 'monthlyTokenBudget'] },
        );
      const ids = keys.map((key) => key.id);
      const used = await sumPerSubject(orm, 'key', 'tokens', ids, period.startMinute, beforeMinute);
      return keys.map((key) => ({ id: key.id, limit: key.monthlyTokenBudget!, used: used.get(key.id) ?? 0 }));
    },
  };
}
