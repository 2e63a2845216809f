import { parseErrorBody } from '../../core/openai/openai-error.js';
import type { RuntimeAdapter, RuntimeDeploySpec } from '../runtime.js';
import type { ReplicaAdapter } from './replica-config.js';

/** The llama.cpp LoRA file of an adapter: a GGUF adapter's own, or the one a PEFT adapter was converted to. */
export function llamaCppLoraPath(adapter: RuntimeAdapter): string | undefined {
  return adapter.format === 'GGUF' ? adapter.localPath : adapter.ggufLoraPath;
}

/** The adapters a replica of `spec` serves (only those with a llama.cpp LoRA on this machine can be). */
export function replicaAdapters(spec: RuntimeDeploySpec): ReplicaAdapter[] {
  return (spec.adapters ?? []).flatMap((a) => {
    const path = llamaCppLoraPath(a);
    return path ? [{ name: a.name, path }] : [];
  });
}

/** Compares adapter sets: a replica that already serves this key needs no push. */
export const adaptersKey = (adapters: ReplicaAdapter[]): string => JSON.stringify(adapters);

/** Tells a ready replica to serve exactly `adapters` (it loads or drops contexts; the base model stays). */
export async function pushAdapters(port: number, adapters: ReplicaAdapter[]): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/hangar/adapters`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ adapters }),
  });
  if (!res.ok) {
    const text = await res.text();
    throw new Error(parseErrorBody(res.status, text)?.message ?? `the replica answered ${res.status}`);
  }
}
