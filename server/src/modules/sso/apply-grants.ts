import type { EntityManager } from '@mikro-orm/core';
import { syncProjectGrants } from '../project/project-grants.js';
import { DEFAULT_PROJECT_SLUG } from '../project/project.entity.js';
import type { User } from '../user/user.entity.js';
import { instanceRoleOf, projectRolesOf, type Grant } from './oidc-grants.js';

/**
 * What a sign-in does with the grants of the groups claim, given to `OidcSignIn` by the roof (app/services.ts).
 * Called inside the sign-in's unit of work at every sign-in (the provider's groups are the truth).
 */
export type ApplyGrants = (em: EntityManager, user: User, grants: Grant[]) => Promise<void> | void;

/**
 * The instance role is the highest `*:ROLE` (VIEWER without one); `<slug>:ROLE` grants become the user's
 * project memberships through the same sync host JWTs use, under the source `oidc`: a project named for the first
 * time is created, and a membership an earlier sign-in granted that the groups no longer name is removed.
 * Memberships set in Hangar itself are left alone unless a group names their project. Groups that name no
 * project put the user in the default project with the instance role, as host JWTs without a projects claim do.
 */
export function applyGroupGrants(): ApplyGrants {
  return async (em, user, grants) => {
    user.role = instanceRoleOf(grants);
    const projects = projectRolesOf(grants);
    if (projects.size === 0) projects.set(DEFAULT_PROJECT_SLUG, user.role);
    await syncProjectGrants(em, user, projects, 'oidc');
  };
}
