import type { EntityManager } from '@mikro-orm/core';
import { forbidden } from '../../graphql/errors.js';
import { tryFromGlobalId } from '../../graphql/relay.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { Role, roleAtLeast } from '../user/role.js';
import type { Viewer } from '../user/viewer.js';
import { DEFAULT_PROJECT_ID, Project } from './project.entity.js';

/**
 * The project something new is created in: `projectId` when given (a project the viewer does not see is
 * NOT_FOUND, as if it did not exist), else the viewer's only project, else the default project when they are in
 * it; otherwise a userError asking for `projectId`. A lower role than `required` there is FORBIDDEN.
 * `field` is the input path of the projectId argument.
 */
export async function chooseProject(
  em: EntityManager,
  viewer: Viewer,
  projectId: string | null | undefined,
  required: Role,
  action: string,
  errors: UserError[],
  field: string[] = ['input', 'projectId'],
): Promise<Project | null> {
  let id: string | null;
  if (projectId) {
    id = tryFromGlobalId(projectId, 'Project');
    if (!id || !viewer.projectRoles.has(id)) {
      errors.push(userError(field, UserErrorCode.NOT_FOUND, `No project has the ID "${projectId}".`));
      return null;
    }
  } else if (viewer.projectRoles.size === 1) {
    id = [...viewer.projectRoles.keys()][0]!;
  } else if (viewer.projectRoles.has(DEFAULT_PROJECT_ID)) {
    id = DEFAULT_PROJECT_ID;
  } else {
    errors.push(
      userError(
        field,
        viewer.projectRoles.size ? UserErrorCode.REQUIRED : UserErrorCode.NOT_FOUND,
        viewer.projectRoles.size
          ? `You are a member of ${viewer.projectRoles.size} projects: say which one with projectId.`
          : 'You are a member of no project: ask an ADMIN to add you to one.',
      ),
    );
    return null;
  }
  const role = viewer.projectRoles.get(id)!;
  if (!roleAtLeast(role, required))
    throw forbidden(`${action} needs the ${required} role in this project; you are ${role}.`);
  const project = await em.findOne(Project, { id });
  if (!project)
    errors.push(userError(field, UserErrorCode.NOT_FOUND, `No project has the ID "${projectId}".`));
  return project;
}
