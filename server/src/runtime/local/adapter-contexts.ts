import type { LlamaContext, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import { adapterIncompatibility } from './adapter-compatibility.js';
import type { ReplicaAdapter } from './replica-config.js';
import type { SequencePool } from './sequence-pool.js';

/**
 * node-llama-cpp 3.21's internals for switching the LoRA set of a live context (`llama_set_adapters_lora`). The
 * public `lora` option of createContext fixes a context's adapters at creation, which would cost every adapter a
 * context of its own: its own KV cache and compute buffers (measured: ~3.8 MB per adapter for the 1.9 KB demo
 * adapter, and a KV cache is gigabytes on a 7B model). The version is pinned (STACK.md); a test would fail first.
 */
interface LoraInternals {
  _getOrLoadLora(filePath: string): Promise<unknown>;
}
interface ContextLoraInternals {
  _setLoras(loras: { filePath: string; scale?: number }[]): Promise<void>;
}

interface Waiter {
  adapter: string | null;
  enter: (error?: Error) => void;
}

/**
 * The LoRA adapters of one replica, all applied to the base model's one context: requests for the same adapter
 * (or the base) share the context's sequences at once; a request for another one waits until the context is
 * idle, then the context switches (adapters are weights added at matmul time, nothing is reloaded). Memory is
 * one model, one KV cache and each adapter's weights; the price is that different adapters on one replica take
 * turns (llama.cpp applies one adapter set per context), first come, first served.
 */
export class AdapterContexts {
  private readonly adapters = new Map<string, string>();
  /** The adapter the context applies or is switching to (null: the base alone; undefined: unknown). */
  private active: string | null | undefined = null;
  /** The last switch, which requests for `active` wait for. */
  private switched: Promise<void> = Promise.resolve();
  private running = 0;
  private readonly waiting: Waiter[] = [];
  /** Changes run one after another, in the order they were asked for. */
  private changes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly model: LlamaModel,
    private readonly modelPath: string,
    private readonly context: LlamaContext,
    private readonly pool: SequencePool,
  ) {}

  names(): string[] {
    return [...this.adapters.keys()];
  }

  /**
   * Runs `work` on a sequence of the context applying `model`'s adapter: an attached adapter's name selects it,
   * anything else (the base's name, none, another name: the gateway rules on those) is the base.
   */
  async run<T>(
    model: string | undefined,
    signal: AbortSignal,
    work: (sequence: LlamaContextSequence) => Promise<T>,
  ): Promise<T> {
    const adapter = model !== undefined && this.adapters.has(model) ? model : null;
    await this.enter(adapter, signal);
    try {
      return await this.pool.run(signal, adapter === null ? null : this.adapters.get(adapter)!, work);
    } finally {
      this.leave();
    }
  }

  private enter(adapter: string | null, signal: AbortSignal): Promise<void> {
    if (this.waiting.length === 0 && (this.running === 0 || this.active === adapter)) {
      this.running += 1;
      return this.switchTo(adapter).catch((error: unknown) => {
        this.leave();
        throw error;
      });
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal.reason as Error);
      };
      const waiter: Waiter = {
        adapter,
        enter: (error) => {
          signal.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve();
        },
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private leave(): void {
    this.running -= 1;
    if (this.running > 0 || this.waiting.length === 0) return;
    // Idle: the first waiter's adapter takes the context, with everyone waiting for the same one.
    const next = this.waiting[0]!.adapter;
    const admitted = this.waiting.filter((w) => w.adapter === next);
    this.waiting.splice(0, this.waiting.length, ...this.waiting.filter((w) => w.adapter !== next));
    this.running += admitted.length;
    this.switchTo(next).then(
      () => admitted.forEach((w) => w.enter()),
      (error: Error) =>
        admitted.forEach((w) => {
          w.enter(error);
          this.leave();
        }),
    );
  }

  /**
   * Points the context at `adapter`. `active` changes at once, so that requests arriving meanwhile for the same
   * adapter join (and wait for the same switch) and others queue; only called while nothing generates.
   */
  private switchTo(adapter: string | null): Promise<void> {
    if (this.active !== adapter) {
      this.active = adapter;
      const path = adapter === null ? undefined : this.adapters.get(adapter);
      this.switched = (this.context as unknown as ContextLoraInternals)
        ._setLoras(path ? [{ filePath: path }] : [])
        .catch((error: unknown) => {
          // The context keeps its previous set: the next request switches again.
          this.active = undefined;
          throw new Error(`adapter ${adapter} could not be applied: ${(error as Error).message}`, {
            cause: error,
          });
        });
    }
    return this.switched;
  }

  /** Makes the attached adapters exactly `wanted`: checks and loads the new ones' weights, forgets the others. */
  set(wanted: ReplicaAdapter[]): Promise<void> {
    const run = this.changes.then(() => this.apply(wanted));
    this.changes = run.catch(() => undefined);
    return run;
  }

  private async apply(wanted: ReplicaAdapter[]): Promise<void> {
    let checked = false;
    try {
      for (const adapter of wanted) {
        if (this.adapters.get(adapter.name) === adapter.path) continue;
        checked = true;
        const reason = await adapterIncompatibility(this.modelPath, adapter.path);
        if (reason) throw new Error(`adapter ${adapter.name}: ${reason}`);
        // Loaded now, so that a file llama.cpp refuses fails the attach, not a later request.
        await (this.model as unknown as LoraInternals)._getOrLoadLora(adapter.path);
      }
    } finally {
      // Reading the two GGUF headers leaves ~4 MB of 2 MB chunks and stream buffers per adapter, which a replica
      // (little JS garbage, so few collections) kept resident: measured 11 MB of RSS per attach, twice the 5.4 MB
      // adapter's weights. One full collection (replicas run with --expose-gc) after an attach frees it.
      if (checked) (globalThis as { gc?: () => void }).gc?.();
    }
    // A detached adapter's running requests finish with it; new ones no longer find it. Its weights (KB to MB)
    // stay loaded until the model is disposed: node-llama-cpp frees adapters only with their model.
    this.adapters.clear();
    for (const adapter of wanted) this.adapters.set(adapter.name, adapter.path);
  }
}
