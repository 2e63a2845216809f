import { stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Logger } from '../../core/logger.js';
import { CATALOG, DEMO_CATALOG_ID, DEMO_MODEL_NAME } from '../catalog/catalog.data.js';
import { Model } from '../model/model.entity.js';
import { ModelFormat, ModelKind, ModelSource, ModelStatus } from '../model/model.enums.js';
import { DEMO_ADAPTER_FLAVOURS, ensureDemoAdapter, type DemoAdapterFlavour } from './demo-adapter.js';
import { ensureDemoModel } from './demo-model.js';

/** The demo model is generated on this machine (no download) and listed like any platform-hosted model. */
export async function registerDemoModel(orm: MikroORM, modelStoreDir: string, logger: Logger): Promise<void> {
  const path = await ensureDemoModel(join(modelStoreDir, 'demo'));
  const em = orm.em.fork();
  const entry = CATALOG.find((e) => e.id === DEMO_CATALOG_ID);
  const existing = await em.findOne(Model, { catalogEntryId: DEMO_CATALOG_ID });
  const sizeBytes = (await stat(path)).size;
  const storagePath = relative(modelStoreDir, path);
  let base = existing;
  if (existing) {
    existing.storagePath = storagePath;
    existing.sizeBytes = sizeBytes;
  } else {
    base = em.create(Model, {
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
  for (const flavour of Object.keys(DEMO_ADAPTER_FLAVOURS) as DemoAdapterFlavour[]) {
    await registerDemoAdapter(em, modelStoreDir, base!, flavour);
  }
  await em.flush();
}

/** The demo LoRA adapters: attachable to a deployment of the demo model, each visibly changing its output. */
async function registerDemoAdapter(
  em: EntityManager,
  modelStoreDir: string,
  base: Model,
  flavour: DemoAdapterFlavour,
): Promise<void> {
  const path = await ensureDemoAdapter(join(modelStoreDir, 'demo'), flavour);
  const { name, description } = DEMO_ADAPTER_FLAVOURS[flavour];
  const storagePath = relative(modelStoreDir, path);
  const sizeBytes = (await stat(path)).size;
  const existing = await em.findOne(Model, { name });
  if (existing) {
    existing.storagePath = storagePath;
    existing.sizeBytes = sizeBytes;
    return;
  }
  em.create(Model, {
    name,
    description,
    tags: ['lora'],
    source: ModelSource.PLATFORM,
    kind: ModelKind.ADAPTER,
    baseModel: base,
    format: ModelFormat.GGUF,
    sizeBytes,
    status: ModelStatus.READY_TO_DEPLOY,
    storagePath,
    // Just older than the base: lists are newest first, and the first model a fresh installation shows stays the
    // deployable demo model (an adapter alone cannot be deployed).
    createdAt: new Date(base.createdAt.getTime() - 1000),
    updatedAt: new Date(),
  });
}
