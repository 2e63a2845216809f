import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { HangarContext } from '../request-context.js';
import { Deployment } from '../deployment/deployment.entity.js';
import { Role } from '../user/role.js';
import { User } from '../user/user.entity.js';
import { requireProjectRole, requireRole } from '../user/viewer.js';
import { ApiKey } from './api-key.entity.js';
import {
  CreateApiKeyInput,
  CreateApiKeyPayload,
  CreatePlaygroundKeyInput,
  CreatePlaygroundKeyPayload,
  RevokeApiKeyInput,
  RevokeApiKeyPayload,
} from './api-key.inputs.js';
import type { ApiKeyService } from './api-key.service.js';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(private readonly apiKeyService: ApiKeyService) {}

  @Mutation(() => CreateApiKeyPayload, {
    description: 'Creates a key for one deployment; the secret is returned once.',
  })
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: HangarContext) {
    return this.apiKeyService.create(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => CreatePlaygroundKeyPayload, {
    description:
      'Issues a short-lived key (HANGAR_PLAYGROUND_KEY_SECONDS, default 15 minutes; 60 requests a minute) for the ' +
      'playground to chat with one deployment from the browser, where the signed-in user is. Needs DEPLOYER. ' +
      'Rejects an unknown deployment (NOT_FOUND) and one that is not running (INVALID_STATE: Ready to Deploy, ' +
      'Undeployed). The key is hashed at rest, audited and listed with the deployment’s keys.',
  })
  createPlaygroundKey(
    @Arg('input', () => CreatePlaygroundKeyInput) input: CreatePlaygroundKeyInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.apiKeyService.createPlayground(ctx.em, ctx.viewer, input.deploymentId);
  }

  @Mutation(() => RevokeApiKeyPayload, {
    description: 'Revokes a key: requests with it get 401 from now on.',
  })
  revokeApiKey(@Arg('input', () => RevokeApiKeyInput) input: RevokeApiKeyInput, @Ctx() ctx: HangarContext) {
    return this.apiKeyService.revoke(ctx.em, ctx.viewer, input.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who created the key.' })
  async createdBy(@Root() apiKey: ApiKey): Promise<User | null> {
    return apiKey.createdBy ? ((await apiKey.createdBy.load({ dataloader: true })) ?? null) : null;
  }
}

@Resolver(() => Deployment)
export class DeploymentServingResolver {
  constructor(private readonly apiKeyService: ApiKeyService) {}

  @FieldResolver(() => [ApiKey], {
    description: 'API keys of this deployment, newest first (revoked ones included).',
  })
  apiKeys(@Root() deployment: Deployment, @Ctx() ctx: HangarContext): Promise<ApiKey[]> {
    const viewer = requireRole(ctx.viewer, Role.DEPLOYER, 'Listing API keys');
    requireProjectRole(viewer, deployment.project.id, Role.DEPLOYER, 'Listing API keys', {
      type: 'Deployment',
      id: deployment.globalId,
    });
    return this.apiKeyService.list(ctx.em, deployment);
  }
}
