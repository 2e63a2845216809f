import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error.js';
import { ApiKey } from './api-key.entity.js';

@InputType({ description: 'A new API key for one deployment.' })
export class CreateApiKeyInput {
  @Field(() => ID, { description: 'The deployment the key opens.' })
  deploymentId!: string;

  @Field(() => String, { description: 'A name to recognise the key (1–100 characters).' })
  name!: string;

  @Field(() => Date, { nullable: true, description: 'Optional expiry; must be in the future.' })
  expiresAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Optional rate limit in requests per minute (1–100000).' })
  rateLimitPerMinute?: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Optional budget: tokens (prompt + completion) per calendar month (UTC), a whole number 1–1000000000000. ' +
      'A spent budget answers 429 insufficient_quota until the month ends; null for no budget.',
  })
  monthlyTokenBudget?: number | null;
}

@InputType({ description: 'The deployment to chat with from the playground.' })
export class CreatePlaygroundKeyInput {
  @Field(() => ID, { description: 'The deployment (its global ID); it must be running.' })
  deploymentId!: string;
}

@InputType({ description: 'Identifies an API key.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The key.' })
  id!: string;
}

@ObjectType({ description: 'Result of createApiKey: the secret is returned this once and never again.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The new key (without its secret).' })
  apiKey!: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: 'The secret. Copy it now: Hangar stores only its hash.',
  })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of revokeApiKey.' })
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The revoked key.' })
  apiKey!: ApiKey | null;

  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({
  description: 'Result of createPlaygroundKey: a short-lived secret for the browser to keep in memory only.',
})
export class CreatePlaygroundKeyPayload {
  @Field(() => ApiKey, {
    nullable: true,
    description: 'The key (listed with the deployment’s keys, named "Playground · <user>").',
  })
  apiKey!: ApiKey | null;

  @Field(() => String, { nullable: true, description: 'The secret; it stops working at `apiKey.expiresAt`.' })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Why it was refused; empty on success.' })
  userErrors!: UserError[];
}
