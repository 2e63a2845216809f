import type { EntityManager } from '@mikro-orm/core';
import { ApiKey } from '../api-key/api-key.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Connection } from '../connection/connection.entity.js';
import { DeploymentEvent } from '../deployment/deployment-event.entity.js';
import { DeploymentVersion } from '../deployment/deployment-version.entity.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { Model } from '../model/model.entity.js';
import { Role } from '../user/role.js';
import type { Viewer } from '../user/viewer.js';
import { ProjectMember } from './project-member.entity.js';
import { Project } from './project.entity.js';

/**
 * Makes a request's EntityManager see only the viewer's projects: every find, count and relation load of a
 * project-owned entity carries the condition, so a row of another project is missing (NOT_FOUND, absent from
 * lists and counts) wherever it is read through this session, with no per-query code to forget. Rows that belong
 * through their deployment (versions, events, keys) follow it. Platform models belong to no project: shared.
 * Only the request's fork is scoped; the system's own sessions (reconciliation, the gateway) are not.
 */
export function scopeToViewer(em: EntityManager, viewer: Viewer | null): EntityManager {
  const ids = viewer ? [...viewer.projectRoles.keys()] : [];
  const inProjects = { project: { $in: ids } };
  em.addFilter('project:Project', { id: { $in: ids } }, Project);
  em.addFilter('project:ProjectMember', inProjects, ProjectMember);
  em.addFilter('project:Model', { $or: [inProjects, { project: null }] }, Model);
  em.addFilter('project:Deployment', inProjects, Deployment);
  em.addFilter('project:Connection', inProjects, Connection);
  for (const entity of [DeploymentVersion, DeploymentEvent, ApiKey] as const)
    em.addFilter(`project:${entity.name}`, { deployment: inProjects }, entity);
  // Instance-level lines (users, projects) have no project: an instance ADMIN's, unless narrowed to one project.
  const instanceWide = viewer?.role === Role.ADMIN && !viewer.narrowed;
  em.addFilter(
    'project:AuditEvent',
    instanceWide ? { $or: [inProjects, { project: null }] } : inProjects,
    AuditEvent,
  );
  return em;
}
