import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servingJobId } from '../src/runtime/nomad/nomad-job.common.js';
import { gql, type ServerProcess } from './crash-walk.harness.js';
import { startCountingReplica, startNomadFleet, type CountingReplica, type Fleet } from './fleet.harness.js';
import { waitFor } from './harness.js';
import type { NomadDouble } from './nomad-double/nomad-double.js';

/**
 * Two real server processes on PostgreSQL and Redis in front of one replica (the Nomad double registers it at a
 * model server this test runs, which answers every completion with 2 tokens): a budget spent through one instance
 * is refused by the other within about two seconds.
 */

const ACL_TOKEN = 'nomad-acl-token-for-fleet-budgets';

describe('a monthly token budget across two instances (PostgreSQL + Redis)', () => {
  let replica: CountingReplica;
  let nomad: NomadDouble;
  let fleet: Fleet;
  let servers: ServerProcess[];
  let token: string;
  let deploymentId: string;
  let graphqlId: string;

  const client = (server: ServerProcess, apiKey: string) =>
    new OpenAI({ apiKey, baseURL: `${server.url}/api/v2/deployments/${deploymentId}`, maxRetries: 0 });

  beforeAll(async () => {
    replica = await startCountingReplica();
    replica.answerMs = 5;
    ({ nomad, fleet, servers, token } = await startNomadFleet(replica.port, ACL_TOKEN));
    const deployed = await gql<{ deployModel: { deployment: { id: string; deploymentId: string } } }>(
      servers[0]!.url,
      token,
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id deploymentId } userErrors { message } } }`,
      {
        i: {
          catalogEntryId: 'meta-llama/Llama-3.2-1B',
          name: 'fleet budget',
          hardwareProfileId: 'nvidia-a10g-x1',
          optimization: { technique: 'VLLM', quantization: 'NONE' },
          scaling: { minReplicas: 1, maxReplicas: 1 },
          acceptTerms: true,
        },
      },
    );
    ({ id: graphqlId, deploymentId } = deployed.deployModel.deployment);
    const jobId = servingJobId(deploymentId);
    await waitFor(async () => nomad.job(jobId), 10_000, 'the job');
    nomad.markHealthy(jobId);
    for (const server of servers)
      await waitFor(
        async () => {
          const data = await gql<{ deployment: { replicas: { status: string }[] } }>(
            server.url,
            token,
            `query($id: ID!) { deployment(id: $id) { replicas { status } } }`,
            { id: graphqlId },
          );
          return data.deployment.replicas.some((r) => r.status === 'READY');
        },
        20_000,
        `a READY replica on ${server.url}`,
      );
  });

  afterAll(async () => {
    await fleet?.cleanup();
    await nomad?.close();
    await replica?.close();
  });

  it('spend through instance A is refused on instance B within ~2 s (overshoot printed)', async () => {
    const BUDGET = 40;
    const created = await gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      servers[0]!.url,
      token,
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } userErrors { message } } }`,
      { i: { deploymentId: graphqlId, name: 'fleet key', monthlyTokenBudget: BUDGET } },
    );
    const secret = created.createApiKey.secret;
    const [a, b] = [client(servers[0]!, secret), client(servers[1]!, secret)];
    const ask = (c: OpenAI) =>
      c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).then(
        () => true,
        (error: unknown) => {
          if (error instanceof OpenAI.RateLimitError && error.code === 'insufficient_quota') return false;
          throw error;
        },
      );
    // B sees the budget (created on A) before the spend starts.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await ask(b)).toBe(true);
    let tokens = 2;
    // Spend the rest on A alone, until A itself refuses.
    while (await ask(a)) tokens += 2;
    const spentAt = Date.now();
    // B: answered requests after A refused are the overshoot; B must refuse within ~2 s.
    let servedByB = 0;
    for (;;) {
      if (!(await ask(b))) break;
      servedByB++;
      tokens += 2;
      if (Date.now() - spentAt > 5_000) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seenAfterMs = Date.now() - spentAt;
    console.log(
      `budget ${BUDGET} tokens: ${tokens} served (overshoot ${tokens - BUDGET} tokens: ` +
        `${tokens - BUDGET - servedByB * 2} on A, ${servedByB * 2} on B); B refused ${seenAfterMs} ms after A did`,
    );
    expect(seenAfterMs).toBeLessThan(2_500);
    expect(await ask(b)).toBe(false);

    // Both instances report the same usage once their last exchange (every 500 ms) is through.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const usage = await Promise.all(
      servers.map((server) =>
        gql<{ node: { budget: { usedTokens: number; remainingTokens: number } } }>(
          server.url,
          token,
          `query($id: ID!) { node(id: $id) { ... on ApiKey { budget { usedTokens remainingTokens } } } }`,
          { id: created.createApiKey.apiKey.id },
        ),
      ),
    );
    for (const read of usage) {
      expect(read.node.budget.usedTokens).toBe(tokens);
      expect(read.node.budget.remainingTokens).toBe(0);
    }

    // Both instances saw the key pass 80 %; one warning line was written, by whichever claimed it first.
    const events = await gql<{ deployment: { events: { level: string; message: string }[] } }>(
      servers[1]!.url,
      token,
      `query($id: ID!) { deployment(id: $id) { events(last: 200) { level message } } }`,
      { id: graphqlId },
    );
    const warnings = events.deployment.events.filter((e) => e.message.includes('monthly tokens'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe('WARNING');
  });

  it('a project budget spent through instance A by one key is refused on instance B for another key of the project', async () => {
    const keyOn = async (name: string) =>
      (
        await gql<{ createApiKey: { secret: string } }>(
          servers[0]!.url,
          token,
          `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret userErrors { message } } }`,
          { i: { deploymentId: graphqlId, name } },
        )
      ).createApiKey.secret;
    const [first, second] = [await keyOn('project key 1'), await keyOn('project key 2')];
    const { deployment } = await gql<{ deployment: { project: { id: string } } }>(
      servers[0]!.url,
      token,
      `query($id: ID!) { deployment(id: $id) { project { id } } }`,
      { id: graphqlId },
    );
    const setBudget = (monthlyTokenBudget: number) =>
      gql<{ setProjectBudget: { project: { budget: { usedTokens: number } } } }>(
        servers[0]!.url,
        token,
        `mutation($i: SetProjectBudgetInput!) { setProjectBudget(input: $i) { project { budget { usedTokens } } userErrors { message } } }`,
        { i: { projectId: deployment.project.id, monthlyTokenBudget } },
      );
    // The earlier test's spend is the project's too: the budget is 20 tokens over it, once that spend has
    // reached the project's month on both instances (its last answers are still being counted just after it).
    let used = (await setBudget(1_000_000)).setProjectBudget.project.budget.usedTokens;
    for (let settled = false; !settled;) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const again = (await setBudget(1_000_000)).setProjectBudget.project.budget.usedTokens;
      settled = again === used;
      used = again;
    }
    await setBudget(used + 20);
    const ask = (c: OpenAI) =>
      c.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).then(
        () => true,
        (error: unknown) => {
          if (error instanceof OpenAI.RateLimitError && error.code === 'insufficient_quota') {
            expect(error.message).toMatch(/This project's monthly token budget/);
            return false;
          }
          throw error;
        },
      );
    // B has heard of the budget (BUDGET_CHANGED) before the spend starts.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const [a, b] = [client(servers[0]!, first), client(servers[1]!, second)];
    let served = 0;
    while (await ask(a)) served++;
    const spentAt = Date.now();
    let servedByB = 0;
    while ((await ask(b)) && Date.now() - spentAt < 5_000) {
      servedByB++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seenAfterMs = Date.now() - spentAt;
    console.log(
      `project budget 20 tokens over its month: ${served} answers on A with one key; B refused the other key ` +
        `${seenAfterMs} ms later (${servedByB} answered meanwhile)`,
    );
    expect(served).toBeGreaterThan(0);
    expect(seenAfterMs).toBeLessThan(2_500);
    expect(await ask(b)).toBe(false);
  });
});
