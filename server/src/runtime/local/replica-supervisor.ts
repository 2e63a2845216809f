import type { ReplicaInfo, RuntimeAdapter, RuntimeDeploySpec, RuntimeEvent } from '../runtime.js';
import { adaptersKey, pushAdapters, replicaAdapters } from './replica-adapters.js';
import type { ReplicaConfig } from './replica-config.js';
import { ReplicaHealthProbe } from './replica-health.js';
import { ReplicaLauncher } from './replica-launcher.js';
import { describeExit, type ReplicaProcess, type ReplicaExit } from './replica-process.js';
import {
  formatSeconds,
  groupsOf,
  MAX_BACKOFF_MS,
  replicaInfos,
  type DeploymentState,
  type ReplicaSupervisorOptions,
  type Slot,
  type VersionGroup,
} from './replica-supervisor.types.js';

export type { ReplicaSupervisorOptions } from './replica-supervisor.types.js';

/**
 * Keeps each deployment's replica processes running: starts a version's replicas, restarts a crashed one with
 * exponential backoff, promotes a new version once it is ready (then stops the old one), and fails a version that
 * cannot come up while the previous one keeps serving.
 */
export class ReplicaSupervisor {
  private readonly deployments = new Map<string, DeploymentState>();
  private readonly logger?: ReplicaSupervisorOptions['logger'];
  private readonly launcher: ReplicaLauncher;

  constructor(private readonly options: ReplicaSupervisorOptions) {
    this.logger = options.logger;
    this.launcher = new ReplicaLauncher(options.spareReplica);
  }

  /** Finds out how replica processes are started; deploy() needs it done. */
  async prepare(): Promise<void> {
    await this.launcher.prepare();
  }

  /**
   * Starts `spec`'s replicas unless that version already runs; a version still starting is superseded. A canary
   * serves beside the current version once ready (replacing an earlier canary) instead of taking over.
   */
  deploy(spec: RuntimeDeploySpec, canary = false): void {
    const { model } = spec;
    let state = this.deployments.get(spec.deploymentId);
    if (!state) {
      state = { id: spec.deploymentId };
      this.deployments.set(spec.deploymentId, state);
    }
    const sameVersion = groupsOf(state).find(
      (g) => !g.failed && !g.stopping && g.spec.version === spec.version,
    );
    if (sameVersion) return; // e.g. reconciliation asking again for what is already running
    if (canary && state.canary) {
      void this.stopGroup(state.canary);
      state.canary = undefined;
    }
    if (!canary && state.next) {
      // A newer request supersedes a version that is still starting.
      const superseded = state.next;
      state.next = undefined;
      void this.stopGroup(superseded);
    }
    const group: VersionGroup = {
      spec,
      slots: [],
      nextIndex: 1,
      announced: false,
      failed: false,
      stopping: false,
      canary,
    };
    if (canary) state.canary = group;
    else state.next = group;
    this.progress(
      group,
      `deploying ${model.name} (version ${spec.version}) with ${spec.config.scaling.minReplicas} replica(s)`,
    );
    for (let i = 0; i < spec.config.scaling.minReplicas; i++) this.addSlot(group);
    this.emitReplicas(spec.deploymentId);
  }

  private progress(group: VersionGroup, message: string, level?: 'warning'): void {
    this.logger?.info({ deploymentId: group.spec.deploymentId, version: group.spec.version }, message);
    this.emit({
      type: 'progress',
      deploymentId: group.spec.deploymentId,
      version: group.spec.version,
      message,
      ...(level ? { level } : {}),
    });
  }

  private emitReplicas(deploymentId: string): void {
    this.emit({ type: 'replicas', deploymentId, replicas: this.replicas(deploymentId) });
  }

  private addSlot(group: VersionGroup): void {
    const index = group.nextIndex++;
    const slot: Slot = {
      id: `${group.spec.deploymentId}-v${group.spec.version}-r${index}`,
      index,
      status: 'STARTING',
      startedAt: new Date(),
      failures: 0,
      restarts: 0,
      removed: false,
      timedOut: false,
    };
    group.slots.push(slot);
    this.startSlot(group, slot);
  }

  private replicaConfig(spec: RuntimeDeploySpec): ReplicaConfig {
    return {
      modelPath: spec.model.localPath!,
      modelId: spec.model.name,
      contextSize: this.options.contextSize,
      threads: 1,
      parameters: spec.config.parameters,
      adapters: replicaAdapters(spec),
    };
  }

  private startSlot(group: VersionGroup, slot: Slot): void {
    slot.status = 'STARTING';
    slot.startedAt = new Date();
    slot.timedOut = false;
    slot.hungAfter = undefined;
    this.progress(group, `starting replica ${slot.index}`);
    const config = this.replicaConfig(group.spec);
    slot.adapters = adaptersKey(config.adapters);
    const child = this.launcher.start(config, {
      onLoading: () =>
        this.progress(group, slot.index === 1 ? 'loading model' : `replica ${slot.index}: loading model`),
      onReady: (port) => this.onSlotReady(group, slot, port),
      onExit: (exit) => this.onSlotExit(group, slot, child, exit),
      onOutput: (line) => this.logger?.debug({ replica: slot.id }, line),
    });
    slot.process = child;
    slot.readyTimer = setTimeout(() => {
      if (child.ready || !child.running) return;
      this.logger?.warn({ replica: slot.id }, 'replica did not become ready in time');
      slot.timedOut = true;
      child.kill();
    }, this.options.readyTimeoutMs);
    slot.readyTimer.unref();
  }

  private onSlotReady(group: VersionGroup, slot: Slot, port: number): void {
    clearTimeout(slot.readyTimer);
    if (group.stopping || slot.removed) return;
    slot.status = 'READY';
    slot.failures = 0;
    const child = slot.process;
    slot.health?.stop();
    slot.health = new ReplicaHealthProbe(port, this.options.health, (missed) => {
      if (child) this.onSlotHung(group, slot, child, missed);
    });
    slot.health.start();
    // Adapters attached while it was loading.
    this.syncAdapters(group, slot).catch((error: unknown) =>
      this.progress(group, `replica ${slot.index}: ${(error as Error).message}`, 'warning'),
    );
    this.progress(group, `replica ${slot.index} ready (127.0.0.1:${port})`);
    this.emitReplicas(group.spec.deploymentId);
    const readyCount = group.slots.filter((s) => s.status === 'READY').length;
    if (!group.announced && readyCount >= group.spec.config.scaling.minReplicas) {
      group.announced = true;
      if (group.canary) {
        this.progress(
          group,
          `canary version ${group.spec.version} ready: serving beside the current version`,
        );
        this.emit({ type: 'ready', deploymentId: group.spec.deploymentId, version: group.spec.version });
      } else void this.promote(group);
    }
  }

  /** The new version is ready: it takes over, then the old version's replicas are stopped. */
  private async promote(group: VersionGroup): Promise<void> {
    const state = this.deployments.get(group.spec.deploymentId);
    if (!state || state.next !== group) return;
    const previous = state.current;
    state.current = group;
    state.next = undefined;
    this.emit({ type: 'ready', deploymentId: group.spec.deploymentId, version: group.spec.version });
    if (previous) {
      this.progress(group, `stopping version ${previous.spec.version}`);
      await this.stopGroup(previous);
      this.emitReplicas(group.spec.deploymentId);
    }
  }

  /** The canary takes over (like a redeploy that became ready); the version it served beside stops. */
  async promoteCanary(deploymentId: string, version: number): Promise<void> {
    const state = this.deployments.get(deploymentId);
    const group = state?.canary;
    if (!state || !group || group.spec.version !== version) {
      throw new Error(`Version ${version} of ${deploymentId} is not a running canary`);
    }
    const previous = state.current;
    state.current = group;
    state.canary = undefined;
    group.canary = false;
    if (previous) {
      this.progress(group, `canary promoted: stopping version ${previous.spec.version}`);
      await this.stopGroup(previous);
    }
    this.emitReplicas(deploymentId);
  }

  /** Stops a canary's replicas; the current version keeps serving. */
  async stopCanary(deploymentId: string, version: number): Promise<void> {
    const state = this.deployments.get(deploymentId);
    const group = state?.canary;
    if (!state || !group || group.spec.version !== version) return;
    state.canary = undefined;
    this.progress(group, `stopping canary version ${version}`);
    await this.stopGroup(group);
    this.emitReplicas(deploymentId);
  }

  /**
   * Alive but not answering: it leaves routing at once (only READY replicas have a base URL), and is killed; its
   * exit restarts it like a crash.
   */
  /** Ready replicas load or drop adapters in place; replicas starting later get the new set from the start. */
  async setAdapters(deploymentId: string, adapters: RuntimeAdapter[]): Promise<void> {
    const state = this.deployments.get(deploymentId);
    const groups = [state?.current, state?.next].filter((g): g is VersionGroup => !!g && !g.stopping);
    for (const group of groups) group.spec = { ...group.spec, adapters };
    await Promise.all(groups.flatMap((g) => g.slots.map((slot) => this.syncAdapters(g, slot))));
  }

  private async syncAdapters(group: VersionGroup, slot: Slot): Promise<void> {
    const port = slot.process?.port;
    const wanted = replicaAdapters(group.spec);
    if (slot.status !== 'READY' || port === undefined || slot.adapters === adaptersKey(wanted)) return;
    await pushAdapters(port, wanted);
    slot.adapters = adaptersKey(wanted);
  }

  private onSlotHung(group: VersionGroup, slot: Slot, child: ReplicaProcess, missed: number): void {
    if (slot.process !== child || group.stopping || slot.removed) return;
    slot.hungAfter = missed;
    slot.status = 'STARTING';
    this.emitReplicas(group.spec.deploymentId);
    this.progress(
      group,
      `replica ${slot.index} did not answer ${missed} health probes in a row; taken out of routing and restarted`,
      'warning',
    );
    child.kill();
  }

  private onSlotExit(group: VersionGroup, slot: Slot, child: ReplicaProcess, exit: ReplicaExit): void {
    clearTimeout(slot.readyTimer);
    slot.health?.stop();
    if (slot.process !== child || group.stopping || slot.removed) return;
    slot.process = undefined;
    const reason = slot.timedOut
      ? `model process did not become ready within ${formatSeconds(this.options.readyTimeoutMs)}`
      : slot.hungAfter !== undefined
        ? `model process did not answer ${slot.hungAfter} health probes`
        : describeExit(exit);
    this.logger?.warn({ replica: slot.id, code: exit.code, signal: exit.signal }, reason);
    slot.failures += 1;
    // A model that reports it cannot be loaded will not load on a second try either: fail at once.
    const hopeless = exit.failedReason !== undefined || slot.failures > this.options.maxRestarts;
    if (hopeless) {
      slot.status = 'FAILED';
      this.progress(group, `replica ${slot.index} failed: ${reason}`);
      this.emitReplicas(group.spec.deploymentId);
      this.failGroupIfDown(group, reason);
      return;
    }
    const delay = Math.min(this.options.restartBackoffMs * 2 ** (slot.failures - 1), MAX_BACKOFF_MS);
    slot.status = 'STARTING';
    slot.restarts += 1;
    this.progress(group, `replica ${slot.index} stopped (${reason}); restarting in ${formatSeconds(delay)}`);
    this.emitReplicas(group.spec.deploymentId);
    slot.restartTimer = setTimeout(() => {
      slot.restartTimer = undefined;
      if (!group.stopping && !slot.removed) this.startSlot(group, slot);
    }, delay);
  }

  /** A version fails when it cannot reach readiness, or when it was serving and has no replica left. */
  private failGroupIfDown(group: VersionGroup, reason: string): void {
    if (group.failed) return;
    const alive = group.slots.filter((s) => !s.removed && s.status !== 'FAILED').length;
    const needed = group.announced ? 1 : group.spec.config.scaling.minReplicas;
    if (alive >= needed) return;
    group.failed = true;
    this.emit({ type: 'failed', deploymentId: group.spec.deploymentId, version: group.spec.version, reason });
    const state = this.deployments.get(group.spec.deploymentId);
    void this.stopGroup(group).then(() => {
      if (!state) return;
      if (state.next === group) state.next = undefined;
      if (state.current === group) state.current = undefined;
      if (state.canary === group) state.canary = undefined;
      if (groupsOf(state).length === 0 && this.deployments.get(state.id) === state)
        this.deployments.delete(state.id);
      this.emitReplicas(group.spec.deploymentId);
    });
  }

  private async stopGroup(group: VersionGroup): Promise<void> {
    group.stopping = true;
    await Promise.all(group.slots.map((slot) => this.stopSlot(slot)));
  }

  private async stopSlot(slot: Slot): Promise<void> {
    slot.health?.stop();
    clearTimeout(slot.restartTimer);
    clearTimeout(slot.readyTimer);
    slot.restartTimer = undefined;
    const child = slot.process;
    if (slot.status !== 'FAILED') slot.status = 'STOPPING';
    if (child) await child.stop(this.options.stopGraceMs);
  }

  async scale(deploymentId: string, replicas: number): Promise<void> {
    const state = this.deployments.get(deploymentId);
    const group = state?.current ?? state?.next;
    if (!group) throw new Error(`Deployment ${deploymentId} is not running on the local runtime`);
    const live = group.slots.filter((s) => !s.removed);
    if (replicas > live.length) {
      for (let i = live.length; i < replicas; i++) this.addSlot(group);
      this.progress(group, `scaling to ${replicas} replica(s)`);
      this.emitReplicas(deploymentId);
      return;
    }
    if (replicas < live.length) {
      // Remove the replicas that serve nothing first, then the newest.
      const order = [...live].sort(
        (a, b) => Number(a.status === 'READY') - Number(b.status === 'READY') || b.index - a.index,
      );
      const removed = order.slice(0, live.length - replicas);
      for (const slot of removed) slot.removed = true;
      this.progress(group, `scaling to ${replicas} replica(s)`);
      this.emitReplicas(deploymentId);
      await Promise.all(removed.map((slot) => this.stopSlot(slot)));
      group.slots = group.slots.filter((s) => !removed.includes(s));
      this.emitReplicas(deploymentId);
    }
  }

  async stop(deploymentId: string): Promise<void> {
    const state = this.deployments.get(deploymentId);
    if (!state) return;
    this.deployments.delete(deploymentId);
    await Promise.all(groupsOf(state).map((group) => this.stopGroup(group)));
    this.emit({ type: 'replicas', deploymentId, replicas: [] });
  }

  replicas(deploymentId: string): ReplicaInfo[] {
    const state = this.deployments.get(deploymentId);
    return state ? replicaInfos(state) : [];
  }

  /** Process ids of the running replicas (for tests and diagnostics). */
  replicaPids(deploymentId: string): number[] {
    const state = this.deployments.get(deploymentId);
    if (!state) return [];
    return groupsOf(state)
      .flatMap((g) => g.slots)
      .map((slot) => (slot.process?.running ? slot.process.pid : undefined))
      .filter((pid): pid is number => pid !== undefined);
  }

  deploymentIds(): IterableIterator<string> {
    return this.deployments.keys();
  }

  /** The spare replica process, if one is waiting (for tests and diagnostics). */
  get sparePid(): number | undefined {
    return this.launcher.sparePid;
  }

  /** No more spare replica processes (before the deployments are stopped, whose exits would start one). */
  closeSpare(): void {
    this.launcher.close();
  }

  /** Kills every replica and the spare at once, for process.exit() where no async cleanup can run. */
  killAll(): void {
    this.launcher.close();
    for (const state of this.deployments.values()) {
      for (const group of groupsOf(state)) group.slots.forEach((slot) => slot.process?.kill());
    }
  }

  private emit(event: RuntimeEvent): void {
    this.options.emit(event);
  }
}
