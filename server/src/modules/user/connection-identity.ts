import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { LRUCache } from 'lru-cache';
import { unauthenticated } from '../../graphql/errors.js';
import type { Visibility } from '../../graphql/live-fanout.js';
import type { Authenticator } from './authenticator.js';
import type { Role } from './role.js';
import { User } from './user.entity.js';
import type { Viewer } from './viewer.js';

/**
 * What a WebSocket keeps of its viewer after connecting: plain ids, not entities (an entity holds its session,
 * and a session per idle socket is what made connections expensive).
 */
export interface ConnectionIdentity {
  userId: string;
  role: Role;
  /** The personal access token it connected with; null for a host JWT. */
  accessTokenId: string | null;
  /** Epoch ms when its credential expires (a host JWT's `exp`, a sign-in session's end); null when it does not. */
  expiresAt: number | null;
  /** Project id → role when it connected (membership changes close the socket: USER_CHANGED). */
  projectRoles: [string, Role][];
  /** It connected naming one project (`connectionParams.project`). */
  narrowed: boolean;
}

/** Authenticates once, when the socket connects. Throws UNAUTHENTICATED like an HTTP request would. */
export async function identifyConnection(
  authenticator: Authenticator,
  em: EntityManager,
  authorization: string | undefined,
  project?: string | null,
): Promise<ConnectionIdentity | null> {
  const viewer = await authenticator.authenticate(em, authorization, project);
  if (!viewer) return null;
  return {
    userId: viewer.user.id,
    role: viewer.role,
    accessTokenId: viewer.accessTokenId ?? null,
    expiresAt: viewer.expiresAt?.getTime() ?? null,
    projectRoles: [...viewer.projectRoles].sort(([a], [b]) => (a < b ? -1 : 1)),
    narrowed: viewer.narrowed ?? false,
  };
}

/** What ends a connection when revoked: its token, or its user (deleted, role changed). */
export function connectionCredentials(identity: ConnectionIdentity): string[] {
  return identity.accessTokenId
    ? [`user:${identity.userId}`, `token:${identity.accessTokenId}`]
    : [`user:${identity.userId}`];
}

/**
 * The one place that decides what a live subscriber may read: its instance role and its projects with their
 * roles, so subscribers who see the same share an execution. An event reaches a group only when its project is
 * one the group sees (a platform model's, with no project, reaches everyone): nothing of another project, not
 * even that something changed. A subscription's selection may depend on these only, never on who the user is.
 */
export function liveVisibility(identity: ConnectionIdentity | null): Visibility<ConnectionIdentity> {
  if (!identity)
    return unauthenticated('Subscriptions need a signed-in viewer: send connectionParams.authorization.');
  const projects = new Set(identity.projectRoles.map(([id]) => id));
  return {
    key: liveVisibilityKey(identity),
    identity,
    admits: (projectId) => projectId === null || projects.has(projectId),
  };
}

/** Identities with equal keys see the same: role, narrowing, and each project with its role. */
export function liveVisibilityKey(identity: ConnectionIdentity): string {
  const projects = identity.projectRoles.map(([id, role]) => `${id}=${role}`).join(',');
  return `${identity.role}\u0000${identity.narrowed ? 'narrowed' : 'all'}\u0000${projects}`;
}

/** The viewer of a live group's execution: a reference, read from the batch's session only if a field asks. */
export function liveViewer(em: EntityManager, identity: ConnectionIdentity): Viewer {
  return {
    user: em.getReference(User, identity.userId),
    role: identity.role,
    projectRoles: new Map(identity.projectRoles),
    narrowed: identity.narrowed,
  };
}

/** The viewer of a query or mutation sent over the socket: the user as stored now. */
export async function operationViewer(
  em: EntityManager,
  identity: ConnectionIdentity | null,
): Promise<Viewer | null> {
  if (!identity) return null;
  const user = await em.findOne(User, { id: identity.userId });
  if (!user) throw unauthenticated('This user no longer exists.');
  return {
    user,
    role: identity.role,
    projectRoles: new Map(identity.projectRoles),
    narrowed: identity.narrowed,
    accessTokenId: identity.accessTokenId ?? undefined,
  };
}

/**
 * Who a credential is, remembered for a few seconds: a fleet of dashboards connecting with one token (a wall of
 * screens, a host product's service token) costs one lookup, not one per socket. Revocations and role changes
 * clear it (`forgetAll`) before they close sockets, so a revoked token cannot open a socket from the cache.
 * Keyed by the credential's SHA-256, never the token itself; failures are not cached.
 */
export class ConnectionIdentityCache {
  private readonly identities: LRUCache<string, ConnectionIdentity>;

  constructor(
    private readonly identify: (
      authorization: string | undefined,
      project?: string,
    ) => Promise<ConnectionIdentity | null>,
    options: { ttlMs?: number; maxEntries?: number } = {},
  ) {
    this.identities = new LRUCache({ max: options.maxEntries ?? 10_000, ttl: options.ttlMs ?? 10_000 });
  }

  async identityOf(authorization: string | undefined, project?: string): Promise<ConnectionIdentity | null> {
    if (!authorization) return this.identify(authorization, project);
    const key = createHash('sha256')
      .update(`${project ?? ''}\u0000${authorization}`)
      .digest('base64url');
    const known = this.identities.get(key);
    if (known && (known.expiresAt === null || known.expiresAt > Date.now())) return known;
    const identity = await this.identify(authorization, project);
    if (identity) this.identities.set(key, identity);
    return identity;
  }

  forgetAll(): void {
    this.identities.clear();
  }
}
