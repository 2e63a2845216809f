import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { HangarContext } from '../request-context.js';
import { UserError } from '../../graphql/user-error.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Role } from './role.js';
import { User } from './user.entity.js';
import { requireRole } from './viewer.js';
import type { UserService } from './user.service.js';

@InputType({ description: 'A new user.' })
class CreateUserInput {
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => Role, { description: 'Role.' })
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Email for notifications ("endpoint ready").' })
  email?: string | null;
}

@InputType({ description: 'A role change.' })
class UpdateUserRoleInput {
  @Field(() => ID, { description: 'The user.' })
  id!: string;

  @Field(() => Role, { description: 'New role.' })
  role!: Role;
}

@InputType({ description: 'A new personal access token for the viewer.' })
class CreateAccessTokenInput {
  @Field(() => String, { description: 'Name, to recognise it later.' })
  name!: string;
}

@InputType({ description: 'An access token to revoke.' })
class RevokeAccessTokenInput {
  @Field(() => String, { description: 'The token’s secret (hgr_pat_…).' })
  token!: string;
}

@ObjectType({ description: 'Result of revokeAccessToken.' })
class RevokeAccessTokenPayload {
  @Field(() => Boolean, { description: 'True when the token was revoked.' })
  revoked!: boolean;

  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createUser.' })
class CreateUserPayload {
  @Field(() => User, { nullable: true, description: 'The new user.' })
  user!: User | null;

  @Field(() => String, { nullable: true, description: 'Their first access token: shown once, store it now.' })
  token!: string | null;

  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of updateUserRole.' })
class UpdateUserRolePayload {
  @Field(() => User, { nullable: true, description: 'The user.' })
  user!: User | null;

  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createAccessToken.' })
class CreateAccessTokenPayload {
  @Field(() => String, { nullable: true, description: 'The token: shown once, store it now.' })
  token!: string | null;

  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
  userErrors!: UserError[];
}

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly userService: UserService) {}

  @Query(() => User, { description: 'The user making the request.' })
  viewer(@Ctx() ctx: HangarContext): User {
    return requireRole(ctx.viewer, Role.VIEWER, 'Reading the viewer').user;
  }

  @Query(() => [User], { description: 'Every user (admins only).' })
  users(@Ctx() ctx: HangarContext): Promise<User[]> {
    requireRole(ctx.viewer, Role.ADMIN, 'Listing users');
    return ctx.em.find(User, {}, { orderBy: { createdAt: 'asc' } });
  }

  @Query(() => [AuditEvent], { description: 'The audit log, newest first (admins only).' })
  auditEvents(
    @Ctx() ctx: HangarContext,
    @Arg('last', () => Int, { nullable: true, description: 'How many (default 100, at most 1000).' })
    last?: number,
  ): Promise<AuditEvent[]> {
    requireRole(ctx.viewer, Role.ADMIN, 'Reading the audit log');
    return ctx.em.find(
      AuditEvent,
      {},
      { orderBy: { at: 'desc' }, limit: Math.min(Math.max(last ?? 100, 1), 1000) },
    );
  }

  @Mutation(() => CreateUserPayload, {
    description: 'Creates a user with a first access token (admins only).',
  })
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: HangarContext) {
    return this.userService.createUser(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => UpdateUserRolePayload, { description: 'Changes a user’s role (admins only).' })
  updateUserRole(
    @Arg('input', () => UpdateUserRoleInput) input: UpdateUserRoleInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.userService.updateUserRole(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => CreateAccessTokenPayload, {
    description: 'Creates a personal access token for the viewer.',
  })
  createAccessToken(
    @Arg('input', () => CreateAccessTokenInput) input: CreateAccessTokenInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.userService.createAccessToken(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => RevokeAccessTokenPayload, {
    description:
      'Revokes a personal access token (yours, or anyone’s for admins): requests with it fail and its WebSockets close.',
  })
  revokeAccessToken(
    @Arg('input', () => RevokeAccessTokenInput) input: RevokeAccessTokenInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.userService.revokeAccessToken(ctx.em, ctx.viewer, input);
  }
}
