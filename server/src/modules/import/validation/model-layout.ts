import type { ArchiveFileRole, ModelArchiveFormat } from './validation-result.js';
import { reject } from './validation-result.js';

const TOKENIZER_FILES = new Set([
  'tokenizer.json',
  'tokenizer.model',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'vocab.json',
  'merges.txt',
  'vocab.txt',
  'spiece.model',
  'sentencepiece.bpe.model',
  'added_tokens.json',
]);
/** Any one of these is enough for a tokenizer to load. */
const TOKENIZER_VOCABULARIES = [
  'tokenizer.json',
  'tokenizer.model',
  'vocab.json',
  'vocab.txt',
  'spiece.model',
  'sentencepiece.bpe.model',
];

/** Only top-level files (after the common folder is stripped) have a role; subfolders are carried along. */
export function roleOf(path: string): ArchiveFileRole {
  if (path.includes('/')) return 'OTHER';
  const name = path.toLowerCase();
  if (name.endsWith('.gguf')) return 'GGUF';
  if (name.endsWith('.safetensors')) return 'SAFETENSORS';
  if (/^(pytorch_model.*|adapter_model)\.bin$/.test(name)) return 'PYTORCH_BIN';
  if (name === 'config.json') return 'CONFIG';
  if (name === 'adapter_config.json') return 'ADAPTER_CONFIG';
  if (name === 'deployconfig.json') return 'DEPLOY_CONFIG';
  if (TOKENIZER_FILES.has(name)) return 'TOKENIZER';
  return 'OTHER';
}

/** Files whose JSON content the validator parses (others of these roles are only checked for presence). */
export function isParsedJson(path: string, role: ArchiveFileRole): boolean {
  return (
    role === 'CONFIG' ||
    role === 'ADAPTER_CONFIG' ||
    role === 'DEPLOY_CONFIG' ||
    path === 'tokenizer_config.json' ||
    path.endsWith('.safetensors.index.json')
  );
}

const LAYOUT_HELP =
  'A base model zip holds either one or more .gguf files, or a Hugging Face model folder: config.json, ' +
  'the weights (*.safetensors or pytorch_model*.bin) and the tokenizer files (e.g. tokenizer.json). ' +
  'An adapter zip holds adapter_config.json and adapter_model.safetensors.';

/** Decides the layout from the file names alone, so a wrong layout fails before any data is read. */
export function detectFormat(kind: 'BASE' | 'ADAPTER', paths: string[]): ModelArchiveFormat {
  const names = new Set(paths.map((p) => p.toLowerCase()));
  const roles = paths.map(roleOf);
  const has = (role: ArchiveFileRole): boolean => roles.includes(role);
  if (kind === 'ADAPTER') {
    if (!names.has('adapter_config.json')) {
      if (has('CONFIG') && (has('SAFETENSORS') || has('GGUF'))) {
        reject(
          'INVALID_FORMAT',
          'This archive looks like a base model (config.json or .gguf without adapter_config.json), not an adapter. ' +
            'Import it on the Base model tab, or add the adapter files. ' +
            LAYOUT_HELP,
        );
      }
      reject('INVALID_FORMAT', `adapter_config.json is missing at the top of the archive. ${LAYOUT_HELP}`);
    }
    if (!names.has('adapter_model.safetensors')) {
      const hint = names.has('adapter_model.bin')
        ? ' It has adapter_model.bin: save the adapter with safe_serialization=True to get adapter_model.safetensors.'
        : '';
      reject(
        'INVALID_FORMAT',
        `adapter_model.safetensors is missing at the top of the archive.${hint} ${LAYOUT_HELP}`,
      );
    }
    return 'ADAPTER';
  }
  if (has('GGUF')) return 'GGUF';
  if (names.has('adapter_config.json') && !names.has('config.json')) {
    reject(
      'INVALID_FORMAT',
      'This archive holds an adapter (adapter_config.json), not a base model. Import it on the Adapter tab and choose its base model.',
    );
  }
  const hasWeights = has('SAFETENSORS') || has('PYTORCH_BIN');
  if (!names.has('config.json')) {
    if (hasWeights) {
      reject(
        'INVALID_FORMAT',
        `config.json is missing at the top of the archive; it is needed next to the weights. ${LAYOUT_HELP}`,
      );
    }
    const nested = paths.find((p) => /(^|\/)(config\.json|[^/]+\.gguf)$/i.test(p));
    const where = nested
      ? ` Found "${nested}" in a subfolder: put the model files at the top of the zip or in one folder.`
      : '';
    reject('INVALID_FORMAT', `No model files were found in the archive.${where} ${LAYOUT_HELP}`);
  }
  if (!hasWeights) {
    reject(
      'INVALID_FORMAT',
      `config.json is there but the weights are missing (*.safetensors or pytorch_model*.bin). ${LAYOUT_HELP}`,
    );
  }
  if (!TOKENIZER_VOCABULARIES.some((name) => names.has(name))) {
    reject(
      'INVALID_FORMAT',
      `The tokenizer files are missing (one of ${TOKENIZER_VOCABULARIES.join(', ')}). ` +
        'Save the tokenizer next to the model (`tokenizer.save_pretrained(dir)`) and create the zip again.',
    );
  }
  return has('SAFETENSORS') ? 'HF_SAFETENSORS' : 'HF_PYTORCH';
}
