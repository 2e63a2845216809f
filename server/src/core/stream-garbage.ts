import { Transform } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Bulk byte streams (an upload's socket reads) allocate a fresh buffer per chunk. The buffers' memory lives
 * outside the JS heap and is returned only when a garbage collection finds their small JS wrappers dead; with a
 * young generation big enough for the gateway's requests (`--max-semi-space-size=8`) collections are rare on such
 * a stream, and ~30–50 MB of dead buffers piled up during an upload (glibc keeps the pages afterwards, so RSS
 * stays there). The server used to run with `--max-semi-space-size=1` for this, which made every allocation-heavy
 * path, the gateway's requests above all, pay 2–3× more CPU. Collecting after a fixed number of streamed bytes
 * bounds the pile where it forms. Measured on a 1 GB upload: a scavenge every 16 MB still let ~40 MB pile up
 * (the backing stores are freed after the scavenge, by a sweeper that lags on 2 busy cores), every 4 MB ~10 MB,
 * every 2 MB ~5–8 MB. The price is ~500 scavenges per GB at 1–2 ms each on this loaded 2-core machine: ~1 s of
 * CPU per GB uploaded, on a path bound by the disk's write speed (~1 GB per 7–10 s here), against 2–3× the
 * gateway's CPU on every request with the small young generation.
 */
export const SCAVENGE_EVERY_BYTES = 2 * 1024 * 1024;
/**
 * Chunks still in flight during a scavenge survive it and are promoted to the old generation, where only a full
 * collection finds them dead; one every 256 MB. Each costs 40–120 ms of CPU here (V8 runs it as one full
 * mark-compact of the ~40 MB heap, whatever `execution` asks): every 64 MB they were ~1.4 s of CPU per GB
 * uploaded, most of the upload's GC; every 256 MB the 1 GB upload's peak RSS stayed within 3 MB of it.
 */
export const MARK_EVERY_BYTES = 256 * 1024 * 1024;

type CollectGarbage = (options: { type: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;
let collect: CollectGarbage | undefined;

/** V8's `gc` function without exposing it to the rest of the process (`--expose-gc` only while fetching it). */
function collector(): CollectGarbage {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as CollectGarbage;
    setFlagsFromString('--no-expose-gc');
  }
  return collect;
}

/** Counts a bulk byte stream's bytes and collects garbage as they pass (see the constants above). */
export function garbageCollector(): (bytes: number) => void {
  let sinceScavenge = 0;
  let sinceMark = 0;
  return (bytes) => {
    sinceScavenge += bytes;
    if (sinceScavenge < SCAVENGE_EVERY_BYTES) return;
    sinceMark += sinceScavenge;
    sinceScavenge = 0;
    if (sinceMark >= MARK_EVERY_BYTES) {
      sinceMark = 0;
      collector()({ type: 'major', execution: 'async' });
    } else collector()({ type: 'minor' });
  };
}

/**
 * An incremental full collection now: at the end of a bulk stream, for the chunks promoted since the last one (up
 * to MARK_EVERY_BYTES of them), which would otherwise stay resident through what follows (an import's validation).
 */
export function collectAfterStream(): void {
  collector()({ type: 'major', execution: 'async' });
}

/** A pass-through for a bulk byte stream that collects garbage as it goes (see the constants above). */
export function garbageCollecting(): Transform {
  const passed = garbageCollector();
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      passed(chunk.length);
      callback(null, chunk);
    },
  });
}
