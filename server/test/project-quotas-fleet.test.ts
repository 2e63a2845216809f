import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/relay.js';
import { DEFAULT_PROJECT_ID } from '../src/modules/project/project.entity.js';
import { gql, type ServerProcess } from './crash-walk.harness.js';
import { createFleet, type Fleet } from './fleet.harness.js';
import { NomadDouble } from './nomad-double/nomad-double.js';

/**
 * The quota check across instances: two real server processes on one PostgreSQL database in front of one Nomad
 * cluster (the spec-validating double). Deploys sent to both at once into room for one GPU: the per-project
 * advisory lock lets exactly one through, and the others are told which quota, at the hardware field.
 */

const ACL_TOKEN = 'nomad-acl-token-for-quota-tests';
const PROFILE = 'nvidia-a10g-x1';
const DEPLOY = `mutation($i: DeployModelInput!) {
  deployModel(input: $i) { deployment { id } userErrors { code field message } }
}`;

interface Answer {
  deployModel: {
    deployment: { id: string } | null;
    userErrors: { code: string; field: string[] | null; message: string }[];
  };
}

describe('project quotas across two instances on PostgreSQL (Nomad, GPUs by hardware profile)', () => {
  let nomad: NomadDouble;
  let fleet: Fleet;
  let servers: ServerProcess[];
  let token: string;
  const project = toGlobalId('Project', DEFAULT_PROJECT_ID);

  beforeAll(async () => {
    nomad = new NomadDouble({ heartbeatMs: 200, maxBlockingWaitMs: 1000, aclToken: ACL_TOKEN });
    const addr = await nomad.start();
    fleet = await createFleet({
      HANGAR_RUNTIME: 'nomad',
      NOMAD_ADDR: addr,
      NOMAD_TOKEN: ACL_TOKEN,
      HANGAR_DEMO_MODEL: '0',
    });
    servers = [await fleet.start(), await fleet.start()];
    token = await fleet.adminToken();
  }, 120_000);

  afterAll(async () => {
    await fleet?.cleanup();
    await nomad?.close();
  });

  it('deploys sent to both instances at once into room for one GPU: exactly one passes per project', async () => {
    // Eight projects raced at once: one race is a window of milliseconds, eight make an overshoot show.
    const projects = [project];
    for (let n = 1; n < 8; n++) {
      const created = await gql<{ createProject: { project: { id: string } } }>(
        servers[0]!.url,
        token,
        `mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }`,
        { i: { name: `Race ${n}`, slug: `race-${n}` } },
      );
      projects.push(created.createProject.project.id);
    }
    for (const projectId of projects) {
      const set = await gql<{ setProjectQuotas: { userErrors: unknown[] } }>(
        servers[0]!.url,
        token,
        `mutation($i: SetProjectQuotasInput!) { setProjectQuotas(input: $i) { userErrors { field message } } }`,
        { i: { projectId, maxGpus: [{ hardwareProfileId: PROFILE, maxGpus: 1 }] } },
      );
      expect(set.setProjectQuotas.userErrors).toEqual([]);
    }

    const answers = await Promise.all(
      projects.flatMap((projectId, p) =>
        [0, 1, 2, 3].map(async (n) => ({
          projectId,
          answer: await gql<Answer>(servers[n % 2]!.url, token, DEPLOY, {
            i: {
              catalogEntryId: 'meta-llama/Llama-3.2-1B',
              projectId,
              name: `gpu racer ${p}-${n}`,
              hardwareProfileId: PROFILE,
              optimization: { technique: 'VLLM', quantization: 'NONE' },
              acceptTerms: true,
            },
          }),
        })),
      ),
    );
    for (const projectId of projects) {
      const mine = answers.filter((a) => a.projectId === projectId).map((a) => a.answer.deployModel);
      expect(mine.filter((a) => a.deployment)).toHaveLength(1);
      expect(mine.flatMap((a) => a.userErrors.map((e) => e.code))).toEqual([
        'QUOTA_EXCEEDED',
        'QUOTA_EXCEEDED',
        'QUOTA_EXCEEDED',
      ]);
    }
    const refusal = answers.flatMap((a) => a.answer.deployModel.userErrors).find((e) => e)!;
    expect(refusal).toEqual({
      code: 'QUOTA_EXCEEDED',
      field: ['input', 'hardwareProfileId'],
      message: expect.stringMatching(
        new RegExp(
          `^Project (default|race-\\d) allows at most 1 GPU of ${PROFILE}; it runs 1 — this asks for 1 more\\.$`,
        ),
      ),
    });

    // Either instance reads the same usage, and its plan says the quota is in the way.
    const read = await gql<{
      project: { quotaUsage: { deployments: number; gpus: { hardwareProfileId: string; gpus: number }[] } };
      planDeployment: { fits: boolean; quotaExceeded: string | null };
    }>(
      servers[1]!.url,
      token,
      `query($id: ID!, $i: PlanDeploymentInput!) {
        project(id: $id) { quotaUsage { deployments gpus { hardwareProfileId gpus } } }
        planDeployment(input: $i) { fits quotaExceeded }
      }`,
      {
        id: project,
        i: {
          catalogEntryId: 'meta-llama/Llama-3.2-1B',
          projectId: project,
          hardwareProfileId: PROFILE,
          optimization: { technique: 'VLLM', quantization: 'NONE' },
        },
      },
    );
    expect(read.project.quotaUsage).toEqual({
      deployments: 1,
      gpus: [{ hardwareProfileId: PROFILE, gpus: 1 }],
    });
    expect(read.planDeployment).toEqual({
      fits: false,
      quotaExceeded: `Project default allows at most 1 GPU of ${PROFILE}; it runs 1 — this asks for 1 more.`,
    });
    expect(nomad.violations).toEqual([]);
  }, 120_000);
});
