import type { LlamaModel } from 'node-llama-cpp';
import { adapterIncompatibility } from './adapter-compatibility.js';
import type { ReplicaAdapter } from './replica-config.js';
import { SequencePool } from './sequence-pool.js';

/**
 * The base model's contexts in one replica: the base's own, and one per attached LoRA adapter (node-llama-cpp
 * applies an adapter to a context, and the model's weights are shared, so an adapter costs its own weights and a
 * KV cache, not another copy of the model). A request picks its context by the OpenAI `model` field.
 */
export class AdapterContexts {
  private readonly adapters = new Map<string, { path: string; pool: SequencePool }>();
  /** Changes run one after another, in the order they were asked for. */
  private changes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly model: LlamaModel,
    private readonly modelPath: string,
    readonly base: SequencePool,
    private readonly options: { contextSize: number; sequences: number; threads: number },
  ) {}

  /** The adapter named `model`, else the base (its name, none, or any other name: the gateway rules on those). */
  poolFor(model: string | undefined): SequencePool {
    return (model !== undefined && this.adapters.get(model)?.pool) || this.base;
  }

  names(): string[] {
    return [...this.adapters.keys()];
  }

  /** Makes the attached adapters exactly `wanted`: loads the new ones, drops the others once idle. */
  set(wanted: ReplicaAdapter[]): Promise<void> {
    const run = this.changes.then(() => this.apply(wanted));
    this.changes = run.catch(() => undefined);
    return run;
  }

  private async apply(wanted: ReplicaAdapter[]): Promise<void> {
    const keep = new Map(wanted.map((a) => [a.name, a.path]));
    for (const [name, entry] of [...this.adapters]) {
      if (keep.get(name) === entry.path) continue;
      this.adapters.delete(name);
      // Requests already generating with it finish first; new ones no longer find it.
      void entry.pool.whenIdle().then(() => entry.pool.context.dispose());
    }
    for (const adapter of wanted) {
      if (this.adapters.has(adapter.name)) continue;
      const reason = await adapterIncompatibility(this.modelPath, adapter.path);
      if (reason) throw new Error(`adapter ${adapter.name}: ${reason}`);
      const context = await this.model.createContext({
        contextSize: this.options.contextSize,
        sequences: this.options.sequences,
        threads: this.options.threads,
        lora: { adapters: [{ filePath: adapter.path }] },
      });
      this.adapters.set(adapter.name, {
        path: adapter.path,
        pool: new SequencePool(context, this.options.sequences),
      });
    }
  }
}
