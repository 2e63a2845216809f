import { stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from '../../core/logger.js';
import { CATALOG, DEMO_CATALOG_ID, DEMO_MODEL_NAME } from '../catalog/catalog.data.js';
import { Model } from '../model/model.entity.js';
import { ModelFormat, ModelKind, ModelSource, ModelStatus } from '../model/model.enums.js';
import { ensureDemoModel } from './demo-model.js';

/** The demo model is generated on this machine (no download) and listed like any platform-hosted model. */
export async function registerDemoModel(orm: MikroORM, modelStoreDir: string, logger: Logger): Promise<void> {
  const path = await ensureDemoModel(join(modelStoreDir, 'demo'));
  const em = orm.em.fork();
  const entry = CATALOG.find((e) => e.id === DEMO_CATALOG_ID);
  const existing = await em.findOne(Model, { catalogEntryId: DEMO_CATALOG_ID });
  const sizeBytes = (await stat(path)).size;
  const storagePath = relative(modelStoreDir, path);
  if (existing) {
    existing.storagePath = storagePath;
    existing.sizeBytes = sizeBytes;
  } else {
    em.create(Model, {
      name: DEMO_MODEL_NAME,
      description: entry?.description ?? '',
      tags: ['demo', 'llama'],
      source: ModelSource.PLATFORM,
      kind: ModelKind.BASE,
      format: ModelFormat.GGUF,
      sizeBytes,
      status: ModelStatus.READY_TO_DEPLOY,
      catalogEntryId: DEMO_CATALOG_ID,
      storagePath,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    logger.info({ path }, 'registered the demo model');
  }
  await em.flush();
}
