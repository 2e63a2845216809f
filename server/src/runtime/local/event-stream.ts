import type { ServerResponse } from 'node:http';
import { DONE_EVENT, sseEvent } from '../../core/openai/sse.js';

/**
 * Server-sent events for one streamed completion. On a small model a token costs less than the socket write that
 * carries it (a loopback write plus waking the reader measured ~100–150 µs of CPU here, a token of the demo model
 * ~400 µs), and every write wakes the gateway and then the client. So events are coalesced: the first event after
 * a quiet spell leaves at once (just after the next evaluation was dispatched, so the write overlaps it), and
 * events produced within `windowMs` of a write leave together at the end of that window. The default, 16 ms, is
 * one frame of a 60 Hz display, below what a reader can see: a model slower than ~60 tokens/s streams token by
 * token with no added delay, a faster one sends a few tokens per write (vLLM's `--stream-interval` makes the same
 * trade). HANGAR_STREAM_WINDOW_MS overrides it (0 sends every event on its own).
 */
export class EventStream {
  private pending = '';
  private lastWriteAt = -Infinity;
  private scheduled:
    { kind: 'timeout'; handle: NodeJS.Timeout } | { kind: 'immediate'; handle: NodeJS.Immediate } | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly windowMs = Number(process.env.HANGAR_STREAM_WINDOW_MS ?? 16),
  ) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
  }

  send(data: unknown): void {
    if (this.res.writableEnded) return;
    this.pending += sseEvent(JSON.stringify(data));
    if (this.scheduled) return;
    const wait = this.lastWriteAt + this.windowMs - performance.now();
    if (wait > 0) this.scheduled = { kind: 'timeout', handle: setTimeout(this.flush, wait) };
    else {
      // Two turns of the event loop: node-llama-cpp dispatches the next evaluation on the first (setImmediate).
      this.scheduled = {
        kind: 'immediate',
        handle: setImmediate(
          () => (this.scheduled = { kind: 'immediate', handle: setImmediate(this.flush) }),
        ),
      };
    }
  }

  private readonly flush = (): void => {
    this.scheduled = undefined;
    if (!this.pending || this.res.writableEnded) return;
    this.res.write(this.pending);
    this.pending = '';
    this.lastWriteAt = performance.now();
  };

  done(): void {
    this.end(DONE_EVENT);
  }

  /** Sends what is pending plus `last`, and ends the response. */
  end(last: string): void {
    if (this.scheduled?.kind === 'timeout') clearTimeout(this.scheduled.handle);
    else if (this.scheduled) clearImmediate(this.scheduled.handle);
    this.scheduled = undefined;
    if (this.res.writableEnded) return;
    this.res.end(this.pending + last);
    this.pending = '';
  }
}
