import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_OPTIMIZATION,
  DEFAULT_PARAMETERS,
  DEFAULT_SCALING,
} from '../src/core/deployment-config/deployment-config.js';
import { generateDemoModel } from '../src/modules/demo-model/demo-model.js';
import { LocalRuntime } from '../src/runtime/local/local-runtime.js';
import { SpareProcess } from '../src/runtime/local/replica-launcher.js';
import { replicaEntry } from '../src/runtime/local/replica-process.js';
import type { RuntimeDeploySpec, RuntimeEvent } from '../src/runtime/runtime.js';

/** The spare replica process: used by the next replica start, replaced, exactly one, gone with the runtime. */

let dir: string;
let demoPath: string;
let runtime: LocalRuntime;

function spec(deploymentId: string): RuntimeDeploySpec {
  return {
    deploymentId,
    version: 1,
    model: { id: 'm1', name: 'Demo', source: 'PLATFORM', format: 'GGUF', localPath: demoPath },
    config: {
      optimization: DEFAULT_OPTIMIZATION,
      parameters: { ...DEFAULT_PARAMETERS, maxLength: 32, inferenceBatchSize: 1 },
      hardwareProfileId: 'cpu-small',
      scaling: { ...DEFAULT_SCALING, minReplicas: 1, maxReplicas: 3 },
    },
  };
}

function readyCount(deploymentId: string, count: number): Promise<void> {
  return new Promise((resolve) => {
    const stop = runtime.onEvent((e: RuntimeEvent) => {
      if (e.type !== 'replicas' || e.deploymentId !== deploymentId) return;
      if (e.replicas.filter((r) => r.status === 'READY').length !== count) return;
      stop();
      resolve();
    });
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The live (not zombie) replica processes this test process started, from /proc. */
async function replicaProcesses(): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) === process.pid && fields[0] !== 'Z' && cmdline.includes('replica-server'))
      found.push(Number(entry));
  }
  return found;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hangar-replica-spare-'));
  demoPath = (await generateDemoModel(join(dir, 'demo.gguf'))).path;
  runtime = new LocalRuntime({ stopGraceMs: 3000, health: { intervalMs: 0 } });
});

afterAll(async () => {
  await runtime?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('spare replica process', () => {
  it('is started once a first replica is ready, and the next replica start takes it over', async () => {
    expect(runtime.sparePid()).toBeUndefined();
    const one = readyCount('d-spare', 1);
    await runtime.deploy(spec('d-spare'));
    await one;
    await until(() => runtime.sparePid() !== undefined, 'a spare');
    const spare = runtime.sparePid()!;
    expect(runtime.replicaPids('d-spare')).not.toContain(spare);

    const two = readyCount('d-spare', 2);
    await runtime.scale('d-spare', 2);
    await two;
    // The second replica is the spare's process, serving the model it was told over IPC.
    expect(runtime.replicaPids('d-spare')).toContain(spare);
    const replica = runtime.replicas('d-spare').find((r) => r.baseUrl?.includes(':'))!;
    const client = new OpenAI({ baseURL: replica.baseUrl, apiKey: 'unused', maxRetries: 0 });
    const answer = await client.completions.create({ model: 'Demo', prompt: 'Once', max_tokens: 4 });
    expect(answer.model).toBe('Demo');
    // Replaced in the background by another one.
    await until(() => runtime.sparePid() !== undefined && runtime.sparePid() !== spare, 'a new spare');
  });

  it('keeps exactly one spare however many replicas start', async () => {
    const three = readyCount('d-spare', 3);
    await runtime.scale('d-spare', 3);
    await three;
    await until(() => runtime.sparePid() !== undefined, 'a spare');
    // Let any replacement that would wrongly pile up appear.
    await new Promise((r) => setTimeout(r, 1500));
    const pids = await replicaProcesses();
    const replicas = runtime.replicaPids('d-spare');
    expect(replicas).toHaveLength(3);
    expect(pids.filter((pid) => !replicas.includes(pid))).toEqual([runtime.sparePid()]);
  });

  it('close() kills the spare with the replicas and starts no other', async () => {
    const spare = runtime.sparePid()!;
    const replicas = runtime.replicaPids('d-spare');
    await runtime.close();
    await until(() => !isAlive(spare), 'the spare to exit', 5000);
    expect(replicas.filter(isAlive)).toEqual([]);
    expect(runtime.sparePid()).toBeUndefined();
    await new Promise((r) => setTimeout(r, 500));
    expect(await replicaProcesses()).toEqual([]);
  });

  it('a spare exits when its IPC channel closes (no orphan when the server dies)', async () => {
    const spare = new SpareProcess(await replicaEntry());
    const exited = new Promise<number | null>((resolve) => spare.child.once('exit', resolve));
    await until(() => spare.child.connected, 'the spare to start');
    spare.child.disconnect();
    expect(await exited).toBe(0);
  });
});
