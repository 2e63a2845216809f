import type { EntityManager } from '@mikro-orm/core';
import { notFound } from '../../graphql/errors.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { fromGlobalId, tryFromGlobalId } from '../../graphql/relay.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { Model } from '../model/model.entity.js';
import { Role } from '../user/role.js';
import { User } from '../user/user.entity.js';
import {
  requireInstanceAdmin,
  requireProjectRole,
  requireRole,
  requireViewer,
  type Viewer,
} from '../user/viewer.js';
import { ProjectMember } from './project-member.entity.js';
import { DEFAULT_PROJECT_ID, Project } from './project.entity.js';
import { isProjectSlug, slugFromName } from './project.rules.js';

type Payload = { project: Project | null; userErrors: UserError[] };

/**
 * Projects and their members. Only an instance ADMIN creates and deletes projects; a project's ADMIN (or an
 * instance ADMIN) renames it and manages its members. Reads go through the request's scoped session: a project
 * the viewer is not in is NOT_FOUND. A membership change closes the user's live connections (USER_CHANGED), so
 * a removed member's subscriptions stop at once and a changed one reconnects under the new roles.
 */
export class ProjectService {
  constructor(private readonly pubsub?: HangarPubSub) {}

  list(em: EntityManager, viewer: Viewer | null): Promise<Project[]> {
    requireViewer(viewer);
    return em.find(Project, {}, { orderBy: { name: 'asc', id: 'asc' } });
  }

  async get(em: EntityManager, viewer: Viewer | null, globalId: string): Promise<Project> {
    requireViewer(viewer);
    const id = tryFromGlobalId(globalId, 'Project');
    const project = id ? await em.findOne(Project, { id }) : null;
    if (!project) throw notFound('Project', globalId);
    return project;
  }

  /** The project an ADMIN of it acts on: NOT_FOUND outside the viewer's projects, FORBIDDEN below ADMIN in it. */
  private async asProjectAdmin(
    em: EntityManager,
    viewer: Viewer | null,
    globalId: string,
    action: string,
  ): Promise<{ actor: Viewer; project: Project }> {
    const actor = requireRole(viewer, Role.ADMIN, action);
    const project = await this.get(em, actor, globalId);
    requireProjectRole(actor, project.id, Role.ADMIN, action, { type: 'Project', id: globalId });
    return { actor, project };
  }

  async create(
    em: EntityManager,
    viewer: Viewer | null,
    input: { name: string; slug?: string | null },
  ): Promise<Payload> {
    const actor = requireInstanceAdmin(viewer, 'Creating a project');
    const name = input.name.trim();
    const slug = (input.slug ?? slugFromName(name)).trim().toLowerCase();
    const errors = validateName(name);
    if (!isProjectSlug(slug)) {
      errors.push(
        userError(
          ['input', 'slug'],
          UserErrorCode.INVALID,
          'A slug is 1–64 lowercase letters, digits and dashes, starting with a letter or digit.',
        ),
      );
    } else if (await em.count(Project, { slug }, { filters: false })) {
      errors.push(userError(['input', 'slug'], UserErrorCode.TAKEN, `A project "${slug}" exists already.`));
    }
    if (errors.length) return { project: null, userErrors: errors };
    const project = em.create(Project, { name, slug });
    recordAudit(
      em,
      actor,
      'createProject',
      { type: 'Project', id: project.globalId, project: null },
      { slug },
    );
    await em.flush();
    // The creator's own sockets and identity cache learn the new project (an instance ADMIN is in every one).
    await this.pubsub?.publish('USER_CHANGED', { id: actor.user.id });
    return { project, userErrors: [] };
  }

  async rename(
    em: EntityManager,
    viewer: Viewer | null,
    input: { id: string; name: string },
  ): Promise<Payload> {
    const { actor, project } = await this.asProjectAdmin(em, viewer, input.id, 'Renaming a project');
    const name = input.name.trim();
    const errors = validateName(name);
    if (errors.length) return { project: null, userErrors: errors };
    const from = project.name;
    project.name = name;
    recordAudit(
      em,
      actor,
      'renameProject',
      { type: 'Project', id: project.globalId, project: project.id },
      {
        from,
        to: name,
      },
    );
    await em.flush();
    return { project, userErrors: [] };
  }

  /**
   * Refused for the default project (users created without a project join it) and while the project holds
   * deployments or models: those carry history and files their own deletions clean up. Its audit lines stay,
   * as instance-level lines.
   */
  async delete(
    em: EntityManager,
    viewer: Viewer | null,
    globalId: string,
  ): Promise<{ deletedProjectId: string | null; userErrors: UserError[] }> {
    const actor = requireInstanceAdmin(viewer, 'Deleting a project');
    const project = await this.get(em, actor, globalId);
    const refuse = (code: UserErrorCode, message: string) => ({
      deletedProjectId: null,
      userErrors: [userError(['input', 'id'], code, message)],
    });
    if (project.id === DEFAULT_PROJECT_ID)
      return refuse(UserErrorCode.INVALID_STATE, 'The default project cannot be deleted.');
    const deployments = await em.count(Deployment, { project }, { filters: false });
    if (deployments)
      return refuse(
        UserErrorCode.IN_USE,
        `The project has ${deployments} deployment(s): undeploy and delete them before deleting the project.`,
      );
    const models = await em.count(Model, { project }, { filters: false });
    if (models)
      return refuse(
        UserErrorCode.IN_USE,
        `The project has ${models} model(s): delete them (and their files) before deleting the project.`,
      );
    const members = await em.find(ProjectMember, { project }, { filters: false });
    const deleted = project.globalId;
    recordAudit(
      em,
      actor,
      'deleteProject',
      { type: 'Project', id: deleted, project: null },
      {
        slug: project.slug,
      },
    );
    em.remove(project);
    await em.flush();
    for (const member of members) await this.pubsub?.publish('USER_CHANGED', { id: member.user.id });
    return { deletedProjectId: deleted, userErrors: [] };
  }

  async setMember(
    em: EntityManager,
    viewer: Viewer | null,
    input: { projectId: string; userId: string; role: Role },
  ): Promise<Payload & { member: ProjectMember | null }> {
    const { actor, project } = await this.asProjectAdmin(
      em,
      viewer,
      input.projectId,
      'Managing project members',
    );
    const user = await this.user(em, input.userId);
    if (!user) return { project: null, member: null, userErrors: [noUser(input.userId)] };
    let member = await em.findOne(ProjectMember, { project, user });
    const from = member?.role ?? null;
    if (member) {
      member.role = input.role;
      // Set in Hangar now: a later claim from the host no longer takes it away unless it names the project.
      member.grantedBy = null;
    } else member = em.create(ProjectMember, { project, user, role: input.role });
    recordAudit(
      em,
      actor,
      'setProjectMember',
      { type: 'Project', id: project.globalId, project: project.id },
      { userId: user.globalId, from, to: input.role },
    );
    await em.flush();
    await this.pubsub?.publish('USER_CHANGED', { id: user.id });
    return { project, member, userErrors: [] };
  }

  async removeMember(
    em: EntityManager,
    viewer: Viewer | null,
    input: { projectId: string; userId: string },
  ): Promise<Payload> {
    const { actor, project } = await this.asProjectAdmin(
      em,
      viewer,
      input.projectId,
      'Managing project members',
    );
    const user = await this.user(em, input.userId);
    const member = user ? await em.findOne(ProjectMember, { project, user }) : null;
    if (!user || !member) return { project: null, userErrors: [noUser(input.userId, 'in this project')] };
    recordAudit(
      em,
      actor,
      'removeProjectMember',
      { type: 'Project', id: project.globalId, project: project.id },
      { userId: user.globalId, role: member.role },
    );
    em.remove(member);
    await em.flush();
    await this.pubsub?.publish('USER_CHANGED', { id: user.id });
    return { project, userErrors: [] };
  }

  /** The members of a project the viewer sees, oldest first. */
  members(em: EntityManager, project: Project): Promise<ProjectMember[]> {
    return em.find(ProjectMember, { project }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  private async user(em: EntityManager, globalId: string): Promise<User | null> {
    let id: string;
    try {
      id = fromGlobalId(globalId, 'User').id;
    } catch {
      return null;
    }
    return em.findOne(User, { id });
  }
}

function validateName(name: string): UserError[] {
  return name && name.length <= 100
    ? []
    : [
        userError(
          ['input', 'name'],
          UserErrorCode.INVALID,
          'Give the project a name of 1 to 100 characters.',
        ),
      ];
}

function noUser(globalId: string, where = ''): UserError {
  return userError(
    ['input', 'userId'],
    UserErrorCode.NOT_FOUND,
    `No user has the ID "${globalId}"${where ? ` ${where}` : ''}.`,
  );
}
