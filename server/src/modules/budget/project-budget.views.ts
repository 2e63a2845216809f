import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error.js';
import { Project } from '../project/project.entity.js';

@InputType({
  description: 'A new monthly token budget for a project (every key of its deployments together).',
})
export class SetProjectBudgetInput {
  @Field(() => ID, { description: 'The project.' })
  projectId!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Tokens per calendar month (UTC), a whole number 1–1000000000000; null removes the budget.',
  })
  monthlyTokenBudget?: number | null;
}

@ObjectType({ description: 'Result of setProjectBudget.' })
export class SetProjectBudgetPayload {
  @Field(() => Project, { nullable: true, description: 'The project, with its new budget.' })
  project!: Project | null;

  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
  userErrors!: UserError[];
}
