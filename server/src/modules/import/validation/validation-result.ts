import type { ArchivePart } from './archive-parts.js';
import type { DeployConfigFile } from './deploy-config.schema.js';

/** The seed's four classes of import failure. */
export type ImportErrorClass =
  'INVALID_FORMAT' | 'UPLOAD_FAILURE' | 'EXTRACTION_ISSUE' | 'COMPATIBILITY_PROBLEM';

export type ModelArchiveFormat = 'GGUF' | 'HF_SAFETENSORS' | 'HF_PYTORCH' | 'ADAPTER';

/** What a file inside the archive is for. */
export type ArchiveFileRole =
  | 'GGUF'
  | 'SAFETENSORS'
  | 'PYTORCH_BIN'
  | 'CONFIG'
  | 'ADAPTER_CONFIG'
  | 'TOKENIZER'
  | 'DEPLOY_CONFIG'
  | 'OTHER';

export interface ValidatedFile {
  /** Path inside the archive, exactly as stored. */
  entryName: string;
  /** Where it lands below the model folder (a common top-level folder is stripped). */
  path: string;
  size: number;
  crc32: number;
  role: ArchiveFileRole;
}

/** Facts read from the model files; what deploys and adapter checks need. */
export interface ModelFacts {
  /** GGUF `general.architecture` (e.g. `llama`) or the first of config.json `architectures` (e.g. `LlamaForCausalLM`). */
  architecture: string;
  /** HF `model_type`, when known. */
  modelType?: string;
  contextLength?: number;
  hiddenSize?: number;
  blockCount?: number;
  headCount?: number;
  vocabSize?: number;
  transformersVersion?: string;
  /** Adapters: the base they were trained on. */
  baseModelNameOrPath?: string;
  peftType?: string;
  loraRank?: number;
  /** GGUF `general.name`, when set. */
  name?: string;
  /** GGUF file type label (e.g. `F16`, `Q8_0`) of the first GGUF file. */
  fileType?: string;
  parameterCount?: number;
  /** Whether the GGUF carries a chat template (the local runtime's chat sessions need one). */
  hasChatTemplate?: boolean;
}

/** What an adapter is checked against: facts of the base the user chose. */
export interface BaseModelFacts {
  architecture: string;
  hiddenSize?: number;
  /** Layers and vocabulary size, when known: an adapter may change only layers and tokens the base has. */
  blockCount?: number;
  vocabSize?: number;
  /** Width of the key/value projections (head size × key/value heads) and of the feed-forward, when known. */
  keyValueSize?: number;
  feedForwardSize?: number;
  /** Names the base is known by (Hangar name, Hugging Face repo id, GGUF general.name); any match is enough. */
  names?: string[];
}

export interface ValidationSuccess {
  ok: true;
  format: ModelArchiveFormat;
  files: ValidatedFile[];
  facts: ModelFacts;
  deployConfig?: DeployConfigFile;
  /**
   * Size and modification time of the archive that was validated, and its parts (bytes kept in files of their
   * own, see `archive-parts.ts`); extraction refuses a changed file.
   */
  archive: { size: number; mtimeMs: number; parts: ArchivePart[] };
}

export interface ValidationFailure {
  ok: false;
  errorClass: ImportErrorClass;
  /** Says what is wrong and how to fix it; safe to show to the user. */
  message: string;
}

export type ValidationResult = ValidationSuccess | ValidationFailure;

/** Thrown inside the validator to stop at the first problem; turned into a ValidationFailure at the top. */
export class ArchiveRejection extends Error {
  constructor(
    readonly errorClass: ImportErrorClass,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveRejection';
  }
}

export function reject(errorClass: ImportErrorClass, message: string): never {
  throw new ArchiveRejection(errorClass, message);
}
