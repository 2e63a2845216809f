import type { EntityManager } from '@mikro-orm/core';
import { toGlobalId, tryFromGlobalId } from '../../graphql/relay.js';
import { userError, UserErrorCode, type UserError } from '../../graphql/user-error.js';
import { Model } from '../model/model.entity.js';
import { ModelKind, ModelStatus } from '../model/model.enums.js';
import { chooseProject } from '../project/project-choice.js';
import type { Project } from '../project/project.entity.js';
import { Role } from '../user/role.js';
import type { Viewer } from '../user/viewer.js';
import type { ImportModelInput } from './import.inputs.js';

/** The base an adapter import names, READY_TO_DEPLOY and a base itself; userErrors otherwise. */
export async function findBaseModel(
  em: EntityManager,
  baseModelId: string | null | undefined,
  errors: UserError[],
): Promise<Model | null> {
  if (!baseModelId) {
    errors.push(
      userError(
        ['input', 'baseModelId'],
        UserErrorCode.REQUIRED,
        'Choose the base model this adapter was trained on (baseModelId).',
      ),
    );
    return null;
  }
  const id = tryFromGlobalId(baseModelId, 'Model');
  const base = id ? await em.findOne(Model, { id }) : null;
  if (!base) {
    errors.push(
      userError(['input', 'baseModelId'], UserErrorCode.NOT_FOUND, `No model has the ID "${baseModelId}".`),
    );
    return null;
  }
  if (base.kind !== ModelKind.BASE || base.status !== ModelStatus.READY_TO_DEPLOY) {
    errors.push(
      userError(
        ['input', 'baseModelId'],
        UserErrorCode.INVALID_STATE,
        `"${base.name}" cannot be a base: choose a base model that is READY_TO_DEPLOY (it is ${base.kind}, ${base.status}).`,
      ),
    );
  }
  return base;
}

/**
 * The project an imported model joins: `projectId`, else an adapter's base model's project, else the viewer's
 * only or default project. An adapter applies to a base of its own project (or a shared platform one): another
 * project's base does not exist for it.
 */
export async function importProject(
  em: EntityManager,
  actor: Viewer,
  input: ImportModelInput,
  base: Model | null,
  errors: UserError[],
): Promise<Project | null> {
  const project = await chooseProject(
    em,
    actor,
    input.projectId ?? (base?.project ? toGlobalId('Project', base.project.id) : null),
    Role.DEPLOYER,
    'Importing a model',
    errors,
  );
  if (base?.project && project && base.project.id !== project.id) {
    errors.push(
      userError(
        ['input', 'baseModelId'],
        UserErrorCode.NOT_FOUND,
        `No model has the ID "${input.baseModelId}".`,
      ),
    );
  }
  return project;
}
