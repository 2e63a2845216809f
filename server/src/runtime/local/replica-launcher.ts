import type { ChildProcess } from 'node:child_process';
import {
  REPLICA_SPARE_ENV,
  type ReplicaConfig,
  type ReplicaMessage,
  type ReplicaStartMessage,
} from './replica-config.js';
import {
  replicaEntry,
  ReplicaProcess,
  spawnReplica,
  type ReplicaEntry,
  type ReplicaProcessHandlers,
} from './replica-process.js';

/**
 * Starts replica processes, keeping one spare ahead of need. Most of a small model's cold start is not the model:
 * measured for the demo model, spawning node and importing node-llama-cpp ~0.7 s, its native binding (getLlama)
 * ~0.65 s, loading the model, creating its context and the first token ~40 ms together. A spare has done the
 * first two and waits for its model over IPC; a replica start takes it, and another spare is started once that
 * replica is ready or gone (not while it loads: both would share this machine's cores).
 *
 * Bounded: at most one spare per runtime, killed with it; like every replica it exits when its IPC channel
 * closes, so a killed server leaves none behind.
 */
export class ReplicaLauncher {
  private entry?: ReplicaEntry;
  private spare?: SpareProcess;
  private closed = false;
  /** Model file → the chat format its first ready replica resolved (chat-wrapper.ts). */
  private readonly chatWrappers = new Map<string, string>();

  constructor(private readonly keepSpare: boolean) {}

  /** Finds out how replica processes are started; start() needs it done. */
  async prepare(): Promise<void> {
    this.entry ??= await replicaEntry();
  }

  start(given: ReplicaConfig, handlers: ReplicaProcessHandlers): ReplicaProcess {
    const spare = this.spare?.alive ? this.spare : undefined;
    this.spare = undefined;
    const config = { ...given, chatWrapper: this.chatWrappers.get(given.modelPath) };
    const child: ReplicaProcess = new ReplicaProcess(
      this.entry!,
      config,
      {
        ...handlers,
        onReady: (port) => {
          if (child.chatWrapper) this.chatWrappers.set(config.modelPath, child.chatWrapper);
          handlers.onReady(port);
          this.fill();
        },
        onExit: (exit) => {
          handlers.onExit(exit);
          this.fill();
        },
      },
      spare,
    );
    return child;
  }

  private fill(): void {
    if (!this.keepSpare || this.closed || !this.entry || this.spare?.alive) return;
    this.spare = new SpareProcess(this.entry);
  }

  /** The spare's process id (for tests and diagnostics). */
  get sparePid(): number | undefined {
    return this.spare?.alive ? this.spare.child.pid : undefined;
  }

  /** No more spares; the current one is killed. Synchronous, for process exit as well. */
  close(): void {
    this.closed = true;
    if (this.spare?.alive) this.spare.child.kill('SIGKILL');
    this.spare = undefined;
  }
}

/** A replica process started without a model. */
export class SpareProcess {
  readonly child: ChildProcess;
  private warm = false;
  private config?: ReplicaConfig;
  // Unread pipes would fill and block the child; until a ReplicaProcess reads them, their bytes are dropped.
  private readonly drop = (): void => undefined;

  constructor(entry: ReplicaEntry) {
    this.child = spawnReplica(entry, { [REPLICA_SPARE_ENV]: '1' });
    this.child.stdout!.on('data', this.drop);
    this.child.stderr!.on('data', this.drop);
    // A spawn failure shows when the spare is used (its ReplicaProcess reports the exit); nothing to do before.
    this.child.on('error', () => undefined);
    this.child.on('message', (message: ReplicaMessage) => {
      if (message.type !== 'spare') return;
      this.warm = true;
      this.send();
    });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.connected;
  }

  /** Its output goes to the ReplicaProcess that takes it over from now on. */
  adopt(): ChildProcess {
    this.child.stdout!.off('data', this.drop);
    this.child.stderr!.off('data', this.drop);
    return this.child;
  }

  /** Gives it its model; sent once it has said `spare` (a message before its listener exists would be lost). */
  start(config: ReplicaConfig): void {
    this.config = config;
    this.send();
  }

  private send(): void {
    if (!this.warm || !this.config || !this.child.connected) return;
    const message: ReplicaStartMessage = { type: 'start', config: this.config };
    this.config = undefined;
    this.child.send(message);
  }
}
