import type { EntityManager } from '@mikro-orm/core';
import { Role } from '../user/role.js';
import type { User } from '../user/user.entity.js';
import { ProjectMember } from './project-member.entity.js';
import { Project } from './project.entity.js';
import { isProjectSlug } from './project.rules.js';

/** Project slug → role, as an identity provider grants it. */
export type ProjectGrants = Map<string, Role>;

/**
 * Reads a projects claim: an object `{"acme": "DEPLOYER"}` (slug → role) or a list of `"acme:DEPLOYER"` strings
 * (what a groups claim looks like; a bare `"acme"` is VIEWER). Slugs are lower-cased; entries with a malformed
 * slug or an unknown role are dropped, and a slug named twice keeps its highest role. Null when the claim is
 * absent or of another shape: the caller then keeps the user's memberships as they are.
 */
export function parseProjectGrants(claim: unknown): ProjectGrants | null {
  const entries: [string, unknown][] = Array.isArray(claim)
    ? claim.map((item) => {
        const [slug = '', role = Role.VIEWER] = String(item).split(':');
        return [slug, role];
      })
    : claim && typeof claim === 'object'
      ? Object.entries(claim)
      : [];
  if (!Array.isArray(claim) && (!claim || typeof claim !== 'object')) return null;
  const grants: ProjectGrants = new Map();
  const rank = { VIEWER: 0, DEPLOYER: 1, ADMIN: 2 } as const;
  for (const [rawSlug, rawRole] of entries) {
    const slug = rawSlug.trim().toLowerCase();
    const role = String(rawRole).trim().toUpperCase();
    if (!isProjectSlug(slug) || !(role in Role)) continue;
    const known = grants.get(slug);
    if (!known || rank[role as Role] > rank[known]) grants.set(slug, role as Role);
  }
  return grants;
}

/**
 * Makes the user's claim-granted memberships equal `grants`: projects named are joined with the role (a project
 * that does not exist yet is created, named after its slug, so a host's new tenant needs no set-up in Hangar);
 * memberships an earlier claim from the same `source` granted and this one no longer names are removed.
 * Memberships set in Hangar itself are left alone unless the claim names their project. Flushes.
 * Returns whether anything changed (the caller closes the user's live connections then).
 */
export async function syncProjectGrants(
  em: EntityManager,
  user: User,
  grants: ProjectGrants,
  source = 'jwt',
): Promise<boolean> {
  const projects = grants.size
    ? await em.find(Project, { slug: { $in: [...grants.keys()] } }, { filters: false })
    : [];
  const bySlug = new Map(projects.map((p) => [p.slug, p]));
  const memberships = await em.find(
    ProjectMember,
    { user: user.id },
    { populate: ['project'], filters: false },
  );
  let changed = false;
  for (const [slug, role] of grants) {
    let project = bySlug.get(slug);
    if (!project) {
      project = em.create(Project, { name: slug, slug });
      changed = true;
    }
    const member = memberships.find((m) => m.project.id === project.id);
    if (!member) {
      em.create(ProjectMember, { project, user, role, grantedBy: source });
      changed = true;
    } else if (member.role !== role || member.grantedBy !== source) {
      member.role = role;
      member.grantedBy = source;
      changed = true;
    }
  }
  for (const member of memberships) {
    if (member.grantedBy === source && !grants.has(member.project.getEntity().slug)) {
      em.remove(member);
      changed = true;
    }
  }
  if (changed) await em.flush();
  return changed;
}
