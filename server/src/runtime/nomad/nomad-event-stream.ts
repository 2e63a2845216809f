import {
  NomadHttpError,
  nomadHeaders,
  nomadUrl,
  type NomadAllocation,
  type NomadConnection,
  type NomadDeployment,
  type NomadJobRecord,
} from './nomad.client.js';

/** One event of `/v1/event/stream` (not in the official spec; shape from nomad/structs/event.go). */
export interface NomadStreamEvent {
  Topic: string;
  Type: string;
  Key: string;
  Namespace?: string;
  FilterKeys?: string[] | null;
  Index: number;
  Payload: {
    Job?: NomadJobRecord;
    Allocation?: NomadAllocation;
    Deployment?: NomadDeployment;
    Deleted?: boolean;
  };
}

interface StreamFrame {
  Index?: number;
  Events?: NomadStreamEvent[];
}

export interface EventStreamOptions {
  connection: NomadConnection;
  /** Topic filters, e.g. `Job:hangar-x`; an empty list keeps the stream closed. */
  topics: () => string[];
  onEvents: (events: NomadStreamEvent[]) => Promise<void> | void;
  /** After a gap longer than `resyncAfterGapMs` the buffer may have dropped events: re-read state by GET. */
  onResync: () => Promise<void>;
  /** The stream is refused (e.g. 403/404): the caller switches to blocking queries. */
  onUnavailable: (error: Error) => void;
  onError?: (error: unknown) => void;
  reconnectDelayMs?: number;
  /** Nomad sends `{}` every 30 s; silence beyond this means a half-open connection. */
  heartbeatTimeoutMs?: number;
  resyncAfterGapMs?: number;
}

/**
 * Keeps one NDJSON event stream open for the jobs Hangar watches. Nomad's `index` is inclusive, so a reconnect
 * asks for `lastIndex + 1`; frames at or below the last processed index are dropped as duplicates.
 */
export class NomadEventStream {
  private lastIndex = 0;
  private stopped = true;
  private current?: AbortController;
  private wake?: () => void;
  private loop?: Promise<void>;
  /** Index the stream last asked for (tests and logs). */
  requestedIndex = 0;

  constructor(private readonly options: EventStreamOptions) {}

  /** `fromIndex`: the X-Nomad-Index of the state the caller has already read. */
  start(fromIndex: number): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.lastIndex = Math.max(this.lastIndex, fromIndex);
    this.loop = this.run();
  }

  /** Topics changed: reconnect at once from where we are. */
  refresh(): void {
    this.current?.abort();
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.refresh();
    await this.loop;
  }

  private async run(): Promise<void> {
    let disconnectedAt: number | undefined;
    while (!this.stopped) {
      const topics = this.options.topics();
      if (topics.length === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      const controller = new AbortController();
      this.current = controller;
      try {
        await this.readOnce(topics, controller, async () => {
          if (disconnectedAt !== undefined) {
            const gap = Date.now() - disconnectedAt;
            disconnectedAt = undefined;
            if (gap > (this.options.resyncAfterGapMs ?? 60_000)) await this.options.onResync();
          }
        });
      } catch (error) {
        if (
          error instanceof NomadHttpError &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 429
        ) {
          this.stopped = true;
          this.options.onUnavailable(error);
          return;
        }
        if (!controller.signal.aborted) this.options.onError?.(error);
      }
      disconnectedAt ??= Date.now();
      if (!this.stopped && !controller.signal.aborted) await sleep(this.options.reconnectDelayMs ?? 1000);
    }
  }

  private async readOnce(
    topics: string[],
    controller: AbortController,
    onOpen: () => Promise<void>,
  ): Promise<void> {
    const url = nomadUrl(this.options.connection, '/event/stream');
    // Nomad's index is inclusive: resume at last + 1 so the last processed frame is not delivered twice.
    this.requestedIndex = this.lastIndex > 0 ? this.lastIndex + 1 : 0;
    url.searchParams.set('index', String(this.requestedIndex));
    for (const topic of topics) url.searchParams.append('topic', topic);
    let heartbeat = setTimeout(() => controller.abort(), this.options.heartbeatTimeoutMs ?? 75_000);
    try {
      const response = await fetch(url, {
        headers: nomadHeaders(this.options.connection),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        throw new NomadHttpError('event stream', response.status, await response.text());
      }
      await onOpen();
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body) {
        clearTimeout(heartbeat);
        heartbeat = setTimeout(() => controller.abort(), this.options.heartbeatTimeoutMs ?? 75_000);
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (line) await this.handleLine(line);
        }
      }
    } finally {
      clearTimeout(heartbeat);
    }
  }

  private async handleLine(line: string): Promise<void> {
    const frame = JSON.parse(line) as StreamFrame;
    // `{}` is a heartbeat (the Go client treats Index 0 with no events the same way).
    if (!frame.Index || !frame.Events?.length) return;
    if (frame.Index <= this.lastIndex) return;
    await this.options.onEvents(frame.Events);
    this.lastIndex = frame.Index;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
