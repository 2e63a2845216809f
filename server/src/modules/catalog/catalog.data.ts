/**
 * Platform-hosted models (the seed's supported-models list) plus Hangar's demo model. Entries other than the demo
 * need their weights from the Hugging Face hub: a runtime with network access (Nomad) pulls them; the local
 * runtime refuses them with a clear reason because this machine cannot download.
 */
export type CatalogEngine = 'VLLM' | 'TGI' | 'LLAMA_CPP' | 'CTRANSLATE2';

export interface CatalogEntry {
  id: string;
  name: string;
  family: string;
  /** Parameter count in words ("1.3B"). */
  parameters: string;
  task: 'TEXT_GENERATION' | 'TEXT_TO_TEXT' | 'TRANSLATION' | 'IMAGE_GENERATION' | 'VISION_LANGUAGE';
  engines: CatalogEngine[];
  requiresDownload: boolean;
  description: string;
}

export const DEMO_CATALOG_ID = 'hangar/demo-tiny-llama';
export const DEMO_MODEL_NAME = 'hangar-demo-tiny-llama';

const CAUSAL: CatalogEngine[] = ['VLLM', 'TGI', 'CTRANSLATE2'];
const SEQ2SEQ: CatalogEngine[] = ['CTRANSLATE2', 'TGI'];

function hf(
  id: string,
  family: string,
  parameters: string,
  task: CatalogEntry['task'] = 'TEXT_GENERATION',
  engines: CatalogEngine[] = CAUSAL,
): CatalogEntry {
  return {
    id,
    name: id.split('/').pop() ?? id,
    family,
    parameters,
    task,
    engines,
    requiresDownload: true,
    description: `${id} from the Hugging Face hub. Needs its weights downloaded: deploy it on a runtime with network access (Nomad).`,
  };
}

export const CATALOG: CatalogEntry[] = [
  {
    id: DEMO_CATALOG_ID,
    name: DEMO_MODEL_NAME,
    family: 'llama',
    parameters: '0.2M',
    task: 'TEXT_GENERATION',
    engines: ['LLAMA_CPP'],
    requiresDownload: false,
    description:
      'A tiny llama-architecture GGUF that Hangar generates on this machine. Its weights are random: it produces gibberish, but it exercises every part of the platform offline.',
  },
  hf('amazon/MistralLite', 'mistral', '7B'),
  hf('argilla/notus-7b-v1', 'mistral', '7B'),
  hf('argilla/notux-8x7b-v1', 'mixtral', '47B', 'TEXT_GENERATION', ['VLLM', 'TGI']),
  hf('deepseek-ai/DeepSeek-R1-Distill-Llama-8B', 'llama', '8B'),
  hf('deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B', 'qwen2', '1.5B'),
  hf('deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', 'qwen2', '7B'),
  hf('deepseek-ai/DeepSeek-R1-Distill-Qwen-14B', 'qwen2', '14B'),
  hf('EleutherAI/gpt-j-6b', 'gptj', '6B'),
  hf('EleutherAI/gpt-neo-125m', 'gpt_neo', '125M'),
  hf('EleutherAI/gpt-neo-1.3B', 'gpt_neo', '1.3B'),
  hf('EleutherAI/gpt-neo-2.7B', 'gpt_neo', '2.7B'),
  hf('EleutherAI/gpt-neox-20b', 'gpt_neox', '20B'),
  hf('facebook/opt-350m', 'opt', '350M'),
  hf('facebook/opt-1.3b', 'opt', '1.3B'),
  hf('facebook/opt-2.7b', 'opt', '2.7B'),
  hf('facebook/opt-6.7b', 'opt', '6.7B'),
  hf('google/flan-t5-small', 't5', '77M', 'TEXT_TO_TEXT', SEQ2SEQ),
  hf('google/flan-t5-base', 't5', '248M', 'TEXT_TO_TEXT', SEQ2SEQ),
  hf('google/flan-t5-large', 't5', '783M', 'TEXT_TO_TEXT', SEQ2SEQ),
  hf('google/flan-t5-xl', 't5', '2.8B', 'TEXT_TO_TEXT', SEQ2SEQ),
  hf('google/flan-t5-xxl', 't5', '11B', 'TEXT_TO_TEXT', SEQ2SEQ),
  hf('google/gemma-2b', 'gemma', '2B'),
  hf('google/gemma-2b-it', 'gemma', '2B'),
  hf('google/gemma-7b', 'gemma', '7B'),
  hf('google/gemma-7b-it', 'gemma', '7B'),
  hf('google/gemma-2-9b-it', 'gemma2', '9B'),
  hf('google/gemma-2-27b-it', 'gemma2', '27B'),
  hf('google/gemma-3-12b-it', 'gemma3', '12B', 'VISION_LANGUAGE', ['VLLM']),
  hf('Helsinki-NLP/opus-mt-es-en', 'marian', '78M', 'TRANSLATION', ['CTRANSLATE2']),
  hf('HuggingFaceH4/zephyr-7b-alpha', 'mistral', '7B'),
  hf('HuggingFaceH4/zephyr-7b-beta', 'mistral', '7B'),
  hf('meta-llama/Llama-2-7b-hf', 'llama', '7B'),
  hf('meta-llama/Llama-2-13b-hf', 'llama', '13B'),
  hf('meta-llama/Llama-3.2-1B', 'llama', '1B'),
  hf('meta-llama/Llama-3.2-1B-Instruct', 'llama', '1B'),
  hf('meta-llama/Llama-3.2-3B', 'llama', '3B'),
  hf('meta-llama/Llama-3.2-3B-Instruct', 'llama', '3B'),
  hf('meta-llama/Llama-3.2-11B-Vision-Instruct', 'mllama', '11B', 'VISION_LANGUAGE', ['VLLM']),
  hf('meta-llama/Llama-Guard-4-12B', 'llama4', '12B', 'TEXT_GENERATION', ['VLLM']),
  hf('meta-llama/Meta-Llama-3-8B', 'llama', '8B'),
  hf('meta-llama/Meta-Llama-3-8B-Instruct', 'llama', '8B'),
  hf('meta-llama/Llama-3.1-8B', 'llama', '8B'),
  hf('meta-llama/Llama-3.1-8B-Instruct', 'llama', '8B'),
  hf('microsoft/phi-1', 'phi', '1.3B'),
  hf('microsoft/phi-1_5', 'phi', '1.3B'),
  hf('microsoft/phi-2', 'phi', '2.7B'),
  hf('microsoft/Phi-3-mini-4k-instruct', 'phi3', '3.8B'),
  hf('microsoft/Phi-3-mini-128k-instruct', 'phi3', '3.8B'),
  hf('microsoft/Phi-3-medium-4k-instruct', 'phi3', '14B'),
  hf('microsoft/Phi-3-medium-128k-instruct', 'phi3', '14B'),
  hf('mistralai/Mistral-7B-v0.1', 'mistral', '7B'),
  hf('mistralai/Mistral-7B-Instruct-v0.1', 'mistral', '7B'),
  hf('mistralai/Mistral-7B-Instruct-v0.2', 'mistral', '7B'),
  hf('mistralai/Mistral-7B-Instruct-v0.3', 'mistral', '7B'),
  hf('mistralai/Mistral-Nemo-Instruct-2407', 'mistral', '12B'),
  hf('mistralai/Mixtral-8x7B-v0.1', 'mixtral', '47B', 'TEXT_GENERATION', ['VLLM', 'TGI']),
  hf('mistralai/Mixtral-8x7B-Instruct-v0.1', 'mixtral', '47B', 'TEXT_GENERATION', ['VLLM', 'TGI']),
  hf('openai-community/gpt2', 'gpt2', '124M'),
  hf('openai-community/gpt2-medium', 'gpt2', '355M'),
  hf('openai-community/gpt2-large', 'gpt2', '774M'),
  hf('openai-community/gpt2-xl', 'gpt2', '1.5B'),
  hf('stabilityai/stable-diffusion-xl-base-1.0', 'stable-diffusion', '3.5B', 'IMAGE_GENERATION', []),
  hf('stabilityai/stable-diffusion-2-1', 'stable-diffusion', '865M', 'IMAGE_GENERATION', []),
  hf('runwayml/stable-diffusion-v1-5', 'stable-diffusion', '860M', 'IMAGE_GENERATION', []),
  hf('t5-small', 't5', '60M', 'TEXT_TO_TEXT', SEQ2SEQ),
  hf('t5-base', 't5', '220M', 'TEXT_TO_TEXT', SEQ2SEQ),
  hf('t5-large', 't5', '770M', 'TEXT_TO_TEXT', SEQ2SEQ),
  hf('tiiuae/falcon-rw-1b', 'falcon', '1B'),
  hf('tiiuae/falcon-7b', 'falcon', '7B'),
  hf('tiiuae/falcon-7b-instruct', 'falcon', '7B'),
  hf('tiiuae/falcon-40b', 'falcon', '40B'),
  hf('tiiuae/falcon-40b-instruct', 'falcon', '40B'),
  hf('XiaomiMiMo/MiMo-7B-RL', 'mimo', '7B'),
  hf('XiaomiMiMo/MiMo-VL-7B-RL', 'mimo', '7B', 'VISION_LANGUAGE', ['VLLM']),
];
