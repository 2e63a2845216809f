import type { EntityManager } from '@mikro-orm/core';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { unauthenticated } from '../../graphql/errors.js';
import { projectRolesOf } from '../project/project-access.js';
import { parseProjectGrants, syncProjectGrants } from '../project/project-grants.js';
import { ProjectMember } from '../project/project-member.entity.js';
import { DEFAULT_PROJECT_ID } from '../project/project.entity.js';
import { AccessToken } from './access-token.entity.js';
import { highestRole, Role, roleAtLeast } from './role.js';
import { hashToken, ACCESS_TOKEN_PREFIX } from './token.js';
import { User } from './user.entity.js';
import type { Viewer } from './viewer.js';

export interface AuthenticatorOptions {
  jwtSecret?: string;
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** The JWT claim holding the user's projects (slug → role); HANGAR_JWT_PROJECTS_CLAIM. */
  jwtProjectsClaim?: string;
}

/**
 * Turns a bearer token into a Viewer: either a Hangar personal access token, or a JWT issued by a host product
 * (HS256 secret or JWKS) whose `sub`, `name` and `roles` claims name the user. JWT users are upserted so that
 * "added by" shows the real person.
 */
export class Authenticator {
  private readonly jwks?: JWTVerifyGetKey;
  private readonly secret?: Uint8Array;

  constructor(private readonly options: AuthenticatorOptions) {
    if (options.jwksUrl) this.jwks = createRemoteJWKSet(new URL(options.jwksUrl));
    if (options.jwtSecret) this.secret = new TextEncoder().encode(options.jwtSecret);
  }

  /**
   * `authorization` is the raw header value (or graphql-ws connection param). Null header → null viewer.
   * `project` (an id or slug, the `x-hangar-project` header) narrows what the viewer sees to that project.
   */
  async authenticate(
    em: EntityManager,
    authorization: string | undefined | null,
    project?: string | null,
  ): Promise<Viewer | null> {
    const viewer = await this.identify(em, authorization);
    if (!viewer) return null;
    viewer.projectRoles = await projectRolesOf(em, viewer.user, viewer.role, project);
    if (project) viewer.narrowed = true;
    return viewer;
  }

  private async identify(
    em: EntityManager,
    authorization: string | undefined | null,
  ): Promise<Viewer | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    const token = match[1];
    if (token.startsWith(ACCESS_TOKEN_PREFIX)) return this.fromAccessToken(em, token);
    if (token.split('.').length === 3) return this.fromJwt(em, token);
    throw unauthenticated(
      'Unknown token: use a Hangar access token (hgr_pat_…) or a JWT from your identity provider.',
    );
  }

  /**
   * For plain HTTP routes (/metrics): null when the bearer token's viewer has `role`, otherwise the status and
   * message to answer with.
   */
  async refusalFor(
    em: EntityManager,
    authorization: string | undefined,
    role: Role,
    action: string,
  ): Promise<{ status: 401 | 403; message: string } | null> {
    let viewer: Viewer | null;
    try {
      viewer = await this.authenticate(em, authorization);
    } catch (error) {
      return { status: 401, message: (error as Error).message };
    }
    if (!viewer)
      return { status: 401, message: `${action} needs a bearer token (Authorization: Bearer <token>).` };
    if (!roleAtLeast(viewer.role, role)) {
      return { status: 403, message: `${action} needs the ${role} role; you are ${viewer.role}.` };
    }
    return null;
  }

  private async fromAccessToken(em: EntityManager, token: string): Promise<Viewer> {
    const record = await em.findOne(AccessToken, { hash: hashToken(token) }, { populate: ['user'] });
    if (!record || record.revokedAt) throw unauthenticated('This access token is invalid or revoked.');
    const now = new Date();
    if (record.expiresAt && record.expiresAt.getTime() <= now.getTime())
      throw unauthenticated('This sign-in session expired: sign in again.');
    const user = record.user.getEntity();
    // Recording last use is best effort: a lost update must not fail the request.
    if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > 60_000) {
      await em.nativeUpdate(AccessToken, { id: record.id }, { lastUsedAt: now }).catch(() => undefined);
    }
    return {
      user,
      role: user.role,
      projectRoles: new Map(),
      accessTokenId: record.id,
      ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
    };
  }

  private async fromJwt(em: EntityManager, token: string): Promise<Viewer> {
    const key = this.jwks ?? this.secret;
    if (!key) throw unauthenticated('JWTs are not accepted: set HANGAR_JWT_SECRET or HANGAR_JWKS_URL.');
    let payload: JWTPayload;
    try {
      const verifyOptions = { issuer: this.options.jwtIssuer, audience: this.options.jwtAudience };
      payload =
        key instanceof Uint8Array
          ? (await jwtVerify(token, key, { ...verifyOptions, algorithms: ['HS256'] })).payload
          : (await jwtVerify(token, key, verifyOptions)).payload;
    } catch (error) {
      throw unauthenticated(`The JWT was refused: ${(error as Error).message}`);
    }
    if (typeof payload.sub !== 'string' || !payload.sub) throw unauthenticated('The JWT has no "sub" claim.');
    const claimed = Array.isArray(payload.roles)
      ? payload.roles
      : typeof payload.roles === 'string'
        ? [payload.roles]
        : [];
    const roles = claimed
      .map((r) => String(r).toUpperCase())
      .filter((r): r is Role => r in Role)
      .map((r) => Role[r]);
    const role = highestRole(roles) ?? Role.VIEWER;
    const name = typeof payload.name === 'string' && payload.name ? payload.name : payload.sub;
    const externalId = `jwt:${payload.sub}`;
    const email = typeof payload.email === 'string' && payload.email.includes('@') ? payload.email : null;
    let user = await em.findOne(User, { externalId });
    const grants = parseProjectGrants(payload[this.options.jwtProjectsClaim ?? 'hangar_projects']);
    if (!user) {
      user = em.create(User, { name, role, externalId, email });
      // Without a projects claim a host's user joins the default project with the JWT's role, as every user
      // did before projects existed; with one, the claim alone says where they belong.
      if (!grants) em.create(ProjectMember, { project: DEFAULT_PROJECT_ID, user, role, grantedBy: 'jwt' });
      await em.flush();
    } else if (user.name !== name || user.role !== role || user.email !== email) {
      user.name = name;
      user.role = role;
      user.email = email;
      await em.flush();
    }
    if (grants) await syncProjectGrants(em, user, grants, 'jwt');
    return {
      user,
      role,
      projectRoles: new Map(),
      ...(payload.exp ? { expiresAt: new Date(payload.exp * 1000) } : {}),
    };
  }
}
