import {
  chatWrappers,
  resolveChatWrapper,
  specializedChatWrapperTypeNames,
  type ChatWrapper,
  type LlamaModel,
  type SpecializedChatWrapperTypeName,
} from 'node-llama-cpp';

/**
 * The chat wrapper of a model, resolved once per model file rather than once per replica start. node-llama-cpp's
 * resolveChatWrapper renders the model's Jinja template against every built-in format to find its match: ~0.45 s
 * for the demo model on an idle machine (2 s under load), synchronously, more than loading the model itself. A
 * replica that resolved it reports the built-in format's name when the match is that format with its default
 * settings; the parent passes the name to the model's next replicas, which build it directly (~0 ms).
 */
export function modelChatWrapper(
  model: LlamaModel,
  known: string | undefined,
): { wrapper: ChatWrapper; reusableAs?: SpecializedChatWrapperTypeName } {
  const named = specializedChatWrapperTypeNames.find((name) => name === known);
  if (named) return { wrapper: new chatWrappers[named](), reusableAs: named };
  const wrapper = resolveChatWrapper(model);
  // Only when building it by name gives the same wrapper (class and every setting); a Jinja template of its own
  // or a format with other settings is resolved again by each replica.
  const same = JSON.stringify(wrapper);
  const reusableAs = specializedChatWrapperTypeNames.find((name) => {
    const Wrapper = chatWrappers[name];
    if (!(wrapper instanceof Wrapper) || wrapper.constructor !== Wrapper) return false;
    return JSON.stringify(new Wrapper()) === same;
  });
  return { wrapper, reusableAs };
}
