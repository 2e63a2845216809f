export { type ArchivePart } from './archive-parts.js';
export { checkArchiveFileName, type ArchiveFileNameCheck } from './archive-file-name.js';
export { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './archive-limits.js';
export {
  DEPLOY_CONFIG_FILE_NAME,
  deployConfigProblems,
  deployConfigSchema,
  isDeployConfigFile,
  type DeployConfigFile,
} from './deploy-config.schema.js';
export { extractValidatedArchive } from './model-archive.extractor.js';
export { validateModelArchive, type ValidateModelArchiveOptions } from './model-archive.validator.js';
export { MAX_TRANSFORMERS_VERSION } from './model-facts.js';
export type {
  BaseModelFacts,
  ImportErrorClass,
  ModelArchiveFormat,
  ModelFacts,
  ValidatedFile,
  ValidationFailure,
  ValidationResult,
  ValidationSuccess,
} from './validation-result.js';
