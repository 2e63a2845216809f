import { highestRole, Role } from '../user/role.js';

/** What one group of the identity provider grants: the instance role (`*:ROLE`) or a role in one project. */
export type Grant = { scope: 'instance'; role: Role } | { scope: 'project'; project: string; role: Role };

export interface ParsedGroups {
  grants: Grant[];
  /** Groups that are not `<project-slug>:<ROLE>` nor `*:ROLE` (an IdP sends every group the user is in). */
  ignored: string[];
}

// Slugs as a URL segment would take them: lowercase letters, digits and inner hyphens.
const GRANT = /^(\*|[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?):([A-Za-z]+)$/;

/**
 * Reads the groups claim: each `<project-slug>:<ROLE>` (e.g. `acme:DEPLOYER`) grants a role in a project, `*:ROLE`
 * the instance role. Roles are matched without regard to case. The claim may be a list or one string (some IdPs
 * send a single group as a string); anything else grants nothing. Pure: the sign-in decides what to apply.
 */
export function parseGroupGrants(claim: unknown): ParsedGroups {
  const groups = Array.isArray(claim) ? claim : typeof claim === 'string' ? [claim] : [];
  const grants: Grant[] = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  for (const group of groups) {
    const text = typeof group === 'string' ? group.trim() : String(group);
    const match = GRANT.exec(text);
    const role = match?.[2]?.toUpperCase();
    if (!match?.[1] || !role || !(role in Role)) {
      ignored.push(text);
      continue;
    }
    const key = `${match[1]}:${role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    grants.push(
      match[1] === '*'
        ? { scope: 'instance', role: Role[role as keyof typeof Role] }
        : { scope: 'project', project: match[1], role: Role[role as keyof typeof Role] },
    );
  }
  return { grants, ignored };
}

/** The instance role the grants give: the highest `*:ROLE`, or VIEWER when none names one. */
export function instanceRoleOf(grants: Grant[]): Role {
  return highestRole(grants.filter((g) => g.scope === 'instance').map((g) => g.role)) ?? Role.VIEWER;
}

/** Per project, the highest role granted (a user in `acme:VIEWER` and `acme:ADMIN` is ADMIN there). */
export function projectRolesOf(grants: Grant[]): Map<string, Role> {
  const roles = new Map<string, Role>();
  for (const grant of grants) {
    if (grant.scope !== 'project') continue;
    const known = roles.get(grant.project);
    roles.set(grant.project, known ? highestRole([known, grant.role])! : grant.role);
  }
  return roles;
}
