/** How replicas are probed; `intervalMs` 0 disables probing. */
export interface ReplicaHealthOptions {
  intervalMs: number;
  /** A probe not answered within this is a miss. */
  timeoutMs: number;
  /** Consecutive misses after which a replica counts as hung. */
  misses: number;
}

/**
 * Polls one ready replica's `/health`. A process can be alive and not answer (stopped, deadlocked, its event loop
 * blocked): its exit never comes, so only probing notices. After `misses` probes in a row go unanswered it calls
 * `onHung` once and stops.
 */
export class ReplicaHealthProbe {
  private timer: NodeJS.Timeout | null = null;
  private missed = 0;
  private probing = false;

  constructor(
    private readonly port: number,
    private readonly options: ReplicaHealthOptions,
    private readonly onHung: (missed: number) => void,
  ) {}

  start(): void {
    if (this.options.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.probe(), this.options.intervalMs);
    // Probing must never keep the server alive.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async probe(): Promise<void> {
    // A probe still waiting for its answer is not doubled: the timeout decides it.
    if (this.probing || !this.timer) return;
    this.probing = true;
    let answered = false;
    try {
      const response = await fetch(`http://127.0.0.1:${this.port}/health`, {
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      answered = response.ok;
      await response.body?.cancel();
    } catch {
      // A timeout, a refused connection or a reset: all misses.
    } finally {
      this.probing = false;
    }
    if (!this.timer) return;
    if (answered) {
      this.missed = 0;
      return;
    }
    this.missed += 1;
    if (this.missed >= this.options.misses) {
      this.stop();
      this.onHung(this.missed);
    }
  }
}
