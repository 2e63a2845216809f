import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPLICA_CONFIG_ENV, type ReplicaConfig, type ReplicaMessage } from './replica-config.js';
import type { SpareProcess } from './replica-launcher.js';

/**
 * One replica child process as seen from the parent: spawns replica-server (or takes over a spare one), follows
 * its IPC messages and keeps the last lines of its stderr so a crash can be explained to users.
 */

const STDERR_LINES_KEPT = 20;

export interface ReplicaEntry {
  execArgv: string[];
  script: string;
}

let entry: Promise<ReplicaEntry> | undefined;

/**
 * How to start replica-server. A compiled build runs the .js next to this file. From source (tsx), the entry
 * is bundled once with esbuild (dependencies stay external): loading node-llama-cpp through tsx's loader hooks
 * made every replica start about twice as slow, and node-llama-cpp's binary check forks another such process.
 */
export function replicaEntry(): Promise<ReplicaEntry> {
  entry ??= resolveReplicaEntry();
  return entry;
}

async function resolveReplicaEntry(): Promise<ReplicaEntry> {
  if (!import.meta.url.endsWith('.ts')) {
    return { execArgv: [], script: fileURLToPath(new URL('./replica-server.js', import.meta.url)) };
  }
  const source = fileURLToPath(new URL('./replica-server.ts', import.meta.url));
  try {
    const { build } = await import('esbuild');
    // Inside the server package's node_modules so that the bundle's bare imports resolve as the source's do.
    const cacheDir = fileURLToPath(new URL('../../../node_modules/.cache/hangar/', import.meta.url));
    await mkdir(cacheDir, { recursive: true });
    const script = join(cacheDir, 'replica-server.mjs');
    const tmp = `${script}.${process.pid}.tmp`;
    await build({
      entryPoints: [source],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    await rename(tmp, script);
    return { execArgv: [], script };
  } catch {
    return { execArgv: ['--import', import.meta.resolve('tsx')], script: source };
  }
}

/** `gc()` for the replica's one collection after attaching adapters (adapter-contexts.ts). */
const REPLICA_NODE_FLAGS = ['--expose-gc'];

/**
 * glibc's malloc serves blocks from 1 MB up with their own mapping, given back when freed. Its default threshold
 * rises with every such block freed (up to 32 MB), after which llama.cpp's buffers (an adapter's weights, what a
 * LoRA switch re-plans) and V8's chunks land in the per-thread heaps and stay resident when freed: measured on the
 * 85M demo model with 8 rank-16 adapters (5.4 MB each), +15 MB of RSS per adapter with the default, +7 with this.
 * The operator's own MALLOC_MMAP_THRESHOLD_ wins.
 */
const REPLICA_MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: String(1024 * 1024) };

export function spawnReplica(entry: ReplicaEntry, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...REPLICA_NODE_FLAGS, ...entry.execArgv, entry.script], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...REPLICA_MALLOC_ENV, ...process.env, ...env },
  });
}

export interface ReplicaExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The replica reported this itself (e.g. the model could not be loaded). */
  failedReason?: string;
  wasReady: boolean;
  stderrTail: string[];
}

export interface ReplicaProcessHandlers {
  onLoading?: (port: number) => void;
  onReady: (port: number) => void;
  onExit: (exit: ReplicaExit) => void;
  onOutput?: (line: string) => void;
}

export class ReplicaProcess {
  private readonly child: ChildProcess;
  private readonly stderrTail: string[] = [];
  private failedReason?: string;
  private readonly exited: Promise<void>;
  port?: number;
  ready = false;
  /** What the replica reported when ready: its model's chat format, reusable by the next replicas. */
  chatWrapper?: string;

  constructor(
    entry: ReplicaEntry,
    config: ReplicaConfig,
    handlers: ReplicaProcessHandlers,
    spare?: SpareProcess,
  ) {
    this.child = spare
      ? spare.adopt()
      : spawnReplica(entry, { [REPLICA_CONFIG_ENV]: JSON.stringify(config) });
    this.child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      for (const line of text.split('\n')) if (line.trim()) handlers.onOutput?.(line);
    });
    this.child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        handlers.onOutput?.(line);
        this.stderrTail.push(line.trim());
        if (this.stderrTail.length > STDERR_LINES_KEPT) this.stderrTail.shift();
      }
    });
    this.child.on('message', (message: ReplicaMessage) => {
      if (message.type === 'loading') {
        this.port = message.port;
        handlers.onLoading?.(message.port);
      } else if (message.type === 'ready') {
        this.port = message.port;
        this.ready = true;
        this.chatWrapper = message.chatWrapper;
        handlers.onReady(message.port);
      } else if (message.type === 'failed') {
        this.failedReason = message.reason;
      }
    });
    this.exited = new Promise((resolve) => {
      // 'close' (not 'exit') so that the last stderr lines have been read when the exit is reported.
      this.child.once('close', (code, signal) => {
        handlers.onExit({
          code,
          signal,
          failedReason: this.failedReason,
          wasReady: this.ready,
          stderrTail: [...this.stderrTail],
        });
        resolve();
      });
    });
    this.child.once('error', (error) => {
      this.failedReason = `the model process could not be started: ${error.message}`;
    });
    spare?.start(config);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  async stop(graceMs: number): Promise<void> {
    if (this.running) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.kill(), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    await this.exited;
  }

  /** Immediate and synchronous: for process exit, where nothing asynchronous runs any more. */
  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}

/** A user-facing sentence for why a replica went away. */
export function describeExit(exit: ReplicaExit): string {
  if (exit.failedReason) return exit.failedReason;
  const phase = exit.wasReady ? 'while serving' : 'while loading';
  const how = exit.signal
    ? `${exit.signal === 'SIGABRT' ? 'aborted' : 'was killed'} (${exit.signal})`
    : `exited with code ${exit.code}`;
  const detail = exit.stderrTail
    .filter((line) => !line.startsWith('at ') && !/^Node\.js v/.test(line))
    .slice(-3)
    .join(' | ')
    .slice(-500);
  return `model process ${how} ${phase}${detail ? `: ${detail}` : ''}`;
}
