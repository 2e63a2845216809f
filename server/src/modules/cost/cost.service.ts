import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { HardwareProfile } from '../../core/hardware-profile.js';
import { Deployment } from '../deployment/deployment.entity.js';
import type { MetricsRecorder } from '../metrics/metrics.recorder.js';
import { totalsWindow, type MetricsRangeInput } from '../metrics/metrics.range.js';
import { sumPerSubject } from '../metrics/metrics.store.js';
import type { DeploymentCost } from './cost.views.js';

/** A deployment as cost accounting sees it: its public id (the rollups' subject) and its hardware profile. */
export interface CostedDeployment {
  deploymentId: string;
  hardwareProfileId: string;
}

/** Replica time per deployment priced by its profile, summed: pure, so any set of deployments costs the same way. */
export function priceReplicaTime(
  deployments: readonly CostedDeployment[],
  replicaSeconds: ReadonlyMap<string, number>,
  profiles: readonly HardwareProfile[],
  currency: string,
): DeploymentCost {
  let replicaHours = 0;
  let gpuHours = 0;
  let amount: number | null = 0;
  for (const deployment of deployments) {
    const hours = (replicaSeconds.get(deployment.deploymentId) ?? 0) / 3600;
    const profile = profiles.find((p) => p.id === deployment.hardwareProfileId);
    replicaHours += hours;
    gpuHours += hours * (profile?.gpu?.count ?? 0);
    if (hours === 0) continue;
    const price = profile?.pricePerReplicaHour;
    amount = amount === null || price == null ? null : amount + hours * price;
  }
  return { replicaHours, gpuHours, amount, currency };
}

/** `Deployment.cost` (and, with projects, a project's): the rollups' replica time over a range, priced. */
export class CostService {
  constructor(
    private readonly orm: MikroORM,
    private readonly recorder: Pick<MetricsRecorder, 'flush'>,
    private readonly profiles: readonly HardwareProfile[],
    private readonly currency: string,
  ) {}

  /** The cost of `deployments` together over `range` (one statement); BAD_USER_INPUT on a bad range. */
  async costOf(deployments: readonly CostedDeployment[], range: MetricsRangeInput): Promise<DeploymentCost> {
    const { fromMinute, stepMinutes } = totalsWindow(range);
    // This instance's replica time up to now is written first, as metrics reads do.
    await this.recorder.flush();
    const ids = [...new Set(deployments.map((d) => d.deploymentId))];
    const seconds = await sumPerSubject(
      this.orm,
      'deployment',
      'replica_seconds',
      ids,
      fromMinute,
      fromMinute + stepMinutes,
    );
    return priceReplicaTime(deployments, seconds, this.profiles, this.currency);
  }

  /** `Project.cost`: its deployments together, read through the request's scoped session `em`. */
  async projectCost(em: EntityManager, projectId: string, range: MetricsRangeInput): Promise<DeploymentCost> {
    const deployments = await em.find(
      Deployment,
      { project: projectId },
      { fields: ['deploymentId', 'config'] },
    );
    return this.costOf(
      deployments.map((d) => ({
        deploymentId: d.deploymentId,
        hardwareProfileId: d.config.hardwareProfileId,
      })),
      range,
    );
  }
}
