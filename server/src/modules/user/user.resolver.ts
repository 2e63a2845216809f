import {
  Extensions,
  Arg,
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
import {
  clampPageSize,
  pageSizeDescription,
  pageSizeExtensions,
  type PageSize,
} from '../../graphql/connection.js';
import type { HangarContext } from '../request-context.js';
import { UserError } from '../../graphql/user-error.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { AccessToken } from './access-token.entity.js';
import { Role } from './role.js';
import { User } from './user.entity.js';
import { canSeePrivateDetails, requireInstanceAdmin, requireRole, requireViewer } from './viewer.js';
import type { UserService } from './user.service.js';

@InputType({ description: 'A new user.' })
class CreateUserInput {
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Field(() => Role, { description: 'Role.' })
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Email for notifications ("endpoint ready").' })
  email?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The project the user joins with `role` (default: the default project).',
  })
  projectId?: string | null;
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
  @Field(() => AccessToken, { nullable: true, description: 'The new token as `accessTokens` lists it.' })
  accessToken!: AccessToken | null;

  @Field(() => String, { nullable: true, description: 'The token: shown once, store it now.' })
  token!: string | null;

  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
  userErrors!: UserError[];
}

/** Query.auditEvents: an admin reads the log in long pages. */
const AUDIT_PAGE: PageSize = { default: 100, max: 1000 };

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly userService: UserService) {}

  @FieldResolver(() => Role, {
    nullable: true,
    description: 'What this user may do; null unless you are an ADMIN or this user.',
  })
  role(@Root() user: User, @Ctx() ctx: HangarContext): Role | null {
    return canSeePrivateDetails(ctx.viewer, user) ? user.role : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Email address for notifications ("endpoint ready"); null unless you are an ADMIN or this user.',
  })
  email(@Root() user: User, @Ctx() ctx: HangarContext): string | null {
    return canSeePrivateDetails(ctx.viewer, user) ? (user.email ?? null) : null;
  }

  @Query(() => User, { description: 'The user making the request.' })
  viewer(@Ctx() ctx: HangarContext): User {
    return requireViewer(ctx.viewer).user;
  }

  @Query(() => [User], { description: 'Every user (admins only).' })
  users(@Ctx() ctx: HangarContext): Promise<User[]> {
    requireInstanceAdmin(ctx.viewer, 'Listing users');
    return ctx.em.find(User, {}, { orderBy: { createdAt: 'asc' } });
  }

  @Query(() => [AuditEvent], {
    description:
      'The audit log, newest first: the lines of the projects you are ADMIN of (an instance ADMIN also reads instance-level lines: users, projects).',
  })
  @Extensions(pageSizeExtensions(AUDIT_PAGE))
  auditEvents(
    @Ctx() ctx: HangarContext,
    @Arg('last', () => Int, { nullable: true, description: pageSizeDescription(AUDIT_PAGE, 'How many') })
    last?: number,
  ): Promise<AuditEvent[]> {
    const viewer = requireRole(ctx.viewer, Role.ADMIN, 'Reading the audit log');
    // The session already hides other projects' lines; of the rest, only projects the viewer administers.
    const administered = [...viewer.projectRoles].filter(([, role]) => role === Role.ADMIN).map(([id]) => id);
    return ctx.em.find(
      AuditEvent,
      viewer.role === Role.ADMIN && !viewer.narrowed ? {} : { project: { $in: administered } },
      { orderBy: { at: 'desc' }, limit: clampPageSize(last, AUDIT_PAGE, 1) },
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
}
