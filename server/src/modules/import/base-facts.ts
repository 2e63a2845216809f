import type { Model } from '../model/model.entity.js';
import type { BaseModelFacts } from './validation/index.js';

/** What an adapter is checked against: the chosen base's facts and every name it is known by. */
export function baseFacts(base: Model): BaseModelFacts {
  const facts = (base.facts ?? {}) as Partial<Record<'hiddenSize' | 'blockCount' | 'vocabSize', number>> & {
    architecture?: string;
    name?: string;
  };
  const names = [base.name, base.huggingFaceRepoId, base.catalogEntryId, facts.name].filter(
    (n): n is string => typeof n === 'string' && n.length > 0,
  );
  return {
    architecture: facts.architecture ?? 'unknown',
    ...(facts.hiddenSize ? { hiddenSize: facts.hiddenSize } : {}),
    ...(facts.blockCount ? { blockCount: facts.blockCount } : {}),
    ...(facts.vocabSize ? { vocabSize: facts.vocabSize } : {}),
    names,
  };
}
