import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/**
 * A project's quotas, one row per project that has any (no row: unlimited). Kept beside `projects` rather than in
 * it: only an instance ADMIN writes it, and it is read only by the quota checks and `Project.quotas`.
 */
@Entity({ tableName: 'project_quotas' })
export class ProjectQuota {
  /** The project's id; the row goes with the project (on delete cascade). */
  @PrimaryKey({ type: 'uuid' })
  projectId!: string;

  @Property({ type: 'integer', nullable: true })
  maxReplicas: number | null = null;

  @Property({ type: 'integer', nullable: true })
  maxDeployments: number | null = null;

  /** Hardware profile id → max GPUs of it; a profile not listed is unlimited. */
  @Property({ type: 'json' })
  maxGpusByProfile: Record<string, number> = {};

  @Property({ type: 'datetime' })
  updatedAt: Opt<Date> = new Date();
}
