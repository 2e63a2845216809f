import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { HangarContext } from '../request-context.js';
import { Role } from '../user/role.js';
import { requireRole } from '../user/viewer.js';
import { CATALOG, type CatalogEntry } from './catalog.data.js';
import type { Runtime } from '../../runtime/runtime.js';

@ObjectType('CatalogEntry', { description: 'A platform-hosted model that can be deployed by picking it.' })
export class CatalogEntryView {
  @Field(() => String, { description: 'Id to pass as catalogEntryId (the Hugging Face repo id).' })
  id!: string;

  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => String, { description: 'Model family / architecture.' })
  family!: string;

  @Field(() => String, { description: 'Parameter count in words, e.g. "7B".' })
  parameters!: string;

  @Field(() => String, {
    description: 'TEXT_GENERATION, TEXT_TO_TEXT, TRANSLATION, IMAGE_GENERATION or VISION_LANGUAGE.',
  })
  task!: string;

  @Field(() => [String], { description: 'Engines that can serve it: VLLM, TGI, LLAMA_CPP, CTRANSLATE2.' })
  engines!: string[];

  @Field(() => Boolean, {
    description: 'True when the weights must be downloaded (not possible without network).',
  })
  requiresDownload!: boolean;

  @Field(() => Boolean, { description: 'True when this server’s runtime can serve it as is.' })
  deployableHere!: boolean;

  @Field(() => String, { description: 'What it is and what deploying it needs.' })
  description!: string;
}

export function catalogView(entry: CatalogEntry, runtimeName: string): CatalogEntryView {
  const deployableHere =
    runtimeName === 'local'
      ? entry.engines.includes('LLAMA_CPP') && !entry.requiresDownload
      : entry.engines.length > 0;
  return { ...entry, deployableHere };
}

@Resolver()
export class CatalogResolver {
  constructor(private readonly runtime: Runtime) {}

  @Query(() => [CatalogEntryView], { description: 'Platform-hosted models (the "Deploy a model" dropdown).' })
  catalog(
    @Ctx() ctx: HangarContext,
    @Arg('search', () => String, { nullable: true, description: 'Case-insensitive substring of the id.' })
    search?: string,
  ): CatalogEntryView[] {
    requireRole(ctx.viewer, Role.VIEWER, 'Reading the catalog');
    const needle = search?.toLowerCase().trim();
    return CATALOG.filter((e) => !needle || e.id.toLowerCase().includes(needle)).map((e) =>
      catalogView(e, this.runtime.name),
    );
  }
}
