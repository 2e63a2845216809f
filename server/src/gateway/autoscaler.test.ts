import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIMIZATION, type ScalingConfig } from '../core/deployment-config/deployment-config.js';
import type { ReplicaInfo } from '../runtime/runtime.js';
import { decideScale, type AutoscalerState } from './autoscaler.decision.js';
import { createAutoscaler, type ScalingDecisionRecord } from './autoscaler.js';
import { createScalingSignals } from './autoscaler.signals.js';
import { startFakeReplica, type FakeReplica } from './fake-replica.fixture.js';
import { createGateway } from './gateway.handler.js';

const scaling: ScalingConfig = {
  minReplicas: 1,
  maxReplicas: 3,
  scaleUpDelaySeconds: 30,
  scaleDownDelaySeconds: 600,
  scaleToZeroAfterSeconds: 0,
  autoscalerMode: 'ACTIVE',
};

describe('decideScale (fake clock)', () => {
  it('scales up only after load has exceeded capacity for the whole delay', () => {
    let state: AutoscalerState = {};
    const at = (s: number, load: number, replicas = 1) => {
      const d = decideScale(state, { now: s * 1000, load, replicas, batchSize: 4, scaling });
      state = d.state;
      return d.scaleTo;
    };
    expect(at(0, 6)).toBeUndefined();
    expect(at(29, 6)).toBeUndefined();
    expect(at(30, 6)).toBe(2);
    // The timer restarted with the decision: another full delay is needed.
    expect(at(31, 20, 2)).toBeUndefined();
    expect(at(61, 20, 2)).toBe(3);
  });

  it('forgets sustained load when it dips within the delay', () => {
    let state: AutoscalerState = {};
    const at = (s: number, load: number) => (
      (state = decideScale(state, { now: s * 1000, load, replicas: 1, batchSize: 4, scaling }).state),
      state
    );
    at(0, 6);
    at(20, 2);
    expect(
      decideScale(at(25, 6), { now: 40_000, load: 6, replicas: 1, batchSize: 4, scaling }).scaleTo,
    ).toBeUndefined();
  });

  it('never exceeds max nor goes below min', () => {
    expect(
      decideScale({ overSince: 0 }, { now: 1e9, load: 1000, replicas: 3, batchSize: 4, scaling }).scaleTo,
    ).toBeUndefined();
    expect(
      decideScale({ overSince: 0 }, { now: 1e9, load: 1000, replicas: 1, batchSize: 4, scaling }).scaleTo,
    ).toBe(3);
    expect(
      decideScale({ underSince: 0 }, { now: 1e9, load: 0, replicas: 1, batchSize: 4, scaling }).scaleTo,
    ).toBeUndefined();
  });

  it('scales down to what the peak of the quiet window needs, after the delay', () => {
    let state: AutoscalerState = {};
    const at = (s: number, load: number) => {
      const d = decideScale(state, { now: s * 1000, load, replicas: 3, batchSize: 4, scaling });
      state = d.state;
      return d;
    };
    expect(at(0, 1).scaleTo).toBeUndefined();
    expect(at(300, 5).scaleTo).toBeUndefined();
    const decision = at(600, 0);
    expect(decision.scaleTo).toBe(2);
    expect(decision.reason).toBe(
      'load ≤ 5, within 2 × batch 4, for 600 s → 2 replicas (down from 3); now load 0',
    );
  });
});

describe('autoscaler with the gateway and real HTTP replicas', () => {
  it('scales up under load and back down after it', async () => {
    const replicas: FakeReplica[] = [await startFakeReplica('r0')];
    const signals = createScalingSignals();
    const config = {
      optimization: DEFAULT_OPTIMIZATION,
      parameters: {
        temperature: 0.5,
        maxLength: 50,
        topP: 1,
        topK: 40,
        stopSequences: [],
        inferenceBatchSize: 1,
      },
      hardwareProfileId: 'cpu',
      scaling: {
        minReplicas: 1,
        maxReplicas: 2,
        scaleUpDelaySeconds: 1,
        scaleDownDelaySeconds: 2,
        scaleToZeroAfterSeconds: 0,
        autoscalerMode: 'ACTIVE' as const,
      },
    };
    const gateway = createGateway({
      lookupDeployment: async (id) =>
        id === 'dep'
          ? { deploymentId: 'dep', status: 'DEPLOYED', config, endpointTimeoutSeconds: 60, modelName: 'm' }
          : null,
      verifyApiKey: async () => ({ ok: true, keyId: 'k' }),
      replicas: (): ReplicaInfo[] =>
        replicas.map((r) => ({
          id: r.id,
          version: 1,
          status: 'READY',
          startedAt: new Date(),
          baseUrl: r.baseUrl,
        })),
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      onUsage: (record) => signals.observe(record),
    });
    const server = http.createServer((req, res) => void gateway(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const lines: string[] = [];
    const decisions: ScalingDecisionRecord[] = [];
    const autoscaler = createAutoscaler({
      deploymentId: 'dep',
      scaling: config.scaling,
      batchSize: 1,
      // A runtime-like scale: start or stop real replica servers.
      scale: async (_id, n) => {
        while (replicas.length < n) {
          const replica = await startFakeReplica(`r${replicas.length}`);
          replica.reply = () => ({ delayMs: 300 });
          replicas.push(replica);
        }
        while (replicas.length > n) await replicas.pop()!.close();
        gateway.replicasChanged('dep');
      },
      getLoad: (id) => gateway.load(id).inFlight + gateway.load(id).queued,
      getSignals: (id) => signals.read(id, gateway.load(id)),
      getReplicaCount: () => replicas.length,
      onDecision: (line, decision) => {
        lines.push(line);
        decisions.push(decision);
      },
      tickMs: 100,
    });
    autoscaler.start();
    try {
      replicas[0]!.reply = () => ({ delayMs: 300 });
      const client = new OpenAI({
        apiKey: 'hgr_sk_x',
        baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/deployments/dep`,
        maxRetries: 0,
      });
      // Three clients in a loop keep load at 3 against a capacity of 1 until the second replica serves.
      let stop = false;
      const worker = async () => {
        while (!stop)
          await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
      };
      const workers = [worker(), worker(), worker()];
      for (let i = 0; i < 100 && replicas.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      expect(replicas.length).toBe(2);
      await new Promise((r) => setTimeout(r, 700));
      expect(replicas[1]!.received.length).toBeGreaterThan(0);
      stop = true;
      await Promise.all(workers);
      for (let i = 0; i < 100 && replicas.length > 1; i++) await new Promise((r) => setTimeout(r, 50));
      expect(replicas.length).toBe(1);
      expect(lines[0]).toMatch(
        /^Autoscaler: load \d+ \(queue \d+, 1 in flight\) > capacity 1 \(1 × batch 1\) for 1 s → 2 replicas \(up from 1\); \d+\.\d tokens\/s, no streamed request$/,
      );
      expect(lines[1]).toMatch(/→ 1 replicas \(down from 2\)/);
      // What the API shows as the last decision: the counts and the same reason as the event line.
      expect(decisions.map((d) => [d.fromReplicas, d.toReplicas, d.error])).toEqual([
        [1, 2, undefined],
        [2, 1, undefined],
      ]);
      expect(`Autoscaler: ${decisions[1]!.reason}`).toBe(lines[1]);
    } finally {
      autoscaler.stop();
      gateway.close();
      server.closeAllConnections();
      server.close();
      for (const r of replicas) await r.close();
    }
  });
});
