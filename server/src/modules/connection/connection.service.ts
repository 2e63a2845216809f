import type { EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { notFound } from '../../graphql/errors.js';
import { fromGlobalId, tryFromGlobalId } from '../../graphql/relay.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { Role, roleAtLeast } from '../user/role.js';
import { requireProjectRole, requireRole, type Viewer } from '../user/viewer.js';
import { chooseProject } from '../project/project-choice.js';
import { decryptSecret, encryptSecret } from './connection-secret.js';
import { checkHubToken, type HubTokenCheck } from './hub-token.check.js';
import { Connection } from './connection.entity.js';
import type {
  CreateConnectionPayload,
  CreateConnectionInput,
  DeleteConnectionPayload,
} from './connection.inputs.js';

/**
 * Stored Hugging Face tokens. The token is encrypted before it reaches the database, never returned by the API
 * and never logged (audit records carry the name only).
 */
export class ConnectionService {
  constructor(
    private readonly key: Buffer,
    /** HANGAR_HF_ENDPOINT: the hub a test asks. */
    private readonly hubUrl: string = 'https://huggingface.co',
  ) {}

  async list(em: EntityManager, viewer: Viewer | null): Promise<Connection[]> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Listing connections');
    // Tokens are a DEPLOYER's business: the projects the viewer deploys in, not those they only read.
    const deploying = [...actor.projectRoles]
      .filter(([, role]) => roleAtLeast(role, Role.DEPLOYER))
      .map(([id]) => id);
    return em.find(Connection, { project: { $in: deploying } }, { orderBy: { name: 'asc' } });
  }

  async create(
    em: EntityManager,
    viewer: Viewer | null,
    input: CreateConnectionInput,
  ): Promise<CreateConnectionPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Adding a connection');
    const name = input.name.trim();
    const token = input.token.trim();
    const errors: UserError[] = [];
    const project = await chooseProject(
      em,
      actor,
      input.projectId,
      Role.DEPLOYER,
      'Adding a connection',
      errors,
    );
    if (!name || name.length > 100) {
      errors.push(
        userError(
          ['input', 'name'],
          UserErrorCode.INVALID,
          'Give the connection a name of 1 to 100 characters.',
        ),
      );
    } else if (project && (await em.count(Connection, { name, project }))) {
      errors.push(
        userError(['input', 'name'], UserErrorCode.TAKEN, `A connection named "${name}" exists already.`),
      );
    }
    if (token.length < 8 || token.length > 1000 || /\s/.test(token)) {
      errors.push(
        userError(
          ['input', 'token'],
          UserErrorCode.INVALID,
          'Paste the whole Hugging Face access token (hf_…, from huggingface.co/settings/tokens).',
        ),
      );
    }
    if (errors.length || !project) return { connection: null, userErrors: errors };
    const id = randomUUID();
    const connection = em.create(Connection, {
      id,
      project,
      name,
      encryptedToken: encryptSecret(this.key, token, id),
      tokenHint: token.slice(-4),
      createdBy: actor.user,
      createdAt: new Date(),
    });
    recordAudit(
      em,
      actor,
      'createConnection',
      { type: 'Connection', id: connection.globalId, project: project.id },
      { name },
    );
    await em.flush();
    return { connection, userErrors: [] };
  }

  async delete(em: EntityManager, viewer: Viewer | null, globalId: string): Promise<DeleteConnectionPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Deleting a connection');
    const { id } = fromGlobalId(globalId, 'Connection');
    const connection = await em.findOne(Connection, { id });
    if (!connection) throw notFound('Connection', globalId);
    requireProjectRole(actor, connection.project.id, Role.DEPLOYER, 'Deleting a connection', {
      type: 'Connection',
      id: globalId,
    });
    recordAudit(
      em,
      actor,
      'deleteConnection',
      { type: 'Connection', id: globalId, project: connection.project.id },
      { name: connection.name },
    );
    em.remove(connection);
    await em.flush();
    return { deletedConnectionId: globalId, userErrors: [] };
  }

  /** Asks the hub whether the stored token still works; the answer (never the token) is audited. */
  async test(
    em: EntityManager,
    viewer: Viewer | null,
    globalId: string,
  ): Promise<{ result: (HubTokenCheck & { checkedAt: Date }) | null; userErrors: UserError[] }> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Testing a connection');
    const errors: UserError[] = [];
    const connection = await this.find(em, globalId, ['input', 'id'], errors);
    if (!connection) return { result: null, userErrors: errors };
    requireProjectRole(actor, connection.project.id, Role.DEPLOYER, 'Testing a connection', {
      type: 'Connection',
      id: globalId,
    });
    const check = await checkHubToken(this.tokenOf(connection), this.hubUrl);
    recordAudit(
      em,
      actor,
      'testConnection',
      { type: 'Connection', id: globalId, project: connection.project.id },
      { name: connection.name, ok: check.ok, account: check.account },
    );
    await em.flush();
    return { result: { ...check, checkedAt: new Date() }, userErrors: [] };
  }

  /** The connection a deploy names (global id), or a user error. */
  async find(
    em: EntityManager,
    globalId: string,
    field: string[],
    errors: UserError[],
  ): Promise<Connection | null> {
    const id = tryFromGlobalId(globalId, 'Connection');
    const connection = id ? await em.findOne(Connection, { id }) : null;
    if (!connection)
      errors.push(userError(field, UserErrorCode.NOT_FOUND, `No connection has the ID "${globalId}".`));
    return connection;
  }

  /** The plaintext token, for the hub client and runtimes only. */
  tokenOf(connection: Connection): string {
    return decryptSecret(this.key, connection.encryptedToken, connection.id);
  }
}
