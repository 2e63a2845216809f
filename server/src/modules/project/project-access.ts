import type { EntityManager } from '@mikro-orm/core';
import { Role } from '../user/role.js';
import type { User } from '../user/user.entity.js';
import { ProjectMember } from './project-member.entity.js';
import { Project } from './project.entity.js';

/**
 * The projects a user may see and their role in each: their memberships, or every project as ADMIN for an
 * instance ADMIN. `only` (a project id or slug, from `x-hangar-project`) narrows the map to that project; one the
 * user cannot see leaves the map empty, so the request sees nothing rather than an error that would confirm it.
 */
export async function projectRolesOf(
  em: EntityManager,
  user: User,
  instanceRole: Role,
  only?: string | null,
): Promise<Map<string, Role>> {
  const roles = new Map<string, Role>();
  const slugs = new Map<string, string>();
  if (instanceRole === Role.ADMIN) {
    for (const project of await em.find(Project, {}, { filters: false })) {
      roles.set(project.id, Role.ADMIN);
      slugs.set(project.slug, project.id);
    }
  } else {
    const memberships = await em.find(
      ProjectMember,
      { user: user.id },
      { populate: ['project'], filters: false },
    );
    for (const member of memberships) {
      roles.set(member.project.id, member.role);
      slugs.set(member.project.getEntity().slug, member.project.id);
    }
  }
  if (!only) return roles;
  const id = roles.has(only) ? only : slugs.get(only.toLowerCase());
  const role = id ? roles.get(id) : undefined;
  return id && role ? new Map([[id, role]]) : new Map();
}
