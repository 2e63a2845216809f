import { forbidden, notFound, unauthenticated } from '../../graphql/errors.js';
import { highestRole, Role, roleAtLeast } from './role.js';
import type { User } from './user.entity.js';

/** Who makes a request: the user, their instance role and their role in each project they may see. */
export interface Viewer {
  user: User;
  /** The instance role (a JWT's roles may differ from the stored one). Only ADMIN means more than projects do. */
  role: Role;
  /**
   * Project id → role, for every project this request may see: the memberships (an instance ADMIN is ADMIN in
   * every project), narrowed to one project when the request names it (`x-hangar-project`). Everything else does
   * not exist for this request.
   */
  projectRoles: Map<string, Role>;
  /** The request named one project (`x-hangar-project`): instance-level things are out of its view too. */
  narrowed?: boolean;
  /** The personal access token the request came with (sockets close when it is revoked). */
  accessTokenId?: string;
  /**
   * When the credential stops being valid (a host JWT's `exp`, a single sign-on session's `expiresAt`): a WebSocket
   * opened with it closes then.
   */
  expiresAt?: Date;
}

/** The highest role the viewer holds in a project it sees (null: a member of no project). */
export function highestProjectRole(viewer: Viewer): Role | null {
  return highestRole([...viewer.projectRoles.values()]);
}

/**
 * Throws UNAUTHENTICATED without a viewer, FORBIDDEN when no project the viewer sees grants `required`. Services
 * call this first; what acts on one object then checks that object's project (`requireProjectRole`).
 */
export function requireRole(viewer: Viewer | null, required: Role, action: string): Viewer {
  if (!viewer) throw unauthenticated();
  const best = highestProjectRole(viewer);
  if (!best) throw forbidden(`${action} needs the ${required} role in a project; you are a member of none.`);
  if (!roleAtLeast(best, required)) throw forbidden(`${action} needs the ${required} role; you are ${best}.`);
  return viewer;
}

/** Throws UNAUTHENTICATED without a viewer: what is the viewer's own (their profile, their tokens). */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** Users and projects themselves: instance ADMINs only. */
export function requireInstanceAdmin(viewer: Viewer | null, action: string): Viewer {
  if (!viewer) throw unauthenticated();
  if (viewer.role !== Role.ADMIN)
    throw forbidden(`${action} needs the instance ADMIN role; you are ${viewer.role}.`);
  return viewer;
}

/**
 * The role check on one object, by its project. A project the viewer does not see answers NOT_FOUND like a
 * missing object (no existence leak); a lower role in a project they do see answers FORBIDDEN.
 */
export function requireProjectRole(
  viewer: Viewer,
  projectId: string,
  required: Role,
  action: string,
  missing: { type: string; id: string },
): Viewer {
  const role = viewer.projectRoles.get(projectId);
  if (!role) throw notFound(missing.type, missing.id);
  if (!roleAtLeast(role, required))
    throw forbidden(`${action} needs the ${required} role in this project; you are ${role}.`);
  return viewer;
}

/**
 * A user's e-mail and role are theirs: "added by" and "deployed by" show every viewer the name, and only an ADMIN
 * or the user themself the rest.
 */
export function canSeePrivateDetails(viewer: Viewer | null, user: User): boolean {
  return viewer !== null && (viewer.role === Role.ADMIN || viewer.user.id === user.id);
}
