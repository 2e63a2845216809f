import { registerEnumType } from 'type-graphql';

export enum ModelSource {
  FILE = 'FILE',
  PLATFORM = 'PLATFORM',
  HUGGING_FACE = 'HUGGING_FACE',
}

export enum ModelKind {
  BASE = 'BASE',
  ADAPTER = 'ADAPTER',
}

export enum ModelStatus {
  IMPORTING = 'IMPORTING',
  VALIDATING = 'VALIDATING',
  IMPORT_FAILED = 'IMPORT_FAILED',
  READY_TO_DEPLOY = 'READY_TO_DEPLOY',
}

export enum ModelFormat {
  GGUF = 'GGUF',
  HF_SAFETENSORS = 'HF_SAFETENSORS',
  HF_PYTORCH = 'HF_PYTORCH',
  ADAPTER = 'ADAPTER',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(ModelSource, {
  name: 'ModelSource',
  description: 'Where a model comes from.',
  valuesConfig: {
    FILE: { description: 'Uploaded from a local machine as a .zip archive.' },
    PLATFORM: { description: 'Platform hosted: picked from the catalog.' },
    HUGGING_FACE: { description: 'Pulled from a Hugging Face repository.' },
  },
});
registerEnumType(ModelKind, {
  name: 'ModelKind',
  description: 'Whether a model stands alone or adapts a base model.',
  valuesConfig: {
    BASE: { description: 'A pre-trained model usable as is.' },
    ADAPTER: { description: 'A small adapter (e.g. LoRA) that adjusts a base model.' },
  },
});
registerEnumType(ModelStatus, {
  name: 'ModelStatus',
  description: 'Import lifecycle of a model.',
  valuesConfig: {
    IMPORTING: { description: 'The file is being uploaded or downloaded.' },
    VALIDATING: { description: 'The file is being validated.' },
    IMPORT_FAILED: { description: 'The import failed; `statusDetail` says why and how to fix it.' },
    READY_TO_DEPLOY: { description: 'Imported and validated; it can be deployed.' },
  },
});
registerEnumType(ModelFormat, {
  name: 'ModelFormat',
  description: 'On-disk format of a model.',
  valuesConfig: {
    GGUF: { description: 'llama.cpp GGUF file(s); served by the local runtime and llama.cpp on Nomad.' },
    HF_SAFETENSORS: { description: 'Hugging Face layout with safetensors weights; needs a GPU runtime.' },
    HF_PYTORCH: { description: 'Hugging Face layout with PyTorch .bin weights; needs a GPU runtime.' },
    ADAPTER: { description: 'A PEFT adapter (adapter_config.json + adapter_model.safetensors).' },
    UNKNOWN: { description: 'Not known yet (before validation).' },
  },
});
