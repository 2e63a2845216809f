import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error.js';
import { Role } from '../user/role.js';
import { ProjectMember } from './project-member.entity.js';
import { Project } from './project.entity.js';

@InputType({ description: 'A new project (instance ADMIN).' })
export class CreateProjectInput {
  @Field(() => String, { description: 'Display name, 1–100 characters.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Lowercase letters, digits and dashes (1–64), unique; never changes. Default: derived from the name.',
  })
  slug?: string | null;
}

@InputType({ description: 'A new name for a project (its ADMIN).' })
export class RenameProjectInput {
  @Field(() => ID, { description: 'The project.' })
  id!: string;

  @Field(() => String, { description: 'Display name, 1–100 characters.' })
  name!: string;
}

@InputType({ description: 'The project to delete (instance ADMIN).' })
export class DeleteProjectInput {
  @Field(() => ID, { description: 'The project.' })
  id!: string;
}

@InputType({ description: "A user's role in a project: added, or changed (the project's ADMIN)." })
export class SetProjectMemberInput {
  @Field(() => ID, { description: 'The project.' })
  projectId!: string;

  @Field(() => ID, { description: 'The user.' })
  userId!: string;

  @Field(() => Role, { description: 'Their role in the project.' })
  role!: Role;
}

@InputType({ description: 'A user to take out of a project (the project’s ADMIN).' })
export class RemoveProjectMemberInput {
  @Field(() => ID, { description: 'The project.' })
  projectId!: string;

  @Field(() => ID, { description: 'The user.' })
  userId!: string;
}

/** The shape of every mutation that returns a project; each mutation has its own payload type. */
@ObjectType()
export class ProjectPayload {
  @Field(() => Project, { nullable: true, description: 'The project, when the mutation succeeded.' })
  project!: Project | null;

  @Field(() => [UserError], { description: 'Why the mutation was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createProject.' })
export class CreateProjectPayload extends ProjectPayload {}

@ObjectType({ description: 'Result of renameProject.' })
export class RenameProjectPayload extends ProjectPayload {}

@ObjectType({ description: 'Result of removeProjectMember: the project without the user.' })
export class RemoveProjectMemberPayload extends ProjectPayload {}

@ObjectType({ description: 'Result of setProjectMember.' })
export class SetProjectMemberPayload extends ProjectPayload {
  @Field(() => ProjectMember, { nullable: true, description: 'The membership as it is now.' })
  member!: ProjectMember | null;
}

@ObjectType({ description: 'Result of deleteProject.' })
export class DeleteProjectPayload {
  @Field(() => ID, { nullable: true, description: 'Global ID of the deleted project.' })
  deletedProjectId!: string | null;

  @Field(() => [UserError], { description: 'Why the deletion was refused; empty on success.' })
  userErrors!: UserError[];
}
