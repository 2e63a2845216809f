import type { LlamaContext, LlamaContextSequence } from 'node-llama-cpp';

/**
 * Lends out the context's sequences, one per request; the number of sequences is the replica's batch size.
 * Sequences are kept rather than disposed: a disposed sequence's slot frees asynchronously, so asking for a new
 * one right away can fail with "No sequences left". A sequence also keeps what it evaluated last (its KV cache):
 * node-llama-cpp's LlamaCompletion and LlamaChat erase only what differs from the next prompt
 * (`adaptStateToTokens`), so a prompt sharing a prefix with the previous one (a long system prompt, a growing
 * conversation) evaluates only the rest — what cache-aware routing sends to the same replica for. The most
 * recently used sequence is lent first, as the likeliest to share a prefix with what comes next.
 */
export class SequencePool {
  private readonly idle: LlamaContextSequence[] = [];
  /** What each sequence's cache was computed under (the adapter file, null for the base alone). */
  private readonly computedUnder = new Map<LlamaContextSequence, string | null>();
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

  /** Runs `work` on a sequence whose cache holds nothing computed under another adapter than `adapter`. */
  async run<T>(
    signal: AbortSignal,
    adapter: string | null,
    work: (sequence: LlamaContextSequence) => Promise<T>,
  ): Promise<T> {
    const sequence = await this.acquire(signal);
    try {
      // An adapter changes the keys and values themselves: a prefix evaluated under another one is no use.
      if (this.computedUnder.get(sequence) !== adapter) {
        await sequence.clearHistory();
        this.computedUnder.set(sequence, adapter);
      }
      return await work(sequence);
    } finally {
      const next = this.waiting.shift();
      if (next) next(sequence);
      else this.idle.push(sequence);
    }
  }
}
