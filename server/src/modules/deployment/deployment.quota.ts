import type { EntityManager } from '@mikro-orm/core';
import type { DeploymentConfig } from '../../core/deployment-config/deployment-config.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import type { HeldDeployment, ProjectQuotaService } from '../project/project-quota.service.js';
import type { QuotaKind } from '../project/project-quotas.js';
import type { Project } from '../project/project.entity.js';

/** Which input field asked for each quota's resource (null: the whole input). */
export type QuotaFields = Record<QuotaKind, string[] | null>;

/** deployModel's and redeploy's inputs: the scaling ceiling asks for replicas, the hardware profile for GPUs. */
export const CONFIG_QUOTA_FIELDS: QuotaFields = {
  REPLICAS: ['input', 'scaling', 'maxReplicas'],
  DEPLOYMENTS: null,
  GPUS: ['input', 'hardwareProfileId'],
};

/** A command that names one field for everything (a rollback's version, a retrigger's id). */
export function quotaFieldsAt(field: string[]): QuotaFields {
  return { REPLICAS: field, DEPLOYMENTS: field, GPUS: field };
}

/**
 * Runs a command's quota check and the write it allows under the project's lock, so two commands at once cannot
 * both pass; answers a QUOTA_EXCEEDED userError at the field that asked when a quota would be exceeded. Without
 * quotas wired (tests of other parts) the work runs as is.
 */
export function withinQuota<T>(
  quotas: ProjectQuotaService | undefined,
  em: EntityManager,
  request: {
    project: Project;
    next: DeploymentConfig;
    current: HeldDeployment | null;
    /** A canary started beside the current version: all of it is added. */
    alongside?: boolean;
    fields: QuotaFields;
  },
  refuse: (errors: UserError[]) => T,
  work: () => Promise<T>,
): Promise<T> {
  if (!quotas) return work();
  return quotas.serialize(request.project.id, async () => {
    const exceeded = await quotas.exceeded(em, request.project, request.next, request.current, {
      alongside: request.alongside,
    });
    if (!exceeded) return work();
    return refuse([
      userError(request.fields[exceeded.quota], UserErrorCode.QUOTA_EXCEEDED, exceeded.message),
    ]);
  });
}
