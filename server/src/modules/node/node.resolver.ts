import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Deployment } from '../deployment/deployment.entity.js';
import { DeploymentVersion } from '../deployment/deployment-version.entity.js';
import { Model } from '../model/model.entity.js';
import { Role } from '../user/role.js';
import { User } from '../user/user.entity.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { requireRole } from '../user/viewer.js';
import type { HangarContext } from '../request-context.js';
import { fromGlobalId, NodeEntity } from '../../graphql/relay.js';

/** Types `node(id:)` can refetch; modules with their own Node types register them here. */
export const NODE_TYPES: Record<string, { entity: new () => NodeEntity; role: Role }> = {
  Model: { entity: Model, role: Role.VIEWER },
  Deployment: { entity: Deployment, role: Role.VIEWER },
  DeploymentVersion: { entity: DeploymentVersion, role: Role.VIEWER },
  User: { entity: User, role: Role.ADMIN },
  ApiKey: { entity: ApiKey, role: Role.DEPLOYER },
};

@Resolver()
export class NodeResolver {
  @Query(() => NodeEntity, { nullable: true, description: 'Refetches any object by its global ID.' })
  async node(
    @Arg('id', () => ID, { description: 'Global ID.' }) id: string,
    @Ctx() ctx: HangarContext,
  ): Promise<NodeEntity | null> {
    requireRole(ctx.viewer, Role.VIEWER, 'Reading objects');
    let decoded: { type: string; id: string };
    try {
      decoded = fromGlobalId(id);
    } catch {
      return null;
    }
    const type = NODE_TYPES[decoded.type];
    if (!type) return null;
    if (decoded.type === 'User' && ctx.viewer?.user.id === decoded.id) return ctx.viewer.user;
    requireRole(ctx.viewer, type.role, `Reading a ${decoded.type}`);
    return (await ctx.em.findOne(type.entity, { id: decoded.id } as never)) ?? null;
  }
}
