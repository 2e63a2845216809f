import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { gql, killServer, startServerProcess, type ServerProcess } from './crash-walk.harness.js';
import { waitFor } from './harness.js';

/**
 * SIGKILL of the real server process at many points of every lifecycle, one data dir for the whole walk (each
 * restart is the next point's server). After every restart: no process the killed server started is left, one
 * reconcile leaves nothing transitional (no version DEPLOYING but the current one of an active deployment, no
 * undeploy without its end, and a model caught VALIDATING is validated again), no row that existed before the kill is gone, and every DEPLOYED
 * deployment answers through the gateway.
 */

export interface Row {
  id: string;
  deploymentId: string;
  name: string;
  status: string;
  currentVersion: number;
  versions: { version: number; status: string; undeployment: { endedAt: string | null } | null }[];
}

const ACTIVE = ['DEPLOYING', 'OPTIMIZING', 'DEPLOYED'];
const ROWS = `deployments(first: 100) { nodes { id deploymentId name status currentVersion
  versions { version status undeployment { endedAt } } } }`;

/** One walk: its own data dir and server process, reused from kill point to kill point. */
export interface WalkState {
  dataDir: string;
  server: ServerProcess | null;
  token: string;
  demoModelId: string;
  work: string;
}

/** Registers the walk's set-up and its printed table; returns what the kill points use. */
export function useCrashWalk(name: string) {
  const walk: WalkState = { dataDir: '', server: null, token: '', demoModelId: '', work: '' };
  const secrets = new Map<string, string>();
  const table: { point: string; result: string }[] = [];

  const q = <T>(query: string, variables?: Record<string, unknown>) =>
    gql<T>(walk.server!.url, walk.token, query, variables);

  async function rows(): Promise<Row[]> {
    return (await q<{ deployments: { nodes: Row[] } }>(`{ ${ROWS} }`)).deployments.nodes;
  }

  async function models(): Promise<{ id: string; name: string; status: string }[]> {
    return (
      await q<{ models: { nodes: { id: string; name: string; status: string }[] } }>(
        `{ models(first: 100) { nodes { id name status } } }`,
      )
    ).models.nodes;
  }

  async function mutate(name: string, type: string, input: Record<string, unknown>): Promise<void> {
    const data = await q<Record<string, { userErrors: { message: string }[] }>>(
      `mutation($i: ${type}!) { ${name}(input: $i) { userErrors { message } } }`,
      { i: input },
    );
    expect(data[name]!.userErrors).toEqual([]);
  }

  /** Sends a mutation without waiting for its answer (the kill lands while it runs). */
  function fire(name: string, type: string, input: Record<string, unknown>): void {
    void fetch(`${walk.server!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${walk.token}` },
      body: JSON.stringify({
        query: `mutation($i: ${type}!) { ${name}(input: $i) { userErrors { message } } }`,
        variables: { i: input },
      }),
    }).catch(() => undefined);
  }

  async function deploy(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const data = await q<{ deployModel: { deployment: { id: string }; userErrors: unknown[] } }>(
      `mutation($i: DeployModelInput!) { deployModel(input: $i) { deployment { id } userErrors { message } } }`,
      { i: { modelId: walk.demoModelId, name, hardwareProfileId: 'local-cpu', acceptTerms: true, ...extra } },
    );
    expect(data.deployModel.userErrors).toEqual([]);
    const id = data.deployModel.deployment.id;
    const key = await q<{ createApiKey: { secret: string } }>(
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
      { i: { deploymentId: id, name: 'walk' } },
    );
    secrets.set(id, key.createApiKey.secret);
    return id;
  }

  async function byName(name: string): Promise<Row> {
    return (await rows()).find((r) => r.name === name)!;
  }

  /** Fewer live deployments, less to bring back at every restart: each point keeps only what it needs. */
  async function undeployIfActive(...names: string[]): Promise<void> {
    for (const name of names) {
      const row = await byName(name);
      if (row && row.status !== 'UNDEPLOYED' && row.status !== 'READY_TO_DEPLOY') {
        await mutate('undeployDeployment', 'UndeployDeploymentInput', { id: row.id });
      }
    }
  }

  async function until(name: string, ok: (row: Row) => boolean, what: string): Promise<Row> {
    return waitFor(
      async () => {
        const row = await byName(name);
        return ok(row) ? row : null;
      },
      90_000,
      what,
    );
  }

  async function answers(row: Row, maxTokens = 2): Promise<number> {
    if (!secrets.has(row.id)) {
      // Deployed by a request the kill cut short: its answer (and key) never came back.
      const key = await q<{ createApiKey: { secret: string } }>(
        `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`,
        { i: { deploymentId: row.id, name: 'walk' } },
      );
      secrets.set(row.id, key.createApiKey.secret);
    }
    const response = await fetch(
      `${walk.server!.url}/api/v2/deployments/${row.deploymentId}/chat/completions`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secrets.get(row.id)}` },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], max_tokens: maxTokens }),
      },
    );
    await response.body?.cancel();
    return response.status;
  }

  async function start(): Promise<void> {
    walk.server = await startServerProcess(walk.dataDir);
    walk.token ||= (await readFile(join(walk.dataDir, 'admin-token'), 'utf8')).trim();
  }

  /** Runs one kill point: `act` brings the server to the point, then SIGKILL, restart and the checks. */
  async function killPoint(point: string, act: () => Promise<{ gone?: string[] } | void>): Promise<void> {
    try {
      if (!walk.server) await start();
      await walk.server!.reconciled;
      const before = await rows();
      const modelsBefore = await models();
      const { gone = [] } = (await act()) ?? {};
      const { orphans } = await killServer(walk.server!);
      walk.server = null;
      expect(orphans, 'processes the killed server had started').toEqual([]);
      await start();
      await walk.server!.reconciled;

      // One reconcile: nothing transitional is left that nothing will finish.
      const after = await rows();
      for (const row of after) {
        for (const v of row.versions) {
          if (v.status === 'DEPLOYING') {
            expect({
              row: row.name,
              version: v.version,
              current: v.version === row.currentVersion && ACTIVE.includes(row.status),
            }).toEqual({ row: row.name, version: v.version, current: true });
          }
          expect({
            row: row.name,
            version: v.version,
            undeployEnded: v.undeployment ? v.undeployment.endedAt !== null : true,
          }).toEqual({ row: row.name, version: v.version, undeployEnded: true });
        }
      }
      // A model caught VALIDATING is validated again by the start-up reconciliation: it must settle, not stay.
      await waitFor(
        async () => (await models()).every((m) => m.status !== 'VALIDATING'),
        120_000,
        'models caught VALIDATING to be validated again',
      );
      // No row lost: every deployment (but one the point deleted) and every version is still there.
      for (const old of before) {
        if (gone.includes(old.name)) continue;
        const now = after.find((r) => r.id === old.id);
        expect(now?.name, `deployment ${old.name}`).toBe(old.name);
        expect(now!.versions.length).toBeGreaterThanOrEqual(old.versions.length);
      }
      const modelsAfter = await models();
      for (const m of modelsBefore)
        expect(
          modelsAfter.some((n) => n.id === m.id),
          `model ${m.name}`,
        ).toBe(true);
      // Active deployments come back up, and answer.
      const settled = await waitFor(
        async () => {
          const now = await rows();
          return now.every((r) => r.status !== 'DEPLOYING' && r.status !== 'OPTIMIZING') ? now : null;
        },
        120_000,
        'active deployments to settle',
      );
      for (const row of settled.filter((r) => r.status === 'DEPLOYED')) {
        expect(await answers(row), `${row.name} answers`).toBe(200);
      }
      const served = settled.filter((r) => r.status === 'DEPLOYED').map((r) => r.name);
      table.push({ point, result: `recovered (serving: ${served.join(', ') || 'none'})` });
    } catch (error) {
      table.push({ point, result: `FAILED: ${(error as Error).message.split('\n')[0]!.slice(0, 160)}` });
      throw error;
    }
  }

  beforeAll(async () => {
    walk.dataDir = await mkdtemp(join(tmpdir(), `hangar-crash-walk-${name}-`));
    walk.work = await mkdtemp(join(tmpdir(), `hangar-crash-work-${name}-`));
    await start();
    const found = await q<{ models: { nodes: { id: string }[] } }>(
      `{ models(filter: { search: "demo" }) { nodes { id } } }`,
    );
    walk.demoModelId = found.models.nodes[0]!.id;
  }, 120_000);

  afterAll(async () => {
    if (walk.server) await killServer(walk.server);
    const width = Math.max(...table.map((r) => r.point.length), 10);
    console.log(
      ['kill point'.padEnd(width) + ' | result', '-'.repeat(width) + '-|-------']
        .concat(table.map((r) => `${r.point.padEnd(width)} | ${r.result}`))
        .join('\n'),
    );
    await rm(walk.dataDir, { recursive: true, force: true });
    await rm(walk.work, { recursive: true, force: true });
  });

  const T = 300_000;

  return {
    walk,
    q,
    rows,
    models,
    mutate,
    fire,
    deploy,
    byName,
    undeployIfActive,
    until,
    answers,
    killPoint,
    T,
  };
}
