import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/app/entities.js';
import { createLogger } from '../src/core/logger.js';
import { openOrm, type HangarOrm } from '../src/db/orm.js';
import type { UsageRecord } from '../src/gateway/gateway.metrics.js';
import { MetricsRecorder } from '../src/modules/metrics/metrics.recorder.js';
import { MetricsService } from '../src/modules/metrics/metrics.service.js';

const DAY = 86_400_000;

describe('metrics retention', () => {
  let dataDir = '';
  let orm: HangarOrm;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hangar-metrics-'));
    orm = await openOrm({ entities: ENTITIES, dataDir });
  });
  afterAll(async () => {
    await orm?.close(true);
    await rm(dataDir, { recursive: true, force: true });
  });

  const record = (at: Date): UsageRecord => ({
    deploymentId: 'dpl-retention',
    keyId: 'key-retention',
    endpoint: 'chat.completions',
    stream: false,
    status: 200,
    promptTokens: 5,
    completionTokens: 7,
    latencyMs: 42,
    at,
  });

  it('prunes the minutes older than the retention and keeps the rest', async () => {
    const now = Date.now();
    const recorder = new MetricsRecorder({
      orm,
      logger: createLogger('silent'),
      runtime: { replicas: () => [], onEvent: () => () => {} },
      flushIntervalMs: 60_000,
      retentionDays: 30,
      now: () => now,
    });
    const metrics = new MetricsService(orm, recorder, 30);
    // Each read as its own request (`{}`): a request caches what it read.
    recorder.record(record(new Date(now - 31 * DAY)));
    recorder.record(record(new Date(now - 29 * DAY)));
    recorder.record(record(new Date(now - 1000)));
    const all = { from: new Date(now - 40 * DAY) };
    expect((await metrics.keyUsage({}, 'key-retention', all)).requests).toBe(3);

    await recorder.prune();
    const kept = await metrics.keyUsage({}, 'key-retention', all);
    expect(kept).toMatchObject({ requests: 2, promptTokens: 10, completionTokens: 14 });
    // The default range of ApiKey.usage is the retention itself.
    expect((await metrics.keyUsage({}, 'key-retention')).requests).toBe(2);
    recorder.close();
  });
});
