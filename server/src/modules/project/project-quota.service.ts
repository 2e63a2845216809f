import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import DataLoader from 'dataloader';
import {
  completeStoredConfig,
  type DeploymentConfig,
} from '../../core/deployment-config/deployment-config.js';
import type { HardwareProfile } from '../../core/hardware-profile.js';
import type { KeyedLock } from '../../db/keyed-lock.js';
import { notFound } from '../../graphql/errors.js';
import { tryFromGlobalId } from '../../graphql/relay.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { ACTIVE_STATUSES, type DeploymentStatus } from '../deployment/deployment.enums.js';
import { CanaryState, type CanaryRecord } from '../deployment/deployment-canary.types.js';
import { DeploymentVersion } from '../deployment/deployment-version.entity.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { requireInstanceAdmin, requireViewer, type Viewer } from '../user/viewer.js';
import { ProjectQuota } from './project-quota.entity.js';
import type { ProjectQuotas, ProjectQuotaUsageView, SetProjectQuotasInput } from './project-quota.types.js';
import { Project } from './project.entity.js';
import {
  firstQuotaExceeded,
  quotaValueProblem,
  replicaCap,
  UNLIMITED,
  type ProjectQuotaLimits,
  type ProjectQuotaUsage,
  type QuotaExceeded,
} from './project-quotas.js';

/** A deployment holds its share of the quotas while it holds (or is acquiring) resources. */
const HOLDING_STATUSES = ACTIVE_STATUSES;

/** What one deployment's configuration holds: its replica ceiling, and that many times its profile's GPUs. */
interface Claim {
  replicas: number;
  gpus: { hardwareProfileId: string; count: number } | null;
}

/** A deployment as a command finds it: what it holds now, when it holds anything. */
export interface HeldDeployment {
  id: string;
  status: DeploymentStatus;
  config: DeploymentConfig;
}

/**
 * Quotas per project: set by an instance ADMIN, read by members (with the usage they are counted against), and
 * consulted by the deployment commands and the autoscaler. The decision itself is `project-quotas.ts`; this reads
 * the database for it and serializes a project's check-then-write (`serialize`).
 */
export class ProjectQuotaService {
  /** Per request (its EntityManager), gone with it. */
  private readonly batches = new WeakMap<
    EntityManager,
    { limits: DataLoader<string, ProjectQuotaLimits>; usage: DataLoader<string, ProjectQuotaUsage> }
  >();

  constructor(private readonly deps: { hardwareProfiles: HardwareProfile[]; lock: KeyedLock }) {}

  /** Runs a project's check and the write it allows alone, on every instance (two deploys cannot both pass). */
  serialize<T>(projectId: string, work: () => Promise<T>): Promise<T> {
    return this.deps.lock.run(`project-quota:${projectId}`, work);
  }

  async limits(em: EntityManager, projectId: string): Promise<ProjectQuotaLimits> {
    return (await this.limitsOf(em, [projectId])).get(projectId) ?? UNLIMITED;
  }

  /** The quotas of several projects in one statement (a project without a row is UNLIMITED). */
  private async limitsOf(
    em: EntityManager,
    projectIds: readonly string[],
  ): Promise<Map<string, ProjectQuotaLimits>> {
    // Refreshed: another request (or instance) may have changed them since this session read them.
    const rows = await em.find(ProjectQuota, { projectId: { $in: [...projectIds] } }, { refresh: true });
    return new Map(
      rows.map((row) => [
        row.projectId,
        {
          maxReplicas: row.maxReplicas,
          maxDeployments: row.maxDeployments,
          maxGpusByProfile: row.maxGpusByProfile,
        },
      ]),
    );
  }

  /** What the project's deployments hold now, leaving out `exceptDeploymentId` when given. */
  async usage(em: EntityManager, projectId: string, exceptDeploymentId?: string): Promise<ProjectQuotaUsage> {
    return (await this.usageOf(em, [projectId], exceptDeploymentId)).get(projectId)!;
  }

  /**
   * What several projects' deployments hold, in one statement (two with an active canary among them). A
   * deployment with an active canary holds both versions: the canary's replicas run beside the stable ones.
   */
  private async usageOf(
    em: EntityManager,
    projectIds: readonly string[],
    exceptDeploymentId?: string,
  ): Promise<Map<string, ProjectQuotaUsage>> {
    const sql = em as SqlEntityManager;
    // Raw rows, never the session's cached entities: a concurrent command may have just added one.
    const rows = (await sql
      .createQueryBuilder(Deployment)
      .select(['id', 'project', 'config', 'canary'])
      .where({ project: { $in: [...projectIds] }, status: { $in: [...HOLDING_STATUSES] } })
      .execute('all', false)) as unknown as {
      id: string;
      project_id: string;
      config: Json<DeploymentConfig>;
      canary: Json<CanaryRecord> | null;
    }[];
    const usages = new Map<string, ProjectQuotaUsage>(
      projectIds.map((id) => [id, { replicas: 0, deployments: 0, gpusByProfile: {} }]),
    );
    const add = (usage: ProjectQuotaUsage, config: DeploymentConfig) => {
      const claim = this.claimOf(config);
      usage.replicas += claim.replicas;
      if (claim.gpus)
        usage.gpusByProfile[claim.gpus.hardwareProfileId] =
          (usage.gpusByProfile[claim.gpus.hardwareProfileId] ?? 0) + claim.gpus.count;
    };
    const canaries = new Map<string, { version: number; usage: ProjectQuotaUsage }>();
    for (const row of rows) {
      const usage = usages.get(row.project_id);
      if (!usage || row.id === exceptDeploymentId) continue;
      usage.deployments += 1;
      add(usage, parsed(row.config));
      const canary = row.canary ? parsed(row.canary) : null;
      if (canary?.state === CanaryState.ACTIVE) canaries.set(row.id, { version: canary.version, usage });
    }
    if (canaries.size) {
      const versions = (await sql
        .createQueryBuilder(DeploymentVersion)
        .select(['deployment', 'version', 'config'])
        .where({
          deployment: { $in: [...canaries.keys()] },
          version: { $in: [...new Set([...canaries.values()].map((c) => c.version))] },
        })
        .execute('all', false)) as unknown as {
        deployment_id: string;
        version: number;
        config: Json<DeploymentConfig>;
      }[];
      for (const v of versions) {
        const canary = canaries.get(v.deployment_id);
        if (canary?.version === v.version) add(canary.usage, parsed(v.config));
      }
    }
    return usages;
  }

  /** A request's batches: `projects { quotas usage }` costs the same statements for 5 projects as for 50. */
  private batchesOf(em: EntityManager) {
    let batches = this.batches.get(em);
    if (!batches) {
      batches = {
        limits: new DataLoader(async (ids: readonly string[]) => {
          const found = await this.limitsOf(em, ids);
          return ids.map((id) => found.get(id) ?? UNLIMITED);
        }),
        usage: new DataLoader(async (ids: readonly string[]) => {
          const found = await this.usageOf(em, ids);
          return ids.map((id) => found.get(id)!);
        }),
      };
      this.batches.set(em, batches);
    }
    return batches;
  }

  /**
   * The first quota a command on `project` would exceed by running `next` (a new deployment when `current` is
   * null, else `current`'s new configuration: only what it adds to what it holds counts; with `alongside`, a
   * canary version started beside it).
   */
  async exceeded(
    em: EntityManager,
    project: Project,
    next: DeploymentConfig,
    current: HeldDeployment | null,
    options: { alongside?: boolean } = {},
  ): Promise<QuotaExceeded | null> {
    const limits = await this.limits(em, project.id);
    if (limits === UNLIMITED) return null;
    const usage = await this.usage(em, project.id);
    // A canary runs beside what the deployment holds: all of it is added, and the deployment is not a new one.
    if (options.alongside)
      return firstQuotaExceeded(project.slug, limits, usage, { ...this.claimOf(next), deployments: 0 });
    const held = current && HOLDING_STATUSES.includes(current.status) ? this.claimOf(current.config) : null;
    const wanted = this.claimOf(next);
    const sameProfile = held?.gpus && wanted.gpus?.hardwareProfileId === held.gpus.hardwareProfileId;
    return firstQuotaExceeded(project.slug, limits, usage, {
      replicas: wanted.replicas - (held?.replicas ?? 0),
      deployments: held ? 0 : 1,
      gpus: wanted.gpus
        ? { ...wanted.gpus, count: wanted.gpus.count - (sameProfile ? held.gpus!.count : 0) }
        : null,
    });
  }

  /** The most replicas the autoscaler may give a deployment (null: no quota caps it). */
  async replicaCapOf(em: EntityManager, deploymentRowId: string): Promise<number | null> {
    const deployment = await em.findOne(Deployment, { id: deploymentRowId }, { filters: false });
    if (!deployment) return null;
    const limits = await this.limits(em, deployment.project.id);
    if (limits === UNLIMITED) return null;
    const others = await this.usage(em, deployment.project.id, deployment.id);
    const { hardwareProfileId } = completeStoredConfig(deployment.config);
    const perReplica = this.profile(hardwareProfileId)?.gpu?.count ?? 0;
    return replicaCap(limits, others, perReplica ? { hardwareProfileId, perReplica } : null);
  }

  // ---------------------------------------------------------------- GraphQL

  async quotasOf(em: EntityManager, project: Project): Promise<ProjectQuotas> {
    const limits = await this.batchesOf(em).limits.load(project.id);
    return {
      maxReplicas: limits.maxReplicas,
      maxDeployments: limits.maxDeployments,
      maxGpus: Object.entries(limits.maxGpusByProfile).map(([hardwareProfileId, maxGpus]) => ({
        hardwareProfileId,
        maxGpus,
      })),
    };
  }

  async usageView(em: EntityManager, project: Project): Promise<ProjectQuotaUsageView> {
    const usage = await this.batchesOf(em).usage.load(project.id);
    return {
      replicas: usage.replicas,
      deployments: usage.deployments,
      gpus: Object.entries(usage.gpusByProfile).map(([hardwareProfileId, gpus]) => ({
        hardwareProfileId,
        gpus,
      })),
    };
  }

  async setQuotas(
    em: EntityManager,
    viewer: Viewer | null,
    input: SetProjectQuotasInput,
  ): Promise<{ project: Project | null; userErrors: UserError[] }> {
    const actor = requireInstanceAdmin(viewer, 'Setting project quotas');
    requireViewer(actor);
    const id = tryFromGlobalId(input.projectId, 'Project');
    const project = id ? await em.findOne(Project, { id }) : null;
    if (!project) throw notFound('Project', input.projectId);
    const errors = this.validate(input);
    if (errors.length) return { project: null, userErrors: errors };
    const to: ProjectQuotaLimits = {
      maxReplicas: input.maxReplicas ?? null,
      maxDeployments: input.maxDeployments ?? null,
      maxGpusByProfile: Object.fromEntries(
        (input.maxGpus ?? []).map((q) => [q.hardwareProfileId, q.maxGpus]),
      ),
    };
    const from = await this.limits(em, project.id);
    const row =
      (await em.findOne(ProjectQuota, { projectId: project.id })) ??
      em.create(ProjectQuota, { projectId: project.id });
    Object.assign(row, to, { updatedAt: new Date() });
    recordAudit(
      em,
      actor,
      'setProjectQuotas',
      { type: 'Project', id: project.globalId, project: project.id },
      { from, to },
    );
    await em.flush();
    return { project, userErrors: [] };
  }

  private validate(input: SetProjectQuotasInput): UserError[] {
    const errors: UserError[] = [];
    const check = (value: number | null | undefined, field: string[]) => {
      const problem = quotaValueProblem(value);
      if (problem) errors.push(userError(field, UserErrorCode.OUT_OF_RANGE, problem));
    };
    check(input.maxReplicas, ['input', 'maxReplicas']);
    check(input.maxDeployments, ['input', 'maxDeployments']);
    const seen = new Set<string>();
    (input.maxGpus ?? []).forEach((quota, i) => {
      const field = ['input', 'maxGpus', String(i)];
      const profile = this.profile(quota.hardwareProfileId);
      if (!profile?.gpu) {
        const message = profile
          ? `The hardware profile "${quota.hardwareProfileId}" has no GPU: a GPU quota needs a profile with GPUs.`
          : `No hardware profile has the ID "${quota.hardwareProfileId}".`;
        errors.push(
          userError(
            [...field, 'hardwareProfileId'],
            profile ? UserErrorCode.INVALID : UserErrorCode.NOT_FOUND,
            message,
          ),
        );
      } else if (seen.has(quota.hardwareProfileId)) {
        errors.push(
          userError(
            [...field, 'hardwareProfileId'],
            UserErrorCode.TAKEN,
            `"${quota.hardwareProfileId}" is listed twice: give each profile one quota.`,
          ),
        );
      }
      seen.add(quota.hardwareProfileId);
      check(quota.maxGpus, [...field, 'maxGpus']);
    });
    return errors;
  }

  private claimOf(stored: DeploymentConfig): Claim {
    const config = completeStoredConfig(stored);
    const replicas = config.scaling.maxReplicas;
    const gpu = this.profile(config.hardwareProfileId)?.gpu;
    return {
      replicas,
      gpus: gpu ? { hardwareProfileId: config.hardwareProfileId, count: replicas * gpu.count } : null,
    };
  }

  private profile(id: string): HardwareProfile | undefined {
    return this.deps.hardwareProfiles.find((p) => p.id === id);
  }
}

/** A JSON column as the driver returns it: text on SQLite, parsed on PostgreSQL. */
type Json<T> = string | T;

function parsed<T>(value: Json<T>): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
