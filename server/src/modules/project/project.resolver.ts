import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Deployment } from '../deployment/deployment.entity.js';
import { Model } from '../model/model.entity.js';
import type { HangarContext } from '../request-context.js';
import { Role } from '../user/role.js';
import { User } from '../user/user.entity.js';
import { ProjectMember } from './project-member.entity.js';
import { Project } from './project.entity.js';
import {
  CreateProjectInput,
  CreateProjectPayload,
  DeleteProjectInput,
  DeleteProjectPayload,
  RemoveProjectMemberInput,
  RemoveProjectMemberPayload,
  RenameProjectInput,
  RenameProjectPayload,
  SetProjectMemberInput,
  SetProjectMemberPayload,
} from './project.inputs.js';
import type { ProjectService } from './project.service.js';

@Resolver(() => Project)
export class ProjectResolver {
  constructor(private readonly projectService: ProjectService) {}

  @Query(() => [Project], {
    description: 'The projects you belong to (every project for an instance ADMIN), by name.',
  })
  projects(@Ctx() ctx: HangarContext): Promise<Project[]> {
    return this.projectService.list(ctx.em, ctx.viewer);
  }

  @Query(() => Project, { description: 'One project you belong to, by global ID.' })
  project(@Arg('id', () => ID, { description: 'Global ID.' }) id: string, @Ctx() ctx: HangarContext) {
    return this.projectService.get(ctx.em, ctx.viewer, id);
  }

  @Mutation(() => CreateProjectPayload, { description: 'Creates a project (instance ADMIN).' })
  createProject(
    @Arg('input', () => CreateProjectInput) input: CreateProjectInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.projectService.create(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => RenameProjectPayload, { description: 'Renames a project (its ADMIN); the slug stays.' })
  renameProject(
    @Arg('input', () => RenameProjectInput) input: RenameProjectInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.projectService.rename(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => DeleteProjectPayload, {
    description:
      'Deletes a project (instance ADMIN). Refused for the default project and while it holds deployments or models.',
  })
  deleteProject(
    @Arg('input', () => DeleteProjectInput) input: DeleteProjectInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.projectService.delete(ctx.em, ctx.viewer, input.id);
  }

  @Mutation(() => SetProjectMemberPayload, {
    description:
      "Adds a user to a project or changes their role there (the project's ADMIN). Their open connections close and reconnect under the new role.",
  })
  setProjectMember(
    @Arg('input', () => SetProjectMemberInput) input: SetProjectMemberInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.projectService.setMember(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => RemoveProjectMemberPayload, {
    description:
      "Takes a user out of a project (the project's ADMIN). Their live subscriptions stop receiving its events at once.",
  })
  removeProjectMember(
    @Arg('input', () => RemoveProjectMemberInput) input: RemoveProjectMemberInput,
    @Ctx() ctx: HangarContext,
  ) {
    return this.projectService.removeMember(ctx.em, ctx.viewer, input);
  }

  @FieldResolver(() => [ProjectMember], { description: 'Who belongs to the project, with their roles.' })
  members(@Root() project: Project, @Ctx() ctx: HangarContext): Promise<ProjectMember[]> {
    return this.projectService.members(ctx.em, project);
  }

  @FieldResolver(() => Role, { nullable: true, description: 'Your role in this project.' })
  viewerRole(@Root() project: Project, @Ctx() ctx: HangarContext): Role | null {
    return ctx.viewer?.projectRoles.get(project.id) ?? null;
  }
}

@Resolver(() => ProjectMember)
export class ProjectMemberResolver {
  @FieldResolver(() => User, { description: 'The member.' })
  async user(@Root() member: ProjectMember): Promise<User> {
    return member.user.load({ dataloader: true }) as Promise<User>;
  }
}

@Resolver(() => Deployment)
export class DeploymentProjectResolver {
  @FieldResolver(() => Project, {
    description: 'The project the deployment (and its versions, events, keys) belongs to.',
  })
  async project(@Root() deployment: Deployment): Promise<Project> {
    return (await deployment.project.load({ dataloader: true }))!;
  }
}

@Resolver(() => Model)
export class ModelProjectResolver {
  @FieldResolver(() => Project, {
    nullable: true,
    description: 'The project the model belongs to; null for a platform model (shared by every project).',
  })
  async project(@Root() model: Model): Promise<Project | null> {
    return model.project ? ((await model.project.load({ dataloader: true })) ?? null) : null;
  }
}
