import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Deployment } from '../deployment/deployment.entity.js';
import { DeploymentVersion } from '../deployment/deployment-version.entity.js';
import { Model } from '../model/model.entity.js';
import { Project } from '../project/project.entity.js';
import { Role, roleAtLeast } from '../user/role.js';
import { User } from '../user/user.entity.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { requireRole } from '../user/viewer.js';
import type { HangarContext } from '../request-context.js';
import { forbidden } from '../../graphql/errors.js';
import { fromGlobalId, NodeEntity } from '../../graphql/relay.js';

/**
 * Types `node(id:)` can refetch; modules with their own Node types register them here. Reads go through the
 * request's scoped session (another project's object is null, like a missing one); `projectOf` names the project
 * whose role `role` is checked in (absent: the instance role).
 */
export const NODE_TYPES: Record<
  string,
  {
    entity: new () => NodeEntity;
    role: Role;
    projectOf?: (found: never) => string | null;
    populate?: string[];
  }
> = {
  Model: { entity: Model, role: Role.VIEWER, projectOf: (m: Model) => m.project?.id ?? null },
  Deployment: { entity: Deployment, role: Role.VIEWER, projectOf: (d: Deployment) => d.project.id },
  DeploymentVersion: {
    entity: DeploymentVersion,
    role: Role.VIEWER,
    projectOf: (v: DeploymentVersion) => v.deployment.getEntity().project.id,
    populate: ['deployment'],
  },
  User: { entity: User, role: Role.ADMIN },
  ApiKey: {
    entity: ApiKey,
    role: Role.DEPLOYER,
    projectOf: (k: ApiKey) => k.deployment.getEntity().project.id,
    populate: ['deployment'],
  },
  Project: { entity: Project, role: Role.VIEWER, projectOf: (p: Project) => p.id },
};

@Resolver()
export class NodeResolver {
  @Query(() => NodeEntity, { nullable: true, description: 'Refetches any object by its global ID.' })
  async node(
    @Arg('id', () => ID, { description: 'Global ID.' }) id: string,
    @Ctx() ctx: HangarContext,
  ): Promise<NodeEntity | null> {
    const viewer = requireRole(ctx.viewer, Role.VIEWER, 'Reading objects');
    let decoded: { type: string; id: string };
    try {
      decoded = fromGlobalId(id);
    } catch {
      return null;
    }
    const type = NODE_TYPES[decoded.type];
    if (!type) return null;
    if (decoded.type === 'User' && viewer.user.id === decoded.id) return viewer.user;
    if (!type.projectOf && !roleAtLeast(viewer.role, type.role))
      throw forbidden(`Reading a ${decoded.type} needs the ${type.role} role; you are ${viewer.role}.`);
    const found = await ctx.em.findOne(type.entity, { id: decoded.id } as never, {
      populate: (type.populate ?? []) as never,
    });
    if (!found || !type.projectOf) return found ?? null;
    const projectId = type.projectOf(found as never);
    // A shared platform model is everyone's to read. The session hid other projects' objects already.
    if (projectId === null) return found;
    const role = viewer.projectRoles.get(projectId);
    if (!role) return null;
    if (!roleAtLeast(role, type.role))
      throw forbidden(
        `Reading a ${decoded.type} needs the ${type.role} role in its project; you are ${role}.`,
      );
    return found;
  }
}
