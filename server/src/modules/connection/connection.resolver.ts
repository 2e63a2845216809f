import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { HangarContext } from '../request-context.js';
import { Connection } from './connection.entity.js';
import {
  DeleteConnectionInput,
  CreateConnectionPayload,
  CreateConnectionInput,
  DeleteConnectionPayload,
  TestConnectionInput,
  TestConnectionPayload,
} from './connection.inputs.js';
import type { ConnectionService } from './connection.service.js';

@Resolver(() => Connection)
export class ConnectionResolver {
  constructor(private readonly connectionService: ConnectionService) {}

  @Query(() => [Connection], {
    description: 'Stored Hugging Face connections (names only; tokens are never shown).',
  })
  connections(@Ctx() ctx: HangarContext) {
    return this.connectionService.list(ctx.em, ctx.viewer);
  }

  @Mutation(() => CreateConnectionPayload, {
    description:
      'Stores a Hugging Face access token, encrypted, to deploy from private repositories. Refused: an empty or ' +
      'taken name, a token that is empty, has spaces or is implausibly short or long.',
  })
  createConnection(
    @Arg('input', () => CreateConnectionInput) input: CreateConnectionInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.connectionService.create(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => TestConnectionPayload, {
    description:
      'Checks the stored token against the configured Hugging Face hub (HANGAR_HF_ENDPOINT): `result.ok` with the ' +
      'account, or why the hub refused it or could not be reached. Needs DEPLOYER. Rejects an unknown connection ' +
      '(NOT_FOUND). The token is never returned or logged.',
  })
  testConnection(
    @Arg('input', () => TestConnectionInput) input: TestConnectionInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.connectionService.test(ctx.em, ctx.viewer, input.id);
  }

  @Mutation(() => DeleteConnectionPayload, { description: 'Deletes a stored connection and its token.' })
  deleteConnection(
    @Arg('input', () => DeleteConnectionInput) input: DeleteConnectionInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.connectionService.delete(ctx.em, ctx.viewer, input.id);
  }
}
