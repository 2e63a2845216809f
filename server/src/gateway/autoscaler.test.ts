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
  targetTtftMs: 0,
  targetTokensPerSecondPerReplica: 0,
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

  it('stops a scale-up at the project quota cap, says so, and never scales down for it', () => {
    const input = { load: 20, replicas: 1, batchSize: 4, scaling };
    const over = decideScale({}, { ...input, now: 0 }).state;
    const capped = decideScale(over, { ...input, now: 30_000, cap: 2 });
    expect(capped.scaleTo).toBe(2);
    expect(capped.reason).toContain('→ 2 replicas (capped by project quota: 3 wanted) (up from 1)');
    // At the cap: no scale-up, and no scale-down either, however far below the usage a quota was lowered.
    expect(decideScale(over, { ...input, replicas: 2, now: 30_000, cap: 2 }).scaleTo).toBeUndefined();
    expect(decideScale(over, { ...input, replicas: 3, now: 30_000, cap: 0 }).scaleTo).toBeUndefined();
    // A cap at or above maxReplicas changes nothing.
    expect(decideScale(over, { ...input, now: 30_000, cap: 5 }).reason).not.toContain('capped');
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

describe('decideScale on LLM signals (fake clock)', () => {
  const targets: ScalingConfig = { ...scaling, targetTtftMs: 1500, targetTokensPerSecondPerReplica: 50 };
  const signals = (ttftMs: number | null, tokensPerSecond = 0) => ({
    queued: 0,
    inFlight: 1,
    tokensPerSecond,
    ttftMs,
  });

  it('scales up when the TTFT p50 stays above its target for the delay, and names it', () => {
    let state: AutoscalerState = {};
    const at = (s: number, ttftMs: number | null) => {
      const d = decideScale(state, {
        now: s * 1000,
        load: 1,
        signals: signals(ttftMs),
        replicas: 1,
        batchSize: 4,
        scaling: targets,
      });
      state = d.state;
      return d;
    };
    expect(at(0, 2400).scaleTo).toBeUndefined();
    expect(at(29, 2400).scaleTo).toBeUndefined();
    const decision = at(30, 2400);
    expect(decision.scaleTo).toBe(2);
    expect(decision.reason).toBe(
      'TTFT p50 2 400 ms > 1 500 ms for 30 s → 2 replicas (up from 1); load 1 (queue 0, 1 in flight); 0.0 tokens/s, TTFT p50 2 400 ms',
    );
    // A dip to the target (or no streamed request) restarts the clock.
    expect(at(31, 2400).scaleTo).toBeUndefined();
    expect(at(40, 1500).scaleTo).toBeUndefined();
    expect(at(50, 2000).scaleTo).toBeUndefined();
    expect(at(70, null).scaleTo).toBeUndefined();
    expect(at(90, 2000).scaleTo).toBeUndefined();
  });

  it('ignores the TTFT without a target (0), however slow', () => {
    expect(
      decideScale(
        { ttftOverSince: 0 },
        { now: 1e6, load: 1, signals: signals(60_000), replicas: 1, batchSize: 4, scaling },
      ).scaleTo,
    ).toBeUndefined();
  });

  it('scales up to the replicas a tokens/s target needs once a replica’s share stays above it', () => {
    let state: AutoscalerState = {};
    const at = (s: number, tokensPerSecond: number, replicas = 1) => {
      const d = decideScale(state, {
        now: s * 1000,
        load: 1,
        signals: signals(null, tokensPerSecond),
        replicas,
        batchSize: 4,
        scaling: targets,
      });
      state = d.state;
      return d;
    };
    expect(at(0, 120).scaleTo).toBeUndefined();
    const decision = at(30, 120);
    // 120 tokens/s at 50 per replica needs 3.
    expect(decision.scaleTo).toBe(3);
    expect(decision.reason).toMatch(
      /^120\.0 tokens\/s per replica \(120\.0 over 1\) > 50 tokens\/s per replica for 30 s → 3 replicas \(up from 1\); load 1/,
    );
    // Spread over 3 replicas, 120 tokens/s is 40 each: within the target.
    expect(at(31, 120, 3).scaleTo).toBeUndefined();
    expect(at(100, 120, 3).scaleTo).toBeUndefined();
  });

  it('names every signal that fired, and goes to the most replicas they need', () => {
    const decision = decideScale(
      { overSince: 0, ttftOverSince: 0, tokensOverSince: 0 },
      { now: 30_000, load: 6, signals: signals(2000, 60), replicas: 1, batchSize: 4, scaling: targets },
    );
    expect(decision.scaleTo).toBe(2);
    expect(decision.reason).toMatch(
      /^load 6 \(queue 0, 1 in flight\) > capacity 4 \(1 × batch 4\) and TTFT p50 2 000 ms > 1 500 ms and 60\.0 tokens\/s per replica .* for 30 s → 2 replicas \(up from 1\); 60\.0 tokens\/s/,
    );
  });

  it('scales down only when every signal fits one replica fewer for the delay', () => {
    let state: AutoscalerState = {};
    const at = (s: number, ttftMs: number | null, tokensPerSecond: number) => {
      const d = decideScale(state, {
        now: s * 1000,
        load: 1,
        signals: signals(ttftMs, tokensPerSecond),
        replicas: 3,
        batchSize: 4,
        scaling: targets,
      });
      state = d.state;
      return d;
    };
    // Load fits, but 120 tokens/s needs more than 2 × 50: no scale-down however long.
    expect(at(0, 800, 120).scaleTo).toBeUndefined();
    expect(at(700, 800, 120).scaleTo).toBeUndefined();
    // A TTFT over its target blocks it too (and, below max, asks for a replica).
    expect(at(701, 1600, 90).scaleTo).toBeUndefined();
    expect(at(702, 800, 90).scaleTo).toBeUndefined();
    expect(at(1000, 800, 40).scaleTo).toBeUndefined();
    const decision = at(1302, null, 40);
    // The window's peak (90 tokens/s) needs 2 replicas of 50.
    expect(decision.scaleTo).toBe(2);
    expect(decision.reason).toBe(
      'load ≤ 1, within 2 × batch 4, TTFT p50 within 1 500 ms, tokens/s ≤ 90.0, within 2 × 50 per replica, for 600 s → 2 replicas (down from 3); now load 1 (queue 0, 1 in flight); 40.0 tokens/s, no streamed request',
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
        targetTtftMs: 0,
        targetTokensPerSecondPerReplica: 0,
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
