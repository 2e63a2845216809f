import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from '../../core/logger.js';
import type { User } from '../user/user.entity.js';
import { instanceRoleOf, projectRolesOf, type Grant } from './oidc-grants.js';

/**
 * What a sign-in does with the grants of the groups claim, given to `OidcSignIn` by the roof (app/services.ts) so
 * that project memberships can be applied by the projects module without this one knowing it. Called inside the
 * sign-in's unit of work, before its flush, at every sign-in (the provider's groups are the truth).
 */
export type ApplyGrants = (em: EntityManager, user: User, grants: Grant[]) => Promise<void> | void;

/**
 * Until projects exist: the instance role is the highest `*:ROLE` (VIEWER without one), and project grants are
 * parsed and logged, not applied.
 */
export function applyInstanceGrants(logger: Logger): ApplyGrants {
  return (_em, user, grants) => {
    user.role = instanceRoleOf(grants);
    const projects = projectRolesOf(grants);
    if (projects.size > 0)
      logger.info(
        { userId: user.id, projectGrants: Object.fromEntries(projects) },
        'single sign-on: project grants are not applied (no projects on this instance)',
      );
  };
}
