import { parseErrorBody } from '../../core/openai/openai-error.js';
import type { RuntimeAdapter, RuntimeDeploySpec } from '../runtime.js';
import type { ReplicaAdapter } from './replica-config.js';

/** The adapters a replica of `spec` serves (only those stored on this machine can be). */
export function replicaAdapters(spec: RuntimeDeploySpec): ReplicaAdapter[] {
  return (spec.adapters ?? [])
    .filter((a): a is RuntimeAdapter & { localPath: string } => !!a.localPath)
    .map((a) => ({ name: a.name, path: a.localPath }));
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
