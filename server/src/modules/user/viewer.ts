import { forbidden, unauthenticated } from '../../graphql/errors.js';
import { Role, roleAtLeast } from './role.js';
import type { User } from './user.entity.js';

/** Who makes a request: the user and the role in force (a JWT's roles may differ from the stored one). */
export interface Viewer {
  user: User;
  role: Role;
  /** The personal access token the request came with (sockets close when it is revoked). */
  accessTokenId?: string;
  /**
   * When the credential stops being valid (a host JWT's `exp`, a single sign-on session's `expiresAt`): a WebSocket
   * opened with it closes then.
   */
  expiresAt?: Date;
}

/** Throws UNAUTHENTICATED without a viewer, FORBIDDEN below `required`. Services call this first. */
export function requireRole(viewer: Viewer | null, required: Role, action: string): Viewer {
  if (!viewer) throw unauthenticated();
  if (!roleAtLeast(viewer.role, required)) {
    throw forbidden(`${action} needs the ${required} role; you are ${viewer.role}.`);
  }
  return viewer;
}

/**
 * A user's e-mail and role are theirs: "added by" and "deployed by" show every viewer the name, and only an ADMIN
 * or the user themself the rest.
 */
export function canSeePrivateDetails(viewer: Viewer | null, user: User): boolean {
  return viewer !== null && (viewer.role === Role.ADMIN || viewer.user.id === user.id);
}
