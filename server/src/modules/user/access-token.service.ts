import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import {
  clampPageSize,
  CONNECTION_PAGE,
  decodeCursor,
  toConnection,
  type ConnectionShape,
} from '../../graphql/connection.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { tryFromGlobalId } from '../../graphql/relay.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { AccessToken } from './access-token.entity.js';
import { Role } from './role.js';
import { requireInstanceAdmin, requireViewer, type Viewer } from './viewer.js';

export interface AccessTokensQuery {
  first?: number | null;
  after?: string | null;
  /** ADMIN only: every user's tokens instead of the viewer's own. */
  allUsers?: boolean | null;
  includeRevoked?: boolean | null;
}

/**
 * Listing and revoking personal access tokens. Everyone manages their own; an ADMIN manages everyone's. A token
 * of someone else is "not found" for a non-admin, so ids cannot be probed.
 */
export class AccessTokenService {
  /** Without a pub/sub (tests of the service alone) revoking still works; only open sockets are not told. */
  constructor(private readonly pubsub?: HangarPubSub) {}

  async list(
    em: EntityManager,
    viewer: Viewer | null,
    query: AccessTokensQuery,
  ): Promise<ConnectionShape<AccessToken>> {
    const actor = requireViewer(viewer);
    if (query.allUsers) requireInstanceAdmin(actor, "Listing every user's access tokens");
    const where: FilterQuery<AccessToken> = {
      ...(query.allUsers ? {} : { user: actor.user.id }),
      ...(query.includeRevoked ? {} : { revokedAt: null }),
    };
    const first = clampPageSize(query.first, CONNECTION_PAGE);
    const offset = decodeCursor(query.after);
    const [items, total] = await em.findAndCount(AccessToken, where, {
      limit: first,
      offset,
      orderBy: { createdAt: 'desc', id: 'asc' },
      populate: ['user'],
    });
    return toConnection(items, offset, total);
  }

  async revoke(
    em: EntityManager,
    viewer: Viewer | null,
    globalId: string,
  ): Promise<{ accessToken: AccessToken | null; userErrors: UserError[] }> {
    const actor = requireViewer(viewer);
    const id = tryFromGlobalId(globalId, 'AccessToken');
    const token = id ? await em.findOne(AccessToken, { id }) : null;
    if (!token || (actor.role !== Role.ADMIN && token.user.id !== actor.user.id)) {
      return {
        accessToken: null,
        userErrors: [
          userError(['input', 'id'], UserErrorCode.NOT_FOUND, 'You have no access token with this ID.'),
        ],
      };
    }
    if (token.revokedAt) {
      return {
        accessToken: token,
        userErrors: [
          userError(['input', 'id'], UserErrorCode.INVALID_STATE, 'This access token is already revoked.'),
        ],
      };
    }
    token.revokedAt = new Date();
    recordAudit(
      em,
      actor,
      'revokeAccessToken',
      { type: 'AccessToken', id: token.globalId, project: null },
      { name: token.name, prefix: token.prefix, ownerId: token.user.id },
    );
    await em.flush();
    // Every instance closes the WebSockets opened with it (app/live.ts).
    await this.pubsub?.publish('ACCESS_TOKEN_REVOKED', { id: token.id });
    return { accessToken: token, userErrors: [] };
  }
}
