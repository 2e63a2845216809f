import type { LlamaContext, LlamaContextSequence } from 'node-llama-cpp';

/**
 * Lends out the context's sequences, one per request; the number of sequences is the replica's batch size.
 * Sequences are kept and cleared rather than disposed: a disposed sequence's slot frees asynchronously, so
 * asking for a new one right away can fail with "No sequences left".
 */
export class SequencePool {
  private readonly idle: LlamaContextSequence[] = [];
  private created = 0;
  private readonly waiting: Array<(sequence: LlamaContextSequence) => void> = [];

  constructor(
    private readonly context: LlamaContext,
    private readonly size: number,
  ) {}

  private acquire(signal: AbortSignal): Promise<LlamaContextSequence> {
    const sequence = this.idle.pop();
    if (sequence) return Promise.resolve(sequence);
    if (this.created < this.size) {
      this.created += 1;
      return Promise.resolve(this.context.getSequence());
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiting.indexOf(handOver);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal.reason as Error);
      };
      const handOver = (s: LlamaContextSequence): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(s);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(handOver);
    });
  }

  async run<T>(signal: AbortSignal, work: (sequence: LlamaContextSequence) => Promise<T>): Promise<T> {
    const sequence = await this.acquire(signal);
    try {
      // Every request starts from an empty sequence: nothing of another request's prompt stays in the cache.
      await sequence.clearHistory();
      return await work(sequence);
    } finally {
      const next = this.waiting.shift();
      if (next) next(sequence);
      else this.idle.push(sequence);
    }
  }
}
