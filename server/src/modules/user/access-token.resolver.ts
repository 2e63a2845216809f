import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Connection, CONNECTION_PAGE, pageSizeDescription } from '../../graphql/connection.js';
import type { HangarContext } from '../request-context.js';
import { UserError } from '../../graphql/user-error.js';
import { AccessToken } from './access-token.entity.js';
import type { AccessTokenService } from './access-token.service.js';
import { User } from './user.entity.js';

const AccessTokenConnection = Connection(AccessToken, 'AccessToken');

@ArgsType()
class AccessTokensArgs {
  @Field(() => Int, { nullable: true, description: pageSizeDescription(CONNECTION_PAGE) })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to continue after.' })
  after?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Every user's tokens instead of your own (ADMIN only; default false).",
  })
  allUsers?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Include revoked tokens (default false).' })
  includeRevoked?: boolean | null;
}

@InputType({ description: 'The access token to revoke.' })
class RevokeAccessTokenInput {
  @Field(() => ID, { description: 'Global ID of the access token (from `accessTokens`).' })
  id!: string;
}

@ObjectType({ description: 'Result of revokeAccessToken.' })
class RevokeAccessTokenPayload {
  @Field(() => AccessToken, { nullable: true, description: 'The revoked token.' })
  accessToken!: AccessToken | null;

  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
  userErrors!: UserError[];
}

@Resolver(() => AccessToken)
export class AccessTokenResolver {
  constructor(private readonly accessTokenService: AccessTokenService) {}

  @Query(() => AccessTokenConnection, {
    description: "Your personal access tokens, newest first (an ADMIN may list everyone's with allUsers).",
  })
  accessTokens(@Args(() => AccessTokensArgs) args: AccessTokensArgs, @Ctx() ctx: HangarContext) {
    return this.accessTokenService.list(ctx.em, ctx.viewer, args);
  }

  @Mutation(() => RevokeAccessTokenPayload, {
    description:
      "Revokes one of your access tokens (an ADMIN: anyone's); requests with it get 401 from now on.",
  })
  revokeAccessToken(
    @Arg('input', () => RevokeAccessTokenInput) input: RevokeAccessTokenInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.accessTokenService.revoke(ctx.em, ctx.viewer, input.id);
  }

  @FieldResolver(() => User, { description: 'Whose token it is.' })
  owner(@Root() token: AccessToken): Promise<User> {
    // Loaded already when listed (populate); one query after a revoke.
    return token.user.loadOrFail();
  }
}
