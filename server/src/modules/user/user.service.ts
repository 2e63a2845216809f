import type { EntityManager } from '@mikro-orm/core';
import { chmod, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../core/logger.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { AccessToken } from './access-token.entity.js';
import { Role } from './role.js';
import { generateAccessToken } from './token.js';
import { User } from './user.entity.js';
import { requireInstanceAdmin, requireViewer, type Viewer } from './viewer.js';
import { ProjectMember } from '../project/project-member.entity.js';
import { DEFAULT_PROJECT_ID, Project } from '../project/project.entity.js';
import { fromGlobalId, tryFromGlobalId } from '../../graphql/relay.js';
import { notFound } from '../../graphql/errors.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';

export class UserService {
  constructor(
    private readonly logger: Logger,
    private readonly pubsub?: HangarPubSub,
  ) {}

  /**
   * First start on an empty database: create an admin, print its token once and write it to
   * `<dataDir>/admin-token` (mode 0600). Returns the token when one was created.
   */
  async bootstrapAdmin(em: EntityManager, dataDir: string): Promise<string | null> {
    if ((await em.count(User, {})) > 0) return null;
    const admin = em.create(User, { name: 'admin', role: Role.ADMIN, createdAt: new Date() });
    const token = generateAccessToken();
    em.create(AccessToken, {
      user: admin,
      name: 'bootstrap',
      prefix: token.prefix,
      hash: token.hash,
      createdAt: new Date(),
    });
    recordAudit(em, null, 'bootstrapAdmin', { type: 'User', id: admin.globalId, project: null });
    await em.flush();
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, 'admin-token');
    await writeFile(file, token.secret + '\n', { mode: 0o600 });
    await chmod(file, 0o600);
    // Printed once, on purpose, to the terminal (not through the logger, which may ship lines elsewhere).
    process.stdout.write(
      `\nHangar created the first admin. Its access token (also in ${file}):\n\n  ${token.secret}\n\n`,
    );
    this.logger.info({ file }, 'created the first admin; token written to the admin-token file');
    return token.secret;
  }

  async createUser(
    em: EntityManager,
    viewer: Viewer | null,
    input: { name: string; role: Role; email?: string | null; projectId?: string | null },
  ): Promise<{ user: User | null; token: string | null; userErrors: UserError[] }> {
    const actor = requireInstanceAdmin(viewer, 'Creating users');
    const projectId = input.projectId ? tryFromGlobalId(input.projectId, 'Project') : DEFAULT_PROJECT_ID;
    const project = projectId ? await em.findOne(Project, { id: projectId }) : null;
    if (!project) {
      return {
        user: null,
        token: null,
        userErrors: [userError(['input', 'projectId'], UserErrorCode.NOT_FOUND, 'No project has this ID.')],
      };
    }
    if (!input.name.trim()) {
      return {
        user: null,
        token: null,
        userErrors: [userError(['input', 'name'], UserErrorCode.REQUIRED, 'Give the user a name.')],
      };
    }
    const email = input.email?.trim() || null;
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      return {
        user: null,
        token: null,
        userErrors: [userError(['input', 'email'], UserErrorCode.INVALID, 'This is not an email address.')],
      };
    }
    const user = em.create(User, { name: input.name.trim(), role: input.role, email });
    const token = generateAccessToken();
    em.create(AccessToken, {
      user,
      name: 'initial',
      prefix: token.prefix,
      hash: token.hash,
      createdAt: new Date(),
    });
    // A user starts in one project (the default one unless named) with the role given: the instance role is
    // the same role, and only its ADMIN means more (every project).
    em.create(ProjectMember, { project, user, role: input.role });
    recordAudit(
      em,
      actor,
      'createUser',
      { type: 'User', id: user.globalId, project: null },
      { role: input.role, project: project.slug },
    );
    await em.flush();
    return { user, token: token.secret, userErrors: [] };
  }

  async updateUserRole(
    em: EntityManager,
    viewer: Viewer | null,
    input: { id: string; role: Role },
  ): Promise<{ user: User | null; userErrors: UserError[] }> {
    const actor = requireInstanceAdmin(viewer, 'Changing roles');
    const { id } = fromGlobalId(input.id, 'User');
    const user = await em.findOne(User, { id });
    if (!user) throw notFound('User', input.id);
    if (user.id === actor.user.id && input.role !== Role.ADMIN) {
      return {
        user: null,
        userErrors: [
          userError(
            ['input', 'role'],
            UserErrorCode.INVALID,
            'You cannot lower your own role; ask another admin.',
          ),
        ],
      };
    }
    user.role = input.role;
    recordAudit(
      em,
      actor,
      'updateUserRole',
      { type: 'User', id: user.globalId, project: null },
      { role: input.role },
    );
    await em.flush();
    // Open WebSockets keep the role they connected with: closing them makes their clients reconnect under the new one.
    await this.pubsub?.publish('USER_CHANGED', { id: user.id });
    return { user, userErrors: [] };
  }

  async createAccessToken(
    em: EntityManager,
    viewer: Viewer | null,
    input: { name: string },
  ): Promise<{ token: string | null; accessToken: AccessToken | null; userErrors: UserError[] }> {
    const actor = requireViewer(viewer);
    if (!input.name.trim()) {
      return {
        token: null,
        accessToken: null,
        userErrors: [userError(['input', 'name'], UserErrorCode.REQUIRED, 'Name the token.')],
      };
    }
    const token = generateAccessToken();
    const accessToken = em.create(AccessToken, {
      user: actor.user,
      name: input.name.trim(),
      prefix: token.prefix,
      hash: token.hash,
      createdAt: new Date(),
    });
    recordAudit(
      em,
      actor,
      'createAccessToken',
      { type: 'User', id: actor.user.globalId, project: null },
      { name: input.name, prefix: token.prefix },
    );
    await em.flush();
    return { token: token.secret, accessToken, userErrors: [] };
  }
}
