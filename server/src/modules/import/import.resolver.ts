import { completeStoredConfig } from '../../core/deployment-config/deployment-config.js';
import type { DeployConfigFile } from './validation/deploy-config.schema.js';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { HangarContext } from '../request-context.js';
import { Model } from '../model/model.entity.js';
import { ImportModelPayload } from '../model/model.payloads.js';
import { ExportModelInput, ImportModelInput } from './import.inputs.js';
import { ExportModelPayload, ImportError, ImportErrorClass, SuggestedDeployConfig } from './import.views.js';
import type { ModelExportService } from './export/model-export.service.js';
import type { ImportService } from './import.service.js';

/** Import and export of model archives, and the import-related fields of Model. */
@Resolver(() => Model)
export class ModelImportResolver {
  constructor(
    private readonly importService: ImportService,
    private readonly exportService: ModelExportService,
  ) {}

  @Mutation(() => ImportModelPayload, {
    description:
      'Imports an uploaded .zip (tus upload to /uploads) as a base model or adapter. The model appears at once ' +
      '(IMPORTING while bytes arrive, then VALIDATING) and ends READY_TO_DEPLOY or IMPORT_FAILED; follow it with ' +
      '`modelUpdated`. Asked again for an upload whose import is still running (a client resuming its upload), ' +
      'it returns that import. Refused: an unknown or foreign upload, an adapter without a usable base, a base ' +
      'model with baseModelId.',
  })
  importModel(@Arg('input', () => ImportModelInput) input: ImportModelInput, @Ctx() ctx: HangarContext) {
    return this.importService.importModel(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => ExportModelPayload, {
    description:
      'A short-lived link to download the model as a zip with its files and deployconfig.json (the configuration ' +
      'of its latest deployment). Refused for models that are not imported yet or have no files on this server.',
  })
  exportModel(@Arg('input', () => ExportModelInput) input: ExportModelInput, @Ctx() ctx: HangarContext) {
    return this.exportService.exportModel(ctx.em, ctx.viewer, input);
  }

  @FieldResolver(() => ImportError, {
    nullable: true,
    description: 'When the import failed: its class and what to do (statusDetail holds the same message).',
  })
  importError(@Root() model: Model): ImportError | null {
    if (!model.importErrorClass) return null;
    return {
      errorClass: model.importErrorClass as ImportErrorClass,
      message: model.statusDetail ?? '',
    };
  }

  @FieldResolver(() => GraphQLJSON, {
    nullable: true,
    description:
      'Facts read from the model files during validation (architecture, context length, hidden size, Transformers version…).',
  })
  facts(@Root() model: Model): Record<string, unknown> | null {
    return model.facts ?? null;
  }

  @FieldResolver(() => SuggestedDeployConfig, {
    nullable: true,
    description:
      'From the deployconfig.json of the imported archive (an earlier export): pre-fills the deploy wizard.',
  })
  suggestedDeployConfig(@Root() model: Model): SuggestedDeployConfig | null {
    const file = model.suggestedDeployConfig as unknown as DeployConfigFile | null;
    // A file written before a field existed (autoscalerMode) gets its default, as deploying it would.
    return file ? ({ ...file, ...completeStoredConfig(file) } as unknown as SuggestedDeployConfig) : null;
  }
}
