import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error.js';
import { ApiKey } from '../api-key/api-key.entity.js';

@ObjectType('TokenBudget', {
  description:
    'The monthly token budget of an API key (or of a project: every key of its deployments together) and its use ' +
    'this calendar month (UTC), across every instance. A spent budget answers 429 insufficient_quota until the ' +
    'month ends.',
})
export class ApiKeyBudget {
  @Field(() => Float, {
    nullable: true,
    description: 'Tokens (prompt + completion) the key (or project) may spend per month; null for no budget.',
  })
  monthlyTokenBudget!: number | null;

  @Field(() => Float, { description: 'Tokens spent this month.' })
  usedTokens!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Tokens left this month (never below 0); null for no budget.',
  })
  remainingTokens!: number | null;

  @Field(() => Date, { description: 'The first instant of this month (UTC).' })
  periodStart!: Date;

  @Field(() => Date, { description: 'When the budget resets: the first instant of next month (UTC).' })
  periodEnd!: Date;

  @Field(() => Boolean, { description: 'Whether this month’s 80 % warning was sent.' })
  warned!: boolean;
}

@InputType({ description: 'A new monthly token budget for an API key.' })
export class SetApiKeyBudgetInput {
  @Field(() => ID, { description: 'The key.' })
  apiKeyId!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Tokens per calendar month (UTC), a whole number 1–1000000000000; null removes the budget.',
  })
  monthlyTokenBudget?: number | null;
}

@ObjectType({ description: 'Result of setApiKeyBudget.' })
export class SetApiKeyBudgetPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key, with its new budget.' })
  apiKey!: ApiKey | null;

  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
  userErrors!: UserError[];
}
